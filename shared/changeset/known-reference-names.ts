import { isCanonicalReference, REFERENCE_MARKER } from '../model/canonical/canonical-reference';
import { slotsAt } from '../model/canonical/field-path';
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
 * Names of objects Ferry does not snapshot (flows, prompts, scripts) that the state's objects
 * refer to, per target type and per scoped type, sorted. A snapshot holds no flows, but the flows
 * its IVRs and emergency groups answer with are the ones a person picks from in the editor:
 * these are known to exist in that org, by the name the connector resolved when it read them.
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
  for (const { type, value } of objectsOf(state)) {
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
