import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  decideGates,
  evaluateGates,
  type ApprovalEvidence,
  type GateInput,
} from '../../../shared/promotion/gates';
import { parseEnvironmentPolicy } from '../../../shared/promotion/policy';

const peakHours = { name: 'peak hours', cron: '0 8 * * 1-5', durationMinutes: 600, timeZone: 'Africa/Lagos' };
// Monday 2025-03-03: 12:00 WAT is inside peak hours, 20:00 WAT outside.
const DURING_PEAK = new Date('2025-03-03T11:00:00Z');
const EVENING = new Date('2025-03-03T19:00:00Z');

const ada = { keyId: 'key-ada', owner: 'Ada' };
const rita = { keyId: 'key-rita', owner: 'Rita' };
const sam = { keyId: 'key-sam', owner: 'Sam' };

// The policy is given raw, as ferry.json holds it, so each test shows only what it sets.
function input(overrides: Omit<Partial<GateInput>, 'policy'> & { policy?: unknown } = {}): GateInput {
  const { policy, ...rest } = overrides;
  return {
    policy: parseEnvironmentPolicy(policy ?? { approvalsRequired: 2, denyWindows: [peakHours] }, 'prod'),
    environment: 'prod',
    tier: 'prod',
    now: EVENING,
    // Ada signed the changeset as its author; the promoter is not known until promote time.
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

const valid = (who: { keyId: string; owner: string }): ApprovalEvidence => ({ ...who, status: 'valid' });

function gate(gateInput: GateInput, name: string) {
  const found = evaluateGates(gateInput).find((result) => result.gate === name);
  assert.ok(found, `no ${name} gate`);
  return found;
}

describe('approvals gate', () => {
  it('passes with enough distinct valid approvals', () => {
    const result = gate(input({ approvals: [valid(rita), valid(sam)] }), 'approvals');
    assert.deepEqual(result, {
      gate: 'approvals',
      passed: true,
      reason: '2 of 2 approvals: Rita (valid), Sam (valid).',
    });
  });

  it('refuses missing approvals', () => {
    const result = gate(input({ approvals: [valid(rita)] }), 'approvals');
    assert.equal(result.passed, false);
    assert.equal(result.reason, '1 of 2 approvals: Rita (valid).');
    assert.equal(gate(input(), 'approvals').reason, '0 of 2 approvals: none valid yet.');
  });

  it('refuses a stale approval and says why it does not count', () => {
    const result = gate(input({ approvals: [valid(rita), { ...sam, status: 'stale' }] }), 'approvals');
    assert.equal(result.passed, false);
    assert.equal(
      result.reason,
      "1 of 2 approvals: Rita (valid); Sam's approval is stale (signed an earlier version of the changeset).",
    );
  });

  it('says why each kind of unusable approval does not count', () => {
    const statuses = ['untrusted', 'revoked', 'expired', 'bad-signature', 'not-approver'] as const;
    const result = gate(
      input({
        policy: { approvalsRequired: 1 },
        approvals: statuses.map((status, index) => ({ keyId: `key-${index}`, owner: `P${index}`, status })),
      }),
      'approvals',
    );
    assert.equal(result.passed, false);
    assert.equal(
      result.reason,
      '0 of 1 approval: none valid yet; ' +
        "P0's approval is signed by a key the trust root does not trust; " +
        "P1's approval is signed by a revoked key; " +
        "P2's approval is signed by a key that has expired; " +
        "P3's approval has a signature that does not verify; " +
        "P4's approval is signed by a key without the approver role.",
    );
  });

  it('refuses a self-approval by the author key', () => {
    const result = gate(input({ approvals: [valid(rita), valid(ada)] }), 'approvals');
    assert.equal(result.passed, false);
    assert.equal(
      result.reason,
      "1 of 2 approvals: Rita (valid); Ada's approval is a self-approval (Ada's key signed the changeset as its author), which the policy does not allow.",
    );
  });

  it('treats another key of the author as a self-approval too', () => {
    const result = gate(
      input({ approvals: [valid(rita), valid({ keyId: 'key-ada-laptop', owner: 'ada' })] }),
      'approvals',
    );
    assert.equal(result.passed, false);
    assert.match(result.reason, /ada's approval is a self-approval/);
  });

  it('counts a self-approval when the policy allows it', () => {
    const result = gate(
      input({
        policy: { approvalsRequired: 2, allowSelfApproval: true },
        approvals: [valid(rita), valid(ada)],
      }),
      'approvals',
    );
    assert.deepEqual(result, {
      gate: 'approvals',
      passed: true,
      reason: '2 of 2 approvals: Rita (valid), Ada (valid).',
    });
  });

  it('counts the same key once', () => {
    const result = gate(input({ approvals: [valid(rita), valid(rita)] }), 'approvals');
    assert.equal(result.passed, false);
    assert.equal(
      result.reason,
      "1 of 2 approvals: Rita (valid); Rita's approval with the same key is counted once.",
    );
  });

  it('counts one person once whatever number of keys they hold', () => {
    const result = gate(
      input({ approvals: [valid(rita), valid({ keyId: 'key-rita-2', owner: 'Rita' })] }),
      'approvals',
    );
    assert.equal(result.passed, false);
    assert.match(result.reason, /Rita's approval with a second key is counted once/);
  });

  it('refuses while a reviewer has rejected the changeset', () => {
    const result = gate(
      input({
        approvals: [
          valid(rita),
          valid(sam),
          { ...ada, owner: 'Kemi', keyId: 'key-kemi', status: 'rejected' },
        ],
      }),
      'approvals',
    );
    assert.equal(result.passed, false);
    assert.equal(
      result.reason,
      '2 of 2 approvals: Rita (valid), Sam (valid); Kemi rejected the changeset, which blocks promotion until withdrawn.',
    );
  });

  it('counts no approval while the changeset has no author signature', () => {
    const result = gate(input({ authorSigned: false, approvals: [valid(rita), valid(sam)] }), 'approvals');
    assert.equal(result.passed, false);
    assert.equal(
      result.reason,
      '2 of 2 approvals: Rita (valid), Sam (valid); the changeset is not signed by its author, so no approval can count until its author signs it (`ferry changeset sign cs-1`, or "Sign as author" in the app).',
    );
  });

  it("does not pass on the promoter's own approval alone", () => {
    const policy = { approvalsRequired: 1 };
    const own = gate(
      input({ policy, promoterKeyId: rita.keyId, promoterOwner: rita.owner, approvals: [valid(rita)] }),
      'approvals',
    );
    assert.equal(own.passed, false);
    assert.match(own.reason, /the only approval is the promoter's own \(Rita\); someone else must approve/);
    const another = gate(
      input({
        policy,
        promoterKeyId: rita.keyId,
        promoterOwner: rita.owner,
        approvals: [valid(rita), valid(sam)],
      }),
      'approvals',
    );
    assert.equal(another.passed, true);
  });

  it('says why an approval too old or for another environment does not count', () => {
    const result = gate(
      input({
        policy: { approvalsRequired: 1 },
        approvals: [
          { ...rita, status: 'too-old' },
          { ...sam, status: 'other-environment' },
        ],
      }),
      'approvals',
    );
    assert.equal(result.passed, false);
    assert.equal(
      result.reason,
      "0 of 1 approval: none valid yet; Rita's approval is older than the policy allows; Sam's approval does not cover this environment.",
    );
  });

  it('passes when none are required', () => {
    assert.deepEqual(gate(input({ policy: {} }), 'approvals'), {
      gate: 'approvals',
      passed: true,
      reason: 'No approvals are required for prod.',
    });
    assert.equal(
      gate(input({ policy: {}, approvals: [valid(rita)] }), 'approvals').reason,
      'No approvals are required for prod; approved by Rita.',
    );
  });
});

describe('deny-window gate', () => {
  it('refuses during peak hours, naming the window and when it ends on its own clock', () => {
    const result = gate(input({ now: DURING_PEAK }), 'deny-window');
    assert.deepEqual(result, {
      gate: 'deny-window',
      passed: false,
      reason:
        'peak hours (Mon–Fri 08:00–18:00 Africa/Lagos) is active until 18:00 WAT: promotion to prod waits until then.',
    });
  });

  it('passes outside, saying when the window next starts', () => {
    const result = gate(input(), 'deny-window');
    assert.deepEqual(result, {
      gate: 'deny-window',
      passed: true,
      reason:
        'No deny window is active; peak hours (Mon–Fri 08:00–18:00 Africa/Lagos) next starts Tue 08:00 WAT.',
    });
  });

  it('passes when the environment has no windows', () => {
    assert.equal(gate(input({ policy: {} }), 'deny-window').reason, 'No deny windows are set for prod.');
  });

  it('lists every active window', () => {
    const freeze = {
      name: 'quarter close',
      cron: '0 0 1 4 *',
      durationMinutes: 4320,
      timeZone: 'Europe/London',
    };
    const result = gate(
      input({ policy: { denyWindows: [peakHours, freeze] }, now: new Date('2025-04-02T10:00:00Z') }),
      'deny-window',
    );
    assert.equal(result.passed, false);
    assert.match(
      result.reason,
      /^peak hours \(.*\) is active until 18:00 WAT; quarter close \(on day 1 of the month in Apr from 00:00 for 3 days Europe\/London\) is active until Fri 00:00 BST/,
    );
  });
});

describe('emergency override', () => {
  const blocked = { now: DURING_PEAK, approvals: [valid(rita)] };

  it('adds no override gate unless one is asked for', () => {
    assert.deepEqual(
      evaluateGates(input()).map((result) => result.gate),
      ['approvals', 'deny-window'],
    );
  });

  it('refuses an override without a reason', () => {
    const decision = decideGates(input({ ...blocked, override: { reason: '   ' } }));
    assert.deepEqual(decision.gates[2], {
      gate: 'override',
      passed: false,
      reason: 'An emergency override needs a reason, and none was given.',
    });
    assert.equal(decision.passed, false);
    assert.deepEqual(decision.overriddenGates, []);
  });

  it('refuses an override the policy does not allow', () => {
    const decision = decideGates(
      input({
        ...blocked,
        policy: { approvalsRequired: 2, denyWindows: [peakHours], emergencyOverride: { allowed: false } },
        override: { reason: 'INC-42: queue misrouting' },
      }),
    );
    assert.equal(decision.gates[2]?.reason, 'The policy for prod does not allow emergency overrides.');
    assert.equal(decision.passed, false);
  });

  it('lets a valid override through the approvals and deny-window gates, keeping them failed', () => {
    const decision = decideGates(input({ ...blocked, override: { reason: 'INC-42: queue misrouting' } }));
    assert.deepEqual(
      decision.gates.map((result) => [result.gate, result.passed]),
      [
        ['approvals', false],
        ['deny-window', false],
        ['override', true],
      ],
    );
    assert.equal(decision.gates[2]?.reason, 'Emergency override with the reason "INC-42: queue misrouting".');
    assert.deepEqual(decision.overriddenGates, ['approvals', 'deny-window']);
    assert.equal(decision.passed, true);
  });

  it('needs an approval from someone other than the author when the policy says so', () => {
    const policy = {
      approvalsRequired: 2,
      denyWindows: [peakHours],
      emergencyOverride: { requiresApproval: true },
    };
    const selfOnly = decideGates(
      input({ ...blocked, policy, approvals: [valid(ada)], override: { reason: 'INC-42' } }),
    );
    assert.equal(selfOnly.passed, false);
    assert.equal(
      selfOnly.gates[2]?.reason,
      'The policy for prod requires an emergency override to be approved by someone other than the author, and there is no valid approval from anyone else.',
    );
    const stale = decideGates(
      input({
        ...blocked,
        policy,
        approvals: [{ ...rita, status: 'stale' }],
        override: { reason: 'INC-42' },
      }),
    );
    assert.equal(stale.passed, false);
    const approved = decideGates(input({ ...blocked, policy, override: { reason: 'INC-42' } }));
    assert.equal(approved.passed, true);
    assert.equal(approved.gates[2]?.reason, 'Emergency override with the reason "INC-42", approved by Rita.');
  });

  it('counts only the named override approvers when there are some', () => {
    const policy = { approvalsRequired: 2, emergencyOverride: { requiresApproval: true } };
    const named = { ...blocked, policy, approvals: [valid(rita), valid(sam)] };
    assert.equal(
      decideGates(input({ ...named, override: { reason: 'INC-42', approvedBy: ['Kemi'] } })).passed,
      false,
    );
    const bySam = decideGates(input({ ...named, override: { reason: 'INC-42', approvedBy: ['key-sam'] } }));
    assert.equal(bySam.passed, true);
    assert.match(bySam.gates[2]?.reason ?? '', /approved by Sam\.$/);
  });

  it('passes without an override when every gate passes', () => {
    const decision = decideGates(input({ approvals: [valid(rita), valid(sam)] }));
    assert.equal(decision.passed, true);
    assert.deepEqual(decision.overriddenGates, []);
  });

  it('does not count an override as passing a gate that passed already', () => {
    const decision = decideGates(
      input({ approvals: [valid(rita), valid(sam)], override: { reason: 'belt and braces' } }),
    );
    assert.equal(decision.passed, true);
    assert.deepEqual(decision.overriddenGates, []);
  });
});
