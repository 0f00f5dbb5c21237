import { useEffect, useRef } from 'react';
import type { RunDetailWire } from '../../../../shared/model/promotion-wire';
import { usePromotionConfirmStore } from './promotion-confirm-store';
import { usePromotionHistoryStore } from './promotion-history-store';
import { usePromotionRunStore } from './promotion-run-store';
import { useWorkspaceStore } from '../../stores/workspace-store';
import { ChangeControlDocument } from './ChangeControlDocument';
import { GateList } from './GateList';
import { PlanSteps, PlanSummary } from './PlanSteps';
import { canRollBack } from './promotion-format';
import { RunResultView } from './RunResultView';
import { rollbackCounts } from './write-summary';

/** One past run as recorded in `runs/<id>/`: the plan it ran, how it ended, its document. */
export function RunDetailPanel({ detail }: { detail: RunDetailWire }) {
  const close = usePromotionHistoryStore((state) => state.close);
  const rolledBackBy = usePromotionHistoryStore((state) => state.rolledBackBy);
  const running = usePromotionRunStore((state) => state.running);
  const ask = usePromotionConfirmStore((state) => state.ask);
  const savePdf = usePromotionHistoryStore((state) => state.savePdf);
  const savedPdf = usePromotionHistoryStore((state) => state.savedPdf);
  const canSavePdf = useWorkspaceStore((state) => state.app?.capabilities.savePdf ?? false);
  const { plan, result } = detail;
  const panel = useRef<HTMLDivElement>(null);
  // The panel opens below the history (and any plan above it), often off screen: bring the run
  // just opened into view, and put the focus there so a keyboard or screen reader follows.
  useEffect(() => {
    const element = panel.current;
    if (element === null) return;
    element.scrollIntoView({ block: 'start' });
    element.focus({ preventScroll: true });
  }, [detail.id]);
  return (
    <div className="run-detail" data-testid="run-detail" data-run={detail.id} ref={panel} tabIndex={-1}>
      <header className="plan-header">
        <h3>
          Run <code>{detail.id}</code>: {plan.changesetId} → {plan.environment}
        </h3>
        <button type="button" className="link-button run-panel-close" onClick={close}>
          Close
        </button>
      </header>
      {result ? (
        <RunResultView result={result} />
      ) : (
        <p className="warning-text">No result recorded: the run is still going, or was interrupted.</p>
      )}
      {rolledBackBy !== null ? (
        <p className="muted" data-testid="rolled-back-by">
          Rolled back by run <code>{rolledBackBy}</code>.
        </p>
      ) : (
        result &&
        canRollBack(result) && (
          <div className="button-row run-actions">
            <span className="muted small">Refused if the objects it wrote were changed since.</span>
            <button
              type="button"
              className="danger-outline"
              disabled={running !== null}
              onClick={() =>
                ask({
                  kind: 'rollback',
                  runId: detail.id,
                  environment: result.environment,
                  tier: result.tier,
                  counts: rollbackCounts(result.steps),
                })
              }
              data-testid="rollback-history-run"
            >
              Roll back…
            </button>
          </div>
        )
      )}
      <h4>Gates when it ran</h4>
      <GateList gates={result?.gates ?? plan.gates} />
      <h4>Plan</h4>
      <PlanSummary plan={plan} />
      <PlanSteps plan={plan} />
      <h4>Change-control document</h4>
      {detail.changeControlMarkdown === null ? (
        <p className="muted">This run has no document of its own (rollbacks and recoveries do not).</p>
      ) : (
        <>
          <ChangeControlDocument
            markdown={detail.changeControlMarkdown}
            testId="run-change-control"
            label={`Change-control document of run ${detail.id}`}
            firstLevel={5}
          />
          {canSavePdf ? (
            <div className="button-row">
              <button
                type="button"
                onClick={() => void savePdf(detail.id)}
                data-testid="save-change-control-pdf"
              >
                Save as PDF…
              </button>
              {savedPdf && <span className="muted small">Saved to {savedPdf}</span>}
            </div>
          ) : (
            <p className="muted small">
              Also in the workspace as <code>runs/{detail.id}/change-control.html</code> (print it to PDF from
              a browser) and <code>.md</code>.
            </p>
          )}
        </>
      )}
    </div>
  );
}
