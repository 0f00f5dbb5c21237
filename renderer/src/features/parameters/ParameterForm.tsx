import { useId, type FormEvent } from 'react';
import { isParameterType, parameterTypeOptions, valueFieldShape } from './parameters-model';
import { draftAfterSend, withType, type ParameterDraft } from './parameter-draft';
import { useParametersStore } from './parameters-store';

interface ParameterFormProps {
  environment: string;
  draft: ParameterDraft;
  onDraft(next: ParameterDraft): void;
}

/** Adds a parameter or changes one; the main process checks the value against the type. */
export function ParameterForm({ environment, draft, onDraft }: ParameterFormProps) {
  const saving = useParametersStore((state) => state.saving);
  const error = useParametersStore((state) => state.parameterError);
  const unprotectedWarning = useParametersStore((state) => state.unprotectedWarning);
  const setParameter = useParametersStore((state) => state.setParameter);
  const declineUnprotected = useParametersStore((state) => state.declineUnprotected);
  const errorId = useId();
  const hintId = useId();
  const titleId = useId();
  const shape = valueFieldShape(draft.type);

  const send = async (acceptUnprotected: boolean) => {
    const outcome = await setParameter({ ...draft, acceptUnprotected });
    if (outcome !== 'needs-confirmation') onDraft(draftAfterSend(draft, outcome === 'saved'));
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void send(false);
  };
  const decline = () => {
    declineUnprotected();
    onDraft(draftAfterSend(draft, false));
  };
  const described = [hintId, error === null ? null : errorId].filter(Boolean).join(' ');

  return (
    <form
      className="card parameter-form"
      onSubmit={submit}
      aria-labelledby={titleId}
      data-testid="parameter-form"
    >
      <h2 id={titleId}>Add or change a parameter</h2>
      <div className="parameter-form-fields">
        <label className="form-field">
          <span className="form-field-label">Name</span>
          <input
            value={draft.name}
            placeholder="billingCallingNumber"
            spellCheck={false}
            autoComplete="off"
            onChange={(event) => onDraft({ ...draft, name: event.target.value })}
            data-testid="parameter-name"
          />
        </label>
        <label className="form-field">
          <span className="form-field-label">Type</span>
          <select
            value={draft.type}
            onChange={(event) => {
              if (isParameterType(event.target.value)) onDraft(withType(draft, event.target.value));
            }}
            data-testid="parameter-type"
          >
            {parameterTypeOptions.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </label>
        <label className="form-field parameter-value-field">
          <span className="form-field-label">Value for {environment}</span>
          {shape.input === 'boolean' ? (
            <select
              value={draft.value}
              aria-describedby={described}
              id="parameter-form-value"
              onChange={(event) => onDraft({ ...draft, value: event.target.value })}
              data-testid="parameter-value"
            >
              <option value="true">true</option>
              <option value="false">false</option>
            </select>
          ) : (
            <input
              id="parameter-form-value"
              type={shape.input}
              value={draft.value}
              placeholder={shape.placeholder}
              spellCheck={false}
              // A secret is never offered to the browser's password manager or autofill.
              autoComplete={shape.input === 'password' ? 'new-password' : 'off'}
              aria-invalid={error !== null || undefined}
              aria-describedby={described}
              onChange={(event) => onDraft({ ...draft, value: event.target.value })}
              data-testid="parameter-value"
            />
          )}
          <span className="field-hint muted small" id={hintId} data-testid="parameter-hint">
            {shape.hint}
          </span>
        </label>
      </div>
      {error !== null && (
        <p className="field-error parameter-error" id={errorId} role="alert" data-testid="parameter-error">
          {error}
        </p>
      )}
      {unprotectedWarning !== null && (
        <div
          className="unprotected-warning"
          role="alertdialog"
          aria-label="Store the secret unprotected?"
          data-testid="parameter-unprotected"
        >
          <p>{unprotectedWarning}</p>
          <div className="button-row">
            <button type="button" onClick={decline}>
              Cancel
            </button>
            <button type="button" className="danger-outline" onClick={() => void send(true)}>
              Store it unprotected
            </button>
          </div>
        </div>
      )}
      <div className="button-row">
        <button
          type="submit"
          className="primary"
          disabled={saving || draft.name.trim() === '' || unprotectedWarning !== null}
          data-testid="save-parameter"
        >
          {saving ? 'Saving…' : 'Save parameter'}
        </button>
      </div>
    </form>
  );
}
