import { useEffect } from 'react';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useNavigationStore, type Page } from '../../stores/navigation-store';
import { useWorkspaceStore } from '../../stores/workspace-store';
import { ChangesetsPage } from '../changesets/ChangesetsPage';
import { ComparePage } from '../compare/ComparePage';
import { EnvironmentsPage } from '../environments/EnvironmentsPage';
import { HistoryPage } from '../history/HistoryPage';
import { InsightsPage } from '../insights/InsightsPage';
import { PackagesPage } from '../packages/PackagesPage';
import { ParametersPage } from '../parameters/ParametersPage';
import { PromotionsPage } from '../promotions/PromotionsPage';
import { SnapshotBrowserPage } from '../snapshots/SnapshotBrowserPage';
import { TrustPage } from '../trust/TrustPage';
import { SyncPage } from '../sync/SyncPage';
import { Sidebar } from './Sidebar';

const PAGE_COMPONENTS: Readonly<Record<Page, () => React.JSX.Element>> = {
  environments: EnvironmentsPage,
  compare: ComparePage,
  changesets: ChangesetsPage,
  promotions: PromotionsPage,
  insights: InsightsPage,
  packages: PackagesPage,
  trust: TrustPage,
  history: HistoryPage,
  sync: SyncPage,
};

export function AppShell() {
  const page = useNavigationStore((state) => state.page);
  const browsing = useNavigationStore((state) => state.browsing);
  const stopBrowsing = useNavigationStore((state) => state.stopBrowsing);
  const parametersOf = useNavigationStore((state) => state.parametersOf);
  const closeParameters = useNavigationStore((state) => state.closeParameters);
  const { error, dismissError } = useWorkspaceStore();
  const workspacePath = useWorkspaceStore((state) => state.current?.path);
  // An environment name means nothing in another workspace.
  useEffect(() => {
    stopBrowsing();
    closeParameters();
  }, [workspacePath, stopBrowsing, closeParameters]);
  const Current = PAGE_COMPONENTS[page];
  return (
    <div className="shell" data-testid="shell">
      <Sidebar />
      <main className="page">
        {error && <ErrorBanner message={error} onDismiss={dismissError} />}
        {browsing !== null ? (
          <SnapshotBrowserPage environment={browsing} />
        ) : parametersOf !== null ? (
          <ParametersPage key={parametersOf} environment={parametersOf} />
        ) : (
          <Current />
        )}
      </main>
    </div>
  );
}
