import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseEnvironmentPolicy } from '../../../shared/promotion/policy';
import { describeRootChange } from '../../../shared/trust/describe-root-change';
import { policySummary } from '../../../shared/trust/policy-summary';
import { securePolicy, type TrustRootDocument } from '../../../shared/trust/trust-root';

describe('policy summary of issue 20 settings', () => {
  it('says approvals by risk, risk inputs, follow-ups and checks', () => {
    const policy = parseEnvironmentPolicy(
      {
        approvalsRequired: 1,
        approvalsByRisk: { low: 0, medium: 1, high: { approvals: 2, fromGroup: 'cab' } },
        risk: { criticalObjects: ['routing.queue/Billing', 'routing.queue/Sales'], denyWindowLeadHours: 6 },
        emergencyOverride: { followUpHours: 12 },
        postPromotionChecks: [
          { kind: 'queue-member-groups' },
          { kind: 'queue-member-groups', label: 'again' },
          { kind: 'queue-member-groups', label: 'and again' },
        ],
      },
      'prod',
    );
    assert.equal(
      policySummary(policy),
      '1 approval, no self-approval, 0 deny windows, override with a reason, approvals by risk low 0, medium 1, high 2 (1 from cab), 2 critical objects, risk up 6 hours before a deny window, override follow-up within 12 hours, 3 post-promotion checks, rollback on failure',
    );
  });

  it('reads an older policy as before', () => {
    assert.equal(
      policySummary(parseEnvironmentPolicy({ approvalsRequired: 2 }, 'prod')),
      '2 approvals, no self-approval, 0 deny windows, override with a reason',
    );
  });
});

const base: TrustRootDocument = {
  _type: 'https://ferry.dev/trust-root/v1',
  version: 1,
  previous: null,
  createdAt: '2026-12-01T00:00:00.000Z',
  proposedBy: 'a'.repeat(64),
  summary: 'root',
  adminThreshold: 1,
  keys: [],
  environments: { prod: { tier: 'prod', policy: securePolicy() } },
};

const wrapup = {
  id: 'add-queue-wrapup-code',
  name: 'Add a wrap-up code',
  allow: [
    { op: 'create' as const, type: 'routing.wrapupcode' },
    { op: 'update' as const, type: 'routing.queue', fields: ['wrapupCodes'], lists: 'add' as const },
  ],
};
const store = {
  id: 'store-row',
  name: 'Store row',
  approvals: 1,
  allow: [{ op: 'update' as const, type: 'flows.datatable', keys: ['Store Directory'] }],
};
const main = {
  name: 'main',
  stages: [{ environment: 'dev' }, { environment: 'uat' }, { environment: 'prod', soakHours: 24 }],
};

describe("what a proposal changes in the root's standard changes and pipelines", () => {
  it('adds, changes, removes and reorders, item by item', () => {
    const added = describeRootChange(base, { ...base, standardChanges: [wrapup], pipelines: [main] });
    assert.deepEqual(added, [
      'adds standard change add-queue-wrapup-code ("Add a wrap-up code": create routing.wrapupcode; update routing.queue wrapupCodes (lists: add only); 0 approvals, up to medium risk and 20 operations, every environment)',
      'adds pipeline main (dev → uat → prod (soak 24 hours))',
    ]);
    const withBoth = { ...base, standardChanges: [wrapup, store], pipelines: [main] };
    const changed = describeRootChange(withBoth, {
      ...withBoth,
      standardChanges: [{ ...store, approvals: 0 }, wrapup],
      pipelines: [{ ...main, stages: [{ environment: 'dev' }, { environment: 'prod' }] }],
    });
    assert.deepEqual(changed, [
      'changes standard change store-row: approvals 1 → 0',
      'reorders the standard changes to store-row, add-queue-wrapup-code',
      'changes pipeline main: stages [{"environment":"dev"},{"environment":"uat"},{"environment":"prod","soakHours":24}] → [{"environment":"dev"},{"environment":"prod"}]',
    ]);
    assert.deepEqual(describeRootChange(withBoth, { ...withBoth, standardChanges: [store], pipelines: [] }), [
      'removes standard change add-queue-wrapup-code',
      'removes pipeline main',
    ]);
  });
});
