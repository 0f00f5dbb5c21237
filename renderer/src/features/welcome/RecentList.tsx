import { useWorkspaceStore } from '../../stores/workspace-store';

export function RecentList() {
  const { recent, busy, open, forget } = useWorkspaceStore();
  return (
    <section className="card recent" aria-label="Recent workspaces" data-testid="recent">
      <h2>Recent</h2>
      {recent.length === 0 ? (
        <p className="muted">No workspaces yet. Create one above, or open a folder your team shares.</p>
      ) : (
        <ul className="recent-list">
          {recent.map((item) => (
            <li key={item.path} className={item.available ? '' : 'unavailable'}>
              <button
                type="button"
                className="recent-open"
                disabled={busy || !item.available}
                onClick={() => void open(item.path)}
                title={item.available ? `Open ${item.path}` : `${item.path} is no longer there`}
              >
                <strong>{item.name}</strong>
                <span className="muted small">{item.path}</span>
              </button>
              {!item.available && <span className="badge warn">missing</span>}
              <button
                type="button"
                className="link-button"
                onClick={() => void forget(item.path)}
                aria-label={`Forget ${item.name}`}
              >
                Forget
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
