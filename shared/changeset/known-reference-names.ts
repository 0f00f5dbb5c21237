import { isCanonicalReference, REFERENCE_MARKER } from '../model/canonical/canonical-reference';
import { slotsAt } from '../model/canonical/field-path';
import { keyFields } from '../model/object-types/object-key';
import type { ReferenceField } from '../model/object-types/object-type-definition';
import { findObjectType } from '../model/object-types/registry';
import type { TypeLookup } from './object-references';
import { objectsOf, type ObjectState } from './object-state';

/**
 * The catalog key of a reference field's target: the type, scoped by kind when the field names
 * one kind only (`architect.flow#INBOUNDCALL`), as the connector scopes names it looks up.
 */
export function scopedTargetType(reference: Pick<ReferenceField, 'targetType' | 'narrow'>): string {
  const values = reference.narrow?.values ?? [];
  const only = values.length === 1 ? values[0] : undefined;
  return only === undefined ? reference.targetType : `${reference.targetType}#${only.toUpperCase()}`;
}

/**
 * Names a reference can give, per target type and per scoped type, sorted: of objects Ferry does
 * not snapshot (scripts, teams) that the state's objects refer to, known to exist in that org by
 * the name the connector resolved when it read them; and of the state's own objects whose names
 * are unique per kind only (flows), per kind (`architect.flow#INBOUNDCALL`), since a reference
 * carries the name and its field the kind.
 */
export function knownReferenceNames(
  state: ObjectState,
  types: TypeLookup = findObjectType,
): Record<string, string[]> {
  const found = new Map<string, Set<string>>();
  const add = (key: string, name: string) => {
    const names = found.get(key) ?? new Set<string>();
    names.add(name);
    found.set(key, names);
  };
  for (const { type, key, value } of objectsOf(state)) {
    const definition = types(type);
    const scope = definition?.keyScope;
    const fields = definition === undefined || scope === undefined ? undefined : keyFields(definition, key);
    if (definition !== undefined && scope !== undefined && fields !== undefined) {
      const name = fields[definition.naturalKey] as string;
      add(`${type}#${(fields[scope] as string).toUpperCase()}`, name);
    }
    for (const reference of types(type)?.references ?? []) {
      // Managed targets are in the snapshot themselves; keyed maps name managed labels only.
      if (types(reference.targetType) !== undefined || reference.form === 'key') continue;
      for (const slot of slotsAt(value, reference.path)) {
        const target = slot.value;
        if (!isCanonicalReference(target) || target[REFERENCE_MARKER] !== reference.targetType) continue;
        if (typeof target.name !== 'string' || target.name === '') continue;
        add(reference.targetType, target.name);
        const scoped = scopedTargetType(reference);
        if (scoped !== reference.targetType) add(scoped, target.name);
      }
    }
  }
  return Object.fromEntries([...found].map(([key, names]) => [key, [...names].sort()]));
}
