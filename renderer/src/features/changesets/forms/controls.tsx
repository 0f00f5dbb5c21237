import { useId, useState, type ChangeEvent, type ReactNode } from 'react';
import { canonicalReference } from '../../../../../shared/model/canonical/canonical-reference';
import type { JsonValue } from '../../../../../shared/model/canonical/json-value';
import type { ReferenceTargetType } from '../../../../../shared/model/object-types/object-type-definition';
import { fallbackFieldName, numberProblem } from '../field-problems';
import { useFieldState, useReportedProblem } from './field-state';
import { fieldTestId, textOrUndefined, type Path } from './json-edit';
import {
  describeUnnamed,
  referencedNames,
  referenceName,
  unnamedElements,
  withoutElement,
  withReferenceToggled,
} from './reference-list';

interface TextInputProps {
  path: Path;
  value: string | undefined;
  /** undefined when the text was cleared: the field is then removed. */
  onChange(next: string | undefined): void;
  multiline?: boolean;
  disabled?: boolean;
  placeholder?: string;
  label?: string;
}

export function TextInput({
  path,
  value,
  onChange,
  multiline,
  disabled,
  placeholder,
  label,
}: TextInputProps) {
  const changed = useFieldState().isChanged(fieldTestId(path));
  const common = {
    className: changed ? 'of-changed' : undefined,
    'data-changed': changed || undefined,
    value: value ?? '',
    disabled,
    placeholder,
    'aria-label': label,
    'data-testid': fieldTestId(path),
    onChange: (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) =>
      onChange(textOrUndefined(event.target.value)),
  };
  return multiline ? <textarea rows={2} {...common} /> : <input {...common} />;
}

interface NumberInputProps {
  testId: string;
  value: number | undefined;
  onChange(next: number | undefined): void;
  min?: number;
  max?: number;
  integer?: boolean;
  /** Empty text is then invalid rather than a request to remove the field. */
  required?: boolean;
  disabled?: boolean;
  label?: string;
  /** The field in words for messages ("After-call work time-out"); defaults to `label`. */
  name?: string;
  placeholder?: string;
}

function numberText(value: number | undefined): string {
  return value === undefined ? '' : String(value);
}

function readNumber(text: string): number | undefined {
  return text.trim() === '' ? undefined : Number(text);
}

/**
 * A number field that reports every keystroke that forms a valid number, and keeps what is typed
 * meanwhile ("1.", "-") on screen instead of snapping back to the stored value. Text the field does
 * not accept is shown as invalid, not reported as a value, and reported as a problem instead: it
 * blocks Save and is listed in Validation, so it is never silently dropped.
 */
