import { useCallback, useMemo, useState } from 'react';
import type { JsonObject } from '../../../../../shared/model/canonical/json-value';
import { FLOW_TYPES } from '../../../../../shared/model/object-types/architect-flow';
import { YamlEditor } from '../../../components/YamlEditor';
import { FormField } from '../../environments/FormField';
import { useChangesetEditor } from '../changeset-editor-store';
import { EnumSelect } from './controls';
import { useFieldState, useReportedProblem } from './field-state';
import {
  checkFlowText,
  configurationFindings,
  configurationForIdentity,
  draftProblemMessage,
  flowCompletions,
} from './flow-form-model';
import { IdentityFields } from './IdentityFields';
import { getString, setAt } from './json-edit';
import type { ObjectFormProps } from './object-form-props';

const CONFIGURATION = 'configuration';
const CONFIGURATION_FIELD = `field-${CONFIGURATION}`;

const FLOW_TYPE_OPTIONS = FLOW_TYPES.map((type) => ({ value: type, label: type }));

/**
 * A flow: its name, type, division and description, and its configuration as YAML in Ferry's flow
 * dialect, edited as text. There is no visual designer: the text is what Archy reads and what the
 * compare shows, so a reviewer reads the same thing the author wrote.
 */
export function FlowForm(props: ObjectFormProps) {
  const { value, onChange, keyLocked, readOnly, catalog } = props;
  const { pendingText } = useFieldState();
  const configuration = getString(value, [CONFIGURATION]) ?? '';
  // What was typed, which may not be YAML yet (then the draft keeps its last good text).
  const [typed, setTyped] = useState(() => pendingText(CONFIGURATION_FIELD) ?? configuration);
  const name = getString(value, ['name']);
  const type = getString(value, ['type']);
  const problems = useMemo(() => checkFlowText(typed, { name, type }), [typed, name, type]);
  // Text the draft cannot take (not YAML, or another flow's key or name) stays here and blocks Save.
  // A new flow whose configuration is still to be written has nothing the draft could lose.
  const syntax = typed.trim() === '' && configuration === '' ? null : draftProblemMessage(problems);
  useReportedProblem(
    CONFIGURATION_FIELD,
    syntax === null ? null : { name: 'Configuration', message: syntax, text: typed },
  );

  // The changeset check's findings about this operation's configuration, at their lines.
  const selected = useChangesetEditor((state) => state.selected);
  const findings = useChangesetEditor((state) => state.check?.findings);
  // An update's findings about its configuration sit at the change that writes it.
  const changeIndex = useChangesetEditor((state) => {
    const operation = selected === null ? undefined : state.draft?.operations[selected];
    if (operation?.op !== 'update') return undefined;
    const index = operation.changes.findIndex((change) => change.path === CONFIGURATION);
    return index < 0 ? undefined : index;
  });
  const checked = useMemo(
    () =>
      findings && selected !== null
        ? configurationFindings(findings, selected, {
            field: CONFIGURATION,
            text: typed,
            ...(changeIndex === undefined ? {} : { changeIndex }),
          })
        : [],
    [findings, selected, changeIndex, typed],
  );
  const markers = useMemo(
    () =>
      [...problems, ...(syntax === null ? checked : [])].map((problem) => ({
        line: problem.line,
        column: problem.column,
        message: problem.message,
        severity: problem.severity ?? ('error' as const),
      })),
    [problems, checked, syntax],
  );

  // Names the target and the changeset have, offered after `name: ` under a reference.
  const completions = useCallback(
    (text: string, position: { line: number; column: number }) =>
      flowCompletions(text, position, { type }, catalog),
    [type, catalog],
  );

  const edit = (text: string) => {
    setTyped(text);
    const parsed = checkFlowText(text, { name, type });
    // Text the draft cannot take stays here (reported above); the rest goes into the draft and is checked.
    if (text.trim() !== '' && draftProblemMessage(parsed) === null) {
      onChange(setAt(value, [CONFIGURATION], text));
    }
  };

  // The flow renamed or retyped in the form: its configuration's top-level key and name follow.
  const identityChange = (next: JsonObject) => {
    const now = { name: getString(next, ['name']), type: getString(next, ['type']) };
    if (now.name === name && now.type === type) {
      onChange(next);
      return;
    }
    const followed = configurationForIdentity(typed, { name, type }, now);
    if (followed === undefined) {
      onChange(next);
      return;
    }
    setTyped(followed);
    onChange(setAt(next, [CONFIGURATION], followed));
  };

  return (
    <div className="of-flow">
      <IdentityFields form={{ ...props, onChange: identityChange }} description division />
      <div className="form-grid">
        <FormField
          label="Flow type"
          field="type"
          hint={
            keyLocked ? 'A flow is known by its type and name; changing either is another flow.' : undefined
          }
        >
          {keyLocked ? (
            <input value={type ?? ''} readOnly disabled data-testid="field-type" />
          ) : (
            <EnumSelect
              path={['type']}
              value={type}
              options={FLOW_TYPE_OPTIONS}
              onChange={(next) => identityChange(setAt(value, ['type'], next))}
            />
          )}
        </FormField>
      </div>
      <section className="of-section" aria-labelledby="flow-configuration-heading">
        <h3 id="flow-configuration-heading">Configuration</h3>
        <p className="muted small">
          Archy YAML in Ferry&apos;s flow dialect: references by name as{' '}
          <code>queue: {'{lit: {name: …}}'}</code>. Ctrl+Space after <code>name: </code> offers the names the
          target has; at a new key, the references. In the editor, Ctrl+M (⌃⇧M on a Mac) lets Tab leave it.
        </p>
        <div
          data-testid={CONFIGURATION_FIELD}
          tabIndex={-1}
          // Validation's link to this field focuses the wrapper; the cursor belongs in the editor.
          onFocus={(event) => {
            if (event.target === event.currentTarget) event.currentTarget.querySelector('textarea')?.focus();
          }}
        >
          <YamlEditor
            text={typed}
            modelPath={`flow/${type ?? 'flow'}/${name ?? 'new'}`.replace(/[^A-Za-z0-9._/-]/g, '_')}
            height={420}
            ariaLabel={`Configuration of flow ${name ?? ''} (YAML)`}
            markers={markers}
            readOnly={readOnly === true}
            onChange={edit}
            completions={completions}
          />
        </div>
        {markers.length > 0 && (
          <ul className="of-flow-problems" data-testid="flow-problems" aria-live="polite">
            {markers.map((marker, index) => (
              <li
                key={index}
                className={marker.severity === 'warning' ? 'field-warning' : 'field-error'}
                data-line={marker.line}
              >
                Line {marker.line}
                {marker.severity === 'warning' ? ' (warning)' : ''}: {marker.message}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
