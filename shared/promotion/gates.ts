import type { Tier } from '../model/environment';
import type { GateResult } from '../model/plan';
import { activeSpan, describeWindow, localMomentText, nextWindowStart } from './cron';
import type { DenyWindow, EnvironmentPolicy } from './policy';
import type { ApprovalRequirement } from './risk/risk-policy';
import type { RiskAssessment } from './risk/risk-assessment';
import type { FollowUp } from './follow-ups/follow-up';

/**
 * The gates a promotion passes before anything is written (DESIGN §5 Policy): enough approvals
 * from distinct trusted people, no deny window active, and, when someone invokes the emergency
 * path, an override the policy allows. Pure: the caller verifies signatures and supplies the
 * clock, so the same inputs always give the same verdict and the same sentences.
 */

export const GATE = {
  approvals: 'approvals',
  denyWindow: 'deny-window',
  override: 'override',
  pipeline: 'pipeline',
} as const;
export type GateName = (typeof GATE)[keyof typeof GATE];

/** Gates an emergency override may bypass; the override gate itself never is. */
export const OVERRIDABLE_GATES: readonly string[] = [GATE.approvals, GATE.denyWindow, GATE.pipeline];

/** What signature verification concluded about one approval, latest decision per key. */
export type ApprovalStatus =
  | 'valid'
  | 'stale'
  | 'untrusted'
  | 'revoked'
  | 'expired'
  | 'bad-signature'
  | 'not-approver'
  | 'rejected'
  | 'too-old'
  | 'other-environment';

export interface ApprovalEvidence {
  keyId: string;
  /** The key's owner in the signed trust root. */
  owner: string;
  status: ApprovalStatus;
  /** The key's approver groups in the signed trust root (issue 20), e.g. ["cab"]. */
  groups?: readonly string[];
}

export interface OverrideRequest {
  reason: string;
  /** Key ids or owners who approved the override; absent means any valid approval may count. */
  approvedBy?: string[];
}

export interface GateInput {
  policy: EnvironmentPolicy;
  environment: string;
  tier: Tier;
  now: Date;
  /** True when a trusted author key signed the changeset as it is now. */
  authorSigned: boolean;
  /**
   * Trusted keys that signed this changeset, any version of it, as its author, with their owners
   * in the signed trust root (a second key of an author's is still the author). Names in the
   * changeset (its `author` field, an OS user) decide nothing.
   */
  authorKeyIds: readonly string[];
  authorOwners: readonly string[];
  /** The changeset id, for the sentence that says how to sign it. */
  changesetId: string;
  /** The key that will promote, when known (at promote time); its owner in the trust root. */
  promoterKeyId: string | null;
  promoterOwner: string | null;
  approvals: readonly ApprovalEvidence[];
  override?: OverrideRequest;
  /** Said in the approvals gate when the policy is not a signed one (the secure default applies). */
  policyNote?: string;
  /**
   * Issue 20: what the approvals gate requires, from the risk (approval-requirement.ts) or a
   * standard change; absent: `policy.approvalsRequired` from anyone.
   */
  requirement?: ApprovalRequirement;
  /** Issue 20: the risk the requirement came from, for the gate's sentence. */
  risk?: RiskAssessment;
  /** Issue 20: the standard change that applied, for the gate's sentence. */
  standardChange?: { id: string; name: string };
  /**
   * Issue 20: the promoter's own overdue override follow-ups (follow-up-service.ts): while any
   * is unresolved the override gate fails.
   */
  overdueFollowUps?: readonly FollowUp[];
  /**
   * Issue 20: the signed pipelines' rules for entering this environment, judged by the caller
   * (pipelines/stage-entry.ts). Absent when the environment is no later stage of any pipeline:
   * then there is no pipeline gate at all.
   */
  pipeline?: { passed: boolean; reason: string };
}

export interface GateDecision {
  gates: GateResult[];
  /** Every gate passed, or failed and was overridden by a valid emergency override. */
  passed: boolean;
  /** Failed gates a valid override let through; they stay failed in `gates`, for the record. */
  overriddenGates: string[];
}

