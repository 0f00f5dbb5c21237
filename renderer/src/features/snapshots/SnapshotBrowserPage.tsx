import { displayKey } from '../compare/flow-diff-model';
import './snapshots.css';
import { useEffect } from 'react';
import { ErrorBanner } from '../../components/ErrorBanner';
import { JsonViewer } from '../../components/JsonViewer';
import { useEnvironmentsStore } from '../../stores/environments-store';
import { useNavigationStore } from '../../stores/navigation-store';
import { useSnapshotBrowserStore } from './snapshot-browser-store';
import { countOf, shortCommit } from '../environments/environment-format';
import { TierBadge } from '../environments/TierBadge';
import { countObjects } from './snapshot-tree-rows';
import { SnapshotTreeList } from './SnapshotTreeList';

const PANE_HEIGHT = 560;

export function SnapshotBrowserPage({ environment }: { environment: string }) {
  const { tree, loading, error, filter, selected, objectText, objectLoading, objectError, open, setFilter } =
    useSnapshotBrowserStore();
  const stopBrowsing = useNavigationStore((state) => state.stopBrowsing);
  const config = useEnvironmentsStore(
    (state) => state.environments.find((view) => view.config.name === environment)?.config,
  );

  useEffect(() => {
    void open(environment);
  }, [open, environment]);

  return (
    <div className="snapshot-browser" data-testid="snapshot-browser">
      <header className="page-header">
        <div>
          <button type="button" className="link-button back-link" onClick={stopBrowsing}>
            ← Environments
          </button>
          <h1 className="browser-title">
            <span>Snapshot of {config?.label ?? environment}</span>
            {config && <TierBadge tier={config.tier} />}
            <code className="environment-name">{environment}</code>
          </h1>
          {tree && (
            <p className="muted page-intro" data-testid="snapshot-summary">
              {countOf(countObjects(tree), 'object')} in {countOf(tree.types.length, 'type')}
              {tree.commit && (
                <>
                  {' '}
                  · workspace at <code>{shortCommit(tree.commit)}</code>
                </>
              )}
            </p>
          )}
        </div>
      </header>
      {error && <ErrorBanner message={error} />}
      <div className="browser-panes">
        <section className="card browser-tree" aria-label="Objects">
          <input
            type="search"
            className="tree-filter"
            placeholder="Filter by name…"
            value={filter}
            onChange={(event) => setFilter(event.target.value)}
            aria-label="Filter objects by name"
            data-testid="snapshot-filter"
          />
          {tree ? (
            <SnapshotTreeList tree={tree} height={PANE_HEIGHT - 52} />
          ) : (
            <p className="muted">{loading ? 'Reading the snapshot…' : 'No snapshot.'}</p>
          )}
        </section>
        <section className="card browser-object" aria-label="Selected object" data-testid="snapshot-object">
          {selected ? (
            <>
              <header className="browser-object-header">
                <h2 title={selected.key}>{displayKey(selected.type, selected.key)}</h2>
                <span className="muted small">
                  {selected.type} · {selected.file}
                </span>
              </header>
              {objectError && <ErrorBanner message={objectError} />}
              {objectText !== null ? (
                <JsonViewer text={objectText} height={PANE_HEIGHT - 50} />
              ) : (
                objectLoading && <p className="muted">Reading…</p>
              )}
            </>
          ) : (
            <p className="muted browser-placeholder">
              Pick an object on the left to see its stored JSON: the canonical form Ferry compares, with ids
              replaced by references.
            </p>
          )}
        </section>
      </div>
    </div>
  );
}
