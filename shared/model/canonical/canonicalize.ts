import { FerryError } from '../../api/api-error';
import { describeIssues, formatIssuePath, toFieldIssues, type FieldIssue } from '../../api/issues';
import { ModelErrorCode } from '../object-types/model-error-codes';
import type { ObjectTypeDefinition, ReferenceField } from '../object-types/object-type-definition';
import { objectKeyOf } from '../object-types/object-key';
import { getObjectType } from '../object-types/registry';
import { carriedKeyOf, targetTypeOfApiValue } from '../object-types/reference-field';
import { referenceNameOfKey } from '../object-types/reference-key';
import {
  canonicalReference,
  isCanonicalReference,
  REFERENCE_MARKER,
  type ResolveName,
  type UnresolvedReference,
} from './canonical-reference';
import { removeFieldsMatching, sortKeysDeep, sortUnorderedArrays } from './canonical-object-shape';
import { canonicalizeConfigurationField, normalizeConfigurationField } from './configuration-field';
import { slotsAt, writeSlot, type ValueSlot } from './field-path';
import { reduceStatusFields } from './status-fields';
import { cloneJson, isJsonObject, NotJsonError, setJsonField, type JsonObject } from './json-value';

export interface CanonicalObject {
  /** The natural key: the file name in a snapshot, the identity across orgs. */
  key: string;
  /** Org-independent: write it with `stableStringify`. */
  value: JsonObject;
  /** References the resolver could not name; empty when every reference resolved. */
  unresolved: UnresolvedReference[];
}

/**
 * Turns an object as one org's API returns it (with any sub-resource lists attached, see
 * `ObjectTypeDefinition.subResources`) into its canonical form: volatile fields removed,
 * references rewritten from ids to `{"$ref", "name"}`, unordered arrays sorted, keys sorted.
 * Two orgs holding the same configuration give equal values and byte-identical text.
 */
export function canonicalize(
  typeId: string,
  apiObject: unknown,
  resolveName: ResolveName,
  /**
   * When given, values the type's schema does not expect (an enum value Genesys added since, more
   * fraction digits in a date) are pushed here and the object is canonicalised as it is, instead
   * of being refused: a pull keeps what the org holds. An object that is not JSON or has no
   * natural key is still refused.
   */
  schemaIssues?: FieldIssue[],
): CanonicalObject {
  const type = getObjectType(typeId);
  const value = validatedCopy(type, apiObject, schemaIssues);
  const key = objectKeyOf(type, value);
  if (key === undefined) {
    throw new FerryError(ModelErrorCode.objectInvalid, `${type.label} has no ${keyDescription(type)}`, {
      type: type.id,
    });
  }
  removeFieldsMatching(value, type.volatileFields);
  const unresolved = rewriteReferencesToNames(value, type, resolveName);
  unresolved.push(...canonicalizeConfigurationField(value, type, resolveName, schemaIssues));
  reduceStatusFields(value, type);
  sortUnorderedArrays(value, type.unorderedArrays);
  return { key, value: sortKeysDeep(value) as JsonObject, unresolved };
}

/**
 * The same rules applied to a value already in canonical form, e.g. one edited by hand in a
 * changeset: volatile fields dropped, unordered arrays and keys sorted. References are left as
 * they are; `materialize` checks them.
 */
export function normalizeCanonical(typeId: string, canonicalValue: unknown): JsonObject {
  const type = getObjectType(typeId);
  let copy: unknown;
  try {
    copy = cloneJson(canonicalValue, { dropNullFields: true });
  } catch (error) {
    if (!(error instanceof NotJsonError)) throw error;
    const path = formatIssuePath(error.path);
    throw new FerryError(ModelErrorCode.canonicalInvalid, `${type.label}: ${path}: ${error.message}`, {
      type: type.id,
      issues: [{ path, message: error.message }],
    });
  }
  if (!isJsonObject(copy)) {
    throw new FerryError(ModelErrorCode.canonicalInvalid, `${type.label}: (root): must be an object`, {
      type: type.id,
    });
  }
  removeFieldsMatching(copy, type.volatileFields);
  // A body taken from a snapshot carries the status fields; they say nothing a changeset means.
  removeFieldsMatching(copy, type.statusFields ?? []);
  normalizeConfigurationField(copy, type);
  sortUnorderedArrays(copy, type.unorderedArrays);
  return sortKeysDeep(copy) as JsonObject;
}

