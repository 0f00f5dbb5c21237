import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Plan, PlanStep } from '../../../shared/model/plan';
import { stepValueLines, valueSourceField } from '../../../shared/parameters/step-values';
import { describePlan } from '../../../electron/host/cli/commands/promotion-commands';
import { ABSENT, stepFieldChanges } from '../../../renderer/src/features/promotions/step-field-changes';

/** Issue 15 in the plan view and `ferry plan`: where each environment-dependent value came from. */

const SECRET_VALUE = 'crm-token-s3cr3t-value-0042';

const step: PlanStep = {
  index: 0,
  operation: 0,
  action: 'create',
  type: 'routing.queue',
  key: 'Billing',
  id: null,
  level: 0,
  calls: [{ method: 'POST', path: '/api/v2/routing/queues' }],
  current: null,
  expected: {
    name: 'Billing',
    callingPartyNumber: '+442079460000',
    division: { $ref: 'authorization.division', name: 'Customer Care' },
    crm: { token: { $secret: 'crmToken' } },
    apiKey: { $secret: 'crmToken' },
  },
};

const plan: Plan = {
  formatVersion: 1,
  changesetId: 'billing-number',
  changesetDigest: 'sha256:abc',
  environment: 'prod',
  tier: 'prod',
  createdAt: '2026-12-06T10:00:00.000Z',
  steps: [step],
  gates: [],
  fingerprint: 'sha256:fff',
  summary: { create: 1, update: 0, delete: 0, noop: 0, conflict: 0, blocked: 0 },
  values: [
    {
      kind: 'parameter',
      operation: 0,
      at: 'operations[0].body.callingPartyNumber',
      parameter: 'billingCallingNumber',
      type: 'phone',
      environment: 'prod',
      value: '+442079460000',
    },
    {
      kind: 'mapping',
      operation: 0,
      at: 'operations[0].body.division',
      type: 'authorization.division',
      from: 'Customer Service',
      to: 'Customer Care',
      environment: 'prod',
    },
    {
      kind: 'parameter',
      operation: 0,
      at: 'operations[0].body.apiKey',
      parameter: 'crmToken',
      type: 'secret',
      environment: 'prod',
      // Wrongly carried: a secret's value is never shown, whatever a plan file says.
      value: SECRET_VALUE,
    },
  ],
  secrets: ['crmToken'],
};

describe('a plan step’s value sources', () => {
  it('says where each value came from, a secret by name only', () => {
    assert.deepEqual(stepValueLines(plan.values, 0), [
      {
        field: 'callingPartyNumber',
        text: 'parameter billingCallingNumber = +442079460000 for prod',
        secret: false,
      },
      {
        field: 'division',
        text: 'division "Customer Service" is "Customer Care" in prod (mapping)',
        secret: false,
      },
      { field: 'apiKey', text: 'secret parameter crmToken of prod (value not shown)', secret: true },
    ]);
    assert.deepEqual(stepValueLines(plan.values, 1), []);
    assert.deepEqual(stepValueLines(undefined, 0), []);
  });

  it('names the field inside the step’s object', () => {
    assert.equal(valueSourceField('operations[3].key'), 'key');
    assert.equal(valueSourceField('operations[0].before.queueFlow'), 'queueFlow');
    assert.equal(valueSourceField('operations[0].body.members[2].name'), 'members[2].name');
    assert.equal(valueSourceField('operations[1].changes[0].after'), 'changes[0].after');
  });

  it('shows a secret marker in the field changes as "(secret name)", never as JSON', () => {
    const rows = stepFieldChanges(step);
    assert.deepEqual(
      rows.find((row) => row.path === 'apiKey'),
      {
        path: 'apiKey',
        before: ABSENT,
        after: '(secret crmToken)',
      },
    );
    assert.equal(rows.find((row) => row.path === 'crm')?.after, '{token: (secret crmToken)}');
    assert.doesNotMatch(JSON.stringify(rows), /\$secret/);
  });

  it('prints the sources under each step in `ferry plan`, and no secret value', () => {
    const text = describePlan(plan);
    assert.match(
      text,
      /1\. create {3}routing\.queue "Billing" {2}POST \/api\/v2\/routing\/queues\n {8}value callingPartyNumber: parameter billingCallingNumber = \+442079460000 for prod\n {8}value division: division "Customer Service" is "Customer Care" in prod \(mapping\)\n {8}value apiKey: secret parameter crmToken of prod \(value not shown\)/,
    );
    assert.ok(!text.includes(SECRET_VALUE));
  });
});
