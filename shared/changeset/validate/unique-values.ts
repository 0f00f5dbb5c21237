/**
 * Validation phase 4b (after references, before the order), values no two objects of a type may share (an IVR's DNIS numbers, the
 * type's `uniqueValues`): a changeset must not give one value to two objects, nor, against a
 * target, give an object a value another object of the target's latest snapshot keeps. Apart
 * because it reasons across operations about values rather than references; the rule itself
 * (what is unique, what clashes) is the promotion engine's, so plan and validation agree.
 */
import { formatDiffPath } from '../../diff/diff-path';
import { isJsonObject, type JsonValue } from '../../model/canonical/json-value';
import type { ObjectTypeDefinition } from '../../model/object-types/object-type-definition';
import { isParameterMarker } from '../../parameters/parameter-marker';
import { uniqueValueClashes, uniqueValuesOf, type UniqueValue } from '../../promotion/engine/unique-values';
import { operationLabel } from '../apply-changeset';
import type { ObjectState } from '../object-state';
import type { ValuePath } from '../value-path';
import { joinPath, type Usable, type ValidationState } from './validation-state';

/** A unique value an operation writes, with where it is written in the changeset document. */
interface WrittenValue extends UniqueValue {
  documentPath: string;
}

/** What one create or update writes at its type's unique paths. */
interface Writer {
  entry: Usable;
  /**
   * The part of the object the operation writes: a create's body, or an update's changes put at
   * their paths (arrays sparse where a change names one element). Enough to see which unique
   * values it sets without the target.
   */
  part: JsonValue;
  written: WrittenValue[];
}

/** `result` is the target after the changeset, or undefined when validating without a target. */
export function checkUniqueValues(state: ValidationState, result: ObjectState | undefined): void {
  const writers = new Map<string, Map<string, Writer>>();
  for (const entry of state.usable) {
    const { operation } = entry;
    if (operation.op === 'delete') continue;
    const type = state.types(operation.type);
    if (type === undefined || (type.uniqueValues ?? []).length === 0) continue;
    const ofType = writers.get(type.id) ?? new Map<string, Writer>();
    writers.set(type.id, ofType);
    // A second operation on one object is already an error (duplicate-object); the first speaks for it.
    if (!ofType.has(operation.key)) ofType.set(operation.key, writerOf(type, entry));
  }
  for (const [typeId, ofType] of writers) {
    const type = state.types(typeId) as ObjectTypeDefinition;
    const parts = new Map([...ofType].map(([key, writer]) => [key, writer.part]));
    for (const [key, writer] of ofType) {
      const label = operationLabel(writer.entry.index, writer.entry.operation);
      for (const clash of uniqueValueClashes(type, key, parts)) {
        const other = ofType.get(clash.otherKey) as Writer;
        // Reported once, on the later of the two operations.
        if (other.entry.index > writer.entry.index) continue;
        const mine = writtenAs(writer, clash.path, clash.value);
        if (mine === undefined) continue;
        state.add(
          'error',
          'unique-value-clash',
          writer.entry.index,
          mine.documentPath,
          `${label}: ${shown(mine)} (${fieldOf(clash.path)}) is also given to ${state.name(typeId, clash.otherKey)} by operation ${other.entry.index + 1}, and no two ${type.pluralLabel.toLowerCase()} may hold the same ${fieldOf(clash.path)} value in an org`,
          `Give each ${type.label} its own value: take ${shown(mine)} out of one of operations ${other.entry.index + 1} and ${writer.entry.index + 1}.`,
        );
      }
      if (result === undefined) continue;
      for (const clash of uniqueValueClashes(type, key, result.get(typeId) ?? new Map())) {
        const mine = writtenAs(writer, clash.path, clash.value);
        if (mine === undefined) continue;
        const other = ofType.get(clash.otherKey);
        if (other !== undefined && writtenAs(other, clash.path, clash.value) !== undefined) continue;
        const holder = state.name(typeId, clash.otherKey);
        state.add(
          'error',
          'unique-value-clash',
          writer.entry.index,
          mine.documentPath,
          `${label}: ${shown(mine)} (${fieldOf(clash.path)}) is held by ${holder} in the target's latest snapshot, and this changeset does not take it off; no two ${type.pluralLabel.toLowerCase()} may hold the same ${fieldOf(clash.path)} value in an org`,
          `Take ${shown(mine)} off ${holder} in this changeset (an update of its ${fieldOf(clash.path)}), or use another value here.`,
        );
      }
    }
  }
}

