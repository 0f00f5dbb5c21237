import { useState, type FormEvent } from 'react';
import { Modal } from '../../components/Modal';
import { useVaultStore } from './vault-store';
import './vault.css';

/** Asks for the vault's passphrase when something needs the vault and nothing else opens it. */
export function VaultUnlockDialog() {
  const { open, status, busy, error, submit, cancel } = useVaultStore();
  const [passphrase, setPassphrase] = useState('');
  const [confirmation, setConfirmation] = useState('');
  if (!open || status === null) return null;
  const creating = !status.exists;
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void submit(passphrase, creating ? confirmation : null).then(() => {
      if (!useVaultStore.getState().open) {
        setPassphrase('');
        setConfirmation('');
      }
    });
  };
  return (
    <Modal
      title={creating ? 'Choose a vault passphrase' : 'Unlock the vault'}
      onClose={cancel}
      testId="vault-unlock"
      footer={
        <>
          <button type="button" onClick={cancel} disabled={busy}>
            Cancel
          </button>
          <button type="submit" form="vault-unlock-form" className="primary" disabled={busy}>
            {creating ? 'Set passphrase and continue' : 'Unlock'}
          </button>
        </>
      }
    >
      <form id="vault-unlock-form" className="vault-unlock" onSubmit={onSubmit}>
        <p>
          {creating
            ? 'Ferry keeps your signing key and client secrets in a vault in its data folder, sealed with a passphrase you choose now (at least 8 characters). You will be asked for it once per session.'
            : 'Your signing key and client secrets are sealed in the vault. Enter its passphrase to use them for this session.'}
        </p>
        <label>
          Passphrase
          <input
            type="password"
            autoComplete={creating ? 'new-password' : 'current-password'}
            value={passphrase}
            onChange={(event) => setPassphrase(event.target.value)}
            required
          />
        </label>
        {creating ? (
          <label>
            Type it again
            <input
              type="password"
              autoComplete="new-password"
              value={confirmation}
              onChange={(event) => setConfirmation(event.target.value)}
              required
            />
          </label>
        ) : null}
        {error !== null ? (
          <p role="alert" className="vault-unlock-error">
            {error}
          </p>
        ) : null}
        <p className="muted">
          Ferry cannot recover a forgotten passphrase. The desktop app uses your system&apos;s secure storage
          instead.
        </p>
      </form>
    </Modal>
  );
}
