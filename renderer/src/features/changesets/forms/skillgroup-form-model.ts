import { canonicalReference } from '../../../../../shared/model/canonical/canonical-reference';
import { sortUnorderedArrays } from '../../../../../shared/model/canonical/canonical-object-shape';
import {
  isJsonObject,
  type JsonObject,
  type JsonValue,
} from '../../../../../shared/model/canonical/json-value';
import type { ReferenceTargetType } from '../../../../../shared/model/object-types/object-type-definition';
import { isParameterMarker } from '../../../../../shared/parameters/parameter-marker';
import { getArray, getAt, setAt, type Path } from './json-edit';
import { describeUnnamed, referenceName } from './reference-list';
import { catalogKeyFor } from './reference-scope';

const TYPE = 'routing.skillgroup';
const CONDITIONS = ['skillConditions'] as const;

/** The two kinds of term a condition joins: a routing skill, or a language, each with a proficiency. */
export type TermKind = 'routing' | 'language';

export interface TermKindInfo {
  /** The condition's list of terms of this kind. */
  list: 'routingSkillConditions' | 'languageSkillConditions';
  /** The term's field naming the skill or language. */
  field: 'routingSkill' | 'languageSkill';
  refType: ReferenceTargetType;
  /** Where the form finds the names a term may pick. */
  catalog: string;
  noun: string;
  heading: string;
}

export const TERM_KINDS: Readonly<Record<TermKind, TermKindInfo>> = {
  routing: {
    list: 'routingSkillConditions',
    field: 'routingSkill',
    refType: 'routing.skill',
    catalog: catalogKeyFor(TYPE, 'skillConditions[].routingSkillConditions[].routingSkill'),
    noun: 'skill',
    heading: 'Skills',
  },
  language: {
    list: 'languageSkillConditions',
    field: 'languageSkill',
    refType: 'routing.language',
    catalog: catalogKeyFor(TYPE, 'skillConditions[].languageSkillConditions[].languageSkill'),
    noun: 'language',
    heading: 'Languages',
  },
};

export const TERM_KIND_ORDER: readonly TermKind[] = ['routing', 'language'];

/**
 * The comparators Genesys takes (a bare string in the SDK; these are the values its language-skill
 * twin enumerates and the sandbox checks), with the symbol a person reads them by.
 */
export const SKILL_COMPARATORS = [
  { value: 'EqualTo', label: '= equal to', symbol: '=' },
  { value: 'NotEqualTo', label: '≠ not equal to', symbol: '≠' },
  { value: 'LessThan', label: '< less than', symbol: '<' },
  { value: 'LessThanOrEqualTo', label: '≤ at most', symbol: '≤' },
  { value: 'GreaterThan', label: '> more than', symbol: '>' },
  { value: 'GreaterThanOrEqualTo', label: '≥ at least', symbol: '≥' },
] as const;

/** How one condition joins its terms. */
export const SKILL_OPERATIONS = [
  { value: 'And', label: 'All of them (And)' },
  { value: 'Or', label: 'Any of them (Or)' },
] as const;

/** "Integer range 0-5", as the SDK documents `proficiency`. */
export const MIN_PROFICIENCY = 0;
export const MAX_PROFICIENCY = 5;

/** A new term: "has the skill at all"; the person picks the skill and tightens it from there. */
const NEW_TERM: JsonObject = { comparator: 'GreaterThanOrEqualTo', proficiency: MIN_PROFICIENCY };

export function conditionsPath(): Path {
  return CONDITIONS;
}

export function conditionPath(index: number): Path {
  return [...CONDITIONS, index];
}

export function termListPath(index: number, kind: TermKind): Path {
  return [...CONDITIONS, index, TERM_KINDS[kind].list];
}

export function termPath(index: number, kind: TermKind, at: number, field?: string): Path {
  const path: Path = [...termListPath(index, kind), at];
  return field === undefined ? path : [...path, field];
}

export function skillConditions(group: JsonObject): readonly JsonValue[] {
  return getArray(group, CONDITIONS) ?? [];
}

/**
 * Whether the form can edit the top-level condition at `index`: an object. Anything else (a
 * parameter standing for the whole condition) is shown as it is and kept.
 */
export function isEditableCondition(group: JsonObject, index: number): boolean {
  return isEditable(skillConditions(group)[index]);
}

