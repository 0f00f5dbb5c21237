import { formatDiffPath, type PathSegment } from '../../../../../shared/diff/diff-path';
import {
  deleteJsonField,
  isJsonObject,
  setJsonField,
  type JsonObject,
  type JsonValue,
} from '../../../../../shared/model/canonical/json-value';

export type Path = readonly PathSegment[];

/** The test id end-to-end tests find an input by: `field-` and the value's diff path. */
export function fieldTestId(path: Path): string {
  return `field-${formatDiffPath(path)}`;
}

export function getAt(root: JsonValue | undefined, path: Path): JsonValue | undefined {
  let current = root;
  for (const segment of path) {
    if (typeof segment === 'number') {
      current = Array.isArray(current) ? current[segment] : undefined;
    } else {
      current = isJsonObject(current) && Object.hasOwn(current, segment) ? current[segment] : undefined;
    }
    if (current === undefined) return undefined;
  }
  return current;
}

export function getString(root: JsonValue | undefined, path: Path): string | undefined {
  const value = getAt(root, path);
  return typeof value === 'string' ? value : undefined;
}

export function getNumber(root: JsonValue | undefined, path: Path): number | undefined {
  const value = getAt(root, path);
  return typeof value === 'number' ? value : undefined;
}

export function getBoolean(root: JsonValue | undefined, path: Path): boolean | undefined {
  const value = getAt(root, path);
  return typeof value === 'boolean' ? value : undefined;
}

export function getArray(root: JsonValue | undefined, path: Path): readonly JsonValue[] | undefined {
  const value = getAt(root, path);
  return Array.isArray(value) ? value : undefined;
}

/**
 * A copy of `root` with the value at `path` replaced; everything else is shared, not copied.
 * `undefined` removes the field, and so do objects the removal leaves empty: the canonical form
 * has no empty placeholders for what the user cleared. Array elements are never removed this way
 * (a position means something), nor is an object that was already empty.
 * Missing objects on the way are created; a missing array element cannot be, and is an error.
 */
export function setAt(root: JsonObject, path: Path, value: JsonValue | undefined): JsonObject {
  const next = setInside(root, path, 0, value);
  return isJsonObject(next) ? next : {};
}

function setInside(
  current: JsonValue | undefined,
  path: Path,
  depth: number,
  value: JsonValue | undefined,
): JsonValue | undefined {
  if (depth === path.length) return value;
  const segment = path[depth] as PathSegment;
  if (typeof segment === 'number') {
    if (!Array.isArray(current) || segment < 0 || segment >= current.length) {
      throw new Error(`no element ${segment} at ${formatDiffPath(path.slice(0, depth)) || '(root)'}`);
    }
    const element = setInside(current[segment], path, depth + 1, value);
    const copy = [...current];
    // An element is only cleared when its own content is; the list keeps its length.
    copy[segment] = element ?? {};
    return copy;
  }
  const object = isJsonObject(current) ? current : {};
  const child = setInside(
    Object.hasOwn(object, segment) ? object[segment] : undefined,
    path,
    depth + 1,
    value,
  );
  const copy: JsonObject = { ...object };
  if (child === undefined) {
    deleteJsonField(copy, segment);
    const emptied = Object.keys(copy).length === 0 && Object.keys(object).length > 0;
    return emptied && depth > 0 ? undefined : copy;
  }
  setJsonField(copy, segment, child);
  return copy;
}

/** Text fields: an empty string means "not set", which the canonical form writes as no field. */
export function textOrUndefined(text: string): string | undefined {
  return text === '' ? undefined : text;
}
