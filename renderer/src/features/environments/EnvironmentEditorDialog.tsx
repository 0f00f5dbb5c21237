import type { FormEvent } from 'react';
import { sandboxOrgSchema, tierSchema } from '../../../../shared/model/environment';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Modal } from '../../components/Modal';
import { useEnvironmentEditorStore } from './environment-editor-store';
import { useEnvironmentsStore } from '../../stores/environments-store';
import { EMBEDDED_SANDBOX_URL, type EnvironmentKind } from './environment-draft';
import { FormField } from './FormField';
import { tierLabels } from './environment-format';

const KINDS: readonly { kind: EnvironmentKind; label: string }[] = [
  { kind: 'genesys-cloud', label: 'Genesys Cloud' },
  { kind: 'sandbox', label: 'Sandbox' },
];

export function EnvironmentEditorDialog() {
  const { mode, draft, hasCredentials, fieldErrors, error, unprotectedWarning, saving, close, update, save } =
    useEnvironmentEditorStore();
  const declineUnprotected = useEnvironmentEditorStore((state) => state.declineUnprotected);
  const regions = useEnvironmentsStore((state) => state.regions);
  const editing = mode === 'edit';
  const invalid = (field: keyof typeof fieldErrors) => (fieldErrors[field] ? { 'aria-invalid': true } : {});

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void save();
  };

  return (
    <Modal
      title={editing ? `Edit ${draft.name}` : 'Add environment'}
      onClose={close}
      testId="environment-editor"
      wide
      footer={
        unprotectedWarning === null && (
          <>
            <button type="button" onClick={close}>
              Cancel
            </button>
            <button type="submit" form="environment-form" className="primary" disabled={saving}>
              {saving ? 'Saving…' : editing ? 'Save changes' : 'Add environment'}
            </button>
          </>
        )
      }
    >
      <form id="environment-form" className="environment-form" onSubmit={submit} noValidate>
        {error && <ErrorBanner message={error} />}
        <div className="form-grid">
          <FormField
            label="Name"
            field="name"
            error={fieldErrors.name}
            hint={
              editing ? 'Names cannot change: snapshots are filed under them.' : 'a-z, 0-9 and -, e.g. uat'
            }
          >
            <input
              name="name"
              value={draft.name}
              disabled={editing}
              autoFocus={!editing}
              onChange={(event) => update({ name: event.target.value })}
              placeholder="uat"
              {...invalid('name')}
            />
          </FormField>
          <FormField label="Label (optional)" field="label" error={fieldErrors.label}>
            <input
              name="label"
              value={draft.label}
              autoFocus={editing}
              onChange={(event) => update({ label: event.target.value })}
              placeholder="User acceptance"
              {...invalid('label')}
            />
          </FormField>
        </div>

        <fieldset className="form-choice">
          <legend>Tier</legend>
          <div className="segmented">
            {tierSchema.options.map((tier) => (
              <label key={tier} className={draft.tier === tier ? `segment selected tier-${tier}` : 'segment'}>
                <input
                  type="radio"
                  name="tier"
                  value={tier}
                  checked={draft.tier === tier}
                  onChange={() => update({ tier })}
                />
                {tierLabels[tier]}
              </label>
            ))}
          </div>
          {fieldErrors.tier && <span className="field-error">{fieldErrors.tier}</span>}
        </fieldset>

        <fieldset className="form-choice">
          <legend>Kind</legend>
          <div className="segmented">
            {KINDS.map(({ kind, label }) => (
              <label key={kind} className={draft.kind === kind ? 'segment selected' : 'segment'}>
                <input
                  type="radio"
                  name="kind"
                  value={kind}
                  checked={draft.kind === kind}
                  onChange={() => update({ kind })}
                />
                {label}
              </label>
            ))}
          </div>
        </fieldset>

        {draft.kind === 'genesys-cloud' ? (
          <FormField label="Region" field="region" error={fieldErrors.region}>
            <select
              name="region"
              value={draft.region}
              onChange={(event) => update({ region: event.target.value })}
              {...invalid('region')}
            >
              <option value="">Choose a region…</option>
              {regions.map((region) => (
                <option key={region.id} value={region.id}>
                  {region.id} — {region.domain}
                </option>
              ))}
            </select>
          </FormField>
        ) : (
          <div className="form-grid">
            <FormField
              label="Sandbox URL"
              field="url"
              error={fieldErrors.url}
              hint={`"${EMBEDDED_SANDBOX_URL}" is the sandbox Ferry runs itself; else http://127.0.0.1:<port>`}
            >
              <input
                name="url"
                value={draft.url}
                onChange={(event) => update({ url: event.target.value })}
                {...invalid('url')}
              />
            </FormField>
            <FormField label="Sandbox org" field="org" error={fieldErrors.org}>
              <select
                name="org"
                value={draft.org}
                onChange={(event) => update({ org: sandboxOrgSchema.parse(event.target.value) })}
                {...invalid('org')}
              >
                {sandboxOrgSchema.options.map((org) => (
                  <option key={org} value={org}>
                    {org}
                  </option>
                ))}
              </select>
            </FormField>
          </div>
        )}

        <div className="form-grid">
          <FormField label="OAuth client id" field="clientId" error={fieldErrors.clientId}>
            <input
              name="clientId"
              value={draft.clientId}
              placeholder={draft.kind === 'sandbox' ? 'the org’s demo client' : ''}
              autoComplete="off"
              spellCheck={false}
              onChange={(event) => update({ clientId: event.target.value })}
              {...invalid('clientId')}
            />
          </FormField>
          <FormField
            label="Client secret"
            field="secret"
            error={fieldErrors.secret}
            hint={
              hasCredentials
                ? 'Leave empty to keep the stored secret.'
                : 'Kept in this machine’s secure storage, never in the workspace.'
            }
          >
            <span className="secret-row">
              <input
                name="secret"
                type="password"
                value={draft.secret}
                autoComplete="new-password"
                spellCheck={false}
                placeholder={hasCredentials ? 'Unchanged — type to replace' : ''}
                onChange={(event) => update({ secret: event.target.value })}
                {...invalid('secret')}
              />
              {editing && (
                <span className={hasCredentials ? 'status ok' : 'status warn'} data-testid="secret-state">
                  {hasCredentials ? 'stored' : 'not stored'}
                </span>
              )}
            </span>
          </FormField>
        </div>

        {unprotectedWarning !== null && (
          <div className="unprotected-warning" role="alertdialog" data-testid="unprotected-warning">
            <p>{unprotectedWarning}</p>
            <div className="button-row">
              <button type="button" onClick={declineUnprotected}>
                Go back
              </button>
              <button type="button" className="danger" disabled={saving} onClick={() => void save(true)}>
                Store it unprotected
              </button>
            </div>
          </div>
        )}
      </form>
    </Modal>
  );
}
