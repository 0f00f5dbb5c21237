import type { ReferenceTargetType } from '../object-types/object-type-definition';
import { isJsonObject, type JsonObject } from './json-value';

/** The field that marks a canonical reference: `{"$ref": "routing.skill", "name": "Billing"}`. */
export const REFERENCE_MARKER = '$ref';

/**
 * A reference in canonical form: the target's type and natural key, valid in every org. When the
 * target could not be named at all it keeps the source org's `id` instead of a `name`, so the
 * information is not lost; such a reference is always reported as unresolved.
 */
export type CanonicalReference =
  { $ref: ReferenceTargetType; name: string } | { $ref: ReferenceTargetType; id: string };

/** Maps an id in the source org to the natural key of the object it names there. */
export type ResolveName = (refType: ReferenceTargetType, id: string) => string | undefined;

/**
 * Maps a natural key to the id of that object in the target org. `refType` is the target type,
 * scoped by kind where names are unique only per kind (`architect.flow#INQUEUECALL`).
 */
export type ResolveId = (refType: string, name: string) => string | undefined;

/** A reference the resolver could not answer for; reported, never thrown. */
export interface UnresolvedReference {
  /** Where it sits in the object, e.g. `bullseye.rings[0].actions.skillsToRemove[1]`. */
  path: string;
  refType: ReferenceTargetType;
  /** The id that could not be named (canonicalize). */
  id?: string;
  /**
   * canonicalize: the name the reference carried itself, used in the canonical form instead.
   * materialize: the name that has no id in the target.
   */
  name?: string;
}

export function canonicalReference(refType: ReferenceTargetType, name: string): JsonObject {
  return { [REFERENCE_MARKER]: refType, name };
}

export function isCanonicalReference(value: unknown): value is JsonObject & { $ref: string } {
  return isJsonObject(value) && typeof value[REFERENCE_MARKER] === 'string';
}
