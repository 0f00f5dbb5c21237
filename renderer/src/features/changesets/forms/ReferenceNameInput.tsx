import { useId } from 'react';
import { canonicalReference } from '../../../../../shared/model/canonical/canonical-reference';
import type { JsonValue } from '../../../../../shared/model/canonical/json-value';
import type { ReferenceTargetType } from '../../../../../shared/model/object-types/object-type-definition';
import { ParsedTextInput, type Parsed } from './controls';
import { fieldTestId, type Path } from './json-edit';
import { describeUnnamed, referenceName } from './reference-list';
import { typedReferenceName } from './reference-scope';

interface ReferenceNameInputProps {
  path: Path;
  refType: ReferenceTargetType;
  value: JsonValue | undefined;
  /** Names known to exist in the target (offered as suggestions); others may still be typed. */
  names: readonly string[];
  onChange(next: JsonValue | undefined): void;
  label: string;
  /** What the names are, for the note under a name the target is not known to have ("inbound call flows"). */
  kindText: string;
}

/**
 * A reference to an object Ferry does not snapshot (a flow), by name: typed, with the names the
 * target's objects already use offered as suggestions. A name not among them is kept and noted:
 * the target may well have it (the plan looks it up there and blocks the step if not).
 */
export function ReferenceNameInput({
  path,
  refType,
  value,
  names,
  onChange,
  label,
  kindText,
}: ReferenceNameInputProps) {
  const listId = useId();
  const testId = fieldTestId(path);
  const name = referenceName(value);
  const unnamed = value !== undefined && name === undefined;
  const parse = (text: string): Parsed<string | undefined> => ({
    ok: true,
    value: typedReferenceName(names, text),
  });
  const unknown = name !== undefined && !names.includes(name);
  return (
    <div className="of-reference-name">
      {unnamed && (
        <p className="muted small" data-testid={`${testId}-unnamed`}>
          {describeUnnamed(value)}: typing a name replaces it.
        </p>
      )}
      <ParsedTextInput<string | undefined>
        testId={testId}
        label={label}
        value={name}
        list={listId}
        placeholder="Type or pick a name"
        format={(current) => current ?? ''}
        parse={parse}
        onChange={(next) => onChange(next === undefined ? undefined : canonicalReference(refType, next))}
      />
      <datalist id={listId}>
        {names.map((option) => (
          <option key={option} value={option} />
        ))}
      </datalist>
      {unknown && (
        <span className="muted small of-reference-note" data-testid={`${testId}-unknown`}>
          None of the target’s objects use “{name}” yet; the plan looks it up among its {kindText}.
        </span>
      )}
    </div>
  );
}
