import {
  canonicalReference,
  isCanonicalReference,
} from '../../../../../shared/model/canonical/canonical-reference';
import { isJsonObject, type JsonValue } from '../../../../../shared/model/canonical/json-value';
import { isParameterMarker } from '../../../../../shared/parameters/parameter-marker';
import { compareCodeUnits, stableStringify } from '../../../../../shared/model/canonical/stable-stringify';
import type { ReferenceTargetType } from '../../../../../shared/model/object-types/object-type-definition';

/** The natural key a canonical reference names, or undefined for an unresolved `{ $ref, id }` one. */
export function referenceName(value: JsonValue | undefined): string | undefined {
  return isCanonicalReference(value) && typeof value.name === 'string' ? value.name : undefined;
}

/**
 * An element a picker cannot show by name, in words: a parameter (`{"$param"}`, whose object each
 * environment names), or a reference the source org could not name.
 */
export function describeUnnamed(value: JsonValue | undefined): string {
  if (isParameterMarker(value)) return `parameter ${value.$param}`;
  const id = isJsonObject(value) ? value.id : undefined;
  return `Unresolved reference ${typeof id === 'string' ? `(id ${id})` : JSON.stringify(value)}`;
}

/** The names a list of references holds, in list order. */
export function referencedNames(list: readonly JsonValue[] | undefined): string[] {
  return (list ?? []).flatMap((element) => {
    const name = referenceName(element);
    return name === undefined ? [] : [name];
  });
}

/**
 * Elements the pickers cannot show as a name (references kept by id because the source org could
 * not name them, or anything else odd): they are kept as they are unless removed one by one.
 */
export function unnamedElements(list: readonly JsonValue[] | undefined): JsonValue[] {
  return (list ?? []).filter((element) => referenceName(element) === undefined);
}

/**
 * Sorted as canonicalize sorts membership lists (`sortBy: 'name'`): by name in code-unit order,
 * elements without a name first, ties by their canonical text.
 */
export function sortReferences(list: readonly JsonValue[]): JsonValue[] {
  const keyed = list.map((element) => ({ element, name: referenceName(element) ?? '' }));
  keyed.sort(
    (left, right) =>
      compareCodeUnits(left.name, right.name) ||
      compareCodeUnits(stableStringify(left.element), stableStringify(right.element)),
  );
  return keyed.map(({ element }) => element);
}

/**
 * The list with exactly `names` selected: named references rebuilt and sorted, anything the
 * picker could not show kept. A name given twice is listed once.
 */
export function withReferencedNames(
  list: readonly JsonValue[] | undefined,
  refType: ReferenceTargetType,
  names: readonly string[],
): JsonValue[] {
  const unique = [...new Set(names)];
  return sortReferences([
    ...unnamedElements(list),
    ...unique.map((name) => canonicalReference(refType, name)),
  ]);
}

/** The list with one name added or taken out. */
export function withReferenceToggled(
  list: readonly JsonValue[] | undefined,
  refType: ReferenceTargetType,
  name: string,
  selected: boolean,
): JsonValue[] {
  const names = referencedNames(list).filter((existing) => existing !== name);
  return withReferencedNames(list, refType, selected ? [...names, name] : names);
}

/** The list without one element, found by identity: how an element without a name is removed. */
export function withoutElement(list: readonly JsonValue[] | undefined, element: JsonValue): JsonValue[] {
  return (list ?? []).filter((existing) => existing !== element);
}
