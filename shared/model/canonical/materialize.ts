import { FerryError } from '../../api/api-error';
import { formatIssuePath } from '../../api/issues';
import { ModelErrorCode } from '../object-types/model-error-codes';
import type { ObjectTypeDefinition, ReferenceField } from '../object-types/object-type-definition';
import { FLOW_TYPES, flowType } from '../object-types/architect-flow';
import { objectKeyOf, scopedKey } from '../object-types/object-key';
import { findObjectType, getObjectType } from '../object-types/registry';
import { referencedKey } from '../object-types/reference-key';
import {
  acceptsTargetType,
  kindOfTargetType,
  referenceTargetTypes,
  scopedTargetType,
} from '../object-types/reference-field';
import {
  isCanonicalReference,
  REFERENCE_MARKER,
  type ResolveId,
  type UnresolvedReference,
} from './canonical-reference';
import { removeFieldsMatching, sortKeysDeep } from './canonical-object-shape';
import { materializeConfigurationField } from './configuration-field';
import { slotsAt, writeSlot, type ValueSlot } from './field-path';
import {
  cloneJson,
  deleteJsonField,
  isJsonObject,
  NotJsonError,
  setJsonField,
  type JsonObject,
  type JsonValue,
} from './json-value';

export interface MaterializedObject {
  key: string;
  /** The request body for POST/PUT of the object itself, references as `{id}` in the target. */
  body: JsonObject;
  /**
   * Lists written through their own URL (`ObjectTypeDefinition.subResources`), by field: a
   * queue's `wrapupCodes` as `[{id}]`, a data table's `rows` as flat row objects. A field absent
   * from the canonical value is absent here too (nothing to say), unlike an empty list.
   */
  subResources: Record<string, JsonValue[]>;
  /** References with no id in the target; while any remain, the body must not be sent. */
  unresolved: UnresolvedReference[];
}

/**
 * The reverse of `canonicalize` for writes: `{"$ref", "name"}` becomes `{id}` in the target org.
 * An unresolved reference is left as `{name}` (so the body still says what was meant) and
 * reported. Volatile fields in the input (a hand-edited `id`) are dropped: they never travel.
 */
export function materialize(
  typeId: string,
  canonicalValue: unknown,
  resolveId: ResolveId,
): MaterializedObject {
  const type = getObjectType(typeId);
  const value = copyOfCanonical(type, canonicalValue);
  const key = objectKeyOf(type, value);
  if (key === undefined) {
    const name = value[type.naturalKey];
    const field =
      typeof name === 'string' && name !== '' ? (type.keyScope ?? type.naturalKey) : type.naturalKey;
    throw invalid(type, 'must be a non-empty string', field);
  }
  removeFieldsMatching(value, type.volatileFields);
  // Status (a flow's published version, who holds it) is never written.
  removeFieldsMatching(value, type.statusFields ?? []);
  const unresolved = rewriteReferencesToIds(value, type, String(value[type.naturalKey]), resolveId);
  unresolved.push(...materializeConfigurationField(value, type, resolveId));

  const subResources: Record<string, JsonValue[]> = {};
  for (const subResource of type.subResources) {
    const list = value[subResource.field];
    if (list === undefined) continue;
    if (!Array.isArray(list)) throw invalid(type, 'must be a list', subResource.field);
    subResources[subResource.field] = list;
    deleteJsonField(value, subResource.field);
  }
  return { key, body: sortKeysDeep(value) as JsonObject, subResources, unresolved };
}

function copyOfCanonical(type: ObjectTypeDefinition, canonicalValue: unknown): JsonObject {
  let copy: JsonValue;
  try {
    copy = cloneJson(canonicalValue, { dropNullFields: true });
  } catch (error) {
    if (!(error instanceof NotJsonError)) throw error;
    throw invalid(type, error.message, formatIssuePath(error.path));
  }
  if (!isJsonObject(copy)) throw invalid(type, 'must be an object', '(root)');
  return copy;
}

