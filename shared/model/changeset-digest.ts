import { sha256Hex } from './canonical/sha256';
import { stableStringify } from './canonical/stable-stringify';
import type { Changeset } from './changeset';

/**
 * The sha256 of the changeset's canonical JSON. Approvals sign this, so any edit after approval —
 * even one that only reorders keys in the file — is judged on content, not on bytes.
 */
export function changesetDigest(changeset: Changeset): string {
  return `sha256:${sha256Hex(new TextEncoder().encode(stableStringify(changeset)))}`;
}
