import './compare.css';
import { useEffect } from 'react';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useCompareStore } from './compare-store';
import { useDriftStore } from '../drift/drift-store';
import { useNavigationStore } from '../../stores/navigation-store';
import { useWorkspaceStore } from '../../stores/workspace-store';
import { DriftView } from '../drift/DriftView';
import { CompareTabs } from './CompareTabs';
import { CompareView } from './CompareView';

export function ComparePage() {
  const workspacePath = useWorkspaceStore((state) => state.current?.path);
  const tab = useNavigationStore((state) => state.compareTab);
  const { environments, loaded, loadError, load } = useCompareStore();
  const hasSnapshots = environments.some((view) => view.lastSnapshot !== null);

  // Re-read on every visit: snapshots may have landed since, or the workspace changed.
  const forWorkspace = useDriftStore((state) => state.forWorkspace);
  useEffect(() => {
    forWorkspace(workspacePath ?? null);
    void load(workspacePath ?? null);
  }, [load, forWorkspace, workspacePath]);

  return (
    <>
      <header className="page-header">
        <div>
          <h1>Compare</h1>
          <p className="muted page-intro">
            Differences between environments, between points in time, and between an org and its last
            snapshot, object by object and field by field.
          </p>
        </div>
      </header>
      {loadError && <ErrorBanner message={loadError} />}
      {!loaded && <p className="muted">Reading environments…</p>}
      {loaded && !loadError && !hasSnapshots && (
        <EmptyState title="Nothing to compare yet" testId="empty-compare">
          <p>
            Compare needs at least one environment snapshot. Add an environment and take a snapshot first.
          </p>
        </EmptyState>
      )}
      {loaded && hasSnapshots && (
        <>
          <CompareTabs />
          {tab === 'compare' ? <CompareView /> : <DriftView />}
        </>
      )}
    </>
  );
}
