/**
 * What an admin does with a proposal waiting in `trust/proposals/`: sign it (applying it once
 * every threshold is met) or withdraw it. Apart from proposing because these act on a version
 * someone else wrote: it is read bounded and strictly, and it must still follow the root.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { FerryError } from '../../../../shared/api/api-error';
import {
  RootVersionError,
  parseRootVersion,
  type ParsedRootVersion,
} from '../../../../shared/trust/trust-chain';
import { activeAdmins, proposalFile } from '../../../../shared/trust/trust-root';
import { unstageFile } from '../../git/repository';
import { commitFiles } from '../../workspace/workspace-git';
import { signAndStore } from './sign-and-store';
import { exists, readBoundedText } from './trust-files';
import type { ProposeResult, TrustContext } from './trust-types';
import { verifiedRoot } from './verify-root';

/** Adds this machine's admin signature to a pending proposal; applies it once every threshold is met. */
export async function signProposal(context: TrustContext, version: number): Promise<ProposeResult> {
  const { workspace } = context;
  return workspace.writeLock.run(async () => {
    const verified = await verifiedRoot(context);
    const dir = workspace.requirePath();
    const file = proposalFile(version);
    let text: string;
    try {
      text = await readBoundedText(join(dir, file), file);
    } catch {
      throw new FerryError(
        'trust.no-proposal',
        `There is no proposal for trust root version ${version} (${file})`,
        {
          version,
        },
      );
    }
    let parsed: ParsedRootVersion;
    try {
      parsed = parseRootVersion({ file, text }, version);
    } catch (error) {
      if (error instanceof RootVersionError) {
        throw new FerryError('trust.invalid', `${error.file} ${error.message}; it cannot be signed`, {
          file,
        });
      }
      throw error;
    }
    const current = verified?.current ?? null;
    const expected = (current?.document.version ?? 0) + 1;
    if (version !== expected || parsed.document.previous !== (current?.digest ?? null)) {
      throw new FerryError(
        'trust.proposal-outdated',
        `The proposal for version ${version} no longer follows the trust root (now at version ${current?.document.version ?? 'none'}); propose the change again`,
        { version },
      );
    }
    return signAndStore(context, current, parsed.document, parsed.envelope);
  });
}

/** Withdraws a pending proposal (any admin may): one commit removing it, audited. */
export async function withdrawProposal(
  context: TrustContext,
  version: number,
): Promise<{ version: number; commit: string }> {
  const { workspace } = context;
  return workspace.writeLock.run(async () => {
    const verified = await verifiedRoot(context);
    const identity = await context.keys.requireIdentity();
    const admins = activeAdmins(verified?.current.document.keys ?? []);
    if (!admins.some((key) => key.keyId === identity.keyId)) {
      throw new FerryError('trust.not-admin', 'Only an admin of the trust root can withdraw a proposal');
    }
    const dir = workspace.requirePath();
    const file = proposalFile(version);
    if (!(await exists(join(dir, file)))) {
      throw new FerryError(
        'trust.no-proposal',
        `There is no proposal for trust root version ${version} (${file})`,
      );
    }
    await rm(join(dir, file));
    await unstageFile(dir, file);
    const { audit } = context;
    const staged = audit
      ? await audit.stage(identity.keyId, {
          action: 'trust-withdraw',
          subject: `trust/${version}`,
          details: { file },
        })
      : null;
    const commit = await commitFiles(
      dir,
      staged ? [staged.file] : [],
      `trust ${version}: proposal withdrawn by ${identity.owner}`,
      workspace.author(),
      workspace.now(),
    );
    return { version, commit };
  });
}