function writerOf(type: ObjectTypeDefinition, entry: Usable): Writer {
  const { operation, index } = entry;
  if (operation.op === 'create') {
    const body = operation.body as JsonValue;
    return {
      entry,
      part: body,
      written: uniqueValuesOf(type, body).map((value) => ({
        ...value,
        documentPath: joinPath(`operations[${index}].body`, formatDiffPath(value.location)),
      })),
    };
  }
  let part: JsonValue = {};
  const written: WrittenValue[] = [];
  if (operation.op !== 'update') return { entry, part, written };
  operation.changes.forEach((change, changeIndex) => {
    const path = entry.paths[changeIndex] as ValuePath;
    if (change.after === undefined) return;
    const values = uniqueValuesOf(type, placedAt(path, change.after as JsonValue));
    // A change inside one unique value (a field of it) does not say the whole value: without the
    // target nothing can be known of it, and with one the target after the changeset speaks.
    if (values.some((value) => value.location.length < path.length)) return;
    part = mergeParts(part, placedAt(path, change.after as JsonValue));
    for (const value of values) {
      written.push({
        ...value,
        documentPath: joinPath(
          `operations[${index}].changes[${changeIndex}].after`,
          formatDiffPath(value.location.slice(path.length)),
        ),
      });
    }
  });
  return { entry, part, written };
}

/** `after` put at `path` in an otherwise empty object: `dnis[2]` → `{dnis: [<2 empty>, after]}`. */
function placedAt(path: ValuePath, after: JsonValue): JsonValue {
  let value = after;
  for (let at = path.length - 1; at >= 0; at -= 1) {
    const segment = path[at] as string | number;
    if (typeof segment === 'number') {
      // Sparse: the elements the change does not name are unknown, not empty, and are skipped.
      const holder: JsonValue[] = [];
      holder[segment] = value;
      value = holder;
    } else {
      value = { [segment]: value };
    }
  }
  return value;
}

/** Two written parts of one object as one; the changes of one update never overlap. */
function mergeParts(left: JsonValue, right: JsonValue): JsonValue {
  if (Array.isArray(left) && Array.isArray(right)) {
    const merged = left.slice(); // keeps the holes: unknown elements stay unknown
    right.forEach((element, index) => {
      merged[index] = index in left ? mergeParts(left[index] as JsonValue, element) : element;
    });
    return merged;
  }
  if (isJsonObject(left) && isJsonObject(right)) {
    const merged: Record<string, JsonValue> = { ...left };
    for (const [field, element] of Object.entries(right)) {
      // Defined, not assigned: a field named __proto__ stays a field.
      Object.defineProperty(merged, field, {
        value: Object.hasOwn(left, field) ? mergeParts(left[field] as JsonValue, element) : element,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return merged;
  }
  return right;
}

function writtenAs(writer: Writer, path: string, value: string): WrittenValue | undefined {
  return writer.written.find((written) => written.path === path && written.value === value);
}

/** `+443306000001`, or `the value of parameter mainNumber` where the changeset leaves it to the target. */
function shown(value: UniqueValue): string {
  if (isParameterMarker(value.raw)) return `the value of parameter ${value.raw.$param}`;
  return typeof value.raw === 'string' ? value.raw : JSON.stringify(value.raw);
}

/** `dnis[]` → `dnis`: the field as a person knows it. */
function fieldOf(path: string): string {
  return path.replaceAll('[]', '');
}
