import type { EnvironmentPolicy } from '../policy';
import type { ApprovalRequirement, RiskLevel } from './risk-policy';

/**
 * What a risk level needs under a policy (issue 20): `approvalsByRisk[level]` when the policy
 * sets it, else `approvalsRequired`. Without a level (no risk was judged) the policy's
 * `approvalsRequired` holds, as before issue 20.
 *
 * A group requirement counts within the approvals: `{approvals: 1, fromGroup: "cab",
 * fromGroupCount: 2}` cannot be met by one person, so the number needed is raised to the group
 * count rather than letting the two settings contradict each other.
 */
export function approvalRequirement(policy: EnvironmentPolicy, level: RiskLevel | null): ApprovalRequirement {
  const setting = level === null ? undefined : policy.approvalsByRisk?.[level];
  if (setting === undefined) return { approvals: policy.approvalsRequired, source: 'policy' };
  if (typeof setting === 'number') return { approvals: setting, source: 'risk' };
  if (setting.fromGroup === undefined) return { approvals: setting.approvals, source: 'risk' };
  const fromGroupCount = setting.fromGroupCount ?? 1;
  return {
    approvals: Math.max(setting.approvals, fromGroupCount),
    fromGroup: setting.fromGroup,
    fromGroupCount,
    source: 'risk',
  };
}
