import './architect-forms.css';
import './skillgroup-form.css';
import { EnumSelect, NumberInput, ReferenceSelect } from './controls';
import { EntryListSection } from './EntryListSection';
import { IdentityFields } from './IdentityFields';
import { fieldTestId, getAt, getNumber } from './json-edit';
import type { ObjectFormProps } from './object-form-props';
import { ParameterSlot } from './ParameterSlot';
import {
  conditionOperation,
  conditionPath,
  conditionProblems,
  conditionsPath,
  conditionTerms,
  conditionText,
  hasNestedConditions,
  isEditableCondition,
  isEditableTerm,
  MAX_PROFICIENCY,
  MIN_PROFICIENCY,
  SKILL_COMPARATORS,
  SKILL_OPERATIONS,
  skillConditions,
  TERM_KIND_ORDER,
  TERM_KINDS,
  termChildConditions,
  termListPath,
  termName,
  termPath,
  termProblems,
  withConditionAdded,
  withConditionRemoved,
  withOperation,
  withTermAdded,
  withTermComparator,
  withTermName,
  withTermProficiency,
  withTermRemoved,
  type TermKind,
} from './skillgroup-form-model';
import { referenceName } from './reference-list';

const NESTED_NOTE = 'Edit nested conditions in the JSON tab; the form keeps them as they are.';

/**
 * A skill group (skill expression group): agents whose skills and languages match its conditions.
 * The form edits the top-level conditions and their terms; conditions a term nests are shown, kept
 * and left to the JSON tab.
 */
export function SkillGroupForm(props: ObjectFormProps) {
  const { value, onChange } = props;
  const conditions = skillConditions(value);
  const listPath = conditionsPath();
  return (
    <>
      <IdentityFields form={props} description division />
      <EntryListSection
        title="Skill conditions"
        root={value}
        onChange={onChange}
        listPath={listPath}
        addLabel="Add condition"
        onAdd={() => onChange(withConditionAdded(value))}
        notes={
          <>
            <p className="muted small">
              Each condition compares agents’ skills and languages with a proficiency from {MIN_PROFICIENCY}{' '}
              to {MAX_PROFICIENCY}, and needs all of them (And) or any of them (Or).
            </p>
            {hasNestedConditions(value) && (
              <p className="muted small" data-testid="skillgroup-nested-note">
                Some terms nest further conditions, shown under them. {NESTED_NOTE}
              </p>
            )}
          </>
        }
        empty={conditions.length === 0}
        emptyText="No conditions: the group matches no agent."
      >
        <ol className="of-entry-list" data-testid={fieldTestId(listPath)}>
          {conditions.map((condition, index) =>
            // Conditions are ordered and carry no identity of their own; the position is the identity.
            isEditableCondition(value, index) ? (
              <ConditionEntry key={index} form={props} index={index} />
            ) : (
              <li key={index} className="of-entry" data-testid="skill-condition">
                <div className="of-entry-head">
                  <strong>Condition {index + 1}</strong>
                </div>
                <p className="sg-readonly">{conditionText(condition)}</p>
                <p className="muted small">The form cannot edit this condition. {NESTED_NOTE}</p>
              </li>
            ),
          )}
        </ol>
      </EntryListSection>
    </>
  );
}

