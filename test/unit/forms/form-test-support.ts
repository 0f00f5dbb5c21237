import {
  cloneJson,
  isJsonObject,
  type JsonObject,
  type JsonValue,
} from '../../../shared/model/canonical/json-value';

/** Freezes a value all the way down, so a helper that mutates its input throws in the test. */
export function deepFreeze<T extends JsonValue>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/** A frozen deep copy of a fixture: the test can compare against the original afterwards. */
export function frozenCopy(value: object): JsonObject {
  const copy = cloneJson(value);
  if (!isJsonObject(copy)) throw new Error('fixture is not an object');
  return deepFreeze(copy);
}
