import './welcome.css';
import { useState, type FormEvent } from 'react';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useWorkspaceStore } from '../../stores/workspace-store';
import { CloneDialog } from '../sync/CloneDialog';
import { ThemeToggle } from '../theme/ThemeToggle';
import { RecentList } from './RecentList';

export function WelcomeScreen() {
  const { app, busy, error, notice, create, open, pickFolder, dismissError } = useWorkspaceStore();
  const [createPath, setCreatePath] = useState('');
  const [createName, setCreateName] = useState('');
  const [openPath, setOpenPath] = useState('');
  const [cloning, setCloning] = useState(false);
  const canPick = app?.capabilities.pickFolder ?? false;

  const submitCreate = (event: FormEvent) => {
    event.preventDefault();
    void create(createPath.trim(), createName.trim() || undefined);
  };
  const submitOpen = (event: FormEvent) => {
    event.preventDefault();
    void open(openPath.trim());
  };

  return (
    <main className="welcome" data-testid="welcome">
      <header className="welcome-header">
        <h1>Ferry</h1>
        <p>
          Author, review and promote configuration changesets between environments — offline, signed and
          recorded.
        </p>
      </header>
      {notice && (
        <p className="info-notice" role="status" data-testid="reopen-notice">
          {notice}
        </p>
      )}
      {error && <ErrorBanner message={error} onDismiss={dismissError} />}
      <div className="welcome-grid">
        <form className="card" onSubmit={submitCreate} aria-label="Create workspace">
          <h2>Create a workspace</h2>
          <p className="muted">
            A new git repository holding environments, snapshots, changesets and their history.
          </p>
          <label>
            Folder (empty or new)
            <span className="input-row">
              <input
                name="create-path"
                value={createPath}
                onChange={(event) => setCreatePath(event.target.value)}
                placeholder="/home/me/ferry/contact-centre"
                required
              />
              {canPick && (
                <button
                  type="button"
                  onClick={() => void pickFolder().then((path) => path && setCreatePath(path))}
                >
                  Browse…
                </button>
              )}
            </span>
          </label>
          <label>
            Name (optional)
            <input
              name="create-name"
              value={createName}
              onChange={(event) => setCreateName(event.target.value)}
              placeholder="Contact centre"
            />
          </label>
          <button type="submit" className="primary" disabled={busy || createPath.trim() === ''}>
            Create workspace
          </button>
        </form>
        <form className="card" onSubmit={submitOpen} aria-label="Open workspace">
          <h2>Open a workspace</h2>
          <p className="muted">
            A folder with a ferry.json, for example a clone of your team&apos;s workspace.
          </p>
          <label>
            Folder
            <span className="input-row">
              <input
                name="open-path"
                value={openPath}
                onChange={(event) => setOpenPath(event.target.value)}
                placeholder="/home/me/ferry/contact-centre"
                required
              />
              {canPick && (
                <button
                  type="button"
                  onClick={() => void pickFolder().then((path) => path && setOpenPath(path))}
                >
                  Browse…
                </button>
              )}
            </span>
          </label>
          <button type="submit" className="primary" disabled={busy || openPath.trim() === ''}>
            Open workspace
          </button>
        </form>
      </div>
      <section className="card welcome-team" aria-labelledby="welcome-team-heading">
        <div>
          <h2 id="welcome-team-heading">Open a team workspace</h2>
          <p className="muted">
            Your team shares its workspace through a git remote: make this machine&apos;s copy of it from its
            address.
          </p>
        </div>
        <button
          type="button"
          className="primary"
          onClick={() => setCloning(true)}
          data-testid="open-team-workspace"
        >
          Open a team workspace…
        </button>
      </section>
      {cloning && <CloneDialog onClose={() => setCloning(false)} />}
      <RecentList />
      <footer className="muted small welcome-footer">
        <span>Ferry {app?.version ?? ''}</span>
        <ThemeToggle />
      </footer>
    </main>
  );
}
