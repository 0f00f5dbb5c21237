import type { UnpushedApproval } from '../../../shared/sync/sync-wire';
import { approvalStatementSchema } from '../../../shared/signing/approval-statement';
import { dsseEnvelopeSchema, envelopePayload } from '../../../shared/signing/dsse-envelope';
import { parseStrictJson } from '../../../shared/signing/strict-json';
import { mergeBases } from '../git/remote-transfer';
import { readTreeAt } from '../git/repository';
import { changesBetween, changesetTitleAt, classifyPath, readTextAt } from './pull-summary';

export interface UnpushedApprovalsInput {
  dir: string;
  head: string;
  /** The remote's branch as last fetched; null when nothing was pushed yet. */
  remoteHead: string | null;
  /** The key holder's name as the trust root has it, or null (then the name the approval gives). */
  ownerOf(keyId: string): Promise<string | null>;
}

/**
 * Approvals (not rejections) made in commits here that the remote lacks: what a teammate waiting
 * to promote needs pushed. Judged from the side of history that is only here (since the last
 * commit both share), so an approval the remote already has, or one it changed, is not counted.
 * Reads only git: works offline against the remote's branch as last fetched.
 */
export async function unpushedApprovals(input: UnpushedApprovalsInput): Promise<UnpushedApproval[]> {
  const { dir, head, remoteHead } = input;
  if (remoteHead === head) return [];
  const base = remoteHead === null ? null : ((await mergeBases(dir, head, remoteHead))[0] ?? null);
  if (base === head) return [];
  const found: UnpushedApproval[] = [];
  const paths =
    base === null
      ? await approvalFilesAt(dir, head)
      : (await changesBetween(dir, base, head))
          .filter((change) => change.change !== 'deleted')
          .map((change) => change.path);
  for (const path of paths) {
    const where = classifyPath(path);
    if (where.kind !== 'approval') continue;
    const text = await readTextAt(dir, head, path);
    const predicate = text === null ? null : approvalPredicate(text);
    if (predicate === null || predicate.decision !== 'approved') continue;
    if (predicate.changesetId !== where.changesetId) continue;
    const owner =
      (await input.ownerOf(predicate.approver.keyId).catch(() => null)) ?? predicate.approver.owner;
    found.push({
      changesetId: where.changesetId,
      title: await changesetTitleAt(dir, head, where.changesetId),
      approver: owner,
      environment:
        predicate.environments === undefined || predicate.environments.length === 0
          ? null
          : predicate.environments.join(', '),
    });
  }
  return found;
}

/**
 * Every approval file in `commit`, read from the changesets folder alone: with nothing pushed yet
 * all of them are unpushed, and walking the whole tree would read every snapshot file too.
 */
async function approvalFilesAt(dir: string, commit: string): Promise<string[]> {
  let changesets: Awaited<ReturnType<typeof readTreeAt>>;
  try {
    changesets = await readTreeAt(dir, commit, 'changesets');
  } catch {
    return [];
  }
  const paths: string[] = [];
  for (const folder of changesets) {
    if (folder.type !== 'tree' || !folder.path.endsWith('.approvals')) continue;
    for (const file of await readTreeAt(dir, folder.oid)) {
      if (file.type === 'blob') paths.push(`changesets/${folder.path}/${file.path}`);
    }
  }
  return paths;
}

function approvalPredicate(text: string) {
  try {
    const envelope = dsseEnvelopeSchema.parse(parseStrictJson(text));
    const payload = new TextDecoder('utf-8', { fatal: true }).decode(envelopePayload(envelope));
    return approvalStatementSchema.parse(parseStrictJson(payload)).predicate;
  } catch {
    return null;
  }
}
