import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ObjectState } from '../../../shared/changeset/object-state';
import type { JsonObject } from '../../../shared/model/canonical/json-value';
import type { ChangesetOperation } from '../../../shared/model/changeset';
import type { Tier } from '../../../shared/model/environment';
import type { StepAction } from '../../../shared/model/plan';
import { parseEnvironmentPolicy } from '../../../shared/promotion/policy';
import type { RiskLevel } from '../../../shared/promotion/risk/risk-policy';
import { DEFAULT_SENSITIVE_TYPES, assessRisk, riskLevelOf } from '../../../shared/promotion/risk/risk-rules';
import { objectTypeIds } from '../../../shared/model/object-types/object-type-definition';
import { queue, ref, skill, skillRef, stateOf, wrapupCode, wrapupRef } from '../changeset/changeset-fixture';

/** A queue whose bullseye removes `skills` (so each of them has the queue as a dependent). */
const queueUsing = (name: string, ...skills: string[]): JsonObject =>
  queue(name, {
    bullseye: { rings: [{ actions: { skillsToRemove: skills.map(skillRef) } }] },
    wrapupCodes: [wrapupRef('Resolved')],
  });

const queues = (count: number, skillName: string): [string, JsonObject][] =>
  Array.from({ length: count }, (_, index) => ['routing.queue', queueUsing(`Q${index + 1}`, skillName)]);

const target: ObjectState = stateOf(
  ['routing.skill', skill('Billing')],
  ['routing.skill', skill('Unused')],
  ['routing.skill', skill('Popular')],
  ['routing.skill', skill('Everywhere')],
  ['routing.wrapupcode', wrapupCode('Resolved')],
  ['routing.queue', queueUsing('Sales', 'Billing')],
  ...queues(6, 'Popular'),
  ...queues(21, 'Everywhere').map(([type, value]): [string, JsonObject] => [
    type,
    { ...value, name: `E${String(value.name)}` },
  ]),
  [
    'architect.flow',
    { name: 'Main Menu', type: 'INBOUNDCALL', division: ref('authorization.division', 'Home') },
  ],
);

const addWrapupCode: ChangesetOperation[] = [
  { op: 'create', type: 'routing.wrapupcode', key: 'Escalated', body: wrapupCode('Escalated') },
  {
    op: 'update',
    type: 'routing.queue',
    key: 'Sales',
    changes: [
      {
        path: 'wrapupCodes',
        before: [wrapupRef('Resolved')],
        after: [wrapupRef('Escalated'), wrapupRef('Resolved')],
      },
    ],
  },
];
const deleteSkill = (name: string): ChangesetOperation => ({
  op: 'delete',
  type: 'routing.skill',
  key: name,
  before: skill(name),
});
const describeSkill = (name: string): ChangesetOperation => ({
  op: 'update',
  type: 'routing.skill',
  key: name,
  changes: [{ path: 'description', after: 'used widely' }],
});
const updateSales: ChangesetOperation = {
  op: 'update',
  type: 'routing.queue',
  key: 'Sales',
  changes: [{ path: 'acwSettings.timeoutMs', before: 30000, after: 45000 }],
};
const updateFlow: ChangesetOperation = {
  op: 'update',
  type: 'architect.flow',
  key: 'INBOUNDCALL/Main Menu',
  changes: [{ path: 'description', after: 'new menu' }],
};
const manyCodes = (count: number): ChangesetOperation[] =>
  Array.from({ length: count }, (_, index) => ({
    op: 'create' as const,
    type: 'routing.wrapupcode',
    key: `Code ${index}`,
    body: wrapupCode(`Code ${index}`),
  }));

// Noon UTC every day, for an hour.
const noonFreeze = { name: 'Noon freeze', cron: '0 12 * * *', durationMinutes: 60, timeZone: 'UTC' };
const TWO_HOURS_BEFORE = new Date('2026-03-02T10:00:00Z');
const TEN_HOURS_BEFORE = new Date('2026-03-02T02:00:00Z');

interface Row {
  name: string;
  operations: ChangesetOperation[];
  tier: Tier;
  policy?: unknown;
  now?: Date;
  actions?: [number, StepAction][];
  level: RiskLevel;
  score: number;
  /** Every rule that said something, in order; those adding points marked `+n`. */
  rules: string[];
}

