import { slotsAt } from '../../model/canonical/field-path';
import type { JsonValue } from '../../model/canonical/json-value';
import { stableStringify } from '../../model/canonical/stable-stringify';
import type { ObjectTypeDefinition } from '../../model/object-types/object-type-definition';

/**
 * The one rule for a type's `uniqueValues` (an IVR's DNIS numbers): which values an object holds
 * there, and which of them another object of the type holds too. The plan asks it of the target
 * as every step leaves it; changeset validation asks it of what the changeset writes and of the
 * target's latest snapshot after the changeset.
 */

/** One value an object holds at one of its type's unique paths. */
export interface UniqueValue {
  /** The field path from the type's `uniqueValues` (`dnis[]`). */
  path: string;
  /** The value as text (`+443306000001`); equal texts are the same value. */
  value: string;
  /** Where in the object, e.g. `['dnis', 1]`. */
  location: readonly (string | number)[];
  /** The value itself, for saying what it is (a parameter marker reads differently from a number). */
  raw: JsonValue;
}

/** One value two objects of a type would both hold. */
export interface UniqueValueClash {
  /** The field path from the type's `uniqueValues`. */
  path: string;
  /** The value as text (`+443306000001`). */
  value: string;
  /** The other object holding it. */
  otherKey: string;
  /** Where the value sits in this object. */
  location: readonly (string | number)[];
}

/** Every value `value` holds at the type's unique paths, in path then position order. */
export function uniqueValuesOf(type: ObjectTypeDefinition, value: JsonValue): UniqueValue[] {
  return (type.uniqueValues ?? []).flatMap((path) =>
    slotsAt(value, path).map((slot) => ({
      path,
      value: textOf(slot.value),
      location: slot.location,
      raw: slot.value,
    })),
  );
}

/**
 * The values of `key`'s object (as it will be) that another object of the type also holds once
 * every step has run, given the type's objects as they will all be (`after`). Empty when the type
 * declares no unique values or nothing clashes. A value the object holds twice is reported once.
 */
export function uniqueValueClashes(
  type: ObjectTypeDefinition,
  key: string,
  after: ReadonlyMap<string, JsonValue>,
): UniqueValueClash[] {
  const mine = after.get(key);
  if ((type.uniqueValues ?? []).length === 0 || mine === undefined) return [];
  const holders = new Map<string, string>();
  for (const [otherKey, other] of after) {
    if (otherKey === key) continue;
    for (const held of uniqueValuesOf(type, other)) holders.set(holderId(held), otherKey);
  }
  const clashes: UniqueValueClash[] = [];
  const seen = new Set<string>();
  for (const held of uniqueValuesOf(type, mine)) {
    const id = holderId(held);
    const otherKey = holders.get(id);
    if (otherKey === undefined || seen.has(id)) continue;
    seen.add(id);
    clashes.push({ path: held.path, value: held.value, otherKey, location: held.location });
  }
  return clashes;
}

/** A value is unique per path: the same text at two different unique paths is no clash. */
function holderId(held: UniqueValue): string {
  return JSON.stringify([held.path, held.value]);
}

function textOf(value: JsonValue): string {
  return typeof value === 'string' ? value : stableStringify(value);
}
