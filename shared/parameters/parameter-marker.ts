import { formatDiffPath, type PathSegment } from '../diff/diff-path';
import { isJsonObject, type JsonValue } from '../model/canonical/json-value';

/** `{"$param": "billingCallingNumber"}`: a value that depends on the environment it lands in. */
export const PARAMETER_MARKER = '$param';
/** `{"$secret": "crmToken"}`: where a secret parameter's value goes, in anything Ferry writes down. */
export const SECRET_MARKER = '$secret';

export function isParameterMarker(value: unknown): value is { $param: string } {
  return (
    isJsonObject(value) && Object.keys(value).length === 1 && typeof value[PARAMETER_MARKER] === 'string'
  );
}

export function isSecretMarker(value: unknown): value is { $secret: string } {
  return isJsonObject(value) && Object.keys(value).length === 1 && typeof value[SECRET_MARKER] === 'string';
}

export function parameterMarker(name: string): { $param: string } {
  return { [PARAMETER_MARKER]: name } as { $param: string };
}

export function secretMarker(name: string): { $secret: string } {
  return { [SECRET_MARKER]: name } as { $secret: string };
}

export interface MarkerSlot {
  name: string;
  /** Diff-path syntax inside the value walked; `''` when the value itself is the marker. */
  path: string;
}

/** Every parameter marker in a value, depth first, with where it is. */
export function parameterSlots(value: unknown): MarkerSlot[] {
  return markerSlots(value, isParameterMarker, (item) => item.$param);
}

/** Every parameter or secret marker: positions whose value is known only per environment. */
export function environmentValueSlots(value: unknown): MarkerSlot[] {
  return markerSlots(
    value,
    (item): item is { $param: string } | { $secret: string } =>
      isParameterMarker(item) || isSecretMarker(item),
    (item) => ('$param' in item ? item.$param : item.$secret),
  );
}

function markerSlots<T>(
  value: unknown,
  is: (item: unknown) => item is T,
  nameOf: (item: T) => string,
): MarkerSlot[] {
  const found: MarkerSlot[] = [];
  const walk = (item: unknown, at: PathSegment[]) => {
    if (is(item)) {
      found.push({ name: nameOf(item), path: formatDiffPath(at) });
      return;
    }
    if (Array.isArray(item)) item.forEach((element, index) => walk(element, [...at, index]));
    else if (isJsonObject(item))
      for (const [field, element] of Object.entries(item)) walk(element, [...at, field]);
  };
  walk(value, []);
  return found;
}

/** A copy of `value` with every marker `is` recognises replaced by what `replace` gives for it. */
export function replaceMarkers(
  value: JsonValue,
  is: (item: unknown) => boolean,
  replace: (item: JsonValue) => JsonValue,
): JsonValue {
  if (is(value)) return replace(value);
  if (Array.isArray(value)) return value.map((element) => replaceMarkers(element, is, replace));
  if (isJsonObject(value)) {
    const copy: Record<string, JsonValue> = {};
    for (const [field, element] of Object.entries(value)) {
      Object.defineProperty(copy, field, {
        value: replaceMarkers(element, is, replace),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return copy;
  }
  return value;
}

/**
 * A copy of `value` with every string equal to a secret's value replaced by `{"$secret": name}`:
 * what plans, journals and results hold instead of the value.
 */
export function redactSecretValues(value: JsonValue, secrets: ReadonlyMap<string, string>): JsonValue {
  if (secrets.size === 0) return value;
  return replaceMarkers(
    value,
    (item) => typeof item === 'string' && secrets.has(item),
    (item) => ({ [SECRET_MARKER]: secrets.get(item as string) as string }),
  );
}

/** The reverse, in memory only, just before a write is sent or checked. */
export function revealSecretMarkers(value: JsonValue, secrets: ReadonlyMap<string, string>): JsonValue {
  return replaceMarkers(value, isSecretMarker, (item) => {
    const name = (item as { $secret: string }).$secret;
    return secrets.get(name) ?? item;
  });
}