function rewriteReferencesToIds(
  value: JsonObject,
  type: ObjectTypeDefinition,
  key: string,
  resolveId: ResolveId,
): UnresolvedReference[] {
  const unresolved: UnresolvedReference[] = [];
  const omitted: ValueSlot[] = [];
  for (const reference of type.references) {
    for (const slot of slotsAt(value, reference.path)) {
      const path = formatIssuePath(slot.location);
      const target = slot.value;
      if (reference.form === 'key') {
        if (!isJsonObject(target)) throw invalid(type, 'must be an object keyed by name', path);
        const byId: JsonObject = {};
        for (const [name, item] of Object.entries(target)) {
          const id = resolveId(reference.targetType, name);
          if (id === undefined)
            unresolved.push({ path: `${path}.${name}`, refType: reference.targetType, name });
          else setJsonField(byId, id, item);
        }
        writeSlot(slot, byId);
        continue;
      }
      if (!isCanonicalReference(target)) {
        throw invalid(
          type,
          `must be a reference {"${REFERENCE_MARKER}": "${reference.targetType}", "name": …}`,
          path,
        );
      }
      const refType = target[REFERENCE_MARKER];
      if (!acceptsTargetType(reference, refType)) {
        const expected = referenceTargetTypes(reference).join(' or ');
        throw invalid(type, `refers to ${refType} where ${expected} is expected`, path);
      }
      const name = typeof target.name === 'string' ? target.name : undefined;
      if (reference.omitSelf === true && refType === type.id && name === key) {
        omitted.push(slot);
        continue;
      }
      const id = name === undefined ? undefined : resolveReferenceId(reference, refType, name, resolveId);
      if (id !== undefined) {
        const kind = kindOfTargetType(reference, refType);
        writeSlot(
          slot,
          reference.form === 'id'
            ? id
            : reference.form === 'name' && name !== undefined
              ? name
              : { id, ...(kind === undefined ? {} : { [reference.kinds?.field ?? 'type']: kind }) },
        );
        continue;
      }
      // A reference canonicalize could not name keeps only the source org's id, meaningless here.
      writeSlot(slot, name === undefined ? {} : reference.form === 'name' ? name : { name });
      const sourceId = typeof target.id === 'string' ? target.id : undefined;
      unresolved.push({
        path,
        refType,
        ...(name === undefined ? {} : { name }),
        ...(sourceId === undefined ? {} : { id: sourceId }),
      });
    }
  }
  // Last, so that removing a field never moves a slot still to be visited.
  for (const slot of omitted.reverse()) {
    if (Array.isArray(slot.holder)) slot.holder.splice(slot.slot as number, 1);
    else deleteJsonField(slot.holder, slot.slot as string);
  }
  return unresolved;
}

/**
 * The target's id for a reference by name. Managed types whose names are scoped (flows) are
 * known in the target by their key (`INQUEUECALL/Billing`), which the field's `narrow` gives;
 * other types by name, under the type narrowed by kind (`architect.flow#INQUEUECALL` for
 * objects Ferry does not manage).
 */
function resolveReferenceId(
  reference: ReferenceField,
  refType: string,
  name: string,
  resolveId: ResolveId,
): string | undefined {
  if (findObjectType(refType)?.keyScope === undefined) {
    return resolveId(scopedTargetType(reference, refType), name);
  }
  const narrowedToOne = reference.targetType === refType && reference.narrow?.values.length === 1;
  const key = narrowedToOne ? referencedKey(reference, refType, name) : undefined;
  if (key !== undefined) return resolveId(refType, key);
  // The field allows several scopes (or does not say): whichever one object of that name the
  // target has; none, or several (ambiguous), is unresolved.
  const narrowed = reference.targetType === refType ? reference.narrow?.values : undefined;
  const scopes = narrowed ?? (refType === flowType.id ? FLOW_TYPES : ([] as readonly string[]));
  const found = new Set(
    scopes
      .map((scope) => resolveId(refType, scopedKey(scope, name)))
      .filter((id): id is string => id !== undefined),
  );
  return found.size === 1 ? [...found][0] : undefined;
}

function invalid(type: ObjectTypeDefinition, problem: string, path: string): FerryError {
  return new FerryError(ModelErrorCode.canonicalInvalid, `${type.label}: ${path}: ${problem}`, {
    type: type.id,
    issues: [{ path, message: problem }],
  });
}
