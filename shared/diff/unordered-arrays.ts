import { parseFieldPath, stepMatches } from '../model/canonical/field-path';
import type { JsonValue } from '../model/canonical/json-value';
import { findObjectType } from '../model/object-types/registry';
import type { PathSegment } from './diff-path';
import { isCanonicalReference } from '../model/canonical/canonical-reference';

type Step = ReturnType<typeof parseFieldPath>[number];

const declaredByType = new Map<string, readonly (readonly Step[])[]>();

function declaredArrays(type: string): readonly (readonly Step[])[] {
  let declared = declaredByType.get(type);
  if (declared === undefined) {
    declared = (findObjectType(type)?.unorderedArrays ?? []).map((array) => parseFieldPath(array.path));
    declaredByType.set(type, declared);
  }
  return declared;
}

function sameLocation(steps: readonly Step[], path: readonly PathSegment[]): boolean {
  if (steps.length !== path.length) return false;
  return steps.every((step, index) => {
    const segment = path[index];
    return stepMatches(step, segment);
  });
}

/**
 * Whether the arrays at `path` are compared as sets: the type declares them unordered, or every
 * element on both sides is a reference: in every type Ferry knows, a list of bare references
 * is a membership list, so a type added later is not reported as reordering its members.
 */
export function isUnorderedArray(
  type: string,
  path: readonly PathSegment[],
  before: readonly JsonValue[],
  after: readonly JsonValue[],
): boolean {
  if (declaredArrays(type).some((steps) => sameLocation(steps, path))) return true;
  if (before.length + after.length === 0) return false;
  return before.every(isCanonicalReference) && after.every(isCanonicalReference);
}
