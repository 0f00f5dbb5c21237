import { pages, pageTitles, useNavigationStore } from '../../stores/navigation-store';
import { useWorkspaceStore } from '../../stores/workspace-store';
import { SyncIndicator } from '../sync/SyncIndicator';
import { ThemeToggle } from '../theme/ThemeToggle';

export function Sidebar() {
  const { page, go, requestLeave } = useNavigationStore();
  const { current, close, busy } = useWorkspaceStore();
  return (
    <nav className="sidebar" aria-label="Sections">
      <div className="sidebar-brand">Ferry</div>
      <div className="sidebar-workspace" data-testid="workspace-name" title={current?.path}>
        <span className="muted small">Workspace</span>
        <strong>{current?.name}</strong>
      </div>
      <SyncIndicator />
      <ul>
        {pages.map((item) => (
          <li key={item}>
            <button
              type="button"
              className={item === page ? 'nav-item active' : 'nav-item'}
              aria-current={item === page ? 'page' : undefined}
              onClick={() => go(item)}
            >
              {pageTitles[item]}
            </button>
          </li>
        ))}
      </ul>
      <button
        type="button"
        className="sidebar-switch"
        disabled={busy}
        // Closing the workspace closes the editor too: unsaved work is asked about first.
        onClick={() => requestLeave(() => void close())}
      >
        Switch workspace…
      </button>
      <ThemeToggle />
    </nav>
  );
}
