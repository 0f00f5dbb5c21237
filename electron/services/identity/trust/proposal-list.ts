/**
 * The proposals waiting in `trust/proposals/`, as `trust status` shows them: what each changes
 * (computed, not the proposer's words), which admins have signed it, what it still needs, and
 * whether it still follows the root. Apart because a proposal decides nothing: this only reads,
 * and a damaged proposal is simply not listed.
 */
import { join } from 'node:path';
import { describeRootChange } from '../../../../shared/trust/describe-root-change';
import { thresholdNeeds } from '../../../../shared/trust/threshold-needs';
import { parseRootVersion, signersAmong, type ParsedRootVersion } from '../../../../shared/trust/trust-chain';
import { TRUST_PROPOSALS_FOLDER, activeAdmins } from '../../../../shared/trust/trust-root';
import { verifyEd25519 } from '../ed25519';
import { VERSION_FILE_NAME, listJson, readBoundedText } from './trust-files';
import type { TrustContext, TrustProposal } from './trust-types';

/** The proposals against `current` (the verified newest version, or null when there is none). */
export async function listProposals(
  context: TrustContext,
  current: ParsedRootVersion | null,
): Promise<TrustProposal[]> {
  const dir = context.workspace.requirePath();
  const result: TrustProposal[] = [];
  for (const name of await listJson(join(dir, TRUST_PROPOSALS_FOLDER))) {
    const match = VERSION_FILE_NAME.exec(name);
    if (!match?.[1]) continue;
    const version = Number(match[1]);
    const file = `${TRUST_PROPOSALS_FOLDER}/${name}`;
    let parsed: ParsedRootVersion;
    try {
      parsed = parseRootVersion({ file, text: await readBoundedText(join(dir, file), file) }, version);
    } catch {
      continue; // a damaged proposal decides nothing; `trust status` simply does not list it
    }
    const applicable =
      current === null
        ? version === 1
        : version === current.document.version + 1 && parsed.document.previous === current.digest;
    const previous = current?.document ?? null;
    const signers = new Map<string, string>();
    for (const key of [
      ...signersAmong(parsed, activeAdmins(previous?.keys ?? []), verifyEd25519),
      ...signersAmong(parsed, activeAdmins(parsed.document.keys), verifyEd25519),
    ]) {
      signers.set(key.keyId, key.owner);
    }
    result.push({
      version,
      file,
      summary: parsed.document.summary,
      changes: describeRootChange(current?.document ?? null, parsed.document),
      proposedBy: parsed.document.proposedBy,
      createdAt: parsed.document.createdAt,
      digest: parsed.digest,
      signedBy: [...signers.keys()],
      needs: applicable
        ? (thresholdNeeds(previous, parsed, verifyEd25519) ?? 'nothing: it can be applied')
        : 'the trust root moved on since; propose it again',
      applicable,
      document: parsed.document,
    });
  }
  return result;
}
