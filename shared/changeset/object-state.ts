import type { JsonObject } from '../model/canonical/json-value';
import { stableStringify } from '../model/canonical/stable-stringify';

/** The objects of one environment in canonical form: type → natural key → value. */
export type ObjectState = ReadonlyMap<string, ReadonlyMap<string, JsonObject>>;

/** Builds a state; when an entry repeats a type and key, the later one wins (as a later file would). */
export function stateFromEntries(
  entries: Iterable<{ type: string; key: string; value: JsonObject }>,
): ObjectState {
  const state = new Map<string, Map<string, JsonObject>>();
  for (const { type, key, value } of entries) {
    let objects = state.get(type);
    if (objects === undefined) {
      objects = new Map();
      state.set(type, objects);
    }
    objects.set(key, value);
  }
  return state;
}

export function objectIn(state: ObjectState, type: string, key: string): JsonObject | undefined {
  return state.get(type)?.get(key);
}

/** Every object in the state, in the maps' order. */
export function* objectsOf(state: ObjectState): Generator<{ type: string; key: string; value: JsonObject }> {
  for (const [type, objects] of state) {
    for (const [key, value] of objects) yield { type, key, value };
  }
}

/**
 * Deep equality by canonical text. A type with no objects counts as absent, because applying a
 * changeset that deletes the last object of a type leaves an empty map behind.
 */
export function sameState(a: ObjectState, b: ObjectState): boolean {
  const types = new Set([...a.keys(), ...b.keys()]);
  for (const type of types) {
    const left = a.get(type);
    const right = b.get(type);
    if ((left?.size ?? 0) !== (right?.size ?? 0)) return false;
    if (left === undefined || right === undefined || left === right) continue;
    for (const [key, value] of left) {
      const other = right.get(key);
      if (other === undefined) return false;
      if (other !== value && stableStringify(other) !== stableStringify(value)) return false;
    }
  }
  return true;
}
