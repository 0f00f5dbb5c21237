/**
 * The one place a root version is written: this machine's admin signature is added to it, and it
 * goes to `trust/root/` when every threshold is met (taking effect) or to `trust/proposals/` to
 * wait for more admins. One commit with its audit entry, then the pin remembers an applied
 * version. Apart because creating, proposing and signing all end here, and nothing else writes
 * the root.
 */
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { FerryError } from '../../../../shared/api/api-error';
import { buildEnvelope, type DsseEnvelope } from '../../../../shared/signing/dsse-envelope';
import { preAuthEncoding } from '../../../../shared/signing/pae';
import { describeRootChange } from '../../../../shared/trust/describe-root-change';
import { thresholdNeeds } from '../../../../shared/trust/threshold-needs';
import { thresholdProblem, type ParsedRootVersion } from '../../../../shared/trust/trust-chain';
import {
  TRUST_PROPOSALS_FOLDER,
  TRUST_ROOT_FOLDER,
  TRUST_ROOT_PAYLOAD_TYPE,
  activeAdmins,
  proposalFile,
  rootVersionFile,
  trustRootDigest,
  trustRootPayload,
  type TrustRootDocument,
} from '../../../../shared/trust/trust-root';
import { writeFileAtomic } from '../../fs/atomic-write';
import { unstageFile } from '../../git/repository';
import { commitFiles } from '../../workspace/workspace-git';
import { verifyEd25519 } from '../ed25519';
import { rememberApplied } from './root-pins';
import { exists } from './trust-files';
import type { ProposeResult, TrustContext } from './trust-types';

/**
 * Adds this machine's signature and writes the version: to `trust/root/` when every threshold
 * is met, else to `trust/proposals/`. One commit, and an audit entry. Caller holds the lock.
 */
export async function signAndStore(
  context: TrustContext,
  previous: ParsedRootVersion | null,
  document: TrustRootDocument,
  existing: DsseEnvelope | null,
  action = 'trust-propose',
): Promise<ProposeResult> {
  const { keys } = context;
  const identity = await keys.requireIdentity();
  const payload = trustRootPayload(document);
  const signature = await keys.sign(preAuthEncoding(TRUST_ROOT_PAYLOAD_TYPE, payload));
  const others = (existing?.signatures ?? []).filter((entry) => entry.keyid !== identity.keyId);
  const envelope: DsseEnvelope = {
    ...buildEnvelope(TRUST_ROOT_PAYLOAD_TYPE, payload, [{ keyid: identity.keyId, sig: signature }]),
  };
  envelope.signatures = [...others, ...envelope.signatures];
  const candidate = { envelope, payload, document, digest: trustRootDigest(payload), file: '' };
  const signerIsAdmin = [...activeAdmins(previous?.document.keys ?? []), ...activeAdmins(document.keys)].some(
    (key) => key.keyId === identity.keyId,
  );
  if (!signerIsAdmin) {
    throw new FerryError(
      'trust.not-admin',
      `Your key (${identity.keyId.slice(0, 16)}) is not an admin of the trust root, so its signature would not count`,
    );
  }
  const missing = thresholdProblem(previous?.document ?? null, candidate, verifyEd25519);
  const { workspace } = context;
  const dir = workspace.requirePath();
  const version = document.version;
  const target = missing === null ? rootVersionFile(version) : proposalFile(version);
  await mkdir(join(dir, missing === null ? TRUST_ROOT_FOLDER : TRUST_PROPOSALS_FOLDER), {
    recursive: true,
  });
  await writeFileAtomic(join(dir, target), `${JSON.stringify(envelope, null, 2)}\n`);
  const proposalLeft = missing === null && (await exists(join(dir, proposalFile(version))));
  if (proposalLeft) {
    await rm(join(dir, proposalFile(version)));
    await unstageFile(dir, proposalFile(version));
  }
  // Recorded in the proposer's audit chain, in the same commit as the version itself.
  const { audit } = context;
  const staged = audit
    ? await audit.stage(identity.keyId, {
        action: missing === null ? 'trust-apply' : existing ? 'trust-sign' : action,
        subject: `trust/${version}`,
        details: { summary: document.summary, digest: candidate.digest, file: target },
      })
    : null;
  const verb =
    missing === null ? (existing ? 'signed and applied' : 'applied') : existing ? 'signed' : 'proposed';
  const message = `trust ${version}: ${document.summary} (${verb} by ${identity.owner})`;
  const commit = await commitFiles(
    dir,
    staged ? [target, staged.file] : [target],
    message,
    workspace.author(),
    workspace.now(),
  );
  if (missing === null) {
    // The version this machine just made is verified by construction: remember it.
    await rememberApplied(context, version, candidate.digest, previous === null);
  }
  return {
    version,
    applied: missing === null,
    file: target,
    commit,
    summary: document.summary,
    needs: missing === null ? null : thresholdNeeds(previous?.document ?? null, candidate, verifyEd25519),
    changes: describeRootChange(previous?.document ?? null, document),
    document,
  };
}