function validatedCopy(
  type: ObjectTypeDefinition,
  apiObject: unknown,
  schemaIssues: FieldIssue[] | undefined,
): JsonObject {
  const parsed = type.schema.safeParse(apiObject);
  const label = describeObject(type, apiObject);
  if (!parsed.success && schemaIssues !== undefined && isJsonObject(apiObject)) {
    schemaIssues.push(...toFieldIssues(parsed.error));
  } else if (!parsed.success) {
    const issues = toFieldIssues(parsed.error);
    throw new FerryError(ModelErrorCode.objectInvalid, `${label} is not valid: ${describeIssues(issues)}`, {
      type: type.id,
      issues,
    });
  }
  try {
    // The copy is made from the input, not from zod's output, so nothing zod adds or reorders
    // (defaults, transforms) leaks into the canonical form.
    const copy = cloneJson(apiObject, { dropNullFields: true });
    if (!isJsonObject(copy)) throw new NotJsonError('not an object', []);
    return copy;
  } catch (error) {
    if (!(error instanceof NotJsonError)) throw error;
    const path = formatIssuePath(error.path);
    throw new FerryError(ModelErrorCode.objectInvalid, `${label} is not valid: ${path}: ${error.message}`, {
      type: type.id,
      issues: [{ path, message: error.message }],
    });
  }
}

/** `name`, or `name and type` where names are unique only within a scope. */
export function keyDescription(type: Pick<ObjectTypeDefinition, 'naturalKey' | 'keyScope'>): string {
  return type.keyScope === undefined ? type.naturalKey : `${type.naturalKey} and ${type.keyScope}`;
}

function describeObject(type: ObjectTypeDefinition, apiObject: unknown): string {
  const key = isJsonObject(apiObject) ? apiObject[type.naturalKey] : undefined;
  return typeof key === 'string' ? `${type.label} "${key}"` : `${type.label} object`;
}

/**
 * A map keyed by ids, keyed by the targets' names instead; a key no name is known for stays as
 * the id it was (and is reported), so nothing is lost.
 */
function rekeyByName(
  slot: ValueSlot,
  map: JsonObject,
  reference: ReferenceField,
  resolveName: ResolveName,
): UnresolvedReference[] {
  const unresolved: UnresolvedReference[] = [];
  const named: JsonObject = {};
  for (const [id, item] of Object.entries(map)) {
    const key = resolveName(reference.targetType, id);
    const name = key === undefined ? undefined : referenceNameOfKey(reference.targetType, key);
    if (name === undefined) {
      unresolved.push({ path: formatIssuePath([...slot.location, id]), refType: reference.targetType, id });
      setJsonField(named, id, item);
    } else setJsonField(named, name, item);
  }
  writeSlot(slot, named);
  return unresolved;
}

function rewriteReferencesToNames(
  value: JsonObject,
  type: ObjectTypeDefinition,
  resolveName: ResolveName,
): UnresolvedReference[] {
  const unresolved: UnresolvedReference[] = [];
  for (const reference of type.references) {
    for (const slot of slotsAt(value, reference.path)) {
      const target = slot.value;
      if (reference.form === 'key') {
        if (isJsonObject(target)) unresolved.push(...rekeyByName(slot, target, reference, resolveName));
        continue;
      }
      if (reference.form === 'name') {
        // The API names the target itself: the name is the natural key, the same in every org.
        if (typeof target === 'string' && target !== '') {
          writeSlot(slot, canonicalReference(reference.targetType, target));
        }
        continue;
      }
      if (isCanonicalReference(target)) continue;
      // The schema has made sure a reference has an id; anything else is left alone.
      let id: string | undefined;
      let carriedName: string | undefined;
      if (reference.form === 'id') {
        if (typeof target !== 'string' || target === '') continue;
        id = target;
      } else {
        if (!isJsonObject(target)) continue;
        id = typeof target.id === 'string' ? target.id : undefined;
        carriedName = carriedKeyOf(reference, target, slot.holder);
      }
      const refType = targetTypeOfApiValue(reference, target);
      const resolvedKey = id === undefined ? undefined : resolveName(refType, id);
      // A reference carries the name only; the field's `narrow` says the scope (flow type).
      const resolved = resolvedKey === undefined ? undefined : referenceNameOfKey(refType, resolvedKey);
      if (resolved !== undefined) {
        writeSlot(slot, canonicalReference(refType, resolved));
        continue;
      }
      if (carriedName !== undefined) writeSlot(slot, canonicalReference(refType, carriedName));
      else if (id !== undefined) writeSlot(slot, { [REFERENCE_MARKER]: refType, id });
      if (id !== undefined) {
        unresolved.push({
          path: formatIssuePath(slot.location),
          refType,
          id,
          ...(carriedName === undefined ? {} : { name: carriedName }),
        });
      }
    }
  }
  return unresolved;
}
