/**
 * An environment policy in one line, as it goes into the summary of the root version that signs
 * it ("2 approvals, no self-approval, 1 deny window, no override"). Apart because it is pure
 * wording over the policy model, with nothing of the store in it.
 */
import type { EnvironmentPolicy } from '../promotion/policy';

export function policySummary(policy: EnvironmentPolicy): string {
  const parts = [
    `${policy.approvalsRequired} approval${policy.approvalsRequired === 1 ? '' : 's'}`,
    policy.allowSelfApproval ? 'self-approval allowed' : 'no self-approval',
    `${policy.denyWindows.length} deny window${policy.denyWindows.length === 1 ? '' : 's'}`,
    policy.emergencyOverride.allowed ? 'override with a reason' : 'no override',
  ];
  if (policy.maxApprovalAgeDays !== undefined)
    parts.push(`approvals valid ${policy.maxApprovalAgeDays} days`);
  return parts.join(', ');
}
