import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  decideGates,
  evaluateGates,
  type ApprovalEvidence,
  type GateInput,
} from '../../../shared/promotion/gates';
import { parseEnvironmentPolicy } from '../../../shared/promotion/policy';
import type { FollowUp } from '../../../shared/promotion/follow-ups/follow-up';
import type { RiskAssessment } from '../../../shared/promotion/risk/risk-assessment';

const ada = { keyId: 'key-ada', owner: 'Ada' };
const rita = { keyId: 'key-rita', owner: 'Rita' };
const sam = { keyId: 'key-sam', owner: 'Sam' };
const valid = (who: { keyId: string; owner: string }, groups?: string[]): ApprovalEvidence => ({
  ...who,
  status: 'valid',
  ...(groups === undefined ? {} : { groups }),
});

const risk = (level: RiskAssessment['level'], score: number): RiskAssessment => ({
  level,
  score,
  points: [],
  dependentCount: 0,
  basis: 'live',
});

function input(overrides: Omit<Partial<GateInput>, 'policy'> & { policy?: unknown } = {}): GateInput {
  const { policy, ...rest } = overrides;
  return {
    policy: parseEnvironmentPolicy(policy ?? { approvalsRequired: 1 }, 'prod'),
    environment: 'prod',
    tier: 'prod',
    now: new Date('2026-03-03T19:00:00Z'),
    authorSigned: true,
    authorKeyIds: [ada.keyId],
    authorOwners: [ada.owner],
    changesetId: 'cs-1',
    promoterKeyId: null,
    promoterOwner: null,
    approvals: [],
    ...rest,
  };
}

function approvals(gateInput: GateInput) {
  const found = evaluateGates(gateInput).find((result) => result.gate === 'approvals');
  assert.ok(found);
  return found;
}

describe('approvals gate with a risk-based requirement', () => {
  it('a low-risk change passes with no approvals, saying the risk', () => {
    const result = approvals(input({ requirement: { approvals: 0, source: 'risk' }, risk: risk('low', 1) }));
    assert.deepEqual(result, {
      gate: 'approvals',
      passed: true,
      reason: 'Risk is low (1 point): no approvals are required for prod.',
    });
  });

  it('a high-risk change needs the number the requirement says, not the policy', () => {
    const requirement = { approvals: 2, source: 'risk' as const };
    const one = approvals(input({ requirement, risk: risk('high', 5), approvals: [valid(rita)] }));
    assert.equal(one.passed, false);
    assert.equal(one.reason, 'Risk is high (5 points): 1 of 2 approvals: Rita (valid).');
    const two = approvals(
      input({ requirement, risk: risk('high', 5), approvals: [valid(rita), valid(sam)] }),
    );
    assert.equal(two.passed, true);
  });

  it('counts group approvers among the distinct counted approvers', () => {
    const requirement = { approvals: 2, fromGroup: 'cab', fromGroupCount: 1, source: 'risk' as const };
    const noCab = approvals(
      input({ requirement, risk: risk('high', 5), approvals: [valid(rita), valid(sam)] }),
    );
    assert.equal(noCab.passed, false);
    assert.equal(
      noCab.reason,
      'Risk is high (5 points): 2 of 2 approvals, including 1 from group cab: Rita (valid), Sam (valid); an approval from someone in group cab is still needed.',
    );
    const withCab = approvals(
      input({ requirement, risk: risk('high', 5), approvals: [valid(rita), valid(sam, ['cab', 'ops'])] }),
    );
    assert.equal(withCab.passed, true);
    assert.equal(
      withCab.reason,
      'Risk is high (5 points): 2 of 2 approvals, including 1 from group cab: Rita (valid), Sam (valid, cab).',
    );
  });

  it('a group approval that does not count (self-approval, stale) does not satisfy the group', () => {
    const requirement = { approvals: 1, fromGroup: 'cab', fromGroupCount: 1, source: 'risk' as const };
    const result = approvals(
      input({
        requirement,
        risk: risk('medium', 2),
        approvals: [valid(rita), valid(ada, ['cab']), { ...sam, status: 'stale', groups: ['cab'] }],
      }),
    );
    assert.equal(result.passed, false);
    assert.match(result.reason, /an approval from someone in group cab is still needed/);
  });

  it('asks for several group approvers when fromGroupCount says so', () => {
    const requirement = { approvals: 2, fromGroup: 'cab', fromGroupCount: 2, source: 'risk' as const };
    const result = approvals(
      input({ requirement, risk: risk('critical', 7), approvals: [valid(rita, ['cab']), valid(sam)] }),
    );
    assert.equal(result.passed, false);
    assert.match(
      result.reason,
      /^Risk is critical \(7 points\): 2 of 2 approvals, including 2 from group cab: Rita \(valid, cab\), Sam \(valid\); an approval from someone in group cab is still needed\.$/,
    );
  });

  it('a standard change says which template set the requirement', () => {
    const result = approvals(
      input({
        policy: { approvalsRequired: 2 },
        requirement: { approvals: 0, source: 'standard-change' },
        risk: risk('low', 1),
        standardChange: { id: 'add-queue-wrapup-code', name: 'Add a wrap-up code' },
      }),
    );
    assert.deepEqual(result, {
      gate: 'approvals',
      passed: true,
      reason: 'Standard change "Add a wrap-up code": no approvals are required for prod.',
    });
  });

  it("the policy's flat number keeps the old sentence", () => {
    const result = approvals(
      input({ requirement: { approvals: 1, source: 'policy' }, risk: risk('critical', 6) }),
    );
    assert.equal(result.reason, '0 of 1 approval: none valid yet.');
  });

  it('the promoter alone still does not make an approval under a requirement', () => {
    const result = approvals(
      input({
        requirement: { approvals: 1, source: 'risk' },
        risk: risk('medium', 2),
        promoterKeyId: rita.keyId,
        promoterOwner: rita.owner,
        approvals: [valid(rita)],
      }),
    );
    assert.equal(result.passed, false);
  });
});

describe('override gate with overdue follow-ups', () => {
  const overdue: FollowUp = {
    runId: 'run-20260301-abc',
    changesetId: 'cs-hotfix',
    changesetDigest: 'sha256:1',
    environment: 'prod',
    reason: 'outage',
    overriddenBy: { keyId: 'key-rita', owner: 'Rita' },
    overriddenAt: '2026-03-01T10:00:00.000Z',
    dueAt: '2026-03-02T10:00:00.000Z',
    state: 'overdue',
    approvedBy: null,
    message: 'ask an approver',
  };

  it('fails the override and names the run, the changeset and what to do', () => {
    const decision = decideGates(
      input({ override: { reason: 'another outage' }, overdueFollowUps: [overdue], promoterOwner: 'Rita' }),
    );
    const gate = decision.gates.find((result) => result.gate === 'override');
    assert.equal(gate?.passed, false);
    assert.equal(
      gate?.reason,
      "Rita's earlier emergency override is overdue for a retrospective approval: run run-20260301-abc (changeset cs-hotfix in prod, due 2026-03-02T10:00:00.000Z). No further override by Rita is allowed until resolved: ask an approver other than Rita and the author to approve it (`ferry approve cs-hotfix`).",
    );
    assert.equal(decision.passed, false);
    assert.deepEqual(decision.overriddenGates, []);
  });

  it('without overdue follow-ups the override works as before', () => {
    const decision = decideGates(input({ override: { reason: 'outage' }, overdueFollowUps: [] }));
    assert.equal(decision.passed, true);
    assert.deepEqual(decision.overriddenGates, ['approvals']);
  });
});