function ConditionEntry({ form, index }: { form: ObjectFormProps; index: number }) {
  const { value, onChange } = form;
  const title = `Condition ${index + 1}`;
  const operationPath = [...conditionPath(index), 'operation'];
  const problems = conditionProblems(value, index);
  return (
    <li className="of-entry" data-testid="skill-condition">
      <div className="of-entry-head">
        <h4>{title}</h4>
        <button
          type="button"
          className="link-button"
          aria-label={`Remove ${title}`}
          data-testid={`${fieldTestId(conditionPath(index))}-remove`}
          onClick={() => onChange(withConditionRemoved(value, index))}
        >
          Remove
        </button>
      </div>
      <label className="form-field sg-operation">
        <span className="form-field-label">Agents match when they have</span>
        <EnumSelect
          path={operationPath}
          value={conditionOperation(value, index)}
          options={SKILL_OPERATIONS}
          label={`${title}: agents match when they have`}
          onChange={(next) => onChange(withOperation(value, index, next))}
        />
      </label>
      {TERM_KIND_ORDER.map((kind) => (
        <TermList key={kind} form={form} index={index} kind={kind} title={title} />
      ))}
      {problems.length > 0 && (
        <ul className="of-entry-problems" data-testid="skill-condition-problems">
          {problems.map((problem) => (
            <li key={problem} className="field-warning">
              {problem}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

interface TermListProps {
  form: ObjectFormProps;
  index: number;
  kind: TermKind;
  title: string;
}

function TermList({ form, index, kind, title }: TermListProps) {
  const { value, onChange, catalog } = form;
  const info = TERM_KINDS[kind];
  const names = catalog(info.catalog);
  const terms = conditionTerms(value, index, kind);
  const listPath = termListPath(index, kind);
  return (
    <div className="sg-terms" role="group" aria-label={`${title}: ${info.heading.toLowerCase()}`}>
      <div className="sg-terms-head">
        <h5>{info.heading}</h5>
        <button
          type="button"
          className="link-button"
          aria-label={`Add ${info.noun} to ${title}`}
          data-testid={`${fieldTestId(listPath)}-add`}
          onClick={() => onChange(withTermAdded(value, index, kind))}
        >
          Add {info.noun}
        </button>
      </div>
      {terms.length === 0 ? (
        <p className="muted small">No {info.noun} conditions.</p>
      ) : (
        <ul className="sg-term-list" data-testid={fieldTestId(listPath)}>
          {terms.map((term, at) =>
            isEditableTerm(value, index, kind, at) ? (
              <TermRow key={at} form={form} index={index} kind={kind} at={at} title={title} names={names} />
            ) : (
              <li key={at} className="sg-term" data-testid={`skill-condition-${kind}`}>
                <span className="sg-readonly">{conditionText(term)}</span>{' '}
                <span className="muted small">{NESTED_NOTE}</span>
              </li>
            ),
          )}
        </ul>
      )}
    </div>
  );
}

interface TermRowProps extends TermListProps {
  at: number;
  names: readonly string[];
}

function TermRow({ form, index, kind, at, title, names }: TermRowProps) {
  const { value, onChange } = form;
  const info = TERM_KINDS[kind];
  const name = termName(value, index, kind, at);
  const rowTitle = `${title}, ${info.noun} ${at + 1}`;
  const namePath = termPath(index, kind, at, info.field);
  const comparatorPath = termPath(index, kind, at, 'comparator');
  const proficiencyPath = termPath(index, kind, at, 'proficiency');
  const comparator = getAt(value, comparatorPath);
  const problems = termProblems(value, index, kind, at);
  const children = termChildConditions(value, index, kind, at);
  return (
    <li className="sg-term" data-testid={`skill-condition-${kind}`} data-name={name}>
      <div className="sg-term-row">
        <ReferenceSelect
          path={namePath}
          refType={info.refType}
          value={getAt(value, namePath)}
          names={names}
          label={`${rowTitle}: ${info.noun}`}
          onChange={(next) => onChange(withTermName(value, index, kind, at, referenceName(next)))}
        />
        <EnumSelect
          path={comparatorPath}
          value={typeof comparator === 'string' ? comparator : undefined}
          options={SKILL_COMPARATORS}
          label={`${rowTitle}: comparison`}
          onChange={(next) => onChange(withTermComparator(value, index, kind, at, next))}
        />
        <ParameterSlot
          root={value}
          path={proficiencyPath}
          onChange={onChange}
          label={`${rowTitle} proficiency`}
        >
          <NumberInput
            testId={fieldTestId(proficiencyPath)}
            label={`${rowTitle}: proficiency`}
            value={getNumber(value, proficiencyPath)}
            min={MIN_PROFICIENCY}
            max={MAX_PROFICIENCY}
            integer
            required
            onChange={(next) => onChange(withTermProficiency(value, index, kind, at, next))}
          />
        </ParameterSlot>
        <button
          type="button"
          className="link-button"
          aria-label={`Remove ${rowTitle}${name === undefined ? '' : ` (${name})`}`}
          data-testid={`${fieldTestId(termPath(index, kind, at))}-remove`}
          onClick={() => onChange(withTermRemoved(value, index, kind, at))}
        >
          Remove
        </button>
      </div>
      {problems.length > 0 && (
        <ul className="of-entry-problems" data-testid="skill-term-problems">
          {problems.map((problem) => (
            <li key={problem} className="field-warning">
              {problem}
            </li>
          ))}
        </ul>
      )}
      {children.length > 0 && (
        <div className="sg-nested" data-testid="skill-term-nested">
          <span className="muted small">Nested conditions (read-only here):</span>
          <ul>
            {children.map((child, position) => (
              <li key={position} className="sg-readonly">
                {conditionText(child)}
              </li>
            ))}
          </ul>
          <span className="muted small">{NESTED_NOTE}</span>
        </div>
      )}
    </li>
  );
}
