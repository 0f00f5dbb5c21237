import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseEnvironmentPolicy } from '../../../shared/promotion/policy';
import { approvalRequirement } from '../../../shared/promotion/risk/approval-requirement';

const policy = (raw: unknown) => parseEnvironmentPolicy(raw, 'prod');

describe('approval requirement by risk', () => {
  const byRisk = policy({
    approvalsRequired: 1,
    approvalsByRisk: { low: 0, medium: 1, high: { approvals: 2, fromGroup: 'cab' } },
  });

  it("takes the level's setting from the policy", () => {
    assert.deepEqual(approvalRequirement(byRisk, 'low'), { approvals: 0, source: 'risk' });
    assert.deepEqual(approvalRequirement(byRisk, 'medium'), { approvals: 1, source: 'risk' });
    assert.deepEqual(approvalRequirement(byRisk, 'high'), {
      approvals: 2,
      fromGroup: 'cab',
      fromGroupCount: 1,
      source: 'risk',
    });
  });

  it('a level not listed needs what the nearest lower listed level needs, never fewer than approvalsRequired', () => {
    // Critical is riskier than high: it must not need fewer approvals than high does.
    assert.deepEqual(approvalRequirement(byRisk, 'critical'), {
      approvals: 2,
      fromGroup: 'cab',
      fromGroupCount: 1,
      source: 'risk',
    });
    const gap = policy({ approvalsRequired: 1, approvalsByRisk: { low: 0, high: 3 } });
    assert.deepEqual(approvalRequirement(gap, 'medium'), { approvals: 1, source: 'policy' });
    assert.deepEqual(approvalRequirement(gap, 'critical'), { approvals: 3, source: 'risk' });
  });

  it('falls back to approvalsRequired without a level, and for levels below every listed one', () => {
    assert.deepEqual(
      approvalRequirement(policy({ approvalsRequired: 2, approvalsByRisk: { high: 3 } }), 'low'),
      {
        approvals: 2,
        source: 'policy',
      },
    );
    assert.deepEqual(approvalRequirement(byRisk, null), { approvals: 1, source: 'policy' });
    assert.deepEqual(approvalRequirement(policy({ approvalsRequired: 3 }), 'low'), {
      approvals: 3,
      source: 'policy',
    });
  });

  it('never asks fewer approvals than the group must give', () => {
    const strict = policy({
      approvalsByRisk: { critical: { approvals: 1, fromGroup: 'cab', fromGroupCount: 2 } },
    });
    assert.deepEqual(approvalRequirement(strict, 'critical'), {
      approvals: 2,
      fromGroup: 'cab',
      fromGroupCount: 2,
      source: 'risk',
    });
    assert.deepEqual(approvalRequirement(policy({ approvalsByRisk: { high: { approvals: 3 } } }), 'high'), {
      approvals: 3,
      source: 'risk',
    });
  });
});
