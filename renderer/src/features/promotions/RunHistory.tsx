import { usePromotionHistoryStore } from './promotion-history-store';
import { RUN_STATUS_LABELS, formatWhen } from './promotion-format';
import { RunDetailPanel } from './RunDetailPanel';

/** Every promotion and rollback in the workspace, newest as the engine lists them; one opens in detail. */
export function RunHistory() {
  const runs = usePromotionHistoryStore((state) => state.runs);
  const detail = usePromotionHistoryStore((state) => state.detail);
  const opening = usePromotionHistoryStore((state) => state.opening);
  const open = usePromotionHistoryStore((state) => state.open);

  return (
    <section className="card run-history" data-testid="run-history">
      <h2>Runs</h2>
      {runs.length === 0 ? (
        <p className="muted" data-testid="no-runs">
          No promotion has run in this workspace yet.
        </p>
      ) : (
        <table className="promotion-table">
          <thead>
            <tr>
              <th>Run</th>
              <th>Kind</th>
              <th>Changeset</th>
              <th>Environment</th>
              <th>Started</th>
              <th>Status</th>
              <th>Message</th>
            </tr>
          </thead>
          <tbody>
            {runs.map((run) => (
              <tr
                key={run.id}
                className={detail?.id === run.id ? 'run-row selected' : 'run-row'}
                data-testid="run-row"
                data-run={run.id}
                data-kind={run.kind}
                data-status={run.status}
                onClick={() => void open(run.id)}
              >
                <td>
                  {/* The row takes the click; the button is there for the keyboard, its click bubbles up. */}
                  <button
                    type="button"
                    className="link-button"
                    aria-busy={opening === run.id}
                    data-testid="open-run"
                  >
                    <code>{run.id}</code>
                  </button>
                </td>
                <td>{run.kind}</td>
                <td>
                  <code>{run.changesetId}</code>
                </td>
                <td>{run.environment}</td>
                <td>{formatWhen(run.startedAt)}</td>
                <td>
                  <span className={`run-status status-${run.status}`}>{RUN_STATUS_LABELS[run.status]}</span>
                </td>
                <td className="run-message">{run.message ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {detail && <RunDetailPanel detail={detail} />}
    </section>
  );
}
