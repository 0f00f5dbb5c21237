import { diffStatuses, type DiffStatus } from '../../../../shared/diff/diff-types';
import type { DiffBrowserStore } from './diff-browser-store';
import { differenceWords, typeLabel, type StatusCounts, type StatusWords } from './diff-model';

interface DiffSummaryBarProps {
  summary: { totals: StatusCounts; byType: Record<string, StatusCounts> };
  store: DiffBrowserStore;
  aName: string;
  bName: string;
  /** Unchanged objects are counted always but listed only when asked; their chip shows only then. */
  showUnchanged: boolean;
  /** How statuses read; plain differences between a and b unless the page says otherwise. */
  words?: StatusWords;
  /** A compare of two environments: how much differs only as environments are expected to. */
  environmentSpecific?: { changes: number; objects: number } | undefined;
}

const differenceStatuses = diffStatuses.filter((status) => status !== 'unchanged');

/** Counts per status (each shows only its status while pressed) and per type (each a type filter). */
export function DiffSummaryBar({
  summary,
  store,
  aName,
  bName,
  showUnchanged,
  words,
  environmentSpecific,
}: DiffSummaryBarProps) {
  const wording = words ?? differenceWords(aName, bName);
  const filters = store((state) => state.filters);
  const toggleStatus = store((state) => state.toggleStatus);
  const setType = store((state) => state.setType);
  // A pressed "unchanged" chip stays on screen, or nothing could clear the filter it set.
  const statuses: DiffStatus[] =
    showUnchanged || filters.status === 'unchanged'
      ? [...differenceStatuses, 'unchanged']
      : differenceStatuses;
  const differences = differenceStatuses.reduce((sum, status) => sum + summary.totals[status], 0);
  const types = Object.entries(summary.byType).filter(([, counts]) =>
    statuses.some((status) => counts[status] > 0),
  );

  return (
    <section className="card diff-summary" aria-label="Summary" data-testid="diff-summary">
      <div className="diff-summary-totals">
        <strong className="diff-summary-count" data-testid="diff-total">
          {differences === 0
            ? 'No differences'
            : `${differences.toLocaleString()} difference${differences === 1 ? '' : 's'}`}
        </strong>
        <span className="muted small">{summary.totals.unchanged.toLocaleString()} unchanged</span>
        {environmentSpecific !== undefined && environmentSpecific.changes > 0 && (
          <span
            className="muted small"
            title="Fields each environment is expected to have its own value of (a calling number, an address): listed apart in each object"
            data-testid="environment-specific-count"
          >
            {environmentSpecific.changes.toLocaleString()} field
            {environmentSpecific.changes === 1 ? '' : 's'} differ per environment
            {environmentSpecific.objects > 0 &&
              ` (${environmentSpecific.objects.toLocaleString()} object${environmentSpecific.objects === 1 ? '' : 's'} differ only there)`}
          </span>
        )}
        <div className="status-toggles" role="group" aria-label="Show only one status">
          {statuses.map((status) => {
            const only = filters.status === status;
            return (
              <button
                key={status}
                type="button"
                className={`status-toggle diff-${status}${only ? ' on' : ''}`}
                aria-pressed={only}
                title={`${wording.meaning(status)}. ${only ? 'Click again to show every status.' : 'Click to show only these.'}`}
                onClick={() => toggleStatus(status)}
                data-testid={`summary-${status}`}
              >
                <span className="status-dot" aria-hidden="true" />
                {wording.label(status)} <strong>{summary.totals[status].toLocaleString()}</strong>
              </button>
            );
          })}
        </div>
      </div>
      {types.length > 0 && (
        <ul className="diff-summary-types" data-testid="summary-types">
          {types.map(([type, counts]) => (
            <li key={type}>
              <button
                type="button"
                className={filters.type === type ? 'type-summary active' : 'type-summary'}
                aria-pressed={filters.type === type}
                title={
                  filters.type === type ? 'Show every type' : `Show only ${typeLabel(type).toLowerCase()}`
                }
                onClick={() => setType(filters.type === type ? '' : type)}
              >
                <span className="type-summary-label">{typeLabel(type)}</span>
                {statuses
                  .filter((status) => counts[status] > 0)
                  .map((status) => (
                    <span
                      key={status}
                      className={`type-summary-count diff-${status}`}
                      title={wording.label(status)}
                    >
                      {counts[status].toLocaleString()} {wording.badge(status).toLowerCase()}
                    </span>
                  ))}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
