import { useEffect } from 'react';
import { ErrorBanner } from '../../components/ErrorBanner';
import { JsonViewer } from '../../components/JsonViewer';
import { useHistoryStore } from '../../stores/history-store';
import { useWorkspaceStore } from '../../stores/workspace-store';

export function HistoryPage() {
  const head = useWorkspaceStore((state) => state.current?.head);
  const { commits, configText, loading, error, load } = useHistoryStore();

  useEffect(() => {
    void load();
  }, [load, head]);

  return (
    <>
      <h1>History</h1>
      {error && <ErrorBanner message={error} />}
      <section className="card">
        <h2>Workspace commits</h2>
        {loading && commits.length === 0 ? (
          <p className="muted">Reading history…</p>
        ) : (
          <ol className="commit-list" data-testid="commit-list">
            {commits.map((commit) => (
              <li key={commit.oid}>
                <code>{commit.oid.slice(0, 7)}</code> <span>{commit.message}</span>{' '}
                <span className="muted small">
                  {commit.author} · {new Date(commit.timestamp).toLocaleString()}
                </span>
              </li>
            ))}
          </ol>
        )}
      </section>
      <section className="card">
        <h2>ferry.json</h2>
        {configText !== null && <JsonViewer text={configText} height={240} />}
      </section>
    </>
  );
}
