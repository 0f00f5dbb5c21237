import { formatDiffPath, tokenizeDiffPath, type PathSegment } from '../diff/diff-path';
import {
  deleteJsonField,
  isJsonObject,
  setJsonField,
  type JsonObject,
  type JsonValue,
} from '../model/canonical/json-value';

/**
 * Changeset field paths use the diff's syntax (`bullseye.rings[1].actions`, `["Phone Number"]`),
 * so a change picked from a compare keeps its path. Unlike a compare's paths they must name one
 * place: `[]` ("every element") has no single value to check or write, so it is refused.
 */
export type ValuePath = readonly PathSegment[];

/** The segments of a changeset path; throws an Error saying what is wrong with it. */
export function parseValuePath(path: string): PathSegment[] {
  const segments: PathSegment[] = [];
  for (const token of tokenizeDiffPath(path)) {
    if (token.kind === 'every') {
      throw new Error(`bad path "${path}": [] names every element; a change must name one field or element`);
    }
    segments.push(token.kind === 'field' ? token.name : token.index);
  }
  return segments;
}

export function formatValuePath(segments: ValuePath): string {
  return formatDiffPath(segments);
}

/** True when `inner` is `outer` or lies below it. */
export function isWithinPath(inner: ValuePath, outer: ValuePath): boolean {
  return outer.length <= inner.length && outer.every((segment, index) => inner[index] === segment);
}

export function readAt(value: JsonValue, path: string): JsonValue | undefined {
  return readAtSegments(value, parseValuePath(path));
}

/** A field is read only from an object and an index only from an array; any other shape reads as absent. */
export function readAtSegments(value: JsonValue | undefined, segments: ValuePath): JsonValue | undefined {
  let current: JsonValue | undefined = value;
  for (const segment of segments) {
    if (current === undefined) return undefined;
    if (typeof segment === 'number') {
      current = Array.isArray(current) ? current[segment] : undefined;
    } else {
      current = isJsonObject(current) && Object.hasOwn(current, segment) ? current[segment] : undefined;
    }
  }
  return current;
}

/**
 * A copy of `value` with `next` at `path`; only the objects and arrays along the path are copied,
 * the rest is shared, and the input is never changed.
 *
 * - `next === undefined` removes: an object field is deleted, an array element is spliced out (the
 *   later elements move up). Removing something already absent changes nothing and never throws.
 * - Writing below a missing object field creates empty objects on the way. A missing array, or an
 *   index past the end of an array (other than exactly at the end, which appends), cannot be made
 *   up without inventing elements, so it throws, as does a path through a value of another shape.
 */
export function writeAt(value: JsonObject, path: string, next: JsonValue | undefined): JsonObject {
  return writeAtSegments(value, parseValuePath(path), next);
}

export function writeAtSegments(
  value: JsonObject,
  segments: ValuePath,
  next: JsonValue | undefined,
): JsonObject {
  if (segments.length === 0) throw new Error('a change needs a path: the object itself cannot be replaced');
  const result = edit(
    value,
    segments,
    0,
    next === undefined ? { kind: 'remove' } : { kind: 'set', value: next },
  );
  // A fresh root even when nothing changed, so a caller may treat the result as its own.
  return result === value ? { ...value } : (result as JsonObject);
}

/**
 * A copy of `value` with `element` inserted before the element at `path` (which ends in an index),
 * or appended when the index is the array's length. The inverse of removing that element.
 */
export function insertAt(value: JsonObject, path: string, element: JsonValue): JsonObject {
  return insertAtSegments(value, parseValuePath(path), element);
}

export function insertAtSegments(value: JsonObject, segments: ValuePath, element: JsonValue): JsonObject {
  if (typeof segments[segments.length - 1] !== 'number') {
    throw new Error(`cannot insert at ${describe(segments, segments.length)}: the path must end in an index`);
  }
  return edit(value, segments, 0, { kind: 'insert', value: element }) as JsonObject;
}

type Edit = { kind: 'set'; value: JsonValue } | { kind: 'insert'; value: JsonValue } | { kind: 'remove' };

/** `holder` is the value at `segments[0..at)`; returns its replacement. */
function edit(
  holder: JsonValue | undefined,
  segments: ValuePath,
  at: number,
  change: Edit,
): JsonValue | undefined {
  const segment = segments[at] as PathSegment;
  const last = at === segments.length - 1;
  if (holder === undefined) {
    // Only reached for a missing intermediate (see below): removing there is a no-op.
    if (change.kind === 'remove') return undefined;
    if (typeof segment === 'number') {
      throw new Error(
        `cannot write ${describe(segments, segments.length)}: ${describe(segments, at)} does not exist`,
      );
    }
    holder = {};
  }
  if (typeof segment === 'number') {
    if (!Array.isArray(holder)) {
      if (change.kind === 'remove') return holder;
      throw new Error(
        `cannot write ${describe(segments, segments.length)}: ${describe(segments, at)} is ${kindOf(holder)}, not a list`,
      );
    }
    return editElement(holder, segment, segments, at, last, change);
  }
  if (!isJsonObject(holder)) {
    if (change.kind === 'remove') return holder;
    throw new Error(
      `cannot write ${describe(segments, segments.length)}: ${describe(segments, at)} is ${kindOf(holder)}, not an object`,
    );
  }
  const present = Object.hasOwn(holder, segment);
  if (last) {
    if (change.kind === 'remove') {
      if (!present) return holder;
      const copy = { ...holder };
      deleteJsonField(copy, segment);
      return copy;
    }
    if (change.kind === 'insert') throw new Error('unreachable: insert paths end in an index');
    const copy = { ...holder };
    setJsonField(copy, segment, change.value);
    return copy;
  }
  if (!present && change.kind === 'remove') return holder;
  const inner = edit(present ? holder[segment] : undefined, segments, at + 1, change);
  if (inner === undefined || (present && inner === holder[segment])) return holder;
  const copy = { ...holder };
  setJsonField(copy, segment, inner);
  return copy;
}

function editElement(
  holder: JsonValue[],
  index: number,
  segments: ValuePath,
  at: number,
  last: boolean,
  change: Edit,
): JsonValue[] {
  if (last) {
    if (change.kind === 'remove') {
      if (index >= holder.length) return holder;
      return [...holder.slice(0, index), ...holder.slice(index + 1)];
    }
    if (index > holder.length) {
      throw new Error(
        `cannot write ${describe(segments, segments.length)}: the list has ${holder.length} element(s), so the next one is [${holder.length}]`,
      );
    }
    if (change.kind === 'insert') return [...holder.slice(0, index), change.value, ...holder.slice(index)];
    const copy = [...holder];
    copy[index] = change.value;
    return copy;
  }
  if (index >= holder.length && change.kind === 'remove') return holder;
  const inner = edit(holder[index], segments, at + 1, change);
  if (inner === undefined || inner === holder[index]) return holder;
  const copy = [...holder];
  copy[index] = inner;
  return copy;
}

function describe(segments: ValuePath, length: number): string {
  return length === 0 ? 'the object' : formatDiffPath(segments.slice(0, length));
}

function kindOf(value: JsonValue): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
