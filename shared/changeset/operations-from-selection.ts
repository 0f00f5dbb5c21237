import { canonicalKey } from '../diff/canonical-key';
import type { PathSegment } from '../diff/diff-path';
import type { FieldChange } from '../diff/diff-types';
import { jsonEqual } from '../diff/json-equal';
import { normalizeCanonical } from '../model/canonical/canonicalize';
import type { JsonObject, JsonValue } from '../model/canonical/json-value';
import type { ChangesetOperation } from '../model/changeset';
import { findObjectType } from '../model/object-types/registry';
import { applyChange, canonicalOf } from './apply-changeset';
import { withParameterMarkers, type ParameterField } from './parameter-fields';
import {
  formatValuePath,
  isWithinPath,
  parseValuePath,
  readAtSegments,
  writeAtSegments,
  type ValuePath,
} from './value-path';

type UpdateChange = Extract<ChangesetOperation, { op: 'update' }>['changes'][number];

interface Unit {
  segments: PathSegment[];
  /**
   * `value`: the whole value at the path, as in `to`. `set`: an unordered array, `from`'s with the
   * picked elements added and removed. `element-added`/`element-removed`: one element at the end
   * of an ordered array, which grows or shrinks only there (the diff compares by position).
   */
  kind: 'value' | 'set' | 'element-added' | 'element-removed';
  setAdded: JsonValue[];
  setRemoved: JsonValue[];
}

/**
 * The update that makes the picked differences between `from` (the target's object) and `to`
 * happen, as one change per picked unit. A unit inside another picked unit is covered by it and
 * left out. Elements added to or removed from an ordered array are written so that any subset
 * applies cleanly and inverts exactly: additions are renumbered to follow the elements already
 * there (picking only the third of three new elements appends it), and removals come last,
 * highest index first, so each removes the element its `before` names.
 * A field named in `parameters` is written as `{"$param": name}` instead of `to`'s value, so each
 * environment the changeset lands in gets its own value (issue 15).
 */
export function operationsFromFieldChanges(
  type: string,
  key: string,
  from: JsonObject,
  source: JsonObject,
  selected: readonly FieldChange[],
  parameters: readonly Pick<ParameterField, 'path' | 'name'>[] = [],
): ChangesetOperation[] {
  const to = parameters.length === 0 ? source : withParameterMarkers(source, parameters);
  const units = new Map<string, Unit>();
  for (const change of selected) {
    const segments = parseValuePath(change.path);
    const path = formatValuePath(segments);
    let unit = units.get(path);
    if (unit === undefined) {
      unit = { segments, kind: unitKind(change, segments, from, to), setAdded: [], setRemoved: [] };
      units.set(path, unit);
    }
    if (change.kind === 'set-added' && change.after !== undefined) unit.setAdded.push(change.after);
    if (change.kind === 'set-removed' && change.before !== undefined) unit.setRemoved.push(change.before);
  }
  const kept = [...units.values()].filter(
    (unit) =>
      ![...units.values()].some(
        (other) =>
          other !== unit &&
          other.segments.length < unit.segments.length &&
          isWithinPath(unit.segments, other.segments),
      ),
  );
  if (kept.length === 0) return [];

  const changes: UpdateChange[] = [];
  for (const unit of kept) {
    if (unit.kind === 'value')
      changes.push(
        change(unit.segments, readAtSegments(from, unit.segments), readAtSegments(to, unit.segments)),
      );
    if (unit.kind === 'set')
      changes.push(change(unit.segments, readAtSegments(from, unit.segments), setValue(type, from, unit)));
  }
  const added = kept.filter((unit) => unit.kind === 'element-added').sort(byArrayThenIndex(1));
  const addedSoFar = new Map<string, number>();
  for (const unit of added) {
    const arrayPath = unit.segments.slice(0, -1);
    const arrayText = formatValuePath(arrayPath);
    const list = readAtSegments(from, arrayPath);
    const rank = addedSoFar.get(arrayText) ?? 0;
    addedSoFar.set(arrayText, rank + 1);
    const position = (Array.isArray(list) ? list.length : 0) + rank;
    changes.push(change([...arrayPath, position], undefined, readAtSegments(to, unit.segments)));
  }
  const removed = kept.filter((unit) => unit.kind === 'element-removed').sort(byArrayThenIndex(-1));
  for (const unit of removed)
    changes.push(change(unit.segments, readAtSegments(from, unit.segments), undefined));
  return [{ op: 'update', type, key, changes }];
}

function unitKind(change: FieldChange, segments: ValuePath, from: JsonObject, to: JsonObject): Unit['kind'] {
  if (change.kind === 'set-added' || change.kind === 'set-removed') return 'set';
  const last = segments[segments.length - 1];
  if (typeof last !== 'number' || change.kind === 'changed') return 'value';
  const arrayPath = segments.slice(0, -1);
  if (change.kind === 'added' && Array.isArray(readAtSegments(from, arrayPath))) return 'element-added';
  if (change.kind === 'removed' && Array.isArray(readAtSegments(to, arrayPath))) return 'element-removed';
  return 'value';
}

function byArrayThenIndex(direction: 1 | -1): (left: Unit, right: Unit) => number {
  return (left, right) => {
    const leftArray = formatValuePath(left.segments.slice(0, -1));
    const rightArray = formatValuePath(right.segments.slice(0, -1));
    if (leftArray !== rightArray) return leftArray < rightArray ? -1 : 1;
    return (
      direction *
      ((left.segments[left.segments.length - 1] as number) -
        (right.segments[right.segments.length - 1] as number))
    );
  };
}