function isEditable(element: JsonValue | undefined): element is JsonObject {
  return isJsonObject(element) && !isParameterMarker(element);
}

/** Whether the form can edit one term: an object, not a parameter standing for the whole term. */
export function isEditableTerm(group: JsonObject, index: number, kind: TermKind, at: number): boolean {
  return isEditable(conditionTerms(group, index, kind)[at]);
}

/** Appends an empty condition joining its terms with And; the top-level list keeps its order. */
export function withConditionAdded(group: JsonObject): JsonObject {
  const condition: JsonObject = { languageSkillConditions: [], operation: 'And', routingSkillConditions: [] };
  return setAt(group, CONDITIONS, [...skillConditions(group), condition]);
}

/**
 * Removes one top-level condition, and with it whatever it nests (the person removed the whole
 * condition). The last one removed leaves an empty list: a group that names no skill, as the API
 * reports one.
 */
export function withConditionRemoved(group: JsonObject, index: number): JsonObject {
  return setAt(
    group,
    CONDITIONS,
    skillConditions(group).filter((_, at) => at !== index),
  );
}

export function conditionOperation(group: JsonObject, index: number): string | undefined {
  const operation = getAt(group, [...conditionPath(index), 'operation']);
  return typeof operation === 'string' ? operation : undefined;
}

/** Sets how the condition joins its terms; its terms (and what they nest) are kept as they are. */
export function withOperation(group: JsonObject, index: number, operation: string | undefined): JsonObject {
  return setAt(group, [...conditionPath(index), 'operation'], operation);
}

export function conditionTerms(group: JsonObject, index: number, kind: TermKind): readonly JsonValue[] {
  return getArray(group, termListPath(index, kind)) ?? [];
}

/**
 * Adds a term where canonical form puts it (the terms one operation joins are a set, sorted by
 * the skill they name), so the JSON view and the snapshot read alike. A new term names no skill
 * yet, so it sorts first: at the top of its list, where the person picks one.
 */
export function withTermAdded(group: JsonObject, index: number, kind: TermKind): JsonObject {
  const list = [...conditionTerms(group, index, kind), { ...NEW_TERM }];
  const holder: JsonObject = { terms: list };
  sortUnorderedArrays(holder, [{ path: 'terms', sortBy: TERM_KINDS[kind].field }]);
  return setAt(group, termListPath(index, kind), holder.terms);
}

/** Removes one term, and what it nests with it; the list stays, empty if it was the last. */
export function withTermRemoved(group: JsonObject, index: number, kind: TermKind, at: number): JsonObject {
  return setAt(
    group,
    termListPath(index, kind),
    conditionTerms(group, index, kind).filter((_, position) => position !== at),
  );
}

export function termName(group: JsonObject, index: number, kind: TermKind, at: number): string | undefined {
  return referenceName(getAt(group, termPath(index, kind, at, TERM_KINDS[kind].field)));
}

/**
 * Sets the skill (or language) a term names, by canonical reference, in place: re-sorting while
 * a person picks would move the row under them (the saved state is sorted anyway). The term's
 * other fields, nested conditions included, are kept.
 */
export function withTermName(
  group: JsonObject,
  index: number,
  kind: TermKind,
  at: number,
  name: string | undefined,
): JsonObject {
  const info = TERM_KINDS[kind];
  return setAt(
    group,
    termPath(index, kind, at, info.field),
    name === undefined ? undefined : canonicalReference(info.refType, name),
  );
}

export function withTermComparator(
  group: JsonObject,
  index: number,
  kind: TermKind,
  at: number,
  comparator: string | undefined,
): JsonObject {
  return setAt(group, termPath(index, kind, at, 'comparator'), comparator);
}

export function withTermProficiency(
  group: JsonObject,
  index: number,
  kind: TermKind,
  at: number,
  proficiency: number | undefined,
): JsonObject {
  return setAt(group, termPath(index, kind, at, 'proficiency'), proficiency);
}

/** The conditions a term nests (`childConditions`): the form shows them but does not edit them. */
export function termChildConditions(
  group: JsonObject,
  index: number,
  kind: TermKind,
  at: number,
): readonly JsonValue[] {
  return getArray(group, termPath(index, kind, at, 'childConditions')) ?? [];
}

