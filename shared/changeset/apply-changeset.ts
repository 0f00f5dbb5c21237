import { FerryError } from '../api/api-error';
import { diffObjects } from '../diff/diff-objects';
import { jsonEqual } from '../diff/json-equal';
import { objectKeyInWords } from '../flows/object-key-words';
import { sortKeysDeep } from '../model/canonical/canonical-object-shape';
import { normalizeCanonical } from '../model/canonical/canonicalize';
import { cloneJson, isJsonObject, type JsonObject, type JsonValue } from '../model/canonical/json-value';
import type { ChangesetOperation } from '../model/changeset';
import { findObjectType } from '../model/object-types/registry';
import type { ObjectState } from './object-state';
import {
  formatValuePath,
  insertAtSegments,
  parseValuePath,
  readAtSegments,
  writeAtSegments,
  type ValuePath,
} from './value-path';

export const ChangesetErrorCode = {
  conflict: 'changeset.conflict',
  invalid: 'changeset.invalid',
} as const;

export type ApplyConflictReason = 'exists' | 'missing' | 'before-mismatch';

export interface ApplyConflict {
  /** Index into the operations (from 0); messages count from 1, as people do. */
  operation: number;
  type: string;
  key: string;
  /** The field inside the object, for an update's change. */
  path?: string;
  /** Index of the change inside an update, so a finding can point at it. */
  change?: number;
  reason: ApplyConflictReason;
  message: string;
  expected?: JsonValue;
  actual?: JsonValue;
}

/**
 * Applies operations to a state without touching it: the result shares every map and object the
 * operations leave alone. A conflict never stops the rest; apart from `missing` (nothing to work
 * on) the changeset's outcome wins, so the result is what the changeset describes and the
 * conflicts say where the target was not what the changeset expected.
 *
 * Update changes follow `writeAt`, with one addition that keeps updates invertible: a change with
 * no `before` whose path ends in an index inserts the element there instead of replacing, so it
 * undoes the removal of that element (which splices it out). Its only precondition is that the
 * list reaches that index.
 *
 * Bad paths (syntax, `[]`) are refused with a `changeset.invalid` FerryError: they are not a
 * conflict with the target but a malformed changeset, which `validateChangeset` reports.
 */
export function applyChangeset(
  state: ObjectState,
  operations: readonly ChangesetOperation[],
  options: { strict?: boolean } = {},
): { state: ObjectState; conflicts: ApplyConflict[] } {
  const editor = new StateEditor(state);
  const conflicts: ApplyConflict[] = [];
  operations.forEach((operation, index) => {
    const label = operationLabel(index, operation);
    const base = { operation: index, type: operation.type, key: operation.key };
    const existing = editor.get(operation.type, operation.key);
    switch (operation.op) {
      case 'create': {
        const body = canonicalOf(operation.type, operation.body);
        if (existing !== undefined && jsonEqual(existing, body)) return;
        if (existing !== undefined) {
          conflicts.push({
            ...base,
            reason: 'exists',
            message: `${label}: the object already exists in the target and differs from the changeset's body ${whereDifferent(operation.type, existing, body)}`,
            expected: body,
            actual: existing,
          });
        }
        editor.set(operation.type, operation.key, body);
        return;
      }
      case 'update': {
        if (existing === undefined) {
          conflicts.push({
            ...base,
            reason: 'missing',
            message: `${label}: the object does not exist in the target`,
          });
          return;
        }
        let value = existing;
        operation.changes.forEach((change, changeIndex) => {
          const segments = pathOf(label, change.path);
          const outcome = applyChange(
            value,
            segments,
            change.before as JsonValue | undefined,
            change.after as JsonValue | undefined,
          );
          value = outcome.value;
          if (outcome.problem !== undefined) {
            conflicts.push({
              ...base,
              path: formatValuePath(segments),
              change: changeIndex,
              reason: 'before-mismatch',
              message: `${label}: ${outcome.problem}`,
              ...(change.before === undefined ? {} : { expected: change.before as JsonValue }),
              ...(outcome.actual === undefined ? {} : { actual: outcome.actual }),
            });
          }
        });
        editor.set(operation.type, operation.key, canonicalOf(operation.type, value));
        return;
      }
      case 'delete': {
        if (existing === undefined) {
          conflicts.push({
            ...base,
            reason: 'missing',
            message: `${label}: the object does not exist in the target`,
          });
          return;
        }
        const before = canonicalOf(operation.type, operation.before);
        if (!jsonEqual(existing, before)) {
          conflicts.push({
            ...base,
            reason: 'before-mismatch',
            message: `${label}: the object in the target differs from the changeset's before ${whereDifferent(operation.type, before, existing)}`,
            expected: before,
            actual: existing,
          });
        }
        editor.set(operation.type, operation.key, undefined);
        return;
      }
    }
  });
  const first = conflicts[0];
  if (options.strict === true && first !== undefined) {
    throw new FerryError(ChangesetErrorCode.conflict, first.message, { conflicts });
  }
  return { state: editor.result(), conflicts };
}

