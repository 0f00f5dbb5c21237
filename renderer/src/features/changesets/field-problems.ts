/**
 * Input the draft cannot hold yet: text in a form field that is not a value the field accepts
 * (`-5` where 0 or more is required), or JSON that does not parse. The draft keeps its last good
 * value, so this text would be lost by a Save or by leaving; instead it is kept here, shown in
 * Validation with the field named in words, and it blocks Save until it is fixed or discarded.
 */
export interface FieldProblem {
  /** The operation's object (`objectId(type, key)`). */
  object: string;
  /** The field's test id (`field-<path>`), or `json` for the JSON view of the object. */
  field: string;
  /** The field in words, as the form labels it. */
  name: string;
  /** A sentence for a person: what is wrong with the text. */
  message: string;
  /** What was typed, shown again when the form comes back. */
  text: string;
}

export const JSON_FIELD = 'json';

/** The list with `problem` recorded for its field (replacing an earlier one), or the field cleared. */
export function withFieldProblem(
  problems: readonly FieldProblem[],
  object: string,
  field: string,
  problem: Omit<FieldProblem, 'object' | 'field'> | null,
): FieldProblem[] {
  const others = problems.filter((item) => !(item.object === object && item.field === field));
  return problem === null ? others : [...others, { object, field, ...problem }];
}

/** Problems of objects the draft still has an operation on; the rest went with their operation. */
export function problemsOfObjects(
  problems: readonly FieldProblem[],
  objects: ReadonlySet<string>,
): FieldProblem[] {
  return problems.filter((problem) => objects.has(problem.object));
}

/** A renamed object keeps its pending text under its new name. */
export function problemsRenamed(problems: readonly FieldProblem[], from: string, to: string): FieldProblem[] {
  return from === to
    ? [...problems]
    : problems.map((item) => (item.object === from ? { ...item, object: to } : item));
}

/** Why Save must wait, naming the first field; null when nothing blocks it. */
export function saveBlockedReason(problems: readonly FieldProblem[]): string | null {
  const [first] = problems;
  if (first === undefined) return null;
  const others = problems.length - 1;
  return `Fix ${problems.length === 1 ? 'this field' : `${problems.length} fields`} before saving: ${first.message}${
    others > 0 ? ` (and ${others} more, listed in Validation)` : ''
  }.`;
}

/** The title a changeset is saved with must have text: the document and its list entry are named by it. */
export function titleProblem(title: string): string | null {
  return title.trim() === '' ? 'Title is required: give the changeset a title' : null;
}

/** Why Save must wait for this draft: its title first, then text its fields could not take. */
export function draftBlockedReason(title: string, problems: readonly FieldProblem[]): string | null {
  const missingTitle = titleProblem(title);
  if (missingTitle !== null) return `${missingTitle} before saving.`;
  return saveBlockedReason(problems);
}

export interface NumberRule {
  min?: number | undefined;
  max?: number | undefined;
  integer?: boolean | undefined;
  required?: boolean | undefined;
}

/**
 * What is wrong with the text of a number field, as a sentence naming the field; null when the
 * text is a number the field accepts (or empty, where empty removes the field).
 * `unreadable`: the browser could not read the text as a number at all (`1e`, `-`).
 */
export function numberProblem(
  name: string,
  text: string,
  rule: NumberRule,
  unreadable = false,
): string | null {
  const trimmed = text.trim();
  if (unreadable) return `${name} must be a number`;
  if (trimmed === '') return rule.required ? `${name} is required` : null;
  const number = Number(trimmed);
  if (!Number.isFinite(number)) return `${name} must be a number`;
  if (rule.integer && !Number.isInteger(number)) return `${name} must be a whole number`;
  const { min, max } = rule;
  if (min !== undefined && max !== undefined && (number < min || number > max))
    return `${name} must be between ${min} and ${max}`;
  if (min !== undefined && number < min) return `${name} must be ${min} or more`;
  if (max !== undefined && number > max) return `${name} must be ${max} or less`;
  return null;
}

/** A field's name from its test id when the form gives none: `field-acwSettings.timeoutMs` → `acwSettings.timeoutMs`. */
export function fallbackFieldName(field: string): string {
  return field.startsWith('field-') ? field.slice('field-'.length) : field;
}
