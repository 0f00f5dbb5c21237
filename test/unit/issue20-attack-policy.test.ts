import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FerryError } from '../../shared/api/api-error';
import { parseEnvironmentPolicy, POLICY_INVALID } from '../../shared/promotion/policy';

/**
 * Issue 20 attacks on the new policy fields: every bad input is refused with policy.invalid naming
 * the field, never silently dropped or coerced (a policy is what an admin signs: what it says must
 * be what is enforced).
 */

function refusal(text: string): { fields: string[]; message: string } {
  try {
    parseEnvironmentPolicy(JSON.parse(text), 'environment "prod"');
  } catch (error) {
    assert.ok(error instanceof FerryError, String(error));
    assert.equal(error.code, POLICY_INVALID);
    return { fields: (error.details as { fields: string[] }).fields, message: error.message };
  }
  assert.fail(`accepted: ${text}`);
}

const check = (fields: Record<string, unknown>) => JSON.stringify({ postPromotionChecks: [fields] });

describe('issue 20 attack: the new policy fields refuse bad input, naming the field', () => {
  const cases: [string, string, string][] = [
    ['__proto__ at the top', '{"__proto__": {"approvalsRequired": 0}, "approvalsRequired": 2}', '__proto__'],
    [
      '__proto__ in approvalsByRisk',
      '{"approvalsByRisk": {"__proto__": {"low": 0}}}',
      'approvalsByRisk.__proto__',
    ],
    ['__proto__ in risk', '{"risk": {"__proto__": {"criticalObjects": []}}}', 'risk.__proto__'],
    [
      '__proto__ in a data table row check',
      '{"postPromotionChecks":[{"kind":"data-table-row","table":"T","key":"k","values":{"__proto__":{"open":true}}}]}',
      'postPromotionChecks[0].values.__proto__',
    ],
    [
      '__proto__ in a data action check',
      '{"postPromotionChecks":[{"kind":"data-action-test","action":"A","expect":{"__proto__":{"ok":true}}}]}',
      'postPromotionChecks[0].expect.__proto__',
    ],
    [
      'constructor in a data action input',
      '{"postPromotionChecks":[{"kind":"data-action-test","action":"A","input":{"constructor":{"x":1}}}]}',
      'postPromotionChecks[0].input.constructor',
    ],
    ['a negative approval count', '{"approvalsByRisk": {"low": -1}}', 'approvalsByRisk.low'],
    ['a fractional approval count', '{"approvalsByRisk": {"medium": 0.5}}', 'approvalsByRisk.medium'],
    ['a huge approval count', '{"approvalsByRisk": {"high": 1e9}}', 'approvalsByRisk.high'],
    ['an unknown risk level', '{"approvalsByRisk": {"severe": 2}}', 'approvalsByRisk.severe'],
    [
      'a group that is not a group name',
      '{"approvalsByRisk": {"high": {"approvals": 2, "fromGroup": "CAB!"}}}',
      'approvalsByRisk.high.fromGroup',
    ],
    ['a negative lead time', '{"risk": {"denyWindowLeadHours": -1}}', 'risk.denyWindowLeadHours'],
    [
      'a critical object that is not type/key',
      '{"risk": {"criticalObjects": ["Billing"]}}',
      'risk.criticalObjects[0]',
    ],
    ['an unknown check kind', check({ kind: 'dns', host: 'x' }), 'postPromotionChecks[0].kind'],
    [
      'a check with an extra field',
      check({ kind: 'queue-member-groups', min: 1, queues: ['x'] }),
      'postPromotionChecks[0].queues',
    ],
    [
      'a zero member-group minimum',
      check({ kind: 'queue-member-groups', min: 0 }),
      'postPromotionChecks[0].min',
    ],
    [
      'an empty schedule group name',
      check({ kind: 'schedule-group-open', scheduleGroup: ' ' }),
      'postPromotionChecks[0].scheduleGroup',
    ],
    ['an unknown onCheckFailure', '{"onCheckFailure": "ignore"}', 'onCheckFailure'],
    [
      'a follow-up of 0 hours',
      '{"emergencyOverride": {"allowed": true, "followUpHours": 0}}',
      'emergencyOverride.followUpHours',
    ],
    [
      'a negative follow-up',
      '{"emergencyOverride": {"allowed": true, "followUpHours": -5}}',
      'emergencyOverride.followUpHours',
    ],
    [
      'an endless follow-up',
      '{"emergencyOverride": {"allowed": true, "followUpHours": 1e308}}',
      'emergencyOverride.followUpHours',
    ],
  ];
  for (const [name, text, field] of cases) {
    it(`${name} is refused naming ${field}`, () => {
      const { fields, message } = refusal(text);
      assert.ok(fields.includes(field), `${field} in ${JSON.stringify(fields)}: ${message}`);
    });
  }
  it('more than 50 checks are refused', () => {
    const many = JSON.stringify({
      postPromotionChecks: Array.from({ length: 51 }, () => ({ kind: 'queue-member-groups' })),
    });
    assert.ok(refusal(many).fields.includes('postPromotionChecks'));
  });
  it('a huge critical-object list is refused', () => {
    const many = JSON.stringify({
      risk: { criticalObjects: Array.from({ length: 501 }, (_, i) => `routing.queue/Q${i}`) },
    });
    assert.ok(refusal(many).fields.includes('risk.criticalObjects'));
  });
  it('a duplicate key (the last wins in JSON.parse) is refused by the strict reader signed files go through', async () => {
    const { parseStrictJson } = await import('../../shared/signing/strict-json');
    assert.throws(() => parseStrictJson('{"approvalsByRisk": {"high": 2, "high": 0}}'), /twice|duplicate/i);
  });
});
