import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { FerryError } from '../../../shared/api/api-error';
import type { ChangesetOperation } from '../../../shared/model/changeset';
import { parametersUsedBy } from '../../../shared/parameters/parameters-used';
import type { SandboxWorkspace } from '../../support/sandbox-workspace';
import { promotingWorkspace } from '../parameters/parameters-test-support';
import { changesetOf, liveObjects, stepFor } from '../promotion/promotion-test-support';

/**
 * Issue 18 point 3 with issue 15: a name inside a flow's configuration may come from a parameter
 * or a mapping of the target, like any field's. One changeset, promoted to uat and prod, lands
 * with each environment's queue; the plan says where each name came from; a missing parameter
 * stops the plan by name; a secret is refused there (the configuration is a readable file).
 */
const author = { name: 'Fay Flows', email: 'fay@example.test' };

/** An inbound call flow whose one action transfers to the queue `queueName` says. */
function transferFlow(name: string, queueName: string): ChangesetOperation {
  return {
    op: 'create',
    type: 'architect.flow',
    key: `INBOUNDCALL/${name}`,
    body: {
      name,
      type: 'INBOUNDCALL',
      description: 'transfers to support',
      division: { $ref: 'authorization.division', name: 'Home' },
      configuration: [
        'inboundCall:',
        `  name: ${name}`,
        '  description: transfers to support',
        '  division: Home',
        '  actions:',
        '    - transferToAcd:',
        '        queue:',
        '          lit:',
        `            name: ${queueName}`,
        '',
      ].join('\n'),
    },
  };
}

async function liveConfiguration(world: SandboxWorkspace, environment: string, key: string): Promise<string> {
  const live = await liveObjects(world.services, environment, ['architect.flow']);
  const flow = live.get('architect.flow')?.get(key);
  assert.ok(flow, `${key} in ${environment}`);
  return String(flow.configuration);
}

