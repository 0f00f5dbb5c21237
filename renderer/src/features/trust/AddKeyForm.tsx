import { useState, type FormEvent } from 'react';
import {
  ROLE_HINTS,
  ROLES,
  addKeyProblems,
  emptyAddKeyDraft,
  toggleRole,
  type AddKeyDraft,
} from './trust-model';
import { useTrustStore } from './trust-store';

/** Proposes the next root version trusting a teammate's public key, signed by this admin. */
export function AddKeyForm() {
  const addKey = useTrustStore((state) => state.addKey);
  const busy = useTrustStore((state) => state.busy);
  const [draft, setDraft] = useState<AddKeyDraft>(emptyAddKeyDraft);
  const [tried, setTried] = useState(false);
  const problems = addKeyProblems(draft);
  const shown = tried ? problems : {};
  const edit = (fields: Partial<AddKeyDraft>) => setDraft((current) => ({ ...current, ...fields }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (Object.keys(problems).length > 0) return;
    void addKey(draft).then((done) => {
      if (done) {
        setDraft(emptyAddKeyDraft());
        setTried(false);
      }
    });
  };
  return (
    <section className="card trust-card" data-testid="add-key" aria-labelledby="add-key-title">
      <h2 id="add-key-title">Trust a teammate’s key</h2>
      <p className="muted small">
        Your teammate creates her key on her machine and sends you its public half (Trust page, or{' '}
        <code>ferry key show</code>). Adding it proposes a new version of the trust root signed by you; it
        takes effect once enough admins sign it.
      </p>
      <form onSubmit={submit} noValidate>
        <label className={shown.publicKey ? 'form-field invalid' : 'form-field'}>
          <span className="form-field-label">Public key (PEM)</span>
          <textarea
            className="trust-pem"
            rows={4}
            value={draft.publicKey}
            onChange={(event) => edit({ publicKey: event.target.value })}
            placeholder={'-----BEGIN PUBLIC KEY-----\n…\n-----END PUBLIC KEY-----'}
            spellCheck={false}
            maxLength={1000}
            aria-invalid={shown.publicKey !== undefined}
            data-testid="add-key-pem"
          />
          {shown.publicKey && <span className="field-error">{shown.publicKey}</span>}
        </label>
        <div className="form-grid">
          <label className={shown.owner ? 'form-field invalid' : 'form-field'}>
            <span className="form-field-label">Owner</span>
            <input
              value={draft.owner}
              onChange={(event) => edit({ owner: event.target.value })}
              placeholder="Who holds the key"
              maxLength={200}
              aria-invalid={shown.owner !== undefined}
              data-testid="add-key-owner"
            />
            {shown.owner && <span className="field-error">{shown.owner}</span>}
          </label>
          <label className={shown.environments ? 'form-field invalid' : 'form-field'}>
            <span className="form-field-label">Environments</span>
            <input
              value={draft.environments}
              onChange={(event) => edit({ environments: event.target.value })}
              placeholder="Empty for all, or e.g. uat, prod"
              maxLength={2000}
              aria-invalid={shown.environments !== undefined}
              data-testid="add-key-environments"
            />
            {shown.environments && <span className="field-error">{shown.environments}</span>}
          </label>
        </div>
        <fieldset className="form-choice trust-roles">
          <legend>Roles</legend>
          {ROLES.map((role) => (
            <label key={role} className="checkbox-label">
              <input
                type="checkbox"
                checked={draft.roles.includes(role)}
                onChange={() => edit({ roles: toggleRole(draft.roles, role) })}
                data-testid={`add-key-role-${role}`}
              />
              <span>
                {role} <span className="muted small">({ROLE_HINTS[role]})</span>
              </span>
            </label>
          ))}
          {shown.roles && <span className="field-error">{shown.roles}</span>}
        </fieldset>
        <button type="submit" className="primary" disabled={busy !== null} data-testid="add-key-submit">
          {busy === 'addKey' ? 'Proposing…' : 'Trust this key'}
        </button>
      </form>
    </section>
  );
}
