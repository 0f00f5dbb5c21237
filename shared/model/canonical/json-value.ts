export type JsonPrimitive = string | number | boolean | null;
export type JsonValue = JsonPrimitive | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Sets an own field even when it is called `__proto__` (which JSON.parse creates as an ordinary
 * field but plain assignment would treat as the prototype).
 */
export function setJsonField(target: JsonObject, key: string, value: JsonValue): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    target[key] = value;
  }
}

/** Removes a field named by data (the object is used as a map, which the lint rule guards against). */
export function deleteJsonField(target: JsonObject, key: string): void {
  Reflect.deleteProperty(target, key);
}

export class NotJsonError extends Error {
  readonly path: readonly PropertyKey[];
  constructor(message: string, path: readonly PropertyKey[]) {
    super(message);
    this.name = 'NotJsonError';
    this.path = path;
  }
}

/**
 * A deep copy holding only JSON values, so later steps can edit it in place without touching the
 * caller's object. Fields that are `undefined` are left out as `JSON.stringify` would; with
 * `dropNullFields`, so are fields that are `null`: Genesys treats an absent field and a null one
 * alike, and one org's export may have either. Null array elements are kept (position matters).
 * Anything JSON cannot hold (functions, NaN, dates, class instances, cycles) is refused.
 */
export function cloneJson(value: unknown, options: { dropNullFields?: boolean } = {}): JsonValue {
  const onPath = new Set<object>();
  // One shared stack rather than an array per node: the path is only read when refusing, and a
  // refusal ends the whole copy, so nothing needs unwinding after a throw.
  const path: (string | number)[] = [];
  const refuse = (message: string) => new NotJsonError(message, [...path]);
  const copy = (current: unknown): JsonValue => {
    if (current === null || typeof current === 'string' || typeof current === 'boolean') return current;
    if (typeof current === 'number') {
      if (!Number.isFinite(current)) throw refuse(`${String(current)} is not a JSON number`);
      // -0 prints as 0; normalising here keeps deepEqual and the text in agreement.
      return current === 0 ? 0 : current;
    }
    if (typeof current !== 'object') throw refuse(`a ${typeof current} is not a JSON value`);
    if (onPath.has(current)) throw refuse('the value refers to itself');
    onPath.add(current);
    let result: JsonValue;
    if (Array.isArray(current)) {
      const elements: JsonValue[] = [];
      for (let index = 0; index < current.length; index += 1) {
        path.push(index);
        const element: unknown = current[index];
        if (element === undefined) throw refuse('an array element is undefined');
        elements.push(copy(element));
        path.pop();
      }
      result = elements;
    } else {
      const prototype: unknown = Object.getPrototypeOf(current);
      if (prototype !== Object.prototype && prototype !== null)
        throw refuse('only plain objects are JSON objects');
      const fields: JsonObject = {};
      for (const [key, field] of Object.entries(current)) {
        if (field === undefined) continue;
        if (field === null && options.dropNullFields === true) continue;
        path.push(key);
        setJsonField(fields, key, copy(field));
        path.pop();
      }
      result = fields;
    }
    onPath.delete(current);
    return result;
  };
  return copy(value);
}
