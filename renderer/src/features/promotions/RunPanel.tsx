import { ErrorBanner } from '../../components/ErrorBanner';
import { usePromotionRunStore } from '../../stores/promotion-run-store';
import { canRollBack } from './promotion-format';
import { RunProgress } from './RunProgress';
import { RunResultView } from './RunResultView';

/** The run started from this page: live progress, then its result and the way back. */
export function RunPanel() {
  const { running, label, result, error, runId } = usePromotionRunStore();
  const { rollback, clear } = usePromotionRunStore.getState();
  if (label === null) return null;
  return (
    <section className="card run-panel" data-testid="run-panel">
      <header className="plan-header">
        <h2>{label}</h2>
        {runId && <code className="muted">{runId}</code>}
        {running === null && (
          <button type="button" className="link-button run-panel-close" onClick={clear}>
            Close
          </button>
        )}
      </header>
      {error && <ErrorBanner message={error} />}
      <RunProgress />
      {result && (
        <>
          <RunResultView result={result} />
          {canRollBack(result) && (
            <div className="button-row run-actions">
              <span className="muted small">
                Roll back puts every object this run wrote back as it was, if nobody changed it since.
              </span>
              <button
                type="button"
                className="danger-outline"
                disabled={running !== null}
                onClick={() => void rollback(result.runId)}
                data-testid="rollback-run"
              >
                Roll back
              </button>
            </div>
          )}
        </>
      )}
    </section>
  );
}
