import { samePerson } from '../../approvals/approval-checks';
import type { FollowUp, FollowUpState } from './follow-up';

/**
 * How an override's follow-up stands (issue 20), from facts the caller has already verified:
 * the signed run, the signed approvals of its changeset digest judged for its environment, and
 * the trusted author keys of the changeset. Pure: the same facts and clock give the same state
 * and the same sentence, so the table of states is unit-tested here.
 */

/** A signed promote run that used an emergency override. */
export interface OverrideRun {
  runId: string;
  changesetId: string;
  /** The digest the signed plan was made for: only an approval of these bytes resolves it. */
  changesetDigest: string;
  environment: string;
  reason: string;
  /** The key that signed the run and its owner in the trust root (never a typed name). */
  overrider: { keyId: string; owner: string };
  /** The signed plan's start: when the override was used. */
  startedAt: string;
  /**
   * The follow-up window the target's policy set when the override was used, as the signed run
   * (or the signed audit entry) recorded it; absent for overrides recorded before it was kept.
   * A policy changed later does not move a follow-up already owed.
   */
  followUpHours?: number;
}

/** One stored approval of the run's changeset digest, as verification judged it. */
export interface FollowUpApproval {
  keyId: string;
  /** The key's owner in the trust root; null when no trusted key signed it. */
  owner: string | null;
  /** `valid` only when the signature, the approver role, the environment and the digest all hold. */
  status: string;
  /** When it counts from: the approver's signed time (or later, see follow-up-service.ts). */
  at: string | null;
}

export interface FollowUpFacts {
  run: OverrideRun;
  followUpHours: number;
  approvals: readonly FollowUpApproval[];
  /** Trusted keys that signed any version of the changeset as its author, with their owners. */
  authors: readonly { keyId: string; owner: string }[];
  now: Date;
  /** The changeset's digest in the workspace now, or null when it is no longer there. */
  currentDigest: string | null;
}

const HOUR_MS = 60 * 60 * 1000;

/** When the retrospective approval is due: the policy's hours after the override was used. */
export function followUpDueAt(startedAt: string, followUpHours: number): string {
  return new Date(Date.parse(startedAt) + followUpHours * HOUR_MS).toISOString();
}

/**
 * Whether an approval is the review the override skipped: valid for this digest and environment,
 * and by a person who is neither the overrider nor an author of the changeset (any of their keys).
 */
export function countsAsFollowUp(
  approval: FollowUpApproval,
  run: OverrideRun,
  authors: FollowUpFacts['authors'],
): boolean {
  if (approval.status !== 'valid' || approval.owner === null || approval.at === null) return false;
  if (approval.keyId === run.overrider.keyId || samePerson(approval.owner, run.overrider.owner)) return false;
  return !authors.some(
    (author) => author.keyId === approval.keyId || samePerson(author.owner, approval.owner ?? ''),
  );
}

/** The people who may not resolve it, in words: "Ada and the author (Bob)". */
function excludedPeople(run: OverrideRun, authors: FollowUpFacts['authors']): string {
  const others = [
    ...new Set(
      authors.map((author) => author.owner).filter((owner) => !samePerson(owner, run.overrider.owner)),
    ),
  ];
  if (others.length === 0) {
    return authors.length > 0
      ? `${run.overrider.owner} (who overrode it and wrote it)`
      : `${run.overrider.owner} and the changeset's author`;
  }
  return `${run.overrider.owner} and the author${others.length > 1 ? 's' : ''} (${others.join(', ')})`;
}

function hoursBetween(from: string, to: string): number {
  return Math.max(1, Math.round((Date.parse(to) - Date.parse(from)) / HOUR_MS));
}

export function deriveFollowUp(facts: FollowUpFacts): FollowUp {
  const { run, now } = facts;
  const dueAt = followUpDueAt(run.startedAt, facts.followUpHours);
  const approval =
    facts.approvals
      .filter((candidate) => countsAsFollowUp(candidate, run, facts.authors))
      .sort((left, right) => Date.parse(left.at ?? '') - Date.parse(right.at ?? ''))[0] ?? null;
  const late = approval !== null && Date.parse(approval.at ?? '') > Date.parse(dueAt);
  const state: FollowUpState =
    approval !== null
      ? late
        ? 'resolved-late'
        : 'resolved'
      : now.getTime() > Date.parse(dueAt)
        ? 'overdue'
        : 'pending';
  const approvedBy =
    approval === null ? null : { owner: approval.owner ?? '', keyId: approval.keyId, at: approval.at ?? '' };
  return {
    runId: run.runId,
    changesetId: run.changesetId,
    changesetDigest: run.changesetDigest,
    environment: run.environment,
    reason: run.reason,
    overriddenBy: { ...run.overrider },
    overriddenAt: run.startedAt,
    dueAt,
    state,
    approvedBy,
    message: followUpMessage(facts, state, dueAt, approvedBy),
  };
}

function followUpMessage(
  facts: FollowUpFacts,
  state: FollowUpState,
  dueAt: string,
  approvedBy: FollowUp['approvedBy'],
): string {
  const { run } = facts;
  if (approvedBy !== null) {
    return state === 'resolved'
      ? `${approvedBy.owner} approved ${run.changesetId} for ${run.environment} on ${approvedBy.at}, within the follow-up window.`
      : `${approvedBy.owner} approved ${run.changesetId} for ${run.environment} on ${approvedBy.at}, ${hoursBetween(dueAt, approvedBy.at)} h after it was due (${dueAt}).`;
  }
  const ask = `Ask an approver other than ${excludedPeople(run, facts.authors)} to run: ferry approve ${run.changesetId} --environments ${run.environment}`;
  // An approval signs the changeset as it is now: once edited, no new approval matches the run.
  const moved =
    facts.currentDigest === null
      ? ` ${run.changesetId} is no longer in the workspace: restore changesets/${run.changesetId}.json as it was promoted (git log -- changesets/${run.changesetId}.json) first.`
      : facts.currentDigest !== run.changesetDigest
        ? ` ${run.changesetId} was edited after this run: restore changesets/${run.changesetId}.json as it was promoted (git log -- changesets/${run.changesetId}.json) first, since an approval signs the version it sees.`
        : '';
  // The due time is its own field (`dueAt`): the message is only what to do about it.
  return state === 'overdue'
    ? `${ask}.${moved} Until then ${run.overrider.owner} cannot use another emergency override.`
    : `${ask}.${moved}`;
}
