import { useState, type FormEvent } from 'react';
import { usePromotionsStore } from './promotions-store';
import { shortKeyId } from './promotion-format';

/** Whose key signs approvals and the audit log on this machine; without one nothing can be promoted. */
export function IdentityStrip() {
  const identity = usePromotionsStore((state) => state.identity);
  const loaded = usePromotionsStore((state) => state.identityLoaded);
  const creating = usePromotionsStore((state) => state.creatingIdentity);
  const createIdentity = usePromotionsStore((state) => state.createIdentity);
  const identityError = usePromotionsStore((state) => state.identityError);
  const [owner, setOwner] = useState('');
  if (!loaded) return null;

  if (identity) {
    return (
      <section className="identity-strip" data-testid="identity-strip" aria-label="Signing key">
        <span className="identity-label">Signing as</span>
        <strong data-testid="identity-owner">{identity.owner}</strong>
        <code title={identity.keyId} data-testid="identity-key-id">
          {shortKeyId(identity.keyId)}
        </code>
        <span className="muted small">
          Approvals and promotions from this machine are signed with this key; they count once an admin trusts
          it in the signed trust root (Trust page).
        </span>
      </section>
    );
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void createIdentity(owner).then((done) => done && setOwner(''));
  };
  return (
    <form className="identity-strip missing" onSubmit={submit} data-testid="identity-form">
      <span className="identity-label">No signing key on this machine.</span>
      <span className="muted small">Approving and promoting are signed, so each needs one.</span>
      <input
        value={owner}
        onChange={(event) => setOwner(event.target.value)}
        placeholder="Your name, e.g. Ada Lovelace"
        aria-label="Owner name"
        maxLength={200}
        data-testid="identity-owner-input"
      />
      <button
        type="submit"
        className="primary"
        disabled={owner.trim() === '' || creating}
        data-testid="create-identity"
      >
        {creating ? 'Creating…' : 'Create my signing key'}
      </button>
      {identityError !== null && (
        <p role="alert" className="identity-error" data-testid="identity-error">
          {identityError}
        </p>
      )}
    </form>
  );
}
