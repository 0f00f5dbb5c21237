import { useState, type FormEvent } from 'react';
import type { TrustedKeyWire } from '../../../../shared/model/trust-wire';
import { environmentsText, shortKey, validityText } from './trust-model';
import { useTrustStore } from './trust-store';

/** Every key the verified root names, with what it may sign and whether it may still be believed. */
export function TrustedKeysTable({
  keys,
  canRevoke,
}: {
  keys: readonly TrustedKeyWire[];
  canRevoke: boolean;
}) {
  const [revoking, setRevoking] = useState<string | null>(null);
  const now = new Date();
  return (
    <section className="card trust-card" data-testid="trusted-keys" aria-labelledby="trusted-keys-title">
      <h2 id="trusted-keys-title">Trusted keys</h2>
      <table className="trust-table">
        <thead>
          <tr>
            <th scope="col">Owner</th>
            <th scope="col">Key id</th>
            <th scope="col">Roles</th>
            <th scope="col">Environments</th>
            <th scope="col">Validity</th>
            {canRevoke && <th scope="col">Actions</th>}
          </tr>
        </thead>
        <tbody>
          {keys.map((key) => {
            const validity = validityText(key, now);
            return (
              <tr key={key.keyId} data-testid="trusted-key" data-key={key.keyId} data-state={validity.state}>
                <td>{key.owner}</td>
                <td>
                  <code title={key.keyId}>{shortKey(key.keyId)}</code>
                </td>
                <td>{key.roles.join(', ')}</td>
                <td>{environmentsText(key.environments)}</td>
                <td className={`key-validity validity-${validity.state}`}>{validity.text}</td>
                {canRevoke && (
                  <td>
                    {validity.state !== 'revoked' &&
                      (revoking === key.keyId ? (
                        <RevokeForm keyId={key.keyId} owner={key.owner} onDone={() => setRevoking(null)} />
                      ) : (
                        <button
                          type="button"
                          className="danger-outline"
                          onClick={() => setRevoking(key.keyId)}
                          aria-label={`Revoke ${key.owner}’s key`}
                          data-testid="revoke-key"
                        >
                          Revoke…
                        </button>
                      ))}
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

/** Revocation is permanent and kept in the root, so it asks why. */
function RevokeForm({ keyId, owner, onDone }: { keyId: string; owner: string; onDone: () => void }) {
  const revoke = useTrustStore((state) => state.revoke);
  const busy = useTrustStore((state) => state.busy);
  const [reason, setReason] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void revoke(keyId, reason).then((done) => done && onDone());
  };
  return (
    <form className="trust-revoke-form" onSubmit={submit} data-testid="revoke-form">
      <input
        aria-label={`Why revoke ${owner}’s key`}
        value={reason}
        onChange={(event) => setReason(event.target.value)}
        placeholder="Why (e.g. laptop lost)"
        maxLength={500}
        data-testid="revoke-reason"
      />
      <button
        type="submit"
        className="danger-outline"
        disabled={reason.trim() === '' || busy !== null}
        data-testid="revoke-submit"
      >
        Revoke
      </button>
      <button type="button" className="link-button" onClick={onDone}>
        Cancel
      </button>
    </form>
  );
}
