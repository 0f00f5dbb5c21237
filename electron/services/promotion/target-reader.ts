import { REFERENCE_KEYS } from '../../../shared/flows/flow-dialect';
import type { FieldIssue } from '../../../shared/api/issues';
import { FerryError } from '../../../shared/api/api-error';
import { objectKeyInWords } from '../../../shared/flows/object-key-words';
import type { ObjectState } from '../../../shared/changeset/object-state';
import { canonicalize } from '../../../shared/model/canonical/canonicalize';
import type { JsonObject } from '../../../shared/model/canonical/json-value';
import type {
  ObjectTypeId,
  ReferenceTargetType,
} from '../../../shared/model/object-types/object-type-definition';
import {
  getObjectType,
  isObjectTypeId,
  objectTypes,
  objectTypesInDependencyOrder,
} from '../../../shared/model/object-types/registry';
import { objectKeyOf } from '../../../shared/model/object-types/object-key';
import { referenceTargetTypes } from '../../../shared/model/object-types/reference-field';
import { mapBounded } from '../../../shared/concurrency/concurrency-limit';
import { IdRegistry } from '../references/id-registry';
import { nameUnnamedReferences, unmanagedSlotsOf } from '../references/reference-resolution';
import type { Connector } from '../connectors/connector';
import { GenesysApiError, GenesysErrorCode } from '../connectors/genesys/genesys-error';

/** One object as the target holds it: its id, the API's JSON (with sub-resources) and the canonical form. */
export interface LiveObject {
  id: string;
  api: Record<string, unknown>;
  canonical: JsonObject;
}

export { IdRegistry } from '../references/id-registry';

/** What one read of the target found, for the types it read. */
export class LiveTarget {
  constructor(
    readonly types: ReadonlySet<ObjectTypeId>,
    readonly objects: ReadonlyMap<ObjectTypeId, ReadonlyMap<string, LiveObject>>,
    readonly ids: IdRegistry,
  ) {}

  object(type: ObjectTypeId, key: string): LiveObject | undefined {
    return this.objects.get(type)?.get(key);
  }

  count(type: ObjectTypeId): number {
    return this.objects.get(type)?.size ?? 0;
  }

  state(): ObjectState {
    const state = new Map<string, Map<string, JsonObject>>();
    for (const [type, objects] of this.objects) {
      state.set(type, new Map([...objects].map(([key, object]) => [key, object.canonical])));
    }
    return state;
  }
}

/**
 * The types to read so that objects of `touched` can be written: the types themselves, the managed
 * types they refer to (for ids), and for deletes the types that may refer to what is deleted (a
 * reference left behind would be cleared by Genesys silently, outside the journal). `dependentsOf`
 * (issue 20): types whose referrers are read too, though nothing of them is deleted, so the risk
 * rules count live what depends on a change (a queue's flows, the queues using a wrap-up code).
 */
export function typesToRead(
  touched: Iterable<string>,
  deleted: Iterable<string>,
  dependentsOf: Iterable<string> = [],
): ObjectTypeId[] {
  const wanted = new Set<string>();
  const touchedTypes = [...touched];
  for (const type of touchedTypes) {
    const definition = getObjectType(type);
    wanted.add(definition.id);
    // Every type a field may point at: a queue's member groups are groups, skill groups or teams.
    for (const target of definition.references.flatMap(referenceTargetTypes)) {
      if (isObjectTypeId(target)) wanted.add(target);
    }
    for (const target of configurationReferenceTypes(definition)) wanted.add(target);
  }
  const deletedTypes = new Set([...deleted]);
  const referredTypes = new Set([...deletedTypes, ...dependentsOf]);
  for (const definition of objectTypes) {
    const targets = [
      ...definition.references.flatMap(referenceTargetTypes),
      ...configurationReferenceTypes(definition),
    ];
    if (targets.some((target) => referredTypes.has(target))) {
      wanted.add(definition.id);
      for (const target of targets) if (isObjectTypeId(target)) wanted.add(target);
    }
  }
  const types = objectTypesInDependencyOrder().filter((type) => wanted.has(type));
  // A flow is read with its configuration (an export job per flow) only when the plan writes flows
  // or deletes what a flow may name; otherwise it is read for its id and name, as a reference.
  const writesOrFreesReferences =
    touchedTypes.some((type) => getObjectType(type).configurationField !== undefined) ||
    [...deletedTypes].some((type) => CONFIGURATION_REFERENCE_TYPES.has(type));
  if (!writesOrFreesReferences) withoutConfigurations.add(types);
  return types;
}

const CONFIGURATION_REFERENCE_TYPES: ReadonlySet<string> = new Set(Object.values(REFERENCE_KEYS));
/** Type lists from `typesToRead` whose configuration types are read without their configuration. */
const withoutConfigurations = new WeakSet<readonly ObjectTypeId[]>();

/**
 * The types a configuration's text may name (a flow's queues, schedule groups, data tables,
 * prompts, data actions, other flows): they are read too, so its names resolve to the target's ids.
 */
function configurationReferenceTypes(definition: { configurationField?: string }): ObjectTypeId[] {
  if (definition.configurationField === undefined) return [];
  return Object.values(REFERENCE_KEYS).filter((type): type is ObjectTypeId => isObjectTypeId(type));
}

