import { isCanonicalReference } from '../model/canonical/canonical-reference';
import type { JsonValue } from '../model/canonical/json-value';
import { canonicalKey } from './canonical-key';

/**
 * What makes two canonical references the same: the target's type and natural key. Ids are org
 * specific, so they only count for a reference that has no name (one canonicalize could not
 * resolve), where they are all there is.
 */
export function referenceIdentity(reference: JsonValue): string {
  if (isCanonicalReference(reference) && typeof reference.name === 'string') {
    // What canonicalKey gives for `{$ref, name}`, written out: sets of references are the common case.
    return `{"$ref":${JSON.stringify(reference.$ref)},"name":${JSON.stringify(reference.name)}}`;
  }
  return canonicalKey(reference);
}

export function sameReference(left: JsonValue, right: JsonValue): boolean {
  if (isCanonicalReference(left) && isCanonicalReference(right)) {
    if (typeof left.name === 'string' && typeof right.name === 'string') {
      return left.$ref === right.$ref && left.name === right.name;
    }
  }
  return referenceIdentity(left) === referenceIdentity(right);
}
