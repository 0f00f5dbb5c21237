import type { Plan } from '../../../../shared/model/plan';
import type { RiskAssessment, RiskRule } from '../../../../shared/promotion/risk/risk-assessment';
import type { RiskLevel, RiskRequirementSetting } from '../../../../shared/promotion/risk/risk-policy';
import type { StandardChangeMatch } from '../../../../shared/promotion/standard-changes/standard-change';

/**
 * The words of a plan's risk (issue 20): its level and score, each point with its rule and reason,
 * what it requires of approvers and the standard change that applied. Shaped here, unit-tested,
 * so the plan view and the policy editor say the same thing the same way.
 */

export const RISK_LEVEL_LABELS: Readonly<Record<RiskLevel, string>> = {
  low: 'Low risk',
  medium: 'Medium risk',
  high: 'High risk',
  critical: 'Critical risk',
};

export const RISK_RULE_LABELS: Readonly<Record<RiskRule, string>> = {
  tier: 'Environment tier',
  deletes: 'Deletes',
  'referenced-deletes': 'Deletes what others use',
  'sensitive-types': 'Sensitive types',
  'blast-radius': 'Blast radius',
  'critical-objects': 'Business-critical objects',
  'deny-window-near': 'Deny window near',
  size: 'Size',
};

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** `2 approvals, 1 from cab`; `no approval`. */
export function approvalsText(approvals: number, fromGroup?: string, fromGroupCount?: number): string {
  const count = approvals === 0 ? 'no approval' : plural(approvals, 'approval');
  return fromGroup === undefined ? count : `${count}, ${fromGroupCount ?? 1} from ${fromGroup}`;
}

/** A policy's setting for one risk level, as the editor shows it read-only. */
export function riskSettingText(setting: RiskRequirementSetting): string {
  if (typeof setting === 'number') return approvalsText(setting);
  const fromGroupCount = setting.fromGroup === undefined ? undefined : (setting.fromGroupCount ?? 1);
  return approvalsText(setting.approvals, setting.fromGroup, fromGroupCount);
}

/** `Medium risk, 3 points` */
export function riskHeadline(risk: RiskAssessment): string {
  return `${RISK_LEVEL_LABELS[risk.level]}, ${plural(risk.score, 'point')}`;
}

export interface RiskPointLine {
  rule: RiskRule;
  label: string;
  points: string;
  reason: string;
}

/** The points that made the score, the ones that counted first; a rule that found nothing says so last. */
export function riskPointLines(risk: RiskAssessment): RiskPointLine[] {
  return [...risk.points]
    .sort((a, b) => Number(b.points > 0) - Number(a.points > 0))
    .map((point) => ({
      rule: point.rule,
      label: RISK_RULE_LABELS[point.rule],
      points: point.points === 0 ? 'no points' : `+${point.points}`,
      reason: point.reason,
    }));
}

/** Where the risk was judged: the gates use the live read, never a snapshot. */
export function riskBasisText(risk: RiskAssessment, environment: string): string {
  return risk.basis === 'live'
    ? `Judged against ${environment} as read live for this plan; ${
        risk.dependentCount === 0
          ? 'nothing there depends on what it touches'
          : `${plural(risk.dependentCount, 'object')} there depend${risk.dependentCount === 1 ? 's' : ''} on what it touches`
      }.`
    : `Judged against the last snapshot of ${environment}, for information only: the plan judges it live.`;
}

/** `prod needs 2 approvals, 1 from cab, for medium risk` and where that comes from. */
export function requirementText(
  plan: Pick<Plan, 'environment' | 'requirement' | 'risk' | 'standardChange'>,
): string {
  const { requirement, environment } = plan;
  if (requirement === undefined) return '';
  const needs = `${environment} needs ${approvalsText(requirement.approvals, requirement.fromGroup, requirement.fromGroupCount)}`;
  switch (requirement.source) {
    case 'standard-change': {
      const name = plan.standardChange?.applied?.name;
      return name === undefined
        ? `${needs}: a standard change applies.`
        : `${needs}: the standard change “${name}” applies.`;
    }
    case 'risk':
      return plan.risk === undefined
        ? `${needs}, as its policy sets for this risk.`
        : `${needs}, as its policy sets for ${plan.risk.level} risk.`;
    case 'policy':
      return `${needs}, as its policy sets for every change.`;
  }
}

/** Which standard change applied, or why none did. */
export function standardChangeLines(match: StandardChangeMatch | undefined): {
  applied: string | null;
  notApplied: { id: string; text: string }[];
} {
  if (match === undefined) return { applied: null, notApplied: [] };
  return {
    applied:
      match.applied === null
        ? null
        : `Standard change “${match.applied.name}” (${match.applied.id}) applies: ${approvalsText(match.applied.approvals)} instead of what the risk needs.`,
    notApplied: match.notApplied.map((template) => ({
      id: template.id,
      text: `“${template.name}” does not apply: ${template.reason}`,
    })),
  };
}
