import './architect-forms.css';
import { useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import { ParsedTextInput, ReferenceSelect, Section } from './controls';
import { IdentityFields } from './IdentityFields';
import { fieldTestId, getAt, setAt, type Path } from './json-edit';
import type { ObjectFormProps } from './object-form-props';
import { ParameterFormField, ParameterSlot } from './ParameterSlot';
import { parameterAt } from './parameter-field-model';
import { ReferenceNameInput } from './ReferenceNameInput';
import {
  DNIS_EXAMPLE,
  DNIS_HOW,
  dnisList,
  dnisPath,
  dnisProblem,
  IVR_FLOW_CATALOG,
  IVR_FLOW_FIELDS,
  otherNumbers,
  readDnis,
  withDnisAdded,
  withDnisChanged,
  withDnisRemoved,
} from './ivr-form-model';

/** An IVR: the numbers it owns, the flows that answer them by time of day, and its schedule group. */
export function IvrForm(props: ObjectFormProps) {
  const { value, onChange, catalog } = props;
  const flows = catalog(IVR_FLOW_CATALOG);
  return (
    <>
      <IdentityFields form={props} description division />
      <DnisList {...props} />
      <Section title="Flows">
        <div className="form-grid">
          {IVR_FLOW_FIELDS.map(({ field, label, hint }) => (
            <ParameterFormField
              key={field}
              label={label}
              field={field}
              hint={hint}
              root={value}
              path={[field]}
              onChange={onChange}
            >
              <ReferenceNameInput
                path={[field]}
                refType="architect.flow"
                value={getAt(value, [field])}
                names={flows}
                label={label}
                kindText="inbound call flows"
                onChange={(next) => onChange(setAt(value, [field], next))}
              />
            </ParameterFormField>
          ))}
          <ParameterFormField
            label="Schedule group"
            field="scheduleGroup"
            hint="Decides when the open, closed and holiday flows answer."
            root={value}
            path={['scheduleGroup']}
            onChange={onChange}
          >
            <ReferenceSelect
              path={['scheduleGroup']}
              refType="architect.schedulegroup"
              value={getAt(value, ['scheduleGroup'])}
              names={catalog('architect.schedulegroup')}
              onChange={(next) => onChange(setAt(value, ['scheduleGroup'], next))}
            />
          </ParameterFormField>
        </div>
      </Section>
    </>
  );
}

/**
 * The numbers the IVR owns, each editable in place or made a parameter (each org owns its own
 * numbers: uat's test numbers are not prod's), and a field to add one, checked as it is typed.
 */
function DnisList({ value, onChange }: ObjectFormProps) {
  const numbers = dnisList(value);
  const listPath: Path = ['dnis'];
  const testId = fieldTestId(listPath);
  const [draft, setDraft] = useState('');
  const [tried, setTried] = useState(false);
  const addId = useId();
  const errorId = useId();
  const problem = draft === '' && !tried ? null : dnisProblem(draft, numbers);
  const add = (event?: FormEvent) => {
    event?.preventDefault();
    setTried(true);
    if (dnisProblem(draft, numbers) !== null) return;
    onChange(withDnisAdded(value, draft));
    setDraft('');
    setTried(false);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    // Enter adds the number; it must not submit a form the editor sits in.
    if (event.key === 'Enter') add(event);
  };
  if (parameterAt(value, listPath) !== undefined) {
    // The whole list stands for each environment's own numbers: shown as the parameter it is.
    return (
      <Section title="Numbers (DNIS)">
        <ParameterSlot root={value} path={listPath} onChange={onChange} label="Numbers" offer={false}>
          {null}
        </ParameterSlot>
      </Section>
    );
  }
  return (
    <Section title="Numbers (DNIS)">
      <p className="muted small">
        The numbers that ring this IVR. Each org owns its own: make a number a parameter where each
        environment gives its own value.
      </p>
      {numbers.length === 0 && (
        <p className="muted small" data-testid={`${testId}-empty`}>
          No numbers: the IVR answers no call.
        </p>
      )}
      <ul className="of-number-list" data-testid={testId}>
        {numbers.map((_, index) => (
          // Edited in place; the position is the identity while the list is open.
          <li key={index} data-testid="dnis-number">
            <ParameterSlot
              root={value}
              path={dnisPath(index)}
              onChange={onChange}
              label={`Number ${index + 1}`}
              words={['number', String(index + 1)]}
            >
              <div className="of-number-field">
                <ParsedTextInput<string | undefined>
                  testId={fieldTestId(dnisPath(index))}
                  label={`Number ${index + 1}`}
                  value={numberAt(value, index)}
                  placeholder={DNIS_EXAMPLE}
                  format={(number) => number ?? ''}
                  parse={(text) => readDnis(text, otherNumbers(value, index))}
                  onChange={(next) => {
                    if (next !== undefined) onChange(withDnisChanged(value, index, next));
                  }}
                />
              </div>
            </ParameterSlot>
            <button
              type="button"
              className="link-button"
              aria-label={`Remove number ${index + 1}${numberText(value, index)}`}
              data-testid={`${fieldTestId(dnisPath(index))}-remove`}
              onClick={() => onChange(withDnisRemoved(value, index))}
            >
              Remove
            </button>
          </li>
        ))}
      </ul>
      <div className="of-number-add">
        <div className="of-number-add-field">
          <label htmlFor={addId} className="form-field-label">
            Add a number
          </label>
          <input
            id={addId}
            value={draft}
            inputMode="tel"
            autoComplete="off"
            spellCheck={false}
            placeholder={DNIS_EXAMPLE}
            aria-invalid={problem !== null || undefined}
            aria-describedby={errorId}
            data-testid={`${testId}-new`}
            onChange={(event) => setDraft(event.target.value)}
            onKeyDown={onKeyDown}
          />
          <span
            id={errorId}
            className={problem === null ? 'muted small' : 'field-error'}
            data-testid={problem === null ? `${testId}-new-hint` : `${testId}-new-error`}
          >
            {problem ?? `${DNIS_HOW}.`}
          </span>
        </div>
        <button type="button" data-testid={`${testId}-add`} onClick={() => add()}>
          Add number
        </button>
      </div>
    </Section>
  );
}

function numberAt(value: ObjectFormProps['value'], index: number): string | undefined {
  const number = getAt(value, dnisPath(index));
  return typeof number === 'string' ? number : undefined;
}

function numberText(value: ObjectFormProps['value'], index: number): string {
  const number = numberAt(value, index);
  return number === undefined ? '' : ` (${number})`;
}
