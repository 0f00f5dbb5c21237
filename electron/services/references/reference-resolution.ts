import { slotsAt } from '../../../shared/model/canonical/field-path';
import { cloneJson, isJsonObject } from '../../../shared/model/canonical/json-value';
import type {
  ObjectTypeId,
  ReferenceField,
  UnmanagedReferenceTypeId,
} from '../../../shared/model/object-types/object-type-definition';
import { isCanonicalReference, REFERENCE_MARKER } from '../../../shared/model/canonical/canonical-reference';
import {
  acceptsTargetType,
  carriedKeyOf,
  scopedTargetType,
  targetTypeOfApiValue,
} from '../../../shared/model/object-types/reference-field';
import {
  findObjectType,
  getObjectType,
  isObjectTypeId,
  isReferenceTargetType,
} from '../../../shared/model/object-types/registry';
import type { Connector } from '../connectors/connector';
import { MAX_FILTERED_LOOKUPS, type ReferencedObject } from '../connectors/genesys/reference-lookups';
import type { IdRegistry } from './id-registry';

/**
 * References to objects Ferry does not manage (flows, member groups, scripts, sites, …) are
 * resolved in the target by asking the target, never by trusting what another org said: a plan
 * looks every such name up through the API (issue 12, point 1). Lookups are per type, not per
 * reference: one list read covers every name of a type.
 */

/** An unmanaged reference as a live object holds it: the target's own id, and a name if it carries one. */
export interface UnmanagedSlot {
  type: UnmanagedReferenceTypeId;
  id: string;
  carriedName: string | undefined;
}

function isUnmanaged(type: string): type is UnmanagedReferenceTypeId {
  return isReferenceTargetType(type) && !isObjectTypeId(type);
}

/** Every reference of an API object (as the org returned it) that points at an unmanaged type. */
export function unmanagedSlotsOf(type: ObjectTypeId, apiObject: Record<string, unknown>): UnmanagedSlot[] {
  const found: UnmanagedSlot[] = [];
  let value: ReturnType<typeof cloneJson>;
  try {
    value = cloneJson(apiObject);
  } catch {
    return found;
  }
  for (const reference of getObjectType(type).references) {
    for (const slot of slotsAt(value, reference.path)) {
      const refType = targetTypeOfApiValue(reference, slot.value);
      if (!isUnmanaged(refType)) continue;
      if (reference.form === 'id') {
        if (typeof slot.value === 'string' && slot.value !== '')
          found.push({ type: refType, id: slot.value, carriedName: undefined });
        continue;
      }
      if (!isJsonObject(slot.value) || typeof slot.value.id !== 'string') continue;
      found.push({
        type: refType,
        id: slot.value.id,
        carriedName: carriedKeyOf(reference, slot.value, slot.holder),
      });
    }
  }
  return found;
}

/**
 * Names objects of the target that live objects refer to by id only (a queue's canned-response
 * `libraryIds` are bare ids), so that they canonicalise by name: one list read per type that has
 * any, and none when every reference carried its name.
 */
export async function nameUnnamedReferences(
  connector: Connector,
  slots: readonly UnmanagedSlot[],
  ids: IdRegistry,
  signal?: AbortSignal,
): Promise<void> {
  for (const slot of slots) {
    if (slot.carriedName !== undefined && ids.idOf(slot.type, slot.carriedName) === undefined) {
      ids.set(slot.type, slot.carriedName, slot.id);
    }
  }
  const unnamed = new Set(
    slots.filter((slot) => ids.keyOf(slot.type, slot.id) === undefined).map((slot) => slot.type),
  );
  for (const type of unnamed) {
    for (const object of await wholeList(connector, ids, type, signal)) {
      if (ids.keyOf(type, object.id) === undefined) ids.set(type, object.key, object.id);
    }
  }
}

/** Every object of an unmanaged type in the target, read once per registry. */
async function wholeList(
  connector: Connector,
  ids: IdRegistry,
  type: UnmanagedReferenceTypeId,
  signal: AbortSignal | undefined,
): Promise<readonly ReferencedObject[]> {
  const known = ids.wholeList(type);
  if (known !== undefined) return known;
  const objects = await connector.findReferenced(type, null, signal);
  ids.rememberWholeList(type, objects);
  return objects;
}

/** A reference to an unmanaged object that a write needs resolved in the target. */
export interface WantedReference {
  type: UnmanagedReferenceTypeId;
  /** The registry's name for the type, narrowed by kind where the field says so. */
  scoped: string;
  name: string;
  narrow: ReferenceField['narrow'];
}

/** Every named reference to an unmanaged type in the values (what steps leave in the target). */
export function unmanagedReferencesIn(
  values: Iterable<{ type: string; expected: unknown }>,
): WantedReference[] {
  const wanted: WantedReference[] = [];
  for (const { type, expected } of values) {
    const definition = findObjectType(type);
    if (definition === undefined || !isJsonObject(expected)) continue;
    for (const reference of definition.references) {
      for (const slot of slotsAt(expected, reference.path)) {
        const value = slot.value;
        if (!isCanonicalReference(value) || typeof value.name !== 'string' || value.name === '') continue;
        const refType = value[REFERENCE_MARKER];
        if (!acceptsTargetType(reference, refType) || !isUnmanaged(refType)) continue;
        wanted.push({
          type: refType,
          scoped: scopedTargetType(reference, refType),
          name: value.name,
          narrow: refType === reference.targetType ? reference.narrow : undefined,
        });
      }
    }
  }
  return wanted;
}

/**
 * Looks up in the target every unmanaged object the values name, and records what it finds:
 * exactly one object → its id; several → ambiguous (a write must not pick one); none → unknown,
 * so the step that needs it is blocked by name. What a live object's reference carried is not
 * enough here: it says that an object of that name exists, not that it is the only one.
 */
export async function resolveUnmanagedReferences(
  connector: Connector,
  ids: IdRegistry,
  /** Steps or drafts: what each leaves in the target. */
  values: Iterable<{ type: string; expected: unknown }>,
  signal?: AbortSignal,
): Promise<void> {
  const byType = new Map<UnmanagedReferenceTypeId, WantedReference[]>();
  for (const reference of unmanagedReferencesIn(values)) {
    const list = byType.get(reference.type) ?? [];
    list.push(reference);
    byType.set(reference.type, list);
  }
  for (const [type, wanted] of byType) {
    const names = [...new Set(wanted.map((reference) => reference.name))].sort();
    const found =
      ids.wholeList(type) ??
      (names.length > MAX_FILTERED_LOOKUPS
        ? await wholeList(connector, ids, type, signal)
        : await connector.findReferenced(type, names, signal));
    for (const reference of wanted) {
      const kinds = reference.narrow?.values.map((value) => value.toLowerCase());
      const matches = new Set(
        found
          .filter((object) => object.key === reference.name)
          .filter((object) => kinds === undefined || kinds.includes((object.kind ?? '').toLowerCase()))
          .map((object) => object.id),
      );
      const [only] = matches;
      if (matches.size > 1) ids.markAmbiguous(reference.scoped, reference.name);
      else if (only !== undefined) ids.set(reference.scoped, reference.name, only);
      else ids.forget(reference.scoped, reference.name);
    }
  }
}
