import { compareCodeUnits, stableStringify } from './stable-stringify';
import { deleteJsonField, isJsonObject, setJsonField, type JsonObject, type JsonValue } from './json-value';
import { slotsAt } from './field-path';
import type { UnorderedArray } from '../object-types/object-type-definition';

const patternCache = new Map<string, RegExp>();

function fieldPattern(glob: string): RegExp {
  let pattern = patternCache.get(glob);
  if (pattern === undefined) {
    const body = glob
      .split('*')
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*');
    pattern = new RegExp(`^${body}$`);
    patternCache.set(glob, pattern);
  }
  return pattern;
}

/** Drops the top-level fields matching any of `globs` (`*` = any run of characters). */
export function removeFieldsMatching(value: JsonObject, globs: readonly string[]): void {
  const patterns = globs.map(fieldPattern);
  for (const key of Object.keys(value)) {
    if (patterns.some((pattern) => pattern.test(key))) deleteJsonField(value, key);
  }
}

/**
 * Sorts each unordered array in place. Deeper arrays go first so that an outer array is sorted
 * by the canonical text of elements whose own sets are already in order.
 */
export function sortUnorderedArrays(value: JsonObject, arrays: readonly UnorderedArray[]): void {
  const deepestFirst = [...arrays].sort((left, right) => depth(right.path) - depth(left.path));
  for (const array of deepestFirst) {
    for (const slot of slotsAt(value, array.path)) {
      if (Array.isArray(slot.value)) sortElements(slot.value, array.sortBy);
    }
  }
}

function depth(path: string): number {
  return path.split(/\.|\[\]/).length;
}

function sortElements(elements: JsonValue[], sortBy: string | undefined): void {
  // The whole element's text is only needed to break ties, so it is made on demand.
  const keyed = elements.map((element) => ({
    element,
    primary: primarySortText(element, sortBy),
    text: undefined as string | undefined,
  }));
  const textOf = (entry: (typeof keyed)[number]): string => (entry.text ??= stableStringify(entry.element));
  keyed.sort(
    (left, right) =>
      compareCodeUnits(left.primary, right.primary) || compareCodeUnits(textOf(left), textOf(right)),
  );
  keyed.forEach(({ element }, index) => {
    elements[index] = element;
  });
}

function primarySortText(element: JsonValue, sortBy: string | undefined): string {
  if (typeof element === 'string') return element;
  if (sortBy === undefined || !isJsonObject(element)) return '';
  const field = element[sortBy];
  if (typeof field === 'string') return field;
  return field === undefined ? '' : stableStringify(field);
}

/** A copy with every object's keys inserted in code-unit order. */
export function sortKeysDeep(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(sortKeysDeep);
  if (!isJsonObject(value)) return value;
  const sorted: JsonObject = {};
  for (const key of Object.keys(value).sort(compareCodeUnits)) {
    const field = value[key];
    if (field !== undefined) setJsonField(sorted, key, sortKeysDeep(field));
  }
  return sorted;
}
