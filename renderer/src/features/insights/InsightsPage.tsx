import './insights.css';
import { useEffect, useState } from 'react';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useNavigationStore } from '../../stores/navigation-store';
import { useWorkspaceStore } from '../../stores/workspace-store';
import { ExportBar } from './ExportBar';
import { GovernancePanel } from './GovernancePanel';
import { HeadlineCards } from './HeadlineCards';
import { InsightsCharts } from './InsightsCharts';
import { InsightsFilters } from './InsightsFilters';
import { periodIsEmpty, periodText } from './insights-model';
import { useInsightsStore } from './insights-store';
import { RecordsLeftOut } from './RecordsLeftOut';

/** How long an answer may take before the page says it is working: a quick one never flashes a notice. */
const LOADING_NOTICE_DELAY_MS = 300;

/** Whether `active` has lasted longer than the delay, so a fast load shows no "loading" at all. */
function useLasting(active: boolean, delayMs: number): boolean {
  const [lasting, setLasting] = useState(false);
  useEffect(() => {
    if (!active) return undefined;
    const timer = setTimeout(() => setLasting(true), delayMs);
    // Reset when the activity ends, ready for the next one to wait its delay again.
    return () => {
      clearTimeout(timer);
      setLasting(false);
    };
  }, [active, delayMs]);
  return active && lasting;
}

/** DORA's four keys and the governance picture of a period, measured from the workspace's signed records. */
export function InsightsPage() {
  const workspace = useWorkspaceStore((state) => state.current?.path ?? null);
  const head = useWorkspaceStore((state) => state.current?.head);
  const report = useInsightsStore((state) => state.report);
  const loading = useInsightsStore((state) => state.loading);
  const error = useInsightsStore((state) => state.error);
  const dismissError = useInsightsStore((state) => state.dismissError);
  const load = useInsightsStore((state) => state.load);
  const slow = useLasting(loading, LOADING_NOTICE_DELAY_MS);
  const go = useNavigationStore((state) => state.go);

  // Every commit (a run recorded, an approval pulled in) may change the figures.
  useEffect(() => {
    void useInsightsStore.getState().show(workspace);
  }, [workspace, head]);

  return (
    <div className="insights-page" data-testid="insights-page" aria-busy={loading}>
      <header className="page-header">
        <div>
          <h1>Insights</h1>
          <p className="muted page-intro">
            How often changes reach production, how long they take, how often they fail and how fast they are
            restored (DORA&rsquo;s four keys), and how they were governed. Measured offline from this
            workspace&rsquo;s signed records; a record that does not verify is left out and counted below.
          </p>
        </div>
        {report !== null && <ExportBar />}
      </header>
      {error && <ErrorBanner message={error} onDismiss={dismissError} />}
      <InsightsFilters report={report} />
      {report === null ? (
        loading ? (
          slow && (
            <p className="muted" role="status" data-testid="insights-loading">
              Reading and verifying the workspace&rsquo;s records…
            </p>
          )
        ) : error ? (
          <p className="muted" data-testid="insights-failed">
            No figures could be computed.{' '}
            <button type="button" className="link-button" onClick={() => void load()}>
              Try again
            </button>
          </p>
        ) : (
          <p className="muted" data-testid="insights-none">
            No figures yet: pick a period above to measure it.
          </p>
        )
      ) : (
        <>
          <p className="muted small" data-testid="insights-period" role="status">
            {periodText(report)}
            {slow && ' · updating…'}
          </p>
          {periodIsEmpty(report) ? (
            <EmptyState title="No promotions in this period" testId="insights-empty">
              <p>
                Insights measures promotions: how often a changeset reaches an environment, how long it took
                from being created, how often a promotion failed or was rolled back, and how long restoring
                took.
              </p>
              <p>
                To see figures, promote a changeset on the Promotions page, or pick a longer period or more
                environments above.{' '}
                <button type="button" className="link-button" onClick={() => go('promotions')}>
                  Go to Promotions
                </button>
              </p>
            </EmptyState>
          ) : (
            <>
              <HeadlineCards report={report} />
              <InsightsCharts report={report} />
            </>
          )}
          <GovernancePanel report={report} />
          <RecordsLeftOut report={report} />
        </>
      )}
    </div>
  );
}
