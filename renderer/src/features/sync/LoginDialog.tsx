import { useState, type FormEvent } from 'react';
import { Modal } from '../../components/Modal';
import { CredentialFields } from './CredentialFields';
import { useSyncStore } from './sync-store';

/**
 * The user name and token (or password) for a remote, stored in this machine's vault for its host
 * only. The token goes to the main process and is not kept here once sent.
 */
export function LoginDialog({ remote, onClose }: { remote: string; onClose: () => void }) {
  const login = useSyncStore((state) => state.login);
  const loginError = useSyncStore((state) => state.loginError);
  const unprotectedWarning = useSyncStore((state) => state.unprotectedWarning);
  const [username, setUsername] = useState('');
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);

  const store = async (acceptUnprotected: boolean) => {
    setBusy(true);
    const outcome = await login(remote, username, token, acceptUnprotected);
    setBusy(false);
    if (outcome === 'stored') {
      setToken('');
      onClose();
    }
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void store(false);
  };

  return (
    <Modal
      title={`Log in to ${remote}`}
      onClose={onClose}
      testId="sync-login-dialog"
      footer={
        <>
          <button type="button" onClick={onClose} disabled={busy}>
            Cancel
          </button>
          {unprotectedWarning !== null ? (
            <button
              type="button"
              className="primary"
              disabled={busy || token === ''}
              onClick={() => void store(true)}
              data-testid="sync-login-unprotected"
            >
              Store anyway
            </button>
          ) : (
            <button
              type="submit"
              form="sync-login-form"
              className="primary"
              disabled={busy || token === ''}
              data-testid="sync-login-submit"
            >
              {busy ? 'Storing…' : 'Store in the vault'}
            </button>
          )}
        </>
      }
    >
      <form id="sync-login-form" className="sync-form" onSubmit={submit}>
        <p className="muted">
          Kept in this machine’s vault for this remote’s host only: never in the workspace, its .git folder or
          an address.
        </p>
        <CredentialFields
          namePrefix="sync-login"
          username={username}
          token={token}
          onUsername={setUsername}
          onToken={setToken}
          usernameLabel="User name (optional)"
          usernamePlaceholder="Leave empty for a token that needs none"
          tokenRequired
        />
        {unprotectedWarning !== null && (
          <p className="warning-text" role="alert" data-testid="sync-login-warning">
            {unprotectedWarning}
          </p>
        )}
        {loginError !== null && (
          <p className="field-error" role="alert" data-testid="sync-login-error">
            {loginError}
          </p>
        )}
      </form>
    </Modal>
  );
}
