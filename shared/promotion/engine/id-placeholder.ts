import { isJsonObject, type JsonValue } from '../../model/canonical/json-value';

/**
 * A plan is written before the objects it creates exist, so their ids are unknown. Wherever one
 * is needed (a reference in a body, the object's own URL for its sub-resources) the plan holds
 * `{id of <type> "<key>"}`; the executor swaps in the id once the create has answered.
 */
export function idPlaceholder(type: string, key: string): string {
  return `{id of ${type} ${JSON.stringify(key)}}`;
}

const PLACEHOLDER = /^\{id of ([a-z][a-z.]*) ("(?:[^"\\]|\\.)*")\}$/;

export function parseIdPlaceholder(text: string): { type: string; key: string } | null {
  const match = PLACEHOLDER.exec(text);
  if (match === null) return null;
  try {
    const key: unknown = JSON.parse(match[2] as string);
    return typeof key === 'string' ? { type: match[1] as string, key } : null;
  } catch {
    return null;
  }
}

export type IdLookup = (type: string, key: string) => string | undefined;

export class UnresolvedPlaceholderError extends Error {
  constructor(readonly placeholder: string) {
    super(`no id is known yet for ${placeholder}`);
    this.name = 'UnresolvedPlaceholderError';
  }
}

const PLACEHOLDER_IN_TEXT = /\{id of [a-z][a-z.]* "(?:[^"\\]|\\.)*"\}/g;

/**
 * The path with every placeholder replaced by its id, encoded as a URL segment. Found by pattern
 * rather than by splitting on `/`, because a key is JSON text and may itself hold a `/`.
 */
export function resolvePath(path: string, lookup: IdLookup): string {
  return path.replace(PLACEHOLDER_IN_TEXT, (placeholder) =>
    encodeURIComponent(resolveOne(placeholder, lookup)),
  );
}

/**
 * A copy of `value` with every string that is exactly a placeholder replaced by its id, in values
 * and in keys (a map keyed by id, such as utilization per label, keys a label created in the run).
 */
export function resolveBody(value: JsonValue, lookup: IdLookup): JsonValue {
  if (typeof value === 'string')
    return parseIdPlaceholder(value) === null ? value : resolveOne(value, lookup);
  if (Array.isArray(value)) return value.map((element) => resolveBody(element, lookup));
  if (isJsonObject(value)) {
    const copy: Record<string, JsonValue> = {};
    for (const [key, field] of Object.entries(value)) {
      const resolvedKey = parseIdPlaceholder(key) === null ? key : resolveOne(key, lookup);
      Object.defineProperty(copy, resolvedKey, {
        value: resolveBody(field, lookup),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return copy;
  }
  return value;
}

/** Whether anything in the path or body still waits for an id. */
export function hasPlaceholder(value: JsonValue | undefined): boolean {
  if (typeof value === 'string') return value.includes('{id of ');
  if (Array.isArray(value)) return value.some(hasPlaceholder);
  if (isJsonObject(value)) {
    return Object.entries(value).some(([key, field]) => key.includes('{id of ') || hasPlaceholder(field));
  }
  return false;
}

function resolveOne(text: string, lookup: IdLookup): string {
  const parsed = parseIdPlaceholder(text);
  if (parsed === null) throw new UnresolvedPlaceholderError(text);
  const id = lookup(parsed.type, parsed.key);
  if (id === undefined) throw new UnresolvedPlaceholderError(text);
  return id;
}
