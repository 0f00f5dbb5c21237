import { useState, type FormEvent } from 'react';
import type { RemoteViewWire } from '../../../../shared/sync/sync-wire';
import { ErrorBanner } from '../../components/ErrorBanner';
import { LoginDialog } from './LoginDialog';
import { useSyncStore } from './sync-store';

const CREDENTIAL_WORDS: Readonly<Record<RemoteViewWire['credentials'], string>> = {
  vault: 'Logged in (credentials in this machine’s vault)',
  environment: 'Credentials from FERRY_GIT_PASSWORD',
  none: 'Not logged in',
};

/** The workspace's remotes: where it is shared, whether this machine can log in there, and adding one. */
export function RemotesPanel() {
  const remotes = useSyncStore((state) => state.remotes) ?? [];
  const remoteError = useSyncStore((state) => state.remoteError);
  const addRemote = useSyncStore((state) => state.addRemote);
  const removeRemote = useSyncStore((state) => state.removeRemote);
  const logout = useSyncStore((state) => state.logout);
  const [name, setName] = useState(remotes.length === 0 ? 'origin' : '');
  const [url, setUrl] = useState('');
  const loginFor = useSyncStore((state) => state.loginFor);
  const openLogin = useSyncStore((state) => state.openLogin);
  const closeLogin = useSyncStore((state) => state.closeLogin);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void addRemote(name.trim(), url.trim()).then((added) => {
      if (added) {
        setName('');
        setUrl('');
      }
    });
  };

  return (
    <section className="card" aria-labelledby="sync-remotes-heading" data-testid="sync-remotes">
      <h2 id="sync-remotes-heading">Remotes</h2>
      {remoteError !== null && <ErrorBanner message={remoteError} />}
      {remotes.length === 0 ? (
        <p className="muted" data-testid="sync-no-remote">
          This workspace is not shared yet. Add the address of your team’s git repository (an empty one is
          fine), then push.
        </p>
      ) : (
        <ul className="sync-remote-list">
          {remotes.map((remote) => (
            <li key={remote.name} data-testid="sync-remote" data-remote={remote.name}>
              <div className="sync-remote-name">
                <strong>{remote.name}</strong>
                <code>{remote.url}</code>
                <span className="muted small" data-testid="sync-remote-credentials">
                  {CREDENTIAL_WORDS[remote.credentials]}
                </span>
              </div>
              <div className="button-row">
                <button type="button" onClick={() => openLogin(remote.name)} data-testid="sync-login">
                  {remote.credentials === 'vault' ? 'Change login…' : 'Log in…'}
                </button>
                {remote.credentials === 'vault' && (
                  <button type="button" onClick={() => void logout(remote.name)} data-testid="sync-logout">
                    Log out
                  </button>
                )}
                <button
                  type="button"
                  className="danger-outline"
                  onClick={() => void removeRemote(remote.name)}
                  aria-label={`Remove remote ${remote.name}`}
                  data-testid="sync-remove-remote"
                >
                  Remove
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
      <form className="sync-add-remote" onSubmit={submit} aria-label="Add a remote">
        <label>
          Name
          <input
            name="sync-remote-name"
            value={name}
            onChange={(event) => setName(event.target.value)}
            placeholder="origin"
            required
          />
        </label>
        <label className="sync-add-remote-url">
          Address
          <input
            name="sync-remote-url"
            value={url}
            onChange={(event) => setUrl(event.target.value)}
            placeholder="https://git.example.com/team/contact-centre.git"
            required
          />
        </label>
        <button
          type="submit"
          disabled={name.trim() === '' || url.trim() === ''}
          data-testid="sync-add-remote"
        >
          Add remote
        </button>
      </form>
      {loginFor !== null && <LoginDialog remote={loginFor} onClose={closeLogin} />}
    </section>
  );
}