/** `from`'s array with the picked elements taken out and put in, in canonical order for a known type. */
function setValue(type: string, from: JsonObject, unit: Unit): JsonValue {
  const current = readAtSegments(from, unit.segments);
  const elements = Array.isArray(current) ? [...current] : [];
  for (const element of unit.setRemoved) {
    const text = canonicalKey(element);
    const at = elements.findIndex((candidate) => canonicalKey(candidate) === text);
    if (at >= 0) elements.splice(at, 1);
  }
  elements.push(...unit.setAdded);
  if (findObjectType(type) === undefined) return elements;
  const sorted = normalizeCanonical(type, writeAtSegments(from, unit.segments, elements));
  return readAtSegments(sorted, unit.segments) ?? elements;
}

function change(
  segments: ValuePath,
  before: JsonValue | undefined,
  after: JsonValue | undefined,
): UpdateChange {
  return {
    path: formatValuePath(segments),
    ...(before === undefined ? {} : { before }),
    ...(after === undefined ? {} : { after }),
  };
}

/**
 * Adds operations to a changeset. An operation on an object the changeset already has is folded
 * into the existing one, which keeps its place; other objects are appended.
 *
 * - update + update: changes are merged by path, each keeping the original `before` (the target's
 *   value before the whole changeset) and taking the newer `after`. When one path lies inside the
 *   other, the outer path wins: a new inner change is written into the existing outer `after`; a
 *   new outer change replaces the inner ones, with its `before` rebuilt by undoing them. A change
 *   that ends up with `after` equal to `before` is dropped, and an update left with no changes is
 *   removed. Paths are taken literally: merging assumes index paths name the same element in both.
 * - create + update: the create's body with the update applied.
 * - anything else: the new operation replaces the old one; `replaced` counts these.
 */
export function mergeOperations(
  existing: readonly ChangesetOperation[],
  added: readonly ChangesetOperation[],
): { operations: ChangesetOperation[]; replaced: number } {
  const operations = [...existing];
  let replaced = 0;
  for (const operation of added) {
    const at = operations.findIndex((other) => other.type === operation.type && other.key === operation.key);
    const current = operations[at];
    if (current === undefined) {
      operations.push(operation);
    } else if (current.op === 'update' && operation.op === 'update') {
      const changes = mergeChanges(current.changes, operation.changes);
      if (changes.length === 0) operations.splice(at, 1);
      else operations[at] = { ...current, changes };
    } else if (current.op === 'create' && operation.op === 'update') {
      let body = current.body as JsonObject;
      for (const update of operation.changes) {
        body = applyChange(
          body,
          parseValuePath(update.path),
          asJson(update.before),
          asJson(update.after),
        ).value;
      }
      operations[at] = { ...current, body: canonicalOf(current.type, body) };
    } else {
      operations[at] = operation;
      replaced += 1;
    }
  }
  return { operations, replaced };
}

interface ParsedChange {
  change: UpdateChange;
  segments: PathSegment[];
}

function mergeChanges(existing: readonly UpdateChange[], added: readonly UpdateChange[]): UpdateChange[] {
  let merged: ParsedChange[] = existing.map((change) => ({ change, segments: parseValuePath(change.path) }));
  for (const change of added) {
    const segments = parseValuePath(change.path);
    const outer = merged.findIndex((entry) => isWithinPath(segments, entry.segments));
    const outerEntry = merged[outer];
    if (outerEntry !== undefined) {
      const relative = segments.slice(outerEntry.segments.length);
      const after =
        relative.length === 0
          ? { value: asJson(change.after), written: true }
          : within(asJson(outerEntry.change.after), relative, asJson(change.before), asJson(change.after));
      if (after.written) {
        merged[outer] = {
          change: withValues(outerEntry.change, asJson(outerEntry.change.before), after.value),
          segments: outerEntry.segments,
        };
        continue;
      }
    } else {
      const inner = merged.filter((entry) => isWithinPath(entry.segments, segments));
      const first = inner[0];
      if (first !== undefined) {
        // The new change's before may have been read before or after the inner changes; undoing
        // them (later ones first) gives the original either way.
        let before = asJson(change.before);
        for (const entry of [...inner].reverse()) {
          before = within(
            before,
            entry.segments.slice(segments.length),
            asJson(entry.change.after),
            asJson(entry.change.before),
          ).value;
        }
        const position = merged.indexOf(first);
        merged = merged.filter((entry) => !inner.includes(entry));
        merged.splice(position, 0, { change: withValues(change, before, asJson(change.after)), segments });
        continue;
      }
    }
    merged.push({ change, segments });
  }
  return merged
    .map((entry) => entry.change)
    .filter((change) => !sameMaybe(asJson(change.before), asJson(change.after)));
}

/** Applies a change below `container`, the value at some outer path. */
function within(
  container: JsonValue | undefined,
  relative: ValuePath,
  before: JsonValue | undefined,
  after: JsonValue | undefined,
): { value: JsonValue | undefined; written: boolean } {
  const holder: JsonObject = container === undefined ? {} : { value: container };
  const outcome = applyChange(holder, ['value', ...relative], before, after);
  return { value: outcome.value.value, written: outcome.written };
}

function withValues(
  change: UpdateChange,
  before: JsonValue | undefined,
  after: JsonValue | undefined,
): UpdateChange {
  return {
    path: change.path,
    ...(before === undefined ? {} : { before }),
    ...(after === undefined ? {} : { after }),
  };
}

function sameMaybe(left: JsonValue | undefined, right: JsonValue | undefined): boolean {
  if (left === undefined || right === undefined) return left === right;
  return jsonEqual(left, right);
}

function asJson(value: unknown): JsonValue | undefined {
  return value as JsonValue | undefined;
}
