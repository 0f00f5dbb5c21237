import type { ChangesetSummaryWire } from '../../../../shared/model/changeset-wire';
import type { ApprovalWire } from '../../../../shared/model/promotion-wire';
import type { RunSummary } from '../../../../shared/promotion/engine/run-records';

/**
 * Where a changeset stands, for the list: `promoted` once a promotion of it succeeded somewhere
 * and was not rolled back; else `approved` once a signature verified against the trust root
 * approves its current version; else `draft`. The words say which environments and how many, so
 * "approved" is never read as "may be promoted anywhere" (each target's policy still decides).
 */
export type ChangesetStatus = 'draft' | 'approved' | 'promoted';

export interface ChangesetStanding {
  status: ChangesetStatus;
  /** The status in words, e.g. "promoted to uat, prod" or "approved by 1 key". */
  text: string;
}

export function changesetStanding(
  changesetId: string,
  approvals: readonly ApprovalWire[],
  runs: readonly RunSummary[],
): ChangesetStanding {
  const undone = new Set(
    runs
      .filter((run) => run.kind === 'rollback' && run.status === 'succeeded' && run.rollbackOf !== null)
      .map((run) => run.rollbackOf),
  );
  const promotedTo = [
    ...new Set(
      runs
        .filter(
          (run) =>
            run.changesetId === changesetId &&
            run.kind === 'promote' &&
            run.status === 'succeeded' &&
            !undone.has(run.id),
        )
        .map((run) => run.environment),
    ),
  ].sort();
  if (promotedTo.length > 0) return { status: 'promoted', text: `promoted to ${promotedTo.join(', ')}` };
  const approvers = new Set(
    approvals
      .filter((approval) => approval.counts && approval.decision === 'approved')
      .map((approval) => approval.keyId),
  ).size;
  if (approvers > 0)
    return { status: 'approved', text: `approved by ${approvers} key${approvers === 1 ? '' : 's'}` };
  return { status: 'draft', text: 'draft' };
}

/** Whether a list row matches what was typed in the search box: every word, in any of its columns. */
export function matchesChangesetSearch(
  item: ChangesetSummaryWire,
  standing: ChangesetStanding | undefined,
  query: string,
): boolean {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = [item.title, item.id, item.ticket, item.author, standing?.text, item.problem]
    .filter((part): part is string => typeof part === 'string')
    .join('\n')
    .toLowerCase();
  return words.every((word) => haystack.includes(word));
}
