import { useEffect, useRef } from 'react';
import { ErrorBanner } from '../../components/ErrorBanner';
import { usePromotionConfirmStore } from './promotion-confirm-store';
import { usePromotionRunStore } from './promotion-run-store';
import { ChangeControlDocument } from './ChangeControlDocument';
import { BreakLeaseDialog } from './BreakLeaseDialog';
import { useLeaseBreakStore } from './lease-break-store';
import { LeaseNoticeView } from './LeaseNoticeView';
import { canRollBack } from './promotion-format';
import { RunProgress } from './RunProgress';
import { RunResultView } from './RunResultView';
import { rollbackCounts } from './write-summary';

/**
 * The run started from this page, in place of the plan it ran: live progress, then its result
 * (status, steps, read-back), the change-control document as the run completed it, and the way back.
 */
export function RunPanel() {
  const { running, label, result, document, error, lease, action, runId } = usePromotionRunStore();
  const breaking = useLeaseBreakStore((state) => state.open);
  const { clear } = usePromotionRunStore.getState();
  const ask = usePromotionConfirmStore((state) => state.ask);
  const started = usePromotionRunStore((state) => state.started);
  const heading = useRef<HTMLHeadingElement>(null);
  const seen = useRef(started);
  // A run just confirmed replaces the plan (and the button that asked): focus follows to its heading.
  useEffect(() => {
    if (started === seen.current) return;
    seen.current = started;
    heading.current?.focus();
  }, [started]);
  if (label === null) return null;
  return (
    <section className="card run-panel" data-testid="run-panel" aria-labelledby="run-panel-title">
      <header className="plan-header">
        <h2 id="run-panel-title" ref={heading} tabIndex={-1}>
          {label}
        </h2>
        {runId && <code className="muted">{runId}</code>}
        {running === null && (
          <button
            type="button"
            className="link-button run-panel-close"
            onClick={clear}
            data-testid="close-run-panel"
          >
            Close and show the plan
          </button>
        )}
      </header>
      {/* Another machine's lease reads as who holds it and until when, not as the raw error. */}
      {error && lease === null && <ErrorBanner message={error} />}
      {lease !== null && <LeaseNoticeView notice={lease} busy={running !== null} />}
      {breaking && lease !== null && action !== null && <BreakLeaseDialog notice={lease} action={action} />}
      {/* Live progress until the result, which lists the same steps as they ended. */}
      {!result && <RunProgress />}
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
                onClick={() =>
                  ask({
                    kind: 'rollback',
                    runId: result.runId,
                    environment: result.environment,
                    tier: result.tier,
                    counts: rollbackCounts(result.steps),
                  })
                }
                data-testid="rollback-run"
              >
                Roll back…
              </button>
            </div>
          )}
          {document !== null && (
            <section className="run-document" aria-labelledby="run-document-title">
              <h3 id="run-document-title">Change-control document</h3>
              <ChangeControlDocument
                markdown={document}
                testId="run-panel-change-control"
                label="Change-control document of the run"
                firstLevel={4}
              />
            </section>
          )}
        </>
      )}
    </section>
  );
}