const whyNotCounted: Readonly<Record<Exclude<ApprovalStatus, 'valid' | 'rejected'>, string>> = {
  stale: 'is stale (signed an earlier version of the changeset)',
  untrusted: 'is signed by a key the trust root does not trust',
  revoked: 'is signed by a revoked key',
  expired: 'is signed by a key that has expired',
  'bad-signature': 'has a signature that does not verify',
  'not-approver': 'is signed by a key without the approver role',
  'too-old': 'is older than the policy allows',
  'other-environment': 'does not cover this environment',
};

function samePerson(left: string, right: string): boolean {
  return left.trim().toLowerCase() === right.trim().toLowerCase();
}

/**
 * An approval by the author's own key, or by another key of the same person: two keys do not
 * make a second reviewer.
 */
function isSelfApproval(approval: ApprovalEvidence, input: GateInput): boolean {
  if (input.authorKeyIds.includes(approval.keyId)) return true;
  return input.authorOwners.some((owner) => samePerson(approval.owner, owner));
}

/** The approval was made by whoever is promoting now (by key, or by another key of the same person). */
function isPromoters(approval: ApprovalEvidence, input: GateInput): boolean {
  if (input.promoterKeyId !== null && approval.keyId === input.promoterKeyId) return true;
  return input.promoterOwner !== null && samePerson(approval.owner, input.promoterOwner);
}

interface ApprovalCount {
  /** Owners whose approvals count, in the order given. */
  counted: string[];
  /** The evidence behind each counted owner. */
  countedEvidence: ApprovalEvidence[];
  /** Why each other approval does not count, as clauses. */
  notes: string[];
  rejectedBy: string[];
}

/**
 * Distinct valid approvals. Each key counts once, and so does each person, whatever number of
 * keys they hold: the gate asks how many people looked at the change.
 */
function countApprovals(input: GateInput, allowSelf: boolean): ApprovalCount {
  const keys = new Set<string>();
  const people: string[] = [];
  const result: ApprovalCount = { counted: [], countedEvidence: [], notes: [], rejectedBy: [] };
  for (const approval of input.approvals) {
    // A key the trust root does not know has no owner to name: its id is what a person can check.
    const who = approval.owner.trim() !== '' ? approval.owner : `The key ${approval.keyId}`;
    if (approval.status === 'rejected') {
      result.rejectedBy.push(who);
      continue;
    }
    if (approval.status !== 'valid') {
      result.notes.push(`${who}'s approval ${whyNotCounted[approval.status]}`);
      continue;
    }
    if (!allowSelf && isSelfApproval(approval, input)) {
      result.notes.push(
        `${who}'s approval is a self-approval (${who}'s key signed the changeset as its author), which the policy does not allow`,
      );
      continue;
    }
    if (keys.has(approval.keyId)) {
      result.notes.push(`${who}'s approval with the same key is counted once`);
      continue;
    }
    keys.add(approval.keyId);
    if (people.some((person) => samePerson(person, who))) {
      result.notes.push(`${who}'s approval with a second key is counted once`);
      continue;
    }
    people.push(who);
    result.counted.push(who);
    result.countedEvidence.push(approval);
  }
  return result;
}

