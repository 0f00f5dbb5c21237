/**
 * A React key that changes whenever the texts of a diff do. Monaco's diff editor throws an
 * uncaught "no diff result available" when the models it is still diffing are swapped out and
 * disposed under it; a new key mounts a new editor instead, and the old one is disposed (its diff
 * cancelled) before its models are.
 */
export function diffRemountKey(...texts: readonly (string | null)[]): string {
  // FNV-1a over the texts and their lengths: a cheap fingerprint, not a security measure.
  let hash = 0x811c9dc5;
  for (const text of texts) {
    const part = text === null ? '\u0000null' : `${text.length}:${text}`;
    for (let index = 0; index < part.length; index += 1) {
      hash ^= part.charCodeAt(index);
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
  }
  return hash.toString(36);
}