export function NumberInput({
  testId,
  value,
  onChange,
  min,
  max,
  integer,
  required,
  disabled,
  label,
  name,
  placeholder,
}: NumberInputProps) {
  const fieldState = useFieldState();
  const errorId = useId();
  const [draft, setDraft] = useState(() => fieldState.pendingText(testId) ?? numberText(value));
  const [unreadable, setUnreadable] = useState(false);
  const [shown, setShown] = useState(value);
  // A new value from outside (undo, the JSON view) replaces the text unless the text already says it.
  if (shown !== value) {
    setShown(value);
    if (readNumber(draft) !== value) {
      setDraft(numberText(value));
      setUnreadable(false);
    }
  }
  const rule = { min, max, integer, required };
  const fieldName = name ?? label ?? fallbackFieldName(testId);

  const change = (event: ChangeEvent<HTMLInputElement>) => {
    const text = event.target.value;
    setDraft(text);
    const badInput = event.target.validity.badInput;
    setUnreadable(badInput);
    if (badInput) return;
    const number = readNumber(text);
    if (numberProblem(fieldName, text, rule) === null && number !== value) onChange(number);
  };
  const problem =
    readNumber(draft) === value && !unreadable ? null : numberProblem(fieldName, draft, rule, unreadable);
  useReportedProblem(testId, problem === null ? null : { name: fieldName, message: problem, text: draft });
  const changed = fieldState.isChanged(testId);
  return (
    <>
      <input
        type="number"
        inputMode={integer ? 'numeric' : 'decimal'}
        className={changed ? 'of-number of-changed' : 'of-number'}
        value={draft}
        min={min}
        max={max}
        step={integer ? 1 : 'any'}
        disabled={disabled}
        placeholder={placeholder}
        aria-label={label}
        required={required}
        aria-invalid={problem !== null || undefined}
        aria-describedby={problem === null ? undefined : errorId}
        data-changed={changed || undefined}
        data-testid={testId}
        onChange={change}
      />
      {problem !== null && (
        <span className="field-error" id={errorId} data-testid={`${testId}-error`}>
          {problem}
        </span>
      )}
    </>
  );
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

interface ParsedTextInputProps<T> {
  testId: string;
  value: T;
  format(value: T): string;
  parse(text: string): Parsed<T>;
  onChange(next: T): void;
  equals?: (left: T, right: T) => boolean;
  label?: string;
  placeholder?: string;
  list?: string;
  disabled?: boolean;
  className?: string;
}

/**
 * Free text that stands for a structured value (a rule, a list, a name that must be unique):
 * reported whenever it reads as a value, otherwise kept on screen with the reason it does not.
 */
export function ParsedTextInput<T>({
  testId,
  value,
  format,
  parse,
  onChange,
  equals = Object.is,
  label,
  placeholder,
  list,
  disabled,
  className,
}: ParsedTextInputProps<T>) {
  const fieldState = useFieldState();
  const [draft, setDraft] = useState(() => fieldState.pendingText(testId) ?? format(value));
  const [shown, setShown] = useState(value);
  if (!equals(shown, value)) {
    setShown(value);
    const reading = parse(draft);
    if (!reading.ok || !equals(reading.value, value)) setDraft(format(value));
  }
  const reading = parse(draft);
  const fieldName = label ?? fallbackFieldName(testId);
  useReportedProblem(
    testId,
    reading.ok ? null : { name: fieldName, message: `${fieldName}: ${reading.error}`, text: draft },
  );
  const changed = fieldState.isChanged(testId);
  const change = (event: ChangeEvent<HTMLInputElement>) => {
    const text = event.target.value;
    setDraft(text);
    const next = parse(text);
    if (next.ok && !equals(next.value, value)) onChange(next.value);
  };
  return (
    <>
      <input
        className={[className, changed ? 'of-changed' : undefined].filter(Boolean).join(' ') || undefined}
        value={draft}
        list={list}
        data-changed={changed || undefined}
        disabled={disabled}
        placeholder={placeholder}
        aria-label={label}
        aria-invalid={!reading.ok || undefined}
        spellCheck={false}
        data-testid={testId}
        onChange={change}
      />
      {!reading.ok && (
        <span className="field-error" data-testid={`${testId}-error`}>
          {reading.error}
        </span>
      )}
    </>
  );
}

interface CheckboxProps {
  testId: string;
  checked: boolean;
  onChange(next: boolean): void;
  label: ReactNode;
  ariaLabel?: string;
}

export function Checkbox({ testId, checked, onChange, label, ariaLabel }: CheckboxProps) {
  const changed = useFieldState().isChanged(testId);
  return (
    <label
      className={changed ? 'checkbox-label of-changed' : 'checkbox-label'}
      data-changed={changed || undefined}
    >
      <input
        type="checkbox"
        checked={checked}
        aria-label={ariaLabel}
        data-testid={testId}
        onChange={(event) => onChange(event.target.checked)}
      />
      {label}
    </label>
  );
}

export interface Option {
  value: string;
  label: string;
}

interface EnumSelectProps {
  path: Path;
  value: string | undefined;
  options: readonly Option[];
  onChange(next: string | undefined): void;
  /** The label of the "not set" choice; without it the field cannot be cleared. */
  unsetLabel?: string;
  label?: string;
}

/** A select over an enum; a stored value the enum does not know is still shown, not lost. */
export function EnumSelect({ path, value, options, onChange, unsetLabel, label }: EnumSelectProps) {
  const unknown = value !== undefined && !options.some((option) => option.value === value);
  const changed = useFieldState().isChanged(fieldTestId(path));
  return (
    <select
      className={changed ? 'of-changed' : undefined}
      data-changed={changed || undefined}
      value={value ?? ''}
      aria-label={label}
      data-testid={fieldTestId(path)}
      onChange={(event) => onChange(textOrUndefined(event.target.value))}
    >
      {(unsetLabel !== undefined || value === undefined) && (
        <option value="">{unsetLabel ?? 'Choose…'}</option>
      )}
      {unknown && <option value={value}>{value} (unknown)</option>}
      {options.map((option) => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </select>
  );
}

// Stands for a reference the select cannot name; no natural key can contain a NUL.
const UNNAMED = '\u0000unnamed';

interface ReferenceSelectProps {
  path: Path;
  refType: ReferenceTargetType;
  value: JsonValue | undefined;
  names: readonly string[];
  onChange(next: JsonValue | undefined): void;
  label?: string;
}

/** One reference, picked by name; empty removes the field. */
export function ReferenceSelect({ path, refType, value, names, onChange, label }: ReferenceSelectProps) {
  const name = referenceName(value);
  const unnamed = value !== undefined && name === undefined;
  const missing = name !== undefined && !names.includes(name);
  const change = (selected: string) => {
    if (selected === UNNAMED) return;
    onChange(selected === '' ? undefined : canonicalReference(refType, selected));
  };
  const changed = useFieldState().isChanged(fieldTestId(path));
  return (
    <select
      className={changed ? 'of-changed' : undefined}
      data-changed={changed || undefined}
      value={unnamed ? UNNAMED : (name ?? '')}
      aria-label={label}
      data-testid={fieldTestId(path)}
      onChange={(event) => change(event.target.value)}
    >
      <option value="">(none)</option>
      {unnamed && <option value={UNNAMED}>{describeUnnamed(value)}</option>}
      {missing && <option value={name}>{name} (not in the target)</option>}
      {names.map((option) => (
        <option key={option} value={option}>
          {option}
        </option>
      ))}
    </select>
  );
}

interface ReferenceSetPickerProps {
  path: Path;
  refType: ReferenceTargetType;
  list: readonly JsonValue[] | undefined;
  names: readonly string[];
  onChange(next: JsonValue[]): void;
  emptyText?: string;
}

const FILTER_FROM = 8;

/**
 * A membership list (wrap-up codes, schedules) as checkboxes, stored as references sorted by
 * name. Members the catalog does not hold stay listed, marked, so unticking is a choice.
 */
export function ReferenceSetPicker({
  path,
  refType,
  list,
  names,
  onChange,
  emptyText,
}: ReferenceSetPickerProps) {
  const [filter, setFilter] = useState('');
  const selected = new Set(referencedNames(list));
  const unnamed = unnamedElements(list);
  const everyName = [...new Set([...names, ...selected])].sort();
  const needle = filter.trim().toLowerCase();
  const visible = everyName.filter((name) => needle === '' || name.toLowerCase().includes(needle));
  const testId = fieldTestId(path);
  const changed = useFieldState().isChanged(testId);
  return (
    <div
      className={changed ? 'of-set-picker of-changed' : 'of-set-picker'}
      data-changed={changed || undefined}
      data-testid={testId}
    >
      <div className="of-set-picker-head">
        <span className="muted small" data-testid={`${testId}-count`}>
          {selected.size + unnamed.length} selected
        </span>
        {everyName.length > FILTER_FROM && (
          <input
            className="of-set-filter"
            type="search"
            value={filter}
            placeholder="Filter…"
            aria-label="Filter"
            data-testid={`${testId}-filter`}
            onChange={(event) => setFilter(event.target.value)}
          />
        )}
      </div>
      {everyName.length === 0 && unnamed.length === 0 ? (
        <p className="muted small">{emptyText ?? 'Nothing to choose from.'}</p>
      ) : (
        <ul className="of-set-options">
          {unnamed.map((element, index) => (
            <li key={`unnamed-${index}`} className="of-set-unnamed">
              <span>{describeUnnamed(element)}</span>
              <button
                type="button"
                className="link-button"
                onClick={() => onChange(withoutElement(list, element))}
              >
                Remove
              </button>
            </li>
          ))}
          {visible.map((name) => (
            <li key={name}>
              <label className="checkbox-label">
                <input
                  type="checkbox"
                  checked={selected.has(name)}
                  aria-label={name}
                  data-name={name}
                  data-testid={`${testId}-option`}
                  onChange={(event) =>
                    onChange(withReferenceToggled(list, refType, name, event.target.checked))
                  }
                />
                {name}
                {!names.includes(name) && <span className="muted small">not in the target</span>}
              </label>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

interface SectionProps {
  title: string;
  children: ReactNode;
  testId?: string;
  actions?: ReactNode;
}

export function Section({ title, children, testId, actions }: SectionProps) {
  return (
    <section className="of-section" data-testid={testId}>
      <header className="of-section-head">
        <h3>{title}</h3>
        {actions}
      </header>
      {children}
    </section>
  );
}