function listText(parts: readonly string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

/** How many of the counted approvers must hold which group, and how many do. */
interface GroupCount {
  group: string;
  needed: number;
  have: number;
}

function groupCount(input: GateInput, counted: readonly ApprovalEvidence[]): GroupCount | null {
  const group = input.requirement?.fromGroup;
  if (group === undefined) return null;
  const have = counted.filter((approval) => (approval.groups ?? []).includes(group)).length;
  return { group, needed: input.requirement?.fromGroupCount ?? 1, have };
}

/**
 * Where the number of approvals came from, said first in the gate's sentence (issue 20): the
 * risk and its score, or the standard change that applied. Empty for the policy's flat number.
 */
function requirementSource(input: GateInput): string {
  const requirement = input.requirement;
  if (requirement?.source === 'standard-change') {
    const name = input.standardChange?.name;
    return name === undefined ? 'Standard change: ' : `Standard change ${JSON.stringify(name)}: `;
  }
  if (requirement?.source === 'risk' && input.risk !== undefined) {
    const points = input.risk.score === 1 ? '1 point' : `${input.risk.score} points`;
    return `Risk is ${input.risk.level} (${points}): `;
  }
  return '';
}

function approvalsGate(input: GateInput): GateResult {
  const required = input.requirement?.approvals ?? input.policy.approvalsRequired;
  const { counted, countedEvidence, notes, rejectedBy } = countApprovals(
    input,
    input.policy.allowSelfApproval,
  );
  const group = groupCount(input, countedEvidence);
  const groupShort =
    group !== null && group.have < group.needed
      ? [
          `${group.needed - group.have === 1 ? 'an approval' : `${group.needed - group.have} more approvals`} from someone in group ${group.group} ${group.needed - group.have === 1 ? 'is' : 'are'} still needed`,
        ]
      : [];
  const rejection =
    rejectedBy.length > 0
      ? [`${listText(rejectedBy)} rejected the changeset, which blocks promotion until withdrawn`]
      : [];
  // Without an author signature nobody can tell a self-approval from a review, so none counts.
  const unsigned =
    required > 0 && !input.authorSigned
      ? [
          `the changeset is not signed by its author, so no approval can count until its author signs it (\`ferry changeset sign ${input.changesetId}\`, or "Sign as author" in the app)`,
        ]
      : [];
  const onlyPromoter =
    required > 0 &&
    countedEvidence.length > 0 &&
    countedEvidence.every((approval) => isPromoters(approval, input))
      ? [`the only approval is the promoter's own (${listText(counted)}); someone else must approve`]
      : [];
  const policy = input.policyNote ? [input.policyNote] : [];
  const clauses = [...unsigned, ...onlyPromoter, ...groupShort, ...rejection, ...notes, ...policy];
  const tail = clauses.length > 0 ? `; ${clauses.join('; ')}` : '';
  const passed =
    counted.length >= required &&
    groupShort.length === 0 &&
    rejectedBy.length === 0 &&
    unsigned.length === 0 &&
    onlyPromoter.length === 0;
  const source = requirementSource(input);
  if (required === 0) {
    const given = counted.length > 0 ? `; approved by ${listText(counted)}` : '';
    const sentence = `No approvals are required for ${input.environment}${given}${tail}.`;
    return {
      gate: GATE.approvals,
      passed,
      reason: source === '' ? sentence : `${source}${lowerFirst(sentence)}`,
    };
  }
  const names =
    counted.length > 0
      ? countedEvidence
          .map((approval, index) => {
            const inGroup = group !== null && (approval.groups ?? []).includes(group.group);
            return `${counted[index] ?? approval.owner} (valid${inGroup ? `, ${group.group}` : ''})`;
          })
          .join(', ')
      : 'none valid yet';
  const noun = required === 1 ? 'approval' : 'approvals';
  const including = group === null ? '' : `, including ${group.needed} from group ${group.group}`;
  return {
    gate: GATE.approvals,
    passed,
    reason: `${source}${counted.length} of ${required} ${noun}${including}: ${names}${tail}.`,
  };
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

function windowLabel(window: DenyWindow): string {
  return `${window.name} (${describeWindow(window)})`;
}

function denyWindowGate(input: GateInput): GateResult {
  const windows = input.policy.denyWindows;
  if (windows.length === 0) {
    return {
      gate: GATE.denyWindow,
      passed: true,
      reason: `No deny windows are set for ${input.environment}.`,
    };
  }
  const active: string[] = [];
  const upcoming: string[] = [];
  for (const window of windows) {
    const span = activeSpan(window, input.now);
    if (span !== null) {
      active.push(
        `${windowLabel(window)} is active until ${localMomentText(span.end, window.timeZone, input.now)}`,
      );
      continue;
    }
    const next = nextWindowStart(window, input.now);
    upcoming.push(
      next === null
        ? `${windowLabel(window)} does not start within a year`
        : `${windowLabel(window)} next starts ${localMomentText(next, window.timeZone, input.now)}`,
    );
  }
  if (active.length > 0) {
    return {
      gate: GATE.denyWindow,
      passed: false,
      reason: `${active.join('; ')}: promotion to ${input.environment} waits until then.`,
    };
  }
  return {
    gate: GATE.denyWindow,
    passed: true,
    reason: `No deny window is active; ${upcoming.join('; ')}.`,
  };
}

function overrideGate(input: GateInput, override: OverrideRequest): GateResult {
  const fail = (reason: string): GateResult => ({ gate: GATE.override, passed: false, reason });
  const reason = override.reason.trim();
  if (!input.policy.emergencyOverride.allowed) {
    return fail(`The policy for ${input.environment} does not allow emergency overrides.`);
  }
  if (reason === '') {
    return fail('An emergency override needs a reason, and none was given.');
  }
  const overdue = input.overdueFollowUps ?? [];
  if (overdue.length > 0) return fail(overdueSentence(overdue));
  const quoted = `Emergency override with the reason ${JSON.stringify(reason)}`;
  if (!input.policy.emergencyOverride.requiresApproval) {
    return { gate: GATE.override, passed: true, reason: `${quoted}.` };
  }
  const approvers = override.approvedBy;
  const eligible = input.approvals.filter(
    (approval) =>
      approval.status === 'valid' &&
      !isSelfApproval(approval, input) &&
      (approvers === undefined ||
        approvers.some((name) => name === approval.keyId || samePerson(name, approval.owner))),
  );
  if (eligible.length === 0) {
    return fail(
      `The policy for ${input.environment} requires an emergency override to be approved by someone ` +
        `other than the author, and there is no valid approval from anyone else.`,
    );
  }
  const names = [...new Set(eligible.map((approval) => approval.owner))];
  return { gate: GATE.override, passed: true, reason: `${quoted}, approved by ${listText(names)}.` };
}

/**
 * Issue 20: an override is time-bounded. While an override of the promoter's is past its
 * follow-up window without a retrospective approval, they cannot override again: the sentence
 * names the run(s), the changeset(s) and who can settle it.
 */
function overdueSentence(overdue: readonly FollowUp[]): string {
  const runs = overdue.map(
    (followUp) =>
      `run ${followUp.runId} (changeset ${followUp.changesetId} in ${followUp.environment}, due ${followUp.dueAt})`,
  );
  const who = overdue[0]?.overriddenBy.owner ?? 'the promoter';
  const changesets = [...new Set(overdue.map((followUp) => followUp.changesetId))];
  const commands = changesets.map((id) => `\`ferry approve ${id}\``);
  const plural = overdue.length === 1 ? 'override is' : 'overrides are';
  return (
    `${who}'s earlier emergency ${plural} overdue for a retrospective approval: ${listText(runs)}. ` +
    `No further override by ${who} is allowed until resolved: ask an approver other than ${who} and the author to approve ${changesets.length === 1 ? 'it' : 'them'} (${listText(commands)}).`
  );
}

/** Every gate for the promotion, in a fixed order; the override gate only when one is asked for. */
export function evaluateGates(input: GateInput): GateResult[] {
  const gates = [approvalsGate(input), denyWindowGate(input)];
  if (input.pipeline !== undefined) gates.push({ gate: GATE.pipeline, ...input.pipeline });
  if (input.override !== undefined) gates.push(overrideGate(input, input.override));
  return gates;
}

/** The verdict: which gates failed, and which of those a valid emergency override lets through. */
export function decideGates(input: GateInput): GateDecision {
  const gates = evaluateGates(input);
  const overrideValid = gates.some((gate) => gate.gate === GATE.override && gate.passed);
  const failed = gates.filter((gate) => !gate.passed);
  const overriddenGates = overrideValid
    ? failed.filter((gate) => OVERRIDABLE_GATES.includes(gate.gate)).map((gate) => gate.gate)
    : [];
  return {
    gates,
    passed: failed.every((gate) => overriddenGates.includes(gate.gate)),
    overriddenGates,
  };
}
