/**
 * An environment policy in one line, as it goes into the summary of the root version that signs
 * it ("2 approvals, no self-approval, 1 deny window, no override"). Apart because it is pure
 * wording over the policy model, with nothing of the store in it.
 */
import { followUpHoursOf, type EnvironmentPolicy } from '../promotion/policy';
import { RISK_LEVELS } from '../promotion/risk/risk-policy';

export function policySummary(policy: EnvironmentPolicy): string {
  const parts = [
    `${policy.approvalsRequired} approval${policy.approvalsRequired === 1 ? '' : 's'}`,
    policy.allowSelfApproval ? 'self-approval allowed' : 'no self-approval',
    `${policy.denyWindows.length} deny window${policy.denyWindows.length === 1 ? '' : 's'}`,
    policy.emergencyOverride.allowed ? 'override with a reason' : 'no override',
  ];
  if (policy.maxApprovalAgeDays !== undefined)
    parts.push(`approvals valid ${policy.maxApprovalAgeDays} days`);
  parts.push(...issue20Parts(policy));
  return parts.join(', ');
}

/**
 * Issue 20's settings, said only when set so older policies read as before: `approvals by risk
 * low 0, medium 1, high 2 (1 from cab)`, `2 critical objects`, `3 post-promotion checks,
 * rollback on failure`, `override follow-up within 12 hours`.
 */
function issue20Parts(policy: EnvironmentPolicy): string[] {
  const parts: string[] = [];
  const byRisk = policy.approvalsByRisk;
  if (byRisk !== undefined) {
    const levels = RISK_LEVELS.flatMap((level) => {
      const setting = byRisk[level];
      if (setting === undefined) return [];
      if (typeof setting === 'number') return [`${level} ${setting}`];
      const group =
        setting.fromGroup === undefined ? '' : ` (${setting.fromGroupCount ?? 1} from ${setting.fromGroup})`;
      return [`${level} ${setting.approvals}${group}`];
    });
    if (levels.length > 0) parts.push(`approvals by risk ${levels.join(', ')}`);
  }
  const risk = policy.risk;
  if (risk?.criticalObjects !== undefined && risk.criticalObjects.length > 0) {
    const count = risk.criticalObjects.length;
    parts.push(`${count} critical object${count === 1 ? '' : 's'}`);
  }
  if (risk?.sensitiveTypes !== undefined)
    parts.push(`sensitive types ${risk.sensitiveTypes.join(', ') || 'none'}`);
  if (risk?.denyWindowLeadHours !== undefined) {
    parts.push(
      risk.denyWindowLeadHours === 0
        ? 'no risk point near deny windows'
        : `risk up ${risk.denyWindowLeadHours} hours before a deny window`,
    );
  }
  if (policy.emergencyOverride.allowed && policy.emergencyOverride.followUpHours !== undefined) {
    parts.push(`override follow-up within ${followUpHoursOf(policy)} hours`);
  }
  const checks = policy.postPromotionChecks ?? [];
  if (checks.length > 0) {
    parts.push(
      `${checks.length} post-promotion check${checks.length === 1 ? '' : 's'}, ${policy.onCheckFailure === 'stop' ? 'stop' : 'rollback'} on failure`,
    );
  }
  return parts;
}
