import { keyFields, scopedKey } from './object-key';
import type { ReferenceField } from './object-type-definition';
import { findObjectType } from './registry';

/**
 * The keys of a type's objects that carry a name, for references whose field does not say the
 * scope on its own (`[…]` when nothing of that name exists). Given where a state is at hand (a
 * target's snapshot, a plan), so that "whichever exists" can be answered.
 */
export type KeysNamed = (type: string, name: string) => readonly string[];

/**
 * The key of the object a canonical reference `{"$ref": refType, "name": name}` names. Canonical
 * references carry the name only; where the target's names are unique only within a scope
 * (a flow's within its flow type) the field's `narrow` says the scope: one value gives
 * `INQUEUECALL/Billing`; several, or none, give whichever object of that name exists
 * (`keysNamed`); none existing, the first narrowed scope (what a create would make). Undefined
 * when several exist: the reference is ambiguous and must not be guessed.
 */
export function referencedKey(
  reference: Pick<ReferenceField, 'narrow' | 'targetType'> | undefined,
  refType: string,
  name: string,
  keysNamed?: KeysNamed,
): string | undefined {
  const definition = findObjectType(refType);
  const scopeField = definition?.keyScope;
  if (definition === undefined || scopeField === undefined) return name;
  const narrow =
    reference !== undefined && reference.targetType === refType && reference.narrow?.field === scopeField
      ? reference.narrow.values.map((value) => value.toUpperCase())
      : undefined;
  if (narrow !== undefined && narrow.length === 1) return scopedKey(narrow[0] as string, name);
  const existing = (keysNamed?.(refType, name) ?? []).filter((key) => {
    const scope = keyFields(definition, key)?.[scopeField];
    return scope !== undefined && (narrow === undefined || narrow.includes(scope.toUpperCase()));
  });
  if (existing.length > 1) return undefined;
  if (existing.length === 1) return existing[0];
  return narrow?.[0] === undefined ? undefined : scopedKey(narrow[0], name);
}

/** The name a canonical reference carries for a key: `INBOUNDCALL/Main Menu` → `Main Menu`. */
export function referenceNameOfKey(refType: string, key: string): string {
  const definition = findObjectType(refType);
  if (definition?.keyScope === undefined) return key;
  return keyFields(definition, key)?.[definition.naturalKey] ?? key;
}

/** `KeysNamed` over a set of keys per type (a snapshot's index, an id registry's table). */
export function keysNamedIn(keysOf: (type: string) => Iterable<string>): KeysNamed {
  return (type, name) => {
    const definition = findObjectType(type);
    if (definition?.keyScope === undefined) return [];
    const found: string[] = [];
    for (const key of keysOf(type)) {
      if (keyFields(definition, key)?.[definition.naturalKey] === name) found.push(key);
    }
    return found;
  };
}