const table: Row[] = [
  {
    name: 'a wrap-up code added to a prod queue',
    operations: addWrapupCode,
    tier: 'prod',
    level: 'low',
    score: 1,
    rules: ['tier+1'],
  },
  {
    name: 'the same to dev',
    operations: addWrapupCode,
    tier: 'dev',
    level: 'low',
    score: 0,
    rules: ['tier'],
  },
  {
    name: 'the same to test',
    operations: addWrapupCode,
    tier: 'test',
    level: 'low',
    score: 0,
    rules: ['tier'],
  },
  {
    name: 'an unreferenced skill deleted in prod',
    operations: [deleteSkill('Unused')],
    tier: 'prod',
    level: 'medium',
    score: 2,
    rules: ['tier+1', 'deletes+1'],
  },
  {
    name: 'a referenced skill deleted in prod',
    operations: [deleteSkill('Billing')],
    tier: 'prod',
    level: 'medium',
    score: 3,
    rules: ['tier+1', 'referenced-deletes+2', 'blast-radius'],
  },
  {
    name: 'a referenced skill deleted with the queue that refers to it',
    operations: [
      deleteSkill('Billing'),
      { op: 'delete', type: 'routing.queue', key: 'Sales', before: queueUsing('Sales', 'Billing') },
    ],
    tier: 'prod',
    level: 'medium',
    score: 2,
    rules: ['tier+1', 'deletes+1', 'blast-radius'],
  },
  {
    name: 'a skill 6 queues use, changed in prod',
    operations: [describeSkill('Popular')],
    tier: 'prod',
    level: 'medium',
    score: 2,
    rules: ['tier+1', 'blast-radius+1'],
  },
  {
    name: 'a skill 21 queues use, changed in test',
    operations: [describeSkill('Everywhere')],
    tier: 'test',
    level: 'medium',
    score: 2,
    rules: ['tier', 'blast-radius+2'],
  },
  {
    name: 'a skill 21 queues use, deleted in prod',
    operations: [deleteSkill('Everywhere')],
    tier: 'prod',
    level: 'high',
    score: 5,
    rules: ['tier+1', 'referenced-deletes+2', 'blast-radius+2'],
  },
  {
    name: 'a queue the policy flags as critical',
    operations: [updateSales],
    tier: 'prod',
    policy: { risk: { criticalObjects: ['routing.queue/Sales'] } },
    level: 'medium',
    score: 3,
    rules: ['tier+1', 'critical-objects+2'],
  },
  {
    name: 'a critical queue and a referenced delete',
    operations: [updateSales, deleteSkill('Billing')],
    tier: 'prod',
    policy: { risk: { criticalObjects: ['routing.queue/Sales'] } },
    level: 'high',
    score: 5,
    rules: ['tier+1', 'referenced-deletes+2', 'blast-radius', 'critical-objects+2'],
  },
  {
    name: 'a flow (a sensitive type) in prod',
    operations: [updateFlow],
    tier: 'prod',
    level: 'medium',
    score: 2,
    rules: ['tier+1', 'sensitive-types+1'],
  },
  {
    name: "a queue when the policy's sensitive types list queues",
    operations: [updateSales],
    tier: 'prod',
    policy: { risk: { sensitiveTypes: ['routing.queue'] } },
    level: 'medium',
    score: 2,
    rules: ['tier+1', 'sensitive-types+1'],
  },
  {
    name: "a flow when the policy's sensitive types leave flows out",
    operations: [updateFlow],
    tier: 'prod',
    policy: { risk: { sensitiveTypes: ['routing.queue'] } },
    level: 'low',
    score: 1,
    rules: ['tier+1'],
  },
  {
    name: 'a deny window starting in 2 hours',
    operations: [updateSales],
    tier: 'prod',
    policy: { denyWindows: [noonFreeze] },
    now: TWO_HOURS_BEFORE,
    level: 'medium',
    score: 2,
    rules: ['tier+1', 'deny-window-near+1'],
  },
  {
    name: 'a deny window starting in 10 hours',
    operations: [updateSales],
    tier: 'prod',
    policy: { denyWindows: [noonFreeze] },
    now: TEN_HOURS_BEFORE,
    level: 'low',
    score: 1,
    rules: ['tier+1'],
  },
  {
    name: 'a deny window in 10 hours with a 12-hour lead',
    operations: [updateSales],
    tier: 'prod',
    policy: { denyWindows: [noonFreeze], risk: { denyWindowLeadHours: 12 } },
    now: TEN_HOURS_BEFORE,
    level: 'medium',
    score: 2,
    rules: ['tier+1', 'deny-window-near+1'],
  },
  {
    name: 'a deny window in 2 hours with the rule turned off',
    operations: [updateSales],
    tier: 'prod',
    policy: { denyWindows: [noonFreeze], risk: { denyWindowLeadHours: 0 } },
    now: TWO_HOURS_BEFORE,
    level: 'low',
    score: 1,
    rules: ['tier+1'],
  },
  {
    name: '21 writing operations',
    operations: manyCodes(21),
    tier: 'dev',
    level: 'low',
    score: 1,
    rules: ['tier', 'size+1'],
  },
  {
    name: '21 operations of which one is a planned noop',
    operations: manyCodes(21),
    actions: [[3, 'noop']],
    tier: 'dev',
    level: 'low',
    score: 0,
    rules: ['tier'],
  },
  {
    name: 'a delete the plan finds already done (noop)',
    operations: [deleteSkill('Billing')],
    actions: [[0, 'noop']],
    tier: 'prod',
    level: 'low',
    score: 0,
    rules: ['tier'],
  },
  {
    name: 'an empty changeset in prod',
    operations: [],
    tier: 'prod',
    level: 'low',
    score: 0,
    rules: ['tier'],
  },
  {
    name: 'everything at once',
    operations: [deleteSkill('Everywhere'), updateFlow, updateSales, ...manyCodes(19)],
    tier: 'prod',
    policy: { denyWindows: [noonFreeze], risk: { criticalObjects: ['routing.queue/Sales'] } },
    now: TWO_HOURS_BEFORE,
    level: 'critical',
    score: 10,
    rules: [
      'tier+1',
      'referenced-deletes+2',
      'sensitive-types+1',
      'blast-radius+2',
      'critical-objects+2',
      'deny-window-near+1',
      'size+1',
    ],
  },
];

