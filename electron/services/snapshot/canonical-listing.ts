import { FerryError } from '../../../shared/api/api-error';
import { describeIssues, type FieldIssue } from '../../../shared/api/issues';
import { canonicalize } from '../../../shared/model/canonical/canonicalize';
import { stableStringify } from '../../../shared/model/canonical/stable-stringify';
import type {
  ObjectTypeId,
  ReferenceTargetType,
} from '../../../shared/model/object-types/object-type-definition';
import { describeObjectKey, objectKeyOf } from '../../../shared/model/object-types/object-key';
import { getObjectType } from '../../../shared/model/object-types/registry';
import { provenanceOf } from '../../../shared/model/object-provenance';
import type { IdsByType } from './snapshot-store';

/**
 * An object kept although it does not fit its type's schema (an enum value Genesys added after
 * this Ferry, more fraction digits in a date): its file holds what the org returned.
 */
export interface SnapshotWarning {
  type: ObjectTypeId;
  key: string;
  id: string | null;
  issues: FieldIssue[];
  /** One line for a person, naming the object and each unexpected field. */
  message: string;
}

/** type → natural key → canonical text (stable JSON), plus the ids each key had in the org. */
export interface CanonicalListing {
  texts: Map<ObjectTypeId, Map<string, string>>;
  ids: IdsByType;
  warnings: SnapshotWarning[];
  /** type → natural key → who last changed it and when, kept before canonical form drops them. */
  provenance?: Map<ObjectTypeId, Map<string, { modifiedBy: string | null; dateModified: string | null }>>;
}

/**
 * Turns what the API listed into canonical texts. References to types not listed this time are
 * named through `knownIds` (the previous snapshot's ids.json). Two objects with one natural key
 * are refused, never merged; one object listed twice (same id) is one object. An object that
 * does not fit its schema is kept and reported in `warnings`, never a failed pull.
 */
export function canonicalizeListing(
  environment: string,
  listed: ReadonlyMap<ObjectTypeId, Record<string, unknown>[]>,
  knownIds: IdsByType,
): CanonicalListing {
  const nameById = new Map<string, string>();
  for (const [type, byKey] of Object.entries(knownIds)) {
    if (listed.has(type as ObjectTypeId)) continue;
    for (const [key, id] of Object.entries(byKey)) nameById.set(`${type}:${id}`, key);
  }
  const ids: IdsByType = {};
  for (const [type, list] of listed) {
    const definition = getObjectType(type);
    const byKey: Record<string, string> = {};
    for (const object of list) {
      // Flows are known by type and name (`INBOUNDCALL/Main Menu`): two "Billing" of two types coexist.
      const key = objectKeyOf(definition, object);
      const id = object.id;
      if (key === undefined || typeof id !== 'string') continue;
      if (Object.hasOwn(byKey, key) && byKey[key] !== id) {
        throw new FerryError(
          'snapshot.duplicate-key',
          `Two ${definition.pluralLabel.toLowerCase()} in "${environment}" share the name "${describeObjectKey(definition, key)}" (ids ${byKey[key]} and ${id}); rename one in the org, then snapshot again`,
          { type, key, ids: [byKey[key], id] },
        );
      }
      byKey[key] = id;
      nameById.set(`${type}:${id}`, key);
    }
    ids[type] = byKey;
  }
  const resolveName = (refType: ReferenceTargetType, id: string) => nameById.get(`${refType}:${id}`);
  const texts = new Map<ObjectTypeId, Map<string, string>>();
  const provenance: NonNullable<CanonicalListing['provenance']> = new Map();
  const warnings: SnapshotWarning[] = [];
  for (const [type, list] of listed) {
    const definition = getObjectType(type);
    const byKey = new Map<string, string>();
    const changedBy = new Map<string, { modifiedBy: string | null; dateModified: string | null }>();
    for (const object of list) {
      const issues: FieldIssue[] = [];
      const canonical = canonicalize(type, object, resolveName, issues);
      // The same id listed twice is the same object: one file, one warning.
      if (byKey.has(canonical.key)) continue;
      byKey.set(canonical.key, stableStringify(canonical.value));
      changedBy.set(canonical.key, provenanceOf(object));
      if (issues.length > 0) {
        warnings.push({
          type,
          key: canonical.key,
          id: typeof object.id === 'string' ? object.id : null,
          issues,
          message: `${definition.label} "${canonical.key}" is kept as the org returned it but does not fit what Ferry expects: ${describeIssues(issues)}`,
        });
      }
    }
    texts.set(type, byKey);
    provenance.set(type, changedBy);
  }
  return { texts, ids, warnings, provenance };
}
