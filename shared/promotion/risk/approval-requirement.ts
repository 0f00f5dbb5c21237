import type { EnvironmentPolicy } from '../policy';
import { RISK_LEVELS, type ApprovalRequirement, type RiskLevel } from './risk-policy';

/**
 * What a risk level needs under a policy (issue 20): `approvalsByRisk[level]` when the policy
 * sets it. A level it does not list needs what the nearest lower listed level needs, when that
 * asks more than `approvalsRequired`, else `approvalsRequired`: a policy of `{low: 0, medium: 1,
 * high: 2}` must not let a critical change through with fewer approvals than a high one.
 * Without a level (no risk was judged) the policy's `approvalsRequired` holds, as before issue 20.
 *
 * A group requirement counts within the approvals: `{approvals: 1, fromGroup: "cab",
 * fromGroupCount: 2}` cannot be met by one person, so the number needed is raised to the group
 * count rather than letting the two settings contradict each other.
 */
export function approvalRequirement(policy: EnvironmentPolicy, level: RiskLevel | null): ApprovalRequirement {
  const fallback: ApprovalRequirement = { approvals: policy.approvalsRequired, source: 'policy' };
  if (level === null) return fallback;
  if (policy.approvalsByRisk?.[level] !== undefined) return listedRequirement(policy, level);
  // The nearest lower level the policy lists, if it asks more than the flat number.
  for (let index = RISK_LEVELS.indexOf(level) - 1; index >= 0; index -= 1) {
    const lower = RISK_LEVELS[index] as RiskLevel;
    if (policy.approvalsByRisk?.[lower] === undefined) continue;
    const inherited = listedRequirement(policy, lower);
    return inherited.approvals > fallback.approvals ? inherited : fallback;
  }
  return fallback;
}

function listedRequirement(policy: EnvironmentPolicy, level: RiskLevel): ApprovalRequirement {
  const setting = policy.approvalsByRisk?.[level];
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
