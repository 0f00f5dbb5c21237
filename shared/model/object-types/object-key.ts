import type { ObjectTypeDefinition } from './object-type-definition';

/**
 * The key of an object: its natural key, prefixed by its scope where names are unique only
 * within one (`INBOUNDCALL/Main Menu`). Scope values never hold `/` (flow types are upper-case
 * words), so the first `/` always separates them and a name may hold any character.
 * Undefined when a field the key needs is missing or not a non-empty string.
 */
export function objectKeyOf(
  definition: Pick<ObjectTypeDefinition, 'naturalKey' | 'keyScope'>,
  value: Readonly<Record<string, unknown>>,
): string | undefined {
  const name = value[definition.naturalKey];
  if (typeof name !== 'string' || name.length === 0) return undefined;
  if (definition.keyScope === undefined) return name;
  const scope = value[definition.keyScope];
  if (typeof scope !== 'string' || !SCOPE_PATTERN.test(scope)) return undefined;
  return scopedKey(scope, name);
}

/** `INBOUNDCALL` + `Main Menu` → `INBOUNDCALL/Main Menu`; the scope is upper-cased. */
export function scopedKey(scope: string, name: string): string {
  return `${scope.toUpperCase()}/${name}`;
}

/** The fields a key stands for: `{name: "Main Menu", type: "INBOUNDCALL"}`; undefined when malformed. */
export function keyFields(
  definition: Pick<ObjectTypeDefinition, 'naturalKey' | 'keyScope'>,
  key: string,
): Record<string, string> | undefined {
  if (key.length === 0) return undefined;
  if (definition.keyScope === undefined) return { [definition.naturalKey]: key };
  const slash = key.indexOf('/');
  if (slash <= 0 || slash === key.length - 1) return undefined;
  const scope = key.slice(0, slash);
  if (!SCOPE_PATTERN.test(scope)) return undefined;
  return { [definition.keyScope]: scope, [definition.naturalKey]: key.slice(slash + 1) };
}

/** What a person reads for a key: `Main Menu (inbound call)`; the key itself when unscoped. */
export function describeObjectKey(
  definition: Pick<ObjectTypeDefinition, 'naturalKey' | 'keyScope'>,
  key: string,
  describeScope: (scope: string) => string = (scope) => scope.toLowerCase(),
): string {
  const fields = keyFields(definition, key);
  if (definition.keyScope === undefined || fields === undefined) return key;
  return `${fields[definition.naturalKey]} (${describeScope(fields[definition.keyScope] as string)})`;
}

/** Upper-case letters, digits and `_`: what a flow type looks like (`INQUEUECALL`). */
const SCOPE_PATTERN = /^[A-Za-z][A-Za-z0-9_]*$/;