describe('parameters and mappings inside a flow configuration (issue 18)', () => {
  let world: SandboxWorkspace;
  before(async () => {
    world = await promotingWorkspace({ prefix: 'ferry-flow-params-', author, orgs: ['uat', 'prod'] });
  });
  after(() => world.close());

  it('promotes one flow to uat and prod, each transferring to its own queue', async () => {
    const { parameters, engine } = world.services;
    await parameters.set({
      environment: 'uat',
      name: 'supportQueue',
      value: 'Billing - Voice',
      type: 'string',
    });
    await parameters.set({
      environment: 'prod',
      name: 'supportQueue',
      value: 'Complaints - Voice',
      type: 'string',
    });
    const input = changesetOf('flow-param', [transferFlow('Ferry Param Menu', '{$param: supportQueue}')]);
    assert.deepEqual(parametersUsedBy(input), ['supportQueue'], 'a configuration’s parameter is in use');
    for (const [environment, queue] of [
      ['uat', 'Billing - Voice'],
      ['prod', 'Complaints - Voice'],
    ] as const) {
      const plan = await engine.plan(input, environment);
      const step = stepFor(plan, 'architect.flow', 'INBOUNDCALL/Ferry Param Menu');
      assert.equal(step.action, 'create', step.reason);
      assert.deepEqual(
        plan.values?.map((value) => (value.kind === 'parameter' ? [value.parameter, value.value] : [])),
        [['supportQueue', queue]],
      );
      assert.match(String(step.expected?.configuration), new RegExp(`name: ${queue}`));
      const result = await engine.execute(plan, { snapshot: false });
      assert.equal(result.status, 'succeeded', result.message);
      const live = await liveConfiguration(world, environment, 'INBOUNDCALL/Ferry Param Menu');
      assert.match(live, new RegExp(`name: ${queue}`));
      assert.doesNotMatch(live, /\$param/);
    }
  });

  it('gives a name the target maps its own name, and records the mapping', async () => {
    const { parameters, engine } = world.services;
    await parameters.map('prod', 'routing.queue', 'Mobile Support - Voice', 'Broadband Support - Voice');
    const plan = await engine.plan(
      changesetOf('flow-mapped', [transferFlow('Ferry Mapped Menu', 'Mobile Support - Voice')]),
      'prod',
    );
    const step = stepFor(plan, 'architect.flow', 'INBOUNDCALL/Ferry Mapped Menu');
    assert.equal(step.action, 'create', step.reason);
    assert.match(String(step.expected?.configuration), /name: Broadband Support - Voice/);
    assert.ok(
      plan.values?.some(
        (value) =>
          value.kind === 'mapping' &&
          value.from === 'Mobile Support - Voice' &&
          value.to === 'Broadband Support - Voice' &&
          value.at.startsWith('operations[0].body.configuration: inboundCall.actions[0]'),
      ),
      JSON.stringify(plan.values),
    );
    const result = await engine.execute(plan, { snapshot: false });
    assert.equal(result.status, 'succeeded', result.message);
    assert.match(
      await liveConfiguration(world, 'prod', 'INBOUNDCALL/Ferry Mapped Menu'),
      /name: Broadband Support - Voice/,
    );
  });

  it('takes a reference parameter as the environment’s own name, not mapped again', async () => {
    const { parameters, engine } = world.services;
    await parameters.set({
      environment: 'prod',
      name: 'escalationQueue',
      value: 'routing.queue:Mobile Support - Voice',
      type: 'reference',
    });
    const plan = await engine.plan(
      changesetOf('flow-reference-param', [
        transferFlow('Ferry Escalation Menu', '{$param: escalationQueue}'),
      ]),
      'prod',
    );
    const step = stepFor(plan, 'architect.flow', 'INBOUNDCALL/Ferry Escalation Menu');
    assert.equal(step.action, 'create', step.reason);
    // prod maps "Mobile Support - Voice" (the previous test), but a parameter's value is prod's own.
    assert.match(String(step.expected?.configuration), /name: Mobile Support - Voice/);
    assert.ok(!plan.values?.some((value) => value.kind === 'mapping'), JSON.stringify(plan.values));
  });

  it('renames a flow the target maps, its configuration with it', async () => {
    const { parameters, engine } = world.services;
    await parameters.map('uat', 'architect.flow', 'Ferry Dev Menu', 'Ferry Uat Menu');
    const plan = await engine.plan(
      changesetOf('flow-renamed', [transferFlow('Ferry Dev Menu', 'Billing - Voice')]),
      'uat',
    );
    const step = stepFor(plan, 'architect.flow', 'INBOUNDCALL/Ferry Uat Menu');
    assert.equal(step.action, 'create', step.reason);
    assert.match(String(step.expected?.configuration), /^ {2}name: Ferry Uat Menu$/m);
  });

  it('refuses to unset a parameter a changeset’s flow configuration uses', async () => {
    const { parameters, changesets } = world.services;
    await changesets.create({
      title: 'Flow uses support queue',
      idPrefix: 'flow-uses-support-queue',
      operations: [transferFlow('Ferry Kept Menu', '{$param: supportQueue}')],
    });
    await assert.rejects(parameters.unset('uat', 'supportQueue'), (error: unknown) => {
      assert.ok(error instanceof FerryError);
      assert.equal(error.code, 'parameter.in-use');
      assert.match(error.message, /flow-uses-support-queue/);
      return true;
    });
  });

  it('stops the plan on a parameter the target does not have, naming it', async () => {
    const input = changesetOf('flow-missing', [
      transferFlow('Ferry Missing Menu', '{$param: overflowQueue}'),
    ]);
    await assert.rejects(world.services.engine.plan(input, 'uat'), (error: unknown) => {
      assert.ok(error instanceof FerryError);
      assert.equal(error.code, 'parameter.unresolved');
      assert.match(error.message, /overflowQueue/);
      assert.match(error.message, /uat/);
      return true;
    });
  });

  it('refuses a secret parameter as a name in a configuration, which the org stores readable', async () => {
    await world.services.parameters.set({
      environment: 'uat',
      name: 'hiddenQueue',
      value: 'a-secret-queue-name',
      type: 'secret',
    });
    const input = changesetOf('flow-secret', [transferFlow('Ferry Secret Menu', '{$param: hiddenQueue}')]);
    await assert.rejects(world.services.engine.plan(input, 'uat'), (error: unknown) => {
      assert.ok(error instanceof FerryError);
      assert.equal(error.code, 'parameter.unresolved');
      assert.match(error.message, /secret parameter hiddenQueue/);
      assert.doesNotMatch(error.message, /a-secret-queue-name/);
      return true;
    });
  });
});
