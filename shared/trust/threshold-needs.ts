/**
 * What a root version still needs before it can take effect, in words: how many more admin
 * signatures of the version before it and of itself, and whose. Apart because the proposal list
 * and the result of signing say the same thing, and it is pure: the signatures are checked with
 * the verifier the caller passes.
 */
import { signersAmong, type ParsedRootVersion, type VerifySignature } from './trust-chain';
import { activeAdmins, type TrustRootDocument } from './trust-root';

/** Null when every threshold is met; else "1 more admin signature of version 2 (Ada)" and so on. */
export function thresholdNeeds(
  previous: TrustRootDocument | null,
  candidate: Pick<ParsedRootVersion, 'envelope' | 'payload' | 'document'>,
  verify: VerifySignature,
): string | null {
  const parts: string[] = [];
  const checks = [
    ...(previous ? [{ document: previous, label: `version ${previous.version}` }] : []),
    { document: candidate.document, label: `version ${candidate.document.version}` },
  ];
  for (const { document, label } of checks) {
    const admins = activeAdmins(document.keys);
    const have = signersAmong(candidate, admins, verify);
    const more = document.adminThreshold - have.length;
    if (more > 0) {
      const who = admins.filter((key) => !have.includes(key)).map((key) => key.owner);
      parts.push(`${more} more admin signature${more === 1 ? '' : 's'} of ${label} (${who.join(', ')})`);
    }
  }
  return parts.length === 0 ? null : parts.join(' and ');
}