/**
 * `operation 3 (update routing.queue "Billing - Voice")`. The type stays its id (people search
 * changesets by it); the key reads in words: `(update architect.flow "Main Menu (inbound call)")`.
 */
export function operationLabel(
  index: number,
  operation: Pick<ChangesetOperation, 'op' | 'type' | 'key'>,
): string {
  return `operation ${index + 1} (${operation.op} ${operation.type} ${JSON.stringify(objectKeyInWords(operation.type, operation.key))})`;
}

/**
 * The canonical form of a body as the state keeps it: for a known type `normalizeCanonical`, so
 * unordered arrays stay sorted; for an unknown one just a key-sorted copy.
 */
export function canonicalOf(type: string, value: unknown): JsonObject {
  if (findObjectType(type) !== undefined) return normalizeCanonical(type, value);
  const copy = cloneJson(value, { dropNullFields: true });
  if (!isJsonObject(copy))
    throw new FerryError(ChangesetErrorCode.invalid, `${type}: the object must be a JSON object`);
  return sortKeysDeep(copy) as JsonObject;
}

export interface ChangeOutcome {
  value: JsonObject;
  /** False when the change could not be written at all (a path through a value of another shape). */
  written: boolean;
  /** Why the target did not match, as the end of a sentence. */
  problem?: string;
  actual?: JsonValue;
}

/** One change of an update, with the insert rule described on `applyChangeset`. */
export function applyChange(
  value: JsonObject,
  segments: ValuePath,
  before: JsonValue | undefined,
  after: JsonValue | undefined,
): ChangeOutcome {
  const path = formatValuePath(segments);
  const last = segments[segments.length - 1];
  if (before === undefined && after !== undefined && typeof last === 'number') {
    const list = readAtSegments(value, segments.slice(0, -1));
    if (!Array.isArray(list) || last > list.length) {
      const found = Array.isArray(list) ? `a list of ${list.length}` : describeValue(list);
      return { value, written: false, problem: `cannot insert ${path}: the target has ${found} there` };
    }
    return { value: insertAtSegments(value, segments, after), written: true };
  }
  const actual = readAtSegments(value, segments);
  const matches =
    actual === undefined || before === undefined ? actual === before : jsonEqual(actual, before);
  const mismatch = matches
    ? undefined
    : `${path} is ${describeValue(actual)} in the target, the changeset expects ${before === undefined ? 'it absent' : describeValue(before)}`;
  try {
    const written = writeAtSegments(value, segments, after);
    if (mismatch === undefined) return { value: written, written: true };
    return { value: written, written: true, problem: mismatch, ...withActual(actual) };
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return {
      value,
      written: false,
      problem: mismatch === undefined ? why : `${mismatch}; ${why}`,
      ...withActual(actual),
    };
  }
}

function withActual(actual: JsonValue | undefined): { actual?: JsonValue } {
  return actual === undefined ? {} : { actual };
}

function pathOf(label: string, path: string): ValuePath {
  try {
    return parseValuePath(path);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new FerryError(ChangesetErrorCode.invalid, `${label}: ${why}`, { path });
  }
}

const MAX_SHOWN = 60;

/** A value for a sentence: short JSON, references by type and name, `absent` for nothing. */
export function describeValue(value: JsonValue | undefined): string {
  if (value === undefined) return 'absent';
  if (isJsonObject(value) && typeof value.$ref === 'string' && typeof value.name === 'string') {
    return `${value.$ref} ${JSON.stringify(value.name)}`;
  }
  const text = JSON.stringify(value);
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN - 1)}…` : text;
}

/** `(at acwSettings.timeoutMs and 2 other places)` */
function whereDifferent(type: string, from: JsonObject, to: JsonObject): string {
  const paths = [...new Set(diffObjects(type, from, to).changes.map((change) => change.path || '(root)'))];
  const [first] = paths;
  if (first === undefined) return '';
  const more = paths.length - 1;
  return `(at ${first}${more === 0 ? '' : ` and ${more} other place${more === 1 ? '' : 's'}`})`;
}

/** Copies a type's map the first time one of its objects changes; everything else stays shared. */
class StateEditor {
  private readonly types: Map<string, ReadonlyMap<string, JsonObject>>;
  private readonly copied = new Map<string, Map<string, JsonObject>>();

  constructor(state: ObjectState) {
    this.types = new Map(state);
  }

  get(type: string, key: string): JsonObject | undefined {
    return this.types.get(type)?.get(key);
  }

  set(type: string, key: string, value: JsonObject | undefined): void {
    let objects = this.copied.get(type);
    if (objects === undefined) {
      objects = new Map(this.types.get(type) ?? []);
      this.copied.set(type, objects);
      this.types.set(type, objects);
    }
    if (value === undefined) objects.delete(key);
    else objects.set(key, value);
  }

  result(): ObjectState {
    return this.types;
  }
}
