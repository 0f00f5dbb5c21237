import './sync.css';
import { useState, type FormEvent } from 'react';
import { Modal } from '../../components/Modal';
import { useWorkspaceStore } from '../../stores/workspace-store';
import { useCloneStore } from './clone-store';
import { useSyncStore } from './sync-store';
import { CredentialFields } from './CredentialFields';
import { TransferProgress } from './TransferProgress';

/**
 * "Open a team workspace": the team's address, a folder for this machine's copy, and (if the remote
 * needs them) a user name and token for the vault. Clones with progress and cancel, then opens it.
 */
export function CloneDialog({ onClose }: { onClose: () => void }) {
  const canPick = useWorkspaceStore((state) => state.app?.capabilities.pickFolder ?? false);
  const pickFolder = useWorkspaceStore((state) => state.pickFolder);
  const openWorkspace = useWorkspaceStore((state) => state.open);
  const { phase, error, unprotectedWarning, clone, cancel, clear } = useCloneStore();
  const progress = useSyncStore((state) => state.progress);
  const [url, setUrl] = useState('');
  const [path, setPath] = useState('');
  const [username, setUsername] = useState('');
  const [token, setToken] = useState('');
  const busy = phase !== 'idle';

  const start = async (acceptUnprotected: boolean) => {
    const info = await clone({ url: url.trim(), path: path.trim(), username, token, acceptUnprotected });
    if (info === null) return;
    setToken('');
    // Opened by the clone already; opening it through the store also lists it under recent workspaces.
    await openWorkspace(info.path);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void start(false);
  };
  const close = () => {
    if (busy) return;
    clear();
    onClose();
  };

  return (
    <Modal
      title="Open a team workspace"
      onClose={close}
      testId="clone-dialog"
      footer={
        <>
          <button type="button" onClick={close} disabled={busy}>
            Cancel
          </button>
          {unprotectedWarning !== null ? (
            <button
              type="button"
              className="primary"
              disabled={busy}
              onClick={() => void start(true)}
              data-testid="clone-unprotected"
            >
              Store the token anyway and clone
            </button>
          ) : (
            <button
              type="submit"
              form="clone-form"
              className="primary"
              disabled={busy || url.trim() === '' || path.trim() === ''}
              data-testid="clone-submit"
            >
              {busy ? 'Cloning…' : 'Clone and open'}
            </button>
          )}
        </>
      }
    >
      <form id="clone-form" className="sync-form" onSubmit={submit}>
        <p className="muted">
          Makes this machine’s copy of a workspace your team shares through a git remote, and opens it.
        </p>
        <label>
          Address of the team workspace
          <input
            name="clone-url"
            value={url}
            onChange={(event) => setUrl(event.target.value)}
            placeholder="https://git.example.com/team/contact-centre.git"
            disabled={busy}
            required
          />
        </label>
        <label>
          Folder for it on this machine (empty or new)
          <span className="input-row">
            <input
              name="clone-path"
              value={path}
              onChange={(event) => setPath(event.target.value)}
              placeholder="/home/me/ferry/contact-centre"
              disabled={busy}
              required
            />
            {canPick && (
              <button
                type="button"
                disabled={busy}
                onClick={() => void pickFolder().then((picked) => picked && setPath(picked))}
              >
                Browse…
              </button>
            )}
          </span>
        </label>
        <fieldset className="sync-credentials" disabled={busy}>
          <legend>If the remote asks who you are (optional)</legend>
          <CredentialFields
            namePrefix="clone"
            username={username}
            token={token}
            onUsername={setUsername}
            onToken={setToken}
          />
          <p className="muted small">
            Kept in this machine’s vault for that host only, never in the workspace.
          </p>
        </fieldset>
        {phase === 'cloning' || phase === 'cancelling' ? (
          <TransferProgress
            label="Cloning"
            progress={progress}
            cancelling={phase === 'cancelling'}
            onCancel={() => void cancel()}
            testId="clone-progress"
          />
        ) : null}
        {unprotectedWarning !== null && (
          <p className="warning-text" role="alert" data-testid="clone-warning">
            {unprotectedWarning}
          </p>
        )}
        {error !== null && (
          <p className="field-error" role="alert" data-testid="clone-error">
            {error}
          </p>
        )}
      </form>
    </Modal>
  );
}
