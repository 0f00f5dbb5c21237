import type { EnvironmentPolicy } from '../policy';
import type { ApprovalRequirement, RiskLevel } from './risk-policy';

/**
 * What a risk level needs under a policy (issue 20): `approvalsByRisk[level]` when the policy
 * sets it, else `approvalsRequired`. CONTRACT STUB: the risk helper implements it.
 */
export function approvalRequirement(policy: EnvironmentPolicy, level: RiskLevel | null): ApprovalRequirement {
  void level;
  return { approvals: policy.approvalsRequired, source: 'policy' };
}
