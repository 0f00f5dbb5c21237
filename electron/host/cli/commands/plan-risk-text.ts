import type { Plan } from '../../../../shared/model/plan';

/**
 * The risk of a plan in words for `ferry plan` (issue 20): its level and score, each point with
 * the rule and why, what it requires and from whom, and the standard change that applied (or why
 * none did). Empty for a plan without a risk (a rollback plan, one from before issue 20).
 */
export function planRiskLines(plan: Plan): string[] {
  const { risk, requirement, standardChange } = plan;
  if (risk === undefined) return [];
  const lines = [
    `risk: ${risk.level} (${risk.score} point${risk.score === 1 ? '' : 's'}, judged on the live ${plan.environment}; ${risk.dependentCount} dependent object${risk.dependentCount === 1 ? '' : 's'})`,
  ];
  for (const point of risk.points) {
    lines.push(`  ${point.points > 0 ? `+${point.points}` : ' 0'} ${point.rule}: ${point.reason}`);
  }
  if (requirement !== undefined) {
    const group =
      requirement.fromGroup !== undefined
        ? `, at least ${requirement.fromGroupCount ?? 1} from group "${requirement.fromGroup}"`
        : '';
    const source =
      requirement.source === 'standard-change'
        ? 'the standard change'
        : requirement.source === 'risk'
          ? `the policy for ${risk.level} risk`
          : 'the policy';
    lines.push(
      `requires: ${requirement.approvals} approval${requirement.approvals === 1 ? '' : 's'}${group} (from ${source})`,
    );
  }
  const applied = standardChange?.applied ?? null;
  if (applied !== null) {
    lines.push(
      `standard change: ${applied.name} (${applied.id}) applies; it needs ${applied.approvals} approval${applied.approvals === 1 ? '' : 's'}`,
    );
  }
  for (const template of applied === null ? (standardChange?.notApplied ?? []) : []) {
    lines.push(`standard change ${template.name} (${template.id}) does not apply: ${template.reason}`);
  }
  return lines;
}
