import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseEnvironmentPolicy } from '../../../shared/promotion/policy';
import { draftFromPolicy, policyFromDraft } from '../../../renderer/src/features/promotions/policy-draft';
import {
  approvalsRequiredHint,
  followUpNote,
  keptPolicyLines,
} from '../../../renderer/src/features/promotions/policy-kept';

/*
 * The policy editor edits some fields but saves the whole policy: what it does not edit (issue
 * 20's approvals per risk, risk inputs, checks, what a failed check does, the override follow-up,
 * and the ages) must come back unchanged, never silently dropped.
 */

const SIGNED = parseEnvironmentPolicy(
  {
    approvalsRequired: 1,
    allowSelfApproval: false,
    denyWindows: [{ name: 'Business hours', cron: '0 8 * * 1-5', durationMinutes: 600, timeZone: 'UTC' }],
    emergencyOverride: { allowed: true, requiresApproval: false, followUpHours: 12 },
    maxApprovalAgeDays: 14,
    maxPackageAgeDays: 30,
    approvalsByRisk: { low: 0, medium: 1, high: { approvals: 2, fromGroup: 'cab' } },
    risk: { criticalObjects: ['routing.queue/Billing'], denyWindowLeadHours: 2 },
    postPromotionChecks: [
      { kind: 'queue-member-groups' },
      { kind: 'data-table-row', table: 'Store Directory', key: '42' },
    ],
    onCheckFailure: 'stop',
  },
  'the test',
);

describe('policy editor draft', () => {
  it('saves the fields it does not edit exactly as they were read', () => {
    const saved = policyFromDraft(draftFromPolicy(SIGNED), 'prod');
    assert.deepEqual(saved.problems, null);
    assert.deepEqual(saved.policy, SIGNED);
  });

  it('keeps them through an edit of the fields it does edit', () => {
    const draft = draftFromPolicy(SIGNED);
    const edited = {
      ...draft,
      approvalsRequired: '3',
      allowSelfApproval: true,
      overrideAllowed: false,
      denyWindows: [],
    };
    const saved = policyFromDraft(edited, 'prod');
    assert.ok(saved.policy);
    assert.deepEqual(saved.policy, {
      ...SIGNED,
      approvalsRequired: 3,
      allowSelfApproval: true,
      denyWindows: [],
      emergencyOverride: { allowed: false, requiresApproval: false, followUpHours: 12 },
    });
  });

  it('adds nothing to a policy that has none of them', () => {
    const plain = parseEnvironmentPolicy({ approvalsRequired: 2 }, 'the test');
    const saved = policyFromDraft(draftFromPolicy(plain), 'dev');
    assert.deepEqual(saved.policy, plain);
    assert.deepEqual(keptPolicyLines(draftFromPolicy(plain).kept, draftFromPolicy(plain).keptOverride), []);
  });

  it('still reports the form’s own problems by field', () => {
    const saved = policyFromDraft({ ...draftFromPolicy(SIGNED), approvalsRequired: '-1' }, 'prod');
    assert.equal(saved.policy, null);
    assert.match(saved.problems?.approvalsRequired ?? '', /0 or more/);
  });

  it('shows each kept setting in words, read-only', () => {
    const draft = draftFromPolicy(SIGNED);
    assert.deepEqual(
      keptPolicyLines(draft.kept, draft.keptOverride).map((line) => [line.id, line.value]),
      [
        [
          'approvalsByRisk',
          'low: no approval; medium: 1 approval; high: 2 approvals, 1 from cab; other levels need “Approvals required”',
        ],
        ['risk', 'business-critical: routing.queue/Billing; a deny window within 2 h adds risk'],
        [
          'postPromotionChecks',
          'every queue changed has a member group; data table “Store Directory” has a row “42”',
        ],
        ['onCheckFailure', 'the run stops, its writes stay'],
        ['followUpHours', 'a retrospective approval within 12 hours'],
        ['maxApprovalAgeDays', '14 days'],
        ['maxPackageAgeDays', '30 days'],
      ],
    );
  });

  it('says the follow-up an override opens, with the default hours when the policy names none', () => {
    assert.match(followUpNote(draftFromPolicy(SIGNED).keptOverride), /within 12 hours; while one is overdue/);
    const plain = parseEnvironmentPolicy({ approvalsRequired: 2 }, 'the test');
    assert.match(followUpNote(draftFromPolicy(plain).keptOverride), /approves the change within 24 hours/);
  });

  it('says which risk levels “Approvals required” still covers', () => {
    assert.match(approvalsRequiredHint(draftFromPolicy(SIGNED).kept), /^For critical risk, which/);
    const plain = parseEnvironmentPolicy({ approvalsRequired: 2 }, 'the test');
    assert.equal(
      approvalsRequiredHint(draftFromPolicy(plain).kept),
      'Distinct people with trusted approver keys; 0 means none.',
    );
  });
});
