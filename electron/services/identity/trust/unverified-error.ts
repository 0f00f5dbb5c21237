/**
 * The refusal every trust question ends in when the chain does not hold: `trust.unverified`,
 * naming the file and the git commit that brought it, so an admin knows what to revert. Apart
 * because it is the only part of the store that reads git history, and only to explain.
 */
import { FerryError } from '../../../../shared/api/api-error';
import { fileStatus, logCommits, resolveHead } from '../../git/repository';
import type { TrustContext } from './trust-types';

/** `trust.unverified`, naming the file and the commit that brought it (or that it is uncommitted). */
export async function unverifiedError(
  context: TrustContext,
  file: string,
  reason: string,
): Promise<FerryError> {
  const origin = await fileOrigin(context.workspace.requirePath(), file);
  return new FerryError(
    'trust.unverified',
    `The trust root of this workspace does not verify: ${file} ${reason}. It came from ${origin.text}. Nothing that depends on trust (approvals, plans, promotions, recovery, packages) will run until an admin restores a properly signed root (for example \`git revert ${origin.commit ?? '<commit>'}\`) or you pin another root with \`ferry trust pin <fingerprint>\`.`,
    { file, reason, ...(origin.commit ? { commit: origin.commit } : {}), origin: origin.text },
  );
}

/** Which commit brought a file as it is now, or that it is an uncommitted change. */
async function fileOrigin(dir: string, file: string): Promise<{ text: string; commit: string | null }> {
  try {
    const status = await fileStatus(dir, file);
    if (status === 'absent') {
      const head = await resolveHead(dir).catch(() => null);
      return {
        text: `its removal: it is in neither the working tree nor the last commit${head ? ` (${head.slice(0, 12)}); \`git log -- ${file}\` shows which commit removed it` : ''}`,
        commit: null,
      };
    }
    if (status !== 'unmodified') {
      return { text: `an uncommitted change in the working tree (git status: ${status})`, commit: null };
    }
    const [entry] = await logCommits(dir, { path: file, depth: 1 });
    if (!entry) return { text: 'no commit', commit: null };
    const subject = entry.commit.message.trim().split('\n')[0] ?? '';
    return {
      text: `commit ${entry.oid.slice(0, 12)} "${subject}" by ${entry.commit.author.name}`,
      commit: entry.oid.slice(0, 12),
    };
  } catch {
    return { text: 'an unknown change (its history could not be read)', commit: null };
  }
}
