import { isJsonObject, type JsonObject, type JsonValue } from '../canonical/json-value';
import type { ReferenceField, ReferenceTargetType } from './object-type-definition';

/** Every type a reference field can point at: one, or one per kind. */
export function referenceTargetTypes(reference: ReferenceField): ReferenceTargetType[] {
  const types = new Set<ReferenceTargetType>([reference.targetType]);
  for (const type of Object.values(reference.kinds?.types ?? {})) types.add(type);
  return [...types];
}

/**
 * The type an API value at the field points at: for member groups, the one its `type` names. A
 * kind Ferry does not know falls back to the field's own target type: the id is then looked up
 * there, and found nowhere, which blocks the write rather than guessing.
 */
export function targetTypeOfApiValue(reference: ReferenceField, value: JsonValue): ReferenceTargetType {
  const kinds = reference.kinds;
  if (kinds === undefined || !isJsonObject(value)) return reference.targetType;
  const kind = value[kinds.field];
  return typeof kind === 'string' && Object.hasOwn(kinds.types, kind)
    ? (kinds.types[kind] as ReferenceTargetType)
    : reference.targetType;
}

/** Whether a canonical `$ref` may sit at the field. */
export function acceptsTargetType(
  reference: ReferenceField,
  refType: string,
): refType is ReferenceTargetType {
  return (referenceTargetTypes(reference) as string[]).includes(refType);
}

/** The kind to write back for a target type (`directory.team` → `TEAM`), when the field has kinds. */
export function kindOfTargetType(reference: ReferenceField, refType: string): string | undefined {
  const kinds = reference.kinds;
  if (kinds === undefined) return undefined;
  return Object.entries(kinds.types).find(([, type]) => type === refType)?.[0];
}

/**
 * The name a reference's target type goes by in an id registry: the type itself, or the type and
 * the kinds it is narrowed to (`architect.flow#INQUEUECALL`), so that two fields naming flows of
 * different types by one name resolve to different objects.
 */
export function scopedTargetType(reference: ReferenceField, refType: string): string {
  return reference.narrow === undefined || refType !== reference.targetType
    ? refType
    : `${refType}#${reference.narrow.values.join('|')}`;
}

/**
 * The natural key an embedded API reference carries for its target, if any: its `name` (or the
 * field's `carriedKey`), qualified by the sibling reference's name where the field says so. The
 * sibling may already be canonical (`{"$ref", "name"}`) or still as the API sent it.
 */
export function carriedKeyOf(
  reference: ReferenceField,
  value: JsonValue,
  holder: JsonObject | JsonValue[],
): string | undefined {
  if (!isJsonObject(value)) return undefined;
  const carried = value[reference.carriedKey ?? 'name'];
  if (typeof carried !== 'string' || carried === '') return undefined;
  if (reference.qualifiedBy === undefined) return carried;
  const sibling = Array.isArray(holder) ? undefined : holder[reference.qualifiedBy];
  if (!isJsonObject(sibling)) return undefined;
  const siblingKey =
    typeof sibling.name === 'string' && sibling.name !== ''
      ? sibling.name
      : typeof sibling.id === 'string' && sibling.id !== ''
        ? sibling.id
        : undefined;
  return siblingKey === undefined ? undefined : `${carried}@${siblingKey}`;
}
