import type { JsonObject, JsonValue } from '../../../../../shared/model/canonical/json-value';
import { compareCodeUnits, stableStringify } from '../../../../../shared/model/canonical/stable-stringify';
import { dnisSchema } from '../../../../../shared/model/object-types/architect-ivr';
import { getArray, setAt, type Path } from './json-edit';
import type { FieldReading } from './field-reading';
import { catalogKeyFor } from './reference-scope';

const TYPE = 'architect.ivr';
const DNIS = ['dnis'] as const;

/** The flows an IVR answers with, by time of day; each is an inbound call flow. */
export const IVR_FLOW_FIELDS = [
  { field: 'openHoursFlow', label: 'Open hours flow', hint: 'Answers while the schedule group is open.' },
  { field: 'closedHoursFlow', label: 'Closed hours flow', hint: 'Answers outside opening hours.' },
  { field: 'holidayHoursFlow', label: 'Holiday flow', hint: 'Answers on the schedule group’s holidays.' },
] as const;

/** Where the form finds the flow names for each field (the same scope for all three). */
export const IVR_FLOW_CATALOG = catalogKeyFor(TYPE, 'openHoursFlow');

export const DNIS_EXAMPLE = '+443306000001';

/** What to type, said the same way wherever a number is refused. */
export const DNIS_HOW = `Type it in E.164: a +, the country code and the number, digits only, e.g. ${DNIS_EXAMPLE}`;

export function dnisPath(index: number): Path {
  return [...DNIS, index];
}

/** The IVR's numbers as stored: E.164 strings, or `{"$param"}` where each environment gives one. */
export function dnisList(ivr: JsonObject): readonly JsonValue[] {
  return getArray(ivr, DNIS) ?? [];
}

/**
 * Why `text` is not a number the IVR can own, in words that say what to type; null when it is.
 * `others` are the numbers already in the list (a number is listed once).
 */
export function dnisProblem(text: string, others: readonly JsonValue[] = []): string | null {
  const number = text.trim();
  // No closing full stop: the editor quotes these inside sentences of its own.
  if (number === '') return `Type a number. ${DNIS_HOW}`;
  if (!dnisSchema.safeParse(number).success) {
    if (/[\s().-]/.test(number)) return `Leave out spaces, brackets and dashes. ${DNIS_HOW}`;
    if (!number.startsWith('+')) return `Start with + and the country code. ${DNIS_HOW}`;
    if (/^\+0/.test(number)) return `The country code comes first, without a leading 0. ${DNIS_HOW}`;
    return `Not an E.164 number. ${DNIS_HOW}`;
  }
  if (others.includes(number)) return `${number} is already in the list.`;
  return null;
}

/** A typed number as the field reads it: the trimmed number, or why it cannot be one. */
export function readDnis(text: string, others: readonly JsonValue[] = []): FieldReading<string> {
  const problem = dnisProblem(text, others);
  return problem === null ? { ok: true, value: text.trim() } : { ok: false, error: problem };
}

/** The numbers other than the one at `index`, for the duplicate check of the one being edited. */
export function otherNumbers(ivr: JsonObject, index: number): JsonValue[] {
  return dnisList(ivr).filter((_, at) => at !== index);
}

/** Sorted as canonicalize sorts an unordered list without a sort field: by canonical text. */
function canonicalOrder(list: readonly JsonValue[]): JsonValue[] {
  return [...list].sort((left, right) => compareCodeUnits(stableStringify(left), stableStringify(right)));
}

/**
 * Adds a number where canonical form puts it (the list is a set), so an added number reads the
 * same in the JSON view and the snapshot. An invalid or repeated number is refused: the field
 * says why before anything is written.
 */
export function withDnisAdded(ivr: JsonObject, text: string): JsonObject {
  const parsed = readDnis(text, dnisList(ivr));
  if (!parsed.ok) return ivr;
  return setAt(ivr, DNIS, canonicalOrder([...dnisList(ivr), parsed.value]));
}

/** Replaces one number in place: re-sorting while a person types would move the row under them. */
export function withDnisChanged(ivr: JsonObject, index: number, value: JsonValue): JsonObject {
  return setAt(ivr, dnisPath(index), value);
}

/** Removes one number; an IVR left with none says so with an empty list (it answers no number). */
export function withDnisRemoved(ivr: JsonObject, index: number): JsonObject {
  return setAt(
    ivr,
    DNIS,
    dnisList(ivr).filter((_, at) => at !== index),
  );
}