/** Whether any term anywhere in the group nests conditions, for the note that says where to edit them. */
export function hasNestedConditions(group: JsonObject): boolean {
  return skillConditions(group).some(
    (_, index) =>
      isEditableCondition(group, index) &&
      TERM_KIND_ORDER.some((kind) =>
        conditionTerms(group, index, kind).some(
          (_term, at) => termChildConditions(group, index, kind, at).length > 0,
        ),
      ),
  );
}

/** Why a proficiency cannot be sent, in words a person acts on; null when it can (or is a parameter). */
export function proficiencyProblem(value: JsonValue | undefined): string | null {
  if (isParameterMarker(value)) return null;
  const range = `a whole number from ${MIN_PROFICIENCY} to ${MAX_PROFICIENCY}`;
  if (value === undefined || value === null) return `Give the proficiency: ${range}.`;
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    return `The proficiency ${JSON.stringify(value)} is not ${range}; Genesys refuses it.`;
  }
  if (value < MIN_PROFICIENCY || value > MAX_PROFICIENCY) {
    return `The proficiency ${value} is out of range: Genesys takes ${range}.`;
  }
  return null;
}

/** What keeps a term from being sent, in words a person acts on; empty when nothing does. */
export function termProblems(group: JsonObject, index: number, kind: TermKind, at: number): string[] {
  const term = conditionTerms(group, index, kind)[at];
  if (!isJsonObject(term) || isParameterMarker(term)) return [];
  const info = TERM_KINDS[kind];
  const problems: string[] = [];
  if (term[info.field] === undefined) problems.push(`Pick the ${info.noun} this term compares.`);
  const comparator = term.comparator;
  if (comparator === undefined || comparator === null) {
    problems.push('Pick how the proficiency compares (at least, at most, equal to…).');
  } else if (!SKILL_COMPARATORS.some((known) => known.value === comparator)) {
    problems.push(
      `Genesys does not know the comparator ${JSON.stringify(comparator)}: pick one from the list.`,
    );
  }
  const proficiency = proficiencyProblem(term.proficiency);
  if (proficiency !== null) problems.push(proficiency);
  return problems;
}

/** What is wrong with a top-level condition as a whole; empty when nothing is. */
export function conditionProblems(group: JsonObject, index: number): string[] {
  if (!isEditableCondition(group, index)) return [];
  const problems: string[] = [];
  const operation = conditionOperation(group, index);
  if (operation === undefined) {
    problems.push('Pick whether the condition needs all of its terms (And) or any of them (Or).');
  } else if (!SKILL_OPERATIONS.some((known) => known.value === operation)) {
    problems.push(`Genesys joins terms with And or Or, not ${JSON.stringify(operation)}: pick one.`);
  }
  const terms = TERM_KIND_ORDER.reduce((count, kind) => count + conditionTerms(group, index, kind).length, 0);
  if (terms === 0) {
    problems.push('This condition names no skill or language: add one, or remove the condition.');
  }
  return problems;
}

function textOf(value: JsonValue | undefined): string {
  if (value === undefined || value === null) return '?';
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (isParameterMarker(value)) return describeUnnamed(value);
  const name = referenceName(value);
  return name ?? describeUnnamed(value);
}

function termText(term: JsonValue, kind: TermKind): string {
  if (!isEditable(term)) return textOf(term);
  const info = TERM_KINDS[kind];
  const comparator = SKILL_COMPARATORS.find((known) => known.value === term.comparator);
  const children = Array.isArray(term.childConditions) ? term.childConditions : [];
  const nested =
    children.length === 0 ? '' : `, nesting ${children.map((child) => conditionText(child)).join('; ')}`;
  return `${info.noun} “${textOf(term[info.field])}” ${comparator?.symbol ?? textOf(term.comparator)} ${textOf(term.proficiency)}${nested}`;
}

/**
 * A condition in one line, nested conditions included, for showing what the form does not edit:
 * `(skill “Billing” ≥ 3 And language “French” ≥ 2)`.
 */
export function conditionText(condition: JsonValue): string {
  if (!isJsonObject(condition) || isParameterMarker(condition)) return textOf(condition);
  const operation = typeof condition.operation === 'string' ? condition.operation : '?';
  const terms = TERM_KIND_ORDER.flatMap((kind) => {
    const list = condition[TERM_KINDS[kind].list];
    return Array.isArray(list) ? list.map((term) => termText(term, kind)) : [];
  });
  return `(${terms.length === 0 ? 'no terms' : terms.join(` ${operation} `)})`;
}
