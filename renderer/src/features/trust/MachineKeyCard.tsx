import { useState, type FormEvent } from 'react';
import { shortKey } from './trust-model';
import { useTrustStore } from './trust-store';

/** This machine's signing key: what teammates trust, and the public key to send them. */
export function MachineKeyCard() {
  const identity = useTrustStore((state) => state.identity);
  const busy = useTrustStore((state) => state.busy);
  const createIdentity = useTrustStore((state) => state.createIdentity);
  const [owner, setOwner] = useState('');

  if (identity === null) {
    const submit = (event: FormEvent) => {
      event.preventDefault();
      void createIdentity(owner).then((done) => done && setOwner(''));
    };
    return (
      <section className="card trust-card" data-testid="machine-key" aria-labelledby="machine-key-title">
        <h2 id="machine-key-title">This machine’s key</h2>
        <p>
          No signing key on this machine yet. Authoring, approving, promoting and administering trust are
          signed, so each needs one. Its private half stays sealed in this machine’s vault.
        </p>
        <form className="trust-inline-form" onSubmit={submit} data-testid="identity-form">
          <label className="form-field">
            <span className="form-field-label">Your name</span>
            <input
              value={owner}
              onChange={(event) => setOwner(event.target.value)}
              placeholder="e.g. Ada Lovelace"
              maxLength={200}
              data-testid="identity-owner-input"
            />
          </label>
          <button
            type="submit"
            className="primary"
            disabled={owner.trim() === '' || busy !== null}
            data-testid="create-identity"
          >
            {busy === 'identity' ? 'Creating…' : 'Create my signing key'}
          </button>
        </form>
      </section>
    );
  }

  return (
    <section className="card trust-card" data-testid="machine-key" aria-labelledby="machine-key-title">
      <h2 id="machine-key-title">This machine’s key</h2>
      <dl className="trust-facts">
        <dt>Owner</dt>
        <dd data-testid="machine-key-owner">{identity.owner}</dd>
        <dt>Key id</dt>
        <dd>
          <code title={identity.keyId} data-testid="machine-key-id">
            {identity.keyId}
          </code>
        </dd>
      </dl>
      <details className="trust-public-key">
        <summary>Public key to send an admin ({shortKey(identity.keyId)})</summary>
        <pre data-testid="machine-public-key">{identity.publicKey}</pre>
      </details>
    </section>
  );
}