describe('risk rules over a table of changesets', () => {
  for (const row of table) {
    it(`${row.name}: ${row.level} (${row.score})`, () => {
      const risk = assessRisk({
        operations: row.operations,
        actions: row.actions === undefined ? undefined : new Map(row.actions),
        target,
        tier: row.tier,
        policy: parseEnvironmentPolicy(row.policy ?? {}, 'the test'),
        now: row.now ?? TEN_HOURS_BEFORE,
        basis: 'live',
      });
      assert.deepEqual(
        {
          level: risk.level,
          score: risk.score,
          rules: risk.points.map((point) =>
            point.points === 0 ? point.rule : `${point.rule}+${point.points}`,
          ),
        },
        { level: row.level, score: row.score, rules: row.rules },
      );
      assert.equal(risk.basis, 'live');
      for (const point of risk.points) assert.ok(point.reason.length > 0);
    });
  }
});

describe('risk reasons', () => {
  const policy = parseEnvironmentPolicy(
    { denyWindows: [noonFreeze], risk: { criticalObjects: ['routing.queue/Sales'] } },
    'the test',
  );
  it('says each point in words, naming objects as people read them', () => {
    const risk = assessRisk({
      operations: [deleteSkill('Billing'), updateFlow, updateSales],
      target,
      tier: 'prod',
      policy,
      now: TWO_HOURS_BEFORE,
      basis: 'snapshot',
    });
    assert.deepEqual(
      risk.points.map((point) => point.reason),
      [
        'the target is a production environment',
        'it deletes skill "Billing", which 1 other object still refers to',
        'it changes flow "Main Menu (inbound call)", of a type Ferry counts as sensitive (flows)',
        '1 object in the target refers to what it changes (5 or fewer: no points)',
        'it changes queue "Sales", which the policy flags as business-critical',
        'the deny window "Noon freeze" starts in 2 hours (within 4 hours), leaving little time to put a problem right',
      ],
    );
    assert.equal(risk.dependentCount, 1);
    assert.equal(risk.basis, 'snapshot');
  });

  it('levels follow the score: low < 2 ≤ medium < 4 ≤ high < 6 ≤ critical', () => {
    assert.deepEqual([0, 1, 2, 3, 4, 5, 6, 9].map(riskLevelOf), [
      'low',
      'low',
      'medium',
      'medium',
      'high',
      'high',
      'critical',
      'critical',
    ]);
  });

  it('lists sensitive types by their real type ids', () => {
    for (const type of DEFAULT_SENSITIVE_TYPES)
      assert.ok((objectTypeIds as readonly string[]).includes(type), type);
  });
});

describe('an environment whose tier the trust root does not sign', () => {
  it('counts as production and says why and how an admin signs its tier, whatever ferry.json says', () => {
    const risk = assessRisk({
      operations: addWrapupCode,
      target,
      tier: 'prod',
      unsignedTierOf: 'uat',
      policy: parseEnvironmentPolicy({}, 'the test'),
      now: TEN_HOURS_BEFORE,
      basis: 'live',
    });
    const tierPoint = risk.points.find((point) => point.rule === 'tier');
    assert.equal(tierPoint?.points, 1);
    assert.match(
      tierPoint?.reason ?? '',
      /the trust root signs no tier for uat, so it counts as a production/,
    );
    assert.match(tierPoint?.reason ?? '', /ferry policy set uat <policy\.json> --tier/);
  });
});
