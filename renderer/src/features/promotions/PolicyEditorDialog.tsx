import './policy-kept.css';
import { Modal } from '../../components/Modal';
import { ErrorBanner } from '../../components/ErrorBanner';
import { usePolicyStore } from './policy-store';
import { FormField } from '../environments/FormField';
import { approvalsRequiredHint, followUpNote, keptPolicyLines } from './policy-kept';

/** An environment's promotion policy: who must approve, when nothing may go in, and the emergency path. */
export function PolicyEditorDialog() {
  const { environment, draft, problems, loading, saving, error } = usePolicyStore();
  const { close, edit, addWindow, editWindow, removeWindow, save } = usePolicyStore.getState();
  if (environment === null) return null;
  const general = problems[''];

  return (
    <Modal
      title={`Promotion policy of ${environment}`}
      onClose={close}
      testId="policy-editor"
      wide
      footer={
        <>
          <button type="button" onClick={close}>
            Cancel
          </button>
          <button
            type="button"
            className="primary"
            disabled={draft === null || saving}
            onClick={() => void save()}
            data-testid="save-policy"
          >
            {saving ? 'Saving…' : 'Save policy'}
          </button>
        </>
      }
    >
      {error && <ErrorBanner message={error} />}
      {general && <ErrorBanner message={general} />}
      {loading && <p className="muted">Reading the policy…</p>}
      {draft && (
        <div className="policy-form">
          <p className="muted small">
            Saving signs it into the trust root with your admin key (one commit); where more admins must sign,
            it waits for them on the Trust page. Every plan for {environment} follows it.
          </p>
          <FormField
            label="Approvals required"
            field="approvalsRequired"
            error={problems.approvalsRequired}
            hint={approvalsRequiredHint(draft.kept)}
          >
            <input
              type="number"
              min={0}
              value={draft.approvalsRequired}
              onChange={(event) => edit({ approvalsRequired: event.target.value })}
              className="policy-number"
              data-testid="policy-approvals-required"
            />
          </FormField>
          <label className="checkbox-label">
            <input
              type="checkbox"
              checked={draft.allowSelfApproval}
              onChange={(event) => edit({ allowSelfApproval: event.target.checked })}
              data-testid="policy-allow-self-approval"
            />
            Allow the author to approve their own changeset
          </label>

          <fieldset className="policy-windows">
            <legend>Deny windows</legend>
            {draft.denyWindows.length === 0 && (
              <p className="muted small">None: promotion to {environment} is allowed at any time.</p>
            )}
            {draft.denyWindows.map((window, index) => {
              const problem = (field: string) => problems[`denyWindows[${index}].${field}`];
              return (
                <div key={index} className="policy-window" data-testid="policy-window">
                  <FormField label="Name" field={`window-${index}-name`} error={problem('name')}>
                    <input
                      value={window.name}
                      onChange={(event) => editWindow(index, { name: event.target.value })}
                      data-testid="policy-window-name"
                    />
                  </FormField>
                  <FormField
                    label="Starts (cron)"
                    field={`window-${index}-cron`}
                    error={problem('cron')}
                    hint="minute hour day month weekday"
                  >
                    <input
                      value={window.cron}
                      onChange={(event) => editWindow(index, { cron: event.target.value })}
                      spellCheck={false}
                      data-testid="policy-window-cron"
                    />
                  </FormField>
                  <FormField
                    label="Lasts (minutes)"
                    field={`window-${index}-duration`}
                    error={problem('durationMinutes')}
                  >
                    <input
                      type="number"
                      min={1}
                      value={window.durationMinutes}
                      onChange={(event) => editWindow(index, { durationMinutes: event.target.value })}
                      data-testid="policy-window-duration"
                    />
                  </FormField>
                  <FormField label="Time zone" field={`window-${index}-zone`} error={problem('timeZone')}>
                    <input
                      value={window.timeZone}
                      onChange={(event) => editWindow(index, { timeZone: event.target.value })}
                      spellCheck={false}
                      data-testid="policy-window-zone"
                    />
                  </FormField>
                  <button
                    type="button"
                    className="danger-outline policy-window-remove"
                    onClick={() => removeWindow(index)}
                    aria-label={`Remove the deny window ${window.name || index + 1}`}
                  >
                    Remove
                  </button>
                </div>
              );
            })}
            <button type="button" onClick={addWindow} data-testid="policy-add-window">
              Add deny window
            </button>
          </fieldset>

          <fieldset className="policy-override">
            <legend>Emergency override</legend>
            <label className="checkbox-label">
              <input
                type="checkbox"
                checked={draft.overrideAllowed}
                onChange={(event) => edit({ overrideAllowed: event.target.checked })}
                data-testid="policy-override-allowed"
              />
              Allowed, with a reason on the record
            </label>
            <label className="checkbox-label">
              <input
                type="checkbox"
                checked={draft.overrideRequiresApproval}
                disabled={!draft.overrideAllowed}
                onChange={(event) => edit({ overrideRequiresApproval: event.target.checked })}
                data-testid="policy-override-requires-approval"
              />
              Still needs one valid approval from someone other than the author
            </label>
            {draft.overrideAllowed && (
              <p className="muted small" data-testid="policy-follow-up">
                {followUpNote(draft.keptOverride)}
              </p>
            )}
          </fieldset>

          <KeptSettings lines={keptPolicyLines(draft.kept, draft.keptOverride)} />
        </div>
      )}
    </Modal>
  );
}

/** Settings this form does not edit (issue 20's risk, checks and follow-ups): shown, and saved unchanged. */
function KeptSettings({ lines }: { lines: ReturnType<typeof keptPolicyLines> }) {
  if (lines.length === 0) return null;
  return (
    <section className="policy-kept" aria-labelledby="policy-kept-heading" data-testid="policy-kept">
      <h3 id="policy-kept-heading">Also in this policy</h3>
      <p className="muted small">Not edited here: saving keeps them as they are.</p>
      <dl>
        {lines.map((line) => (
          <div key={line.id} className="policy-kept-line" data-testid="policy-kept-line" data-field={line.id}>
            <dt>{line.label}</dt>
            <dd>{line.value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
