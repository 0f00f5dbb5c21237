import './environments.css';
import { useEffect } from 'react';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useEnvironmentEditorStore } from './environment-editor-store';
import { useEnvironmentsStore } from '../../stores/environments-store';
import { useSnapshotAllStore } from './snapshot-all-store';
import { useSnapshotJobsStore } from './snapshot-jobs-store';
import { useWorkspaceStore } from '../../stores/workspace-store';
import { EnvironmentEditorDialog } from './EnvironmentEditorDialog';
import { EnvironmentRow } from './EnvironmentRow';
import { SnapshotAllBar } from './SnapshotAllBar';

export function EnvironmentsPage() {
  const workspacePath = useWorkspaceStore((state) => state.current?.path);
  const { environments, loaded, loading, error, load, dismissError } = useEnvironmentsStore();
  const listen = useSnapshotJobsStore((state) => state.listen);
  const openAdd = useEnvironmentEditorStore((state) => state.openAdd);
  const editing = useEnvironmentEditorStore((state) => state.mode !== null);
  const snapshotAll = useSnapshotAllStore((state) => state.snapshotAll);
  const snapshottingAll = useSnapshotAllStore((state) => state.running);

  useEffect(() => listen(), [listen]);
  useEffect(() => {
    void load();
  }, [load, workspacePath]);

  return (
    <>
      <header className="page-header">
        <div>
          <h1>Environments</h1>
          <p className="muted page-intro">
            The orgs Ferry snapshots, compares and promotes to. Secrets stay on this machine, never in the
            workspace.
          </p>
        </div>
        {environments.length > 0 && (
          <div className="page-header-actions">
            <button
              type="button"
              disabled={snapshottingAll}
              onClick={() => void snapshotAll(environments.map((view) => view.config.name))}
              title="Snapshot every environment, one after another"
              data-testid="snapshot-all-button"
            >
              {snapshottingAll ? 'Snapshotting all…' : 'Snapshot all'}
            </button>
            <button type="button" className="primary" onClick={openAdd} data-testid="add-environment">
              Add environment
            </button>
          </div>
        )}
      </header>
      <SnapshotAllBar />
      {error && <ErrorBanner message={error} onDismiss={dismissError} />}
      {!loaded && loading && <p className="muted">Reading environments…</p>}
      {loaded && environments.length === 0 && (
        <EmptyState title="No environments yet" testId="empty-environments">
          <p>
            An environment is an org Ferry reads and writes: a Genesys Cloud org reached with an OAuth client
            (client credentials), or one of the local sandbox orgs for trying Ferry out. This workspace has
            none yet.
          </p>
          <button type="button" className="primary" onClick={openAdd} data-testid="add-environment">
            Add environment
          </button>
        </EmptyState>
      )}
      {environments.length > 0 && (
        <ul className="environment-list" data-testid="environment-list">
          {environments.map((view) => (
            <EnvironmentRow key={view.config.name} view={view} />
          ))}
        </ul>
      )}
      {editing && <EnvironmentEditorDialog />}
    </>
  );
}
