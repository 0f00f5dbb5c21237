import {
  createContext,
  useContext,
  useEffect,
  useId,
  useRef,
  useState,
  type KeyboardEvent,
  type ReactNode,
} from 'react';
import type { JsonObject } from '../../../../../shared/model/canonical/json-value';
import { FormField } from '../../environments/FormField';
import { useFieldState } from './field-state';
import { fieldTestId, type Path } from './json-edit';
import {
  offersParameter,
  parameterAt,
  parameterNameInputProblem,
  plainWriter,
  suggestParameterName,
  withParameter,
  withPlainValue,
  type FieldWriter,
} from './parameter-field-model';

/** The natural key of the object the form edits: the one field never offered as a parameter. */
export const NaturalKeyContext = createContext('name');

interface SlotProps {
  /** The whole object the form edits. */
  root: JsonObject;
  path: Path;
  onChange(next: JsonObject): void;
  /** The field in words, for the actions' labels ("After-call work time-out"). */
  label: string;
  /** How the field writes a value, when the form keeps more than the field itself (a ring's criterion). */
  write?: FieldWriter;
  /** Words for the suggested name when the path says little (a data table's row and column). */
  words?: readonly string[];
  /** False for a field a parameter cannot stand for (a list): a parameter already there still shows. */
  offer?: boolean;
  children: ReactNode;
}

/**
 * A field that may hold `{"$param": "<name>"}`: its control while it holds a plain value, a chip
 * naming the parameter while it holds one, and beside it the action that turns one into the other.
 * For a field inside a table cell or a group; `ParameterFormField` is the labelled form.
 */
export function ParameterSlot({ children, ...slot }: SlotProps) {
  const name = parameterAt(slot.root, slot.path);
  return (
    <div className="of-param-slot">
      {name === undefined ? children : <ParameterChip path={slot.path} name={name} />}
      <ParameterActions {...slot} name={name} />
    </div>
  );
}

interface FormFieldSlotProps extends Omit<SlotProps, 'label'> {
  label: string;
  /** The field in words when the label alone says too little; defaults to the label. */
  name?: string;
  field: string;
  hint?: ReactNode;
  error?: string | undefined;
}

/**
 * A labelled form field that may hold a parameter. The actions sit outside the `<label>`, so the
 * control's accessible name stays the label's text alone.
 */
export function ParameterFormField({
  children,
  label,
  name,
  field,
  hint,
  error,
  ...slot
}: FormFieldSlotProps) {
  const parameter = parameterAt(slot.root, slot.path);
  return (
    <div className="of-param-field">
      <FormField label={label} field={field} hint={hint} error={error}>
        {parameter === undefined ? children : <ParameterChip path={slot.path} name={parameter} />}
      </FormField>
      <ParameterActions {...slot} label={name ?? label} name={parameter} />
    </div>
  );
}

function ParameterChip({ path, name }: { path: Path; name: string }) {
  const testId = fieldTestId(path);
  const changed = useFieldState().isChanged(testId);
  return (
    <span
      className={changed ? 'of-param-chip of-changed' : 'of-param-chip'}
      data-changed={changed || undefined}
      data-parameter={name}
      data-testid={`${testId}-parameter`}
      title="Each environment gives this value on its Parameters tab"
    >
      parameter <code>{name}</code>
    </span>
  );
}

function ParameterActions({
  root,
  path,
  onChange,
  label,
  write,
  words,
  offer = true,
  name,
}: Omit<SlotProps, 'children'> & { name: string | undefined }) {
  const naturalKey = useContext(NaturalKeyContext);
  const [prompting, setPrompting] = useState(false);
  const [draft, setDraft] = useState('');
  // The button to focus once the field has turned (the one that turns it back), or after Cancel.
  const pendingFocus = useRef<'make' | 'plain' | null>(null);
  const makeButton = useRef<HTMLButtonElement>(null);
  const plainButton = useRef<HTMLButtonElement>(null);
  const promptId = useId();
  const errorId = useId();
  const testId = fieldTestId(path);
  const writer = write ?? plainWriter(root, path);

  // After every render: the button waited for may only now be mounted.
  useEffect(() => {
    const button = (pendingFocus.current === 'plain' ? plainButton : makeButton).current;
    if (pendingFocus.current === null || button === null) return;
    pendingFocus.current = null;
    button.focus();
  });

  if (name !== undefined) {
    return (
      <button
        ref={plainButton}
        type="button"
        className="link-button of-param-action"
        aria-label={`Use a plain value for ${label} instead of parameter ${name}`}
        data-testid={`${testId}-plain-value`}
        onClick={() => {
          pendingFocus.current = 'make';
          onChange(withPlainValue(writer));
        }}
      >
        Plain value
      </button>
    );
  }
  if (!offer || !offersParameter(path, naturalKey)) return null;

  const problem = parameterNameInputProblem(draft);
  const open = () => {
    setDraft(suggestParameterName(root, path, words));
    setPrompting(true);
  };
  const close = () => {
    pendingFocus.current = 'make';
    setPrompting(false);
  };
  const confirm = () => {
    if (problem !== null) return;
    pendingFocus.current = 'plain';
    setPrompting(false);
    onChange(withParameter(writer, draft.trim()));
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    // Enter must not submit a form the editor sits in; Escape leaves the field as it was.
    if (event.key === 'Enter') {
      event.preventDefault();
      confirm();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      close();
    }
  };

  return (
    <div className="of-param-actions">
      <button
        ref={makeButton}
        type="button"
        className="link-button of-param-action"
        aria-label={`Make ${label} a parameter`}
        aria-expanded={prompting}
        aria-controls={prompting ? promptId : undefined}
        title="Make this a parameter: each environment then gives its own value"
        data-testid={`${testId}-make-parameter`}
        onClick={() => (prompting ? close() : open())}
      >
        Parameter…
      </button>
      {prompting && (
        <div className="of-param-prompt" id={promptId} role="group" aria-label={`Parameter for ${label}`}>
          <label className="of-param-prompt-field">
            <span>Parameter name</span>
            <input
              // The prompt opens on a click or a key: typing the name is the next thing to do.
              autoFocus
              value={draft}
              spellCheck={false}
              autoComplete="off"
              aria-invalid={problem !== null || undefined}
              aria-describedby={problem === null ? undefined : errorId}
              data-testid={`${testId}-parameter-name`}
              onChange={(event) => setDraft(event.target.value)}
              onKeyDown={onKeyDown}
            />
          </label>
          {problem !== null && (
            <span className="field-error" id={errorId} data-testid={`${testId}-parameter-name-error`}>
              {problem}
            </span>
          )}
          <p className="muted small">Each environment gives its value on its Parameters tab.</p>
          <div className="of-param-prompt-buttons">
            <button type="button" onClick={close}>
              Cancel
            </button>
            <button
              type="button"
              className="primary"
              disabled={problem !== null}
              data-testid={`${testId}-parameter-confirm`}
              onClick={confirm}
            >
              Use parameter
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