/** Lists `types` (in dependency order) and canonicalises what they hold. */
export async function readTarget(
  connector: Connector,
  types: readonly ObjectTypeId[],
  signal?: AbortSignal,
): Promise<LiveTarget> {
  const listed = new Map<ObjectTypeId, Record<string, unknown>[]>();
  const configuration = !withoutConfigurations.has(types);
  for (const type of types) {
    listed.set(type, await connector.list(type, { ...(signal ? { signal } : {}), configuration }));
  }
  const ids = new IdRegistry();
  for (const [type, list] of listed) {
    const definition = getObjectType(type);
    for (const object of list) {
      // A flow's key is its type and name (`INQUEUECALL/Billing`), as in snapshots (issue 18).
      const key = objectKeyOf(definition, object);
      const id = object.id;
      if (key === undefined || typeof id !== 'string') continue;
      const other = ids.idOf(type, key);
      if (other !== undefined && other !== id) {
        throw new FerryError(
          'promotion.duplicate-key',
          `Two ${definition.pluralLabel.toLowerCase()} in the target share the name "${objectKeyInWords(type, key)}" (ids ${other} and ${id}); rename one in the org before promoting`,
          { type, key, ids: [other, id] },
        );
      }
      ids.set(type, key, id);
    }
  }
  await nameUnnamedReferences(
    connector,
    [...listed].flatMap(([type, list]) => list.flatMap((object) => unmanagedSlotsOf(type, object))),
    ids,
    signal,
  );
  const objects = new Map<ObjectTypeId, Map<string, LiveObject>>();
  for (const [type, list] of listed) {
    const byKey = new Map<string, LiveObject>();
    for (const api of list) {
      const canonical = canonicalOfLive(type, api, ids);
      byKey.set(canonical.key, { id: String(api.id), api, canonical: canonical.value });
    }
    objects.set(type, byKey);
  }
  return new LiveTarget(new Set(types), objects, ids);
}

/**
 * The target's object in canonical form. A value the type's schema does not expect (an enum value
 * Genesys added since) is kept as the target holds it: a plan compares and writes back what is
 * there, and one such object must not make the whole plan fail (issue 12, point 4).
 */
export function canonicalOfLive(type: ObjectTypeId, api: Record<string, unknown>, ids: IdRegistry) {
  const tolerated: FieldIssue[] = [];
  return canonicalize(
    type,
    api,
    (refType: ReferenceTargetType, id: string) => ids.keyOf(refType, id),
    tolerated,
  );
}

export interface ReadBackItem {
  type: ObjectTypeId;
  key: string;
  /** Its id when known; an object without one can only be found by listing its type. */
  id: string | null;
}

/** type + key → the object read back, or null when absent. */
export type ReadBack = Map<string, LiveObject | null>;

export function readBackKey(type: string, key: string): string {
  return `${type}\u0000${key}`;
}

const ASSUMED_PAGE_SIZE = 100;

/**
 * Reads objects back with as few requests as possible: per type either one GET per object or one
 * list of the whole type, whichever costs fewer requests (a list of 500 new wrap-up codes is five
 * pages, not five hundred GETs; one queue out of eighty is two GETs, not eighty-one).
 */
export async function readBack(
  connector: Connector,
  items: readonly ReadBackItem[],
  ids: IdRegistry,
  totals: (type: ObjectTypeId) => number,
  options: { concurrency?: number; signal?: AbortSignal } = {},
): Promise<ReadBack> {
  const result: ReadBack = new Map();
  const byType = new Map<ObjectTypeId, ReadBackItem[]>();
  for (const item of items) {
    const list = byType.get(item.type) ?? [];
    list.push(item);
    byType.set(item.type, list);
  }
  for (const [type, wanted] of byType) {
    const subResources = getObjectType(type).subResources.length;
    const total = Math.max(totals(type), wanted.length);
    const listCost = Math.ceil(total / ASSUMED_PAGE_SIZE) + total * subResources;
    const getCost = wanted.length * (1 + subResources);
    const unknownIds = wanted.some((item) => item.id === null);
    if (unknownIds || listCost < getCost) {
      const listed = await connector.list(type, options.signal ? { signal: options.signal } : {});
      const found = new Map<string, LiveObject>();
      for (const api of listed) {
        const canonical = canonicalOfLive(type, api, ids);
        found.set(canonical.key, { id: String(api.id), api, canonical: canonical.value });
      }
      for (const item of wanted) result.set(readBackKey(type, item.key), found.get(item.key) ?? null);
      continue;
    }
    await mapBounded(wanted, options.concurrency ?? 4, async (item) => {
      const api = await getOrNull(connector, type, item.id as string, options.signal);
      if (api === null) {
        result.set(readBackKey(type, item.key), null);
        return;
      }
      const canonical = canonicalOfLive(type, api, ids);
      // An id now naming another object (a rename elsewhere) is not the object we look for.
      result.set(
        readBackKey(type, item.key),
        canonical.key === item.key ? { id: String(api.id), api, canonical: canonical.value } : null,
      );
    });
  }
  return result;
}

/** One object by id, or null when the target says it is not there (a 404). */
export async function getOrNull(
  connector: Connector,
  type: ObjectTypeId,
  id: string,
  signal: AbortSignal | undefined,
): Promise<Record<string, unknown> | null> {
  try {
    return await connector.get(type, id, signal);
  } catch (error) {
    if (error instanceof GenesysApiError && error.code === GenesysErrorCode.notFound) return null;
    throw error;
  }
}
