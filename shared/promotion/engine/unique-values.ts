import { slotsAt } from '../../model/canonical/field-path';
import type { JsonObject } from '../../model/canonical/json-value';
import { stableStringify } from '../../model/canonical/stable-stringify';
import type { ObjectTypeDefinition } from '../../model/object-types/object-type-definition';

/** One value two objects of a type would both hold. */
export interface UniqueValueClash {
  /** The field path from the type's `uniqueValues`. */
  path: string;
  /** The value as text (`+443306000001`). */
  value: string;
  /** The other object holding it. */
  otherKey: string;
}

/**
 * The values of `key`'s object (as it will be) that another object of the type also holds once
 * every step has run, given the type's objects as they will all be (`after`). Empty when the type
 * declares no unique values or nothing clashes.
 */
export function uniqueValueClashes(
  type: ObjectTypeDefinition,
  key: string,
  after: ReadonlyMap<string, JsonObject>,
): UniqueValueClash[] {
  const paths = type.uniqueValues ?? [];
  const mine = after.get(key);
  if (paths.length === 0 || mine === undefined) return [];
  const clashes: UniqueValueClash[] = [];
  for (const path of paths) {
    const holders = new Map<string, string>();
    for (const [otherKey, other] of after) {
      if (otherKey === key) continue;
      for (const slot of slotsAt(other, path)) holders.set(textOf(slot.value), otherKey);
    }
    const seen = new Set<string>();
    for (const slot of slotsAt(mine, path)) {
      const value = textOf(slot.value);
      const otherKey = holders.get(value);
      if (otherKey === undefined || seen.has(value)) continue;
      seen.add(value);
      clashes.push({ path, value, otherKey });
    }
  }
  return clashes;
}

function textOf(value: unknown): string {
  return typeof value === 'string' ? value : stableStringify(value as JsonObject);
}
