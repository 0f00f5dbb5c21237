import './promotions.css';
import { useEffect } from 'react';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBanner } from '../../components/ErrorBanner';
import { usePolicyStore } from './policy-store';
import { usePromotionConfirmStore } from './promotion-confirm-store';
import { usePromotionHistoryStore } from './promotion-history-store';
import { usePromotionRunStore } from './promotion-run-store';
import { usePromotionsStore } from './promotions-store';
import { useWorkspaceStore } from '../../stores/workspace-store';
import { PlanDocument } from './ChangeControlPreview';
import { ConfirmWriteDialog } from './ConfirmWriteDialog';
import { IdentityStrip } from './IdentityStrip';
import { InterruptedRuns } from './InterruptedRuns';
import { FollowUpsPanel } from '../follow-ups/FollowUpsPanel';
import { PlanView } from './PlanView';
import { PolicyEditorDialog } from './PolicyEditorDialog';
import { PromotionPicker } from './PromotionPicker';
import { RunHistory } from './RunHistory';
import { RunPanel } from './RunPanel';

/** Plan a changeset against a target, see its gates and approvals, promote it, and undo it. */
export function PromotionsPage() {
  const head = useWorkspaceStore((state) => state.current?.head);
  const preview = usePromotionsStore((state) => state.preview);
  const error = usePromotionsStore((state) => state.error);
  const notice = usePromotionsStore((state) => state.notice);
  const dismissError = usePromotionsStore((state) => state.dismissError);
  const historyError = usePromotionHistoryStore((state) => state.error);
  const dismissHistoryError = usePromotionHistoryStore((state) => state.dismissError);
  const editingPolicy = usePolicyStore((state) => state.environment !== null);
  const noChangesets = usePromotionsStore((state) => state.identityLoaded && state.changesets.length === 0);
  // A run started here takes the plan's place until it is closed: the plan it ran is stale by then.
  const showingRun = usePromotionRunStore((state) => state.label !== null);
  const confirming = usePromotionConfirmStore((state) => state.pending !== null);

  useEffect(() => {
    usePromotionRunStore.getState().listen();
  }, []);

  // Every commit (an approval from a teammate pulled in, a changeset saved) may change what is listed.
  useEffect(() => {
    void usePromotionsStore.getState().load();
    void usePromotionHistoryStore.getState().load();
  }, [head]);

  return (
    <div className="promotions-page" data-testid="promotions-page">
      <header className="page-header">
        <div>
          <h1>Promotions</h1>
          <p className="muted page-intro">
            Plan a changeset against an environment as it is now, pass its gates, promote it with every object
            read back, and roll it back if needed. Each run is recorded in the workspace.
          </p>
        </div>
      </header>
      <IdentityStrip />
      {error && <ErrorBanner message={error} onDismiss={dismissError} />}
      {historyError && <ErrorBanner message={historyError} onDismiss={dismissHistoryError} />}
      {notice && (
        <p className="info-notice" role="status" data-testid="promotions-notice">
          {notice}
        </p>
      )}
      <InterruptedRuns />
      <FollowUpsPanel />
      {noChangesets && (
        <EmptyState title="Nothing to promote yet" testId="empty-promotions">
          <p>
            Promotion starts from a changeset: pick differences in Compare, or create one under Changesets.
            Runs made from this workspace are listed below.
          </p>
        </EmptyState>
      )}
      <PromotionPicker />
      {preview && !showingRun && <PlanView preview={preview} />}
      <RunPanel />
      {preview && !showingRun && <PlanDocument markdown={preview.changeControlMarkdown} />}
      <RunHistory />
      {editingPolicy && <PolicyEditorDialog />}
      {confirming && <ConfirmWriteDialog />}
    </div>
  );
}
