import type { EvidenceList as Evidence } from '../../../../shared/insights/insights-report';
import { plural } from '../../../../shared/insights/insights-format';
import { evidenceMeta } from './insights-model';
import { useInsightsStore } from './insights-store';

/**
 * The runs and changesets behind a figure, folded away until asked for: a run opens in detail on
 * the Promotions page, a changeset in its editor.
 */
export function EvidenceList({ evidence, label }: { evidence: Evidence; label: string }) {
  const openRun = useInsightsStore((state) => state.openRun);
  const openChangeset = useInsightsStore((state) => state.openChangeset);
  if (evidence.total === 0) return null;
  const listed = evidence.items.length;
  return (
    <details className="insights-evidence" data-testid="insights-evidence">
      <summary>
        {label} ({evidence.total})
      </summary>
      <ul>
        {evidence.items.map((item) => (
          <li key={`${item.kind}-${item.id}-${item.environment ?? ''}-${item.at ?? ''}`}>
            <button
              type="button"
              className="link-button"
              data-testid="evidence-link"
              data-kind={item.kind}
              data-id={item.id}
              onClick={() => (item.kind === 'run' ? openRun(item.id) : openChangeset(item.id))}
            >
              {item.kind === 'run' ? 'Run' : 'Changeset'} <code>{item.id}</code>
            </button>
            <span className="muted small insights-evidence-meta">{evidenceMeta(item)}</span>
          </li>
        ))}
      </ul>
      {evidence.total > listed && (
        <p className="muted small">
          The first {plural(listed, 'item')} of {evidence.total} are listed; narrow the period or the
          environments to see the others.
        </p>
      )}
    </details>
  );
}
