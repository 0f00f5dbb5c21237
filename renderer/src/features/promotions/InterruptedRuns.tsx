import { usePromotionConfirmStore } from './promotion-confirm-store';
import { interruptedRuns, usePromotionHistoryStore } from './promotion-history-store';
import { usePromotionRunStore } from './promotion-run-store';

/** Runs a crash left half done: the target is somewhere between before and after until one is chosen. */
export function InterruptedRuns() {
  const runs = interruptedRuns(usePromotionHistoryStore((state) => state.runs));
  const running = usePromotionRunStore((state) => state.running);
  const askRecovery = usePromotionConfirmStore((state) => state.askRecovery);
  if (runs.length === 0) return null;
  return (
    <div className="interrupted-runs">
      {runs.map((run) => (
        <div key={run.id} className="interrupted-run" role="alert" data-testid="interrupted-run">
          <span>
            Run <code>{run.id}</code> ({run.changesetId} → {run.environment}) was interrupted. Its writes may
            be partly applied: finish it, or put {run.environment} back as it was.
          </span>
          <span className="button-row">
            <button
              type="button"
              className="danger-outline"
              disabled={running !== null}
              onClick={() => void askRecovery(run, 'rollback')}
              data-testid="recover-rollback"
            >
              Roll back…
            </button>
            <button
              type="button"
              disabled={running !== null}
              onClick={() => void askRecovery(run, 'resume')}
              data-testid="recover-resume"
            >
              Resume…
            </button>
          </span>
        </div>
      ))}
    </div>
  );
}
