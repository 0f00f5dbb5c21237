import type { Plan } from '../../model/plan';
import type { Block, Inline, Tone } from '../report-document';
import type { RiskLevel } from './risk-policy';
import type { RiskAssessment } from './risk-assessment';

/**
 * The words of a plan's risk, its approval requirement and its standard change (issue 20), as
 * the change-control document shows them: each point with its rule and reason, what that risk
 * requires and why, and which standard change applied or why each did not.
 */

export const RISK_TONES: Readonly<Record<RiskLevel, Tone>> = {
  low: 'good',
  medium: 'warn',
  high: 'bad',
  critical: 'bad',
};

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function pointsText(points: number): string {
  return points === 1 ? '1 point' : `${points} points`;
}

/** `high (5 points), judged against prod as read live when the plan was made` */
export function riskBasisText(risk: RiskAssessment, environment: string): string {
  return risk.basis === 'live'
    ? `judged against ${environment} as read live when the plan was made`
    : `judged against the latest snapshot of ${environment}, for information only`;
}

/** `2 approvals, including 1 from group cab` / `no approvals` */
export function requirementText(requirement: NonNullable<Plan['requirement']>): string {
  const count =
    requirement.approvals === 0
      ? 'no approvals'
      : `${requirement.approvals} approval${requirement.approvals === 1 ? '' : 's'} from distinct people`;
  const group =
    requirement.fromGroup === undefined
      ? ''
      : `, including ${requirement.fromGroupCount ?? 1} from group ${requirement.fromGroup}`;
  return `${count}${group}`;
}

/** Why the requirement is what it is, in words. */
export function requirementSourceText(plan: Pick<Plan, 'risk' | 'requirement' | 'standardChange'>): string {
  const requirement = plan.requirement;
  if (requirement === undefined) return '';
  if (requirement.source === 'standard-change') {
    const applied = plan.standardChange?.applied;
    return applied === null || applied === undefined
      ? 'set by a standard change'
      : `set by the standard change ${JSON.stringify(applied.name)} instead of the risk's`;
  }
  if (requirement.source === 'risk' && plan.risk !== undefined) {
    return `set by the signed policy for ${plan.risk.level} risk`;
  }
  return "the signed policy's approvalsRequired (it sets nothing for this risk level)";
}

/** The risk facts and reasons, the requirement and the standard change, as document blocks. */
export function planRiskBlocks(plan: Plan, risk: RiskAssessment, objectsTouched: number): Block[] {
  const blocks: Block[] = [
    {
      kind: 'facts',
      rows: [
        ['Risk', [{ badge: risk.level, tone: RISK_TONES[risk.level] }, ` (${pointsText(risk.score)})`]],
        ['Basis', [capitalised(riskBasisText(risk, plan.environment))]],
        ['Objects touched', [String(objectsTouched)]],
        ['Dependent objects', [String(risk.dependentCount)]],
      ],
    },
    { kind: 'heading', text: ['Why this risk'] },
    risk.points.length === 0
      ? { kind: 'paragraph', text: ['No rule added a point.'] }
      : {
          kind: 'table',
          head: ['Rule', 'Points', 'Reason'],
          rows: risk.points.map((point) => [
            [{ code: point.rule }],
            [point.points === 0 ? '0' : `+${point.points}`],
            [capitalised(point.reason)],
          ]),
        },
  ];
  if (plan.requirement !== undefined) {
    blocks.push({ kind: 'heading', text: ['What it requires'] });
    blocks.push({
      kind: 'paragraph',
      text: [capitalised(requirementText(plan.requirement)), ` (${requirementSourceText(plan)}).`],
    });
  }
  if (plan.standardChange !== undefined) blocks.push(...standardChangeBlocks(plan.standardChange));
  return blocks;
}

function standardChangeBlocks(match: NonNullable<Plan['standardChange']>): Block[] {
  const blocks: Block[] = [{ kind: 'heading', text: ['Standard change'] }];
  const applied = match.applied;
  if (applied !== null) {
    const approvals =
      applied.approvals === 0
        ? 'no approvals'
        : `${applied.approvals} approval${applied.approvals === 1 ? '' : 's'}`;
    blocks.push({
      kind: 'paragraph',
      text: [
        { badge: 'applied', tone: 'good' },
        ` ${JSON.stringify(applied.name)} (`,
        { code: applied.id },
        `): every operation is one the template allows, so it needs ${approvals}.`,
      ],
    });
  } else if (match.notApplied.length === 0) {
    blocks.push({ kind: 'paragraph', text: ['No standard change templates are signed, so none applied.'] });
  } else {
    blocks.push({ kind: 'paragraph', text: ['No standard change applied.'] });
  }
  if (match.notApplied.length > 0) {
    blocks.push({
      kind: 'list',
      items: match.notApplied.map((entry): Inline[] => [
        `${JSON.stringify(entry.name)} (`,
        { code: entry.id },
        `) did not apply: ${entry.reason}.`,
      ]),
    });
  }
  return blocks;
}
