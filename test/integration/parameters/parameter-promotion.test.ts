import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { FerryError } from '../../../shared/api/api-error';
import type { JsonObject } from '../../../shared/model/canonical/json-value';
import type { SandboxWorkspace } from '../../support/sandbox-workspace';
import { promotingWorkspace } from './parameters-test-support';
import { changesetOf, liveObjects } from '../promotion/promotion-test-support';

/**
 * Issue 15 against the real sandbox server: one changeset, promoted to uat and prod, lands with each
 * environment's own values. Nothing is mocked: the services a host builds, a git workspace on disk,
 * the sandbox over HTTP.
 */
const author = { name: 'Pat Params', email: 'pat@example.test' };

async function liveQueue(world: SandboxWorkspace, environment: string, name: string) {
  const connector = await world.services.environments.connector(environment);
  const queues = await connector.list('routing.queue');
  return queues.find((queue) => queue.name === name);
}

describe('parameters resolved per target at plan time (issue 15)', () => {
  let world: SandboxWorkspace;
  /** A whole queue as the sandbox holds one, so a created queue verifies field for field. */
  let template: JsonObject;
  before(async () => {
    // Runs are signed by this machine's key.
    world = await promotingWorkspace({ prefix: 'ferry-params-', author, orgs: ['uat', 'prod'] });
    const live = await liveObjects(world.services, 'uat', ['routing.queue']);
    template = live.get('routing.queue')?.get('Billing - Voice') as JsonObject;
  });
  after(() => world.close());

  it('creates one queue in uat and prod, each with its own calling number', async () => {
    const { parameters, engine } = world.services;
    await parameters.set({
      environment: 'uat',
      name: 'billingCallingNumber',
      value: '+441130000001',
      type: 'phone',
    });
    await parameters.set({
      environment: 'prod',
      name: 'billingCallingNumber',
      value: '+442079460000',
      type: 'phone',
    });
    const input = changesetOf('billing-queue', [
      {
        op: 'create',
        type: 'routing.queue',
        key: 'Billing Param',
        body: { ...template, name: 'Billing Param', callingPartyNumber: { $param: 'billingCallingNumber' } },
      },
    ]);
    for (const [environment, number] of [
      ['uat', '+441130000001'],
      ['prod', '+442079460000'],
    ] as const) {
      const plan = await engine.plan(input, environment);
      assert.deepEqual(
        plan.values?.map((value) => (value.kind === 'parameter' ? [value.parameter, value.value] : [])),
        [['billingCallingNumber', number]],
      );
      assert.equal(plan.steps[0]?.expected?.callingPartyNumber, number);
      const result = await engine.execute(plan, { snapshot: false });
      assert.equal(result.status, 'succeeded', JSON.stringify(result.verify));
      assert.equal((await liveQueue(world, environment, 'Billing Param'))?.callingPartyNumber, number);
    }
  });

  it('a missing parameter stops the plan, naming it, the environment and the operation', async () => {
    const input = changesetOf('needs-missing', [
      {
        op: 'create',
        type: 'routing.queue',
        key: 'Needs Email',
        body: { name: 'Needs Email', callingPartyName: { $param: 'supportCallerName' } },
      },
    ]);
    await assert.rejects(world.services.engine.plan(input, 'prod'), (error: unknown) => {
      assert.ok(error instanceof FerryError);
      assert.equal(error.code, 'parameter.unresolved');
      assert.match(error.message, /supportCallerName/);
      assert.match(error.message, /prod/);
      assert.match(error.message, /operation 1 \(create routing\.queue "Needs Email"\)/);
      return true;
    });
  });

  it('a value of the wrong type is refused when set, and nothing is written', async () => {
    const file = join(world.dir, 'environments/prod/parameters.json');
    const before = await readFile(file, 'utf8');
    await assert.rejects(
      world.services.parameters.set({
        environment: 'prod',
        name: 'billingCallingNumber',
        value: '020 7946 0000',
      }),
      (error: unknown) =>
        error instanceof FerryError && error.code === 'parameter.invalid' && /E\.164/.test(error.message),
    );
    await assert.rejects(
      world.services.parameters.set({ environment: 'prod', name: 'billing.number', value: '+442079460000' }),
      (error: unknown) => error instanceof FerryError && error.code === 'parameter.invalid',
    );
    assert.equal(await readFile(file, 'utf8'), before);
  });

  it('a mapped division name resolves to the name the target uses', async () => {
    const { environments, parameters, engine } = world.services;
    const prod = await environments.connector('prod');
    const divisions = await prod.list('authorization.division');
    const service = divisions.find((division) => division.name === 'Customer Service');
    assert.ok(service);
    await prod.update('authorization.division', String(service.id), { ...service, name: 'Customer Care' });
    await parameters.map('prod', 'authorization.division', 'Customer Service', 'Customer Care');
    const input = changesetOf('mapped-division', [
      {
        op: 'create',
        type: 'routing.queue',
        key: 'Care Queue',
        body: {
          ...template,
          name: 'Care Queue',
          division: { $ref: 'authorization.division', name: 'Customer Service' },
        },
      },
    ]);
    const plan = await engine.plan(input, 'prod');
    assert.equal(plan.steps[0]?.action, 'create');
    assert.deepEqual(plan.steps[0]?.expected?.division, {
      $ref: 'authorization.division',
      name: 'Customer Care',
    });
    assert.ok(plan.values?.some((value) => value.kind === 'mapping' && value.to === 'Customer Care'));
    const result = await engine.execute(plan, { snapshot: false });
    assert.equal(result.status, 'succeeded', JSON.stringify(result.verify));
    const queue = await liveQueue(world, 'prod', 'Care Queue');
    assert.equal((queue?.division as { id?: string } | undefined)?.id, service.id);
  });

  it('refuses a mapping chain or cycle with the names involved', async () => {
    await world.services.parameters.map('uat', 'authorization.division', 'Alpha', 'Beta');
    await assert.rejects(
      world.services.parameters.map('uat', 'authorization.division', 'Beta', 'Alpha'),
      (error: unknown) =>
        error instanceof FerryError &&
        error.code === 'parameter.mapping-invalid' &&
        /Alpha/.test(error.message) &&
        /Beta/.test(error.message),
    );
    await assert.rejects(
      world.services.parameters.map('uat', 'authorization.division', 'Beta', 'Gamma'),
      (error: unknown) => error instanceof FerryError && /chain/.test(error.message),
    );
  });
  it('a value that does not fit its field is refused at plan time, naming the parameter', async () => {
    const { parameters, engine } = world.services;
    await parameters.set({ environment: 'prod', name: 'callerName', value: '42', type: 'number' });
    const input = changesetOf('ill-typed-caller', [
      {
        op: 'create',
        type: 'routing.queue',
        key: 'Ill Typed',
        body: { ...template, name: 'Ill Typed', callingPartyName: { $param: 'callerName' } },
      },
    ]);
    await assert.rejects(engine.plan(input, 'prod'), (error: unknown) => {
      assert.ok(error instanceof FerryError);
      assert.equal(error.code, 'changeset.invalid');
      assert.match(error.message, /callingPartyName/);
      assert.match(error.message, /parameter callerName of prod, a number/);
      return true;
    });
  });

  it('a parameter a changeset uses is not unset without --force; once it is, the plan names it', async () => {
    const { parameters, changesets, engine } = world.services;
    await parameters.set({ environment: 'prod', name: 'holdNumber', value: '+442079460001', type: 'phone' });
    const { changeset: input } = await changesets.create({
      title: 'Uses hold number',
      idPrefix: 'uses-hold-number',
      operations: [
        {
          op: 'create',
          type: 'routing.queue',
          key: 'Hold Line',
          body: { ...template, name: 'Hold Line', callingPartyNumber: { $param: 'holdNumber' } },
        },
      ],
    });
    const file = join(world.dir, 'environments/prod/parameters.json');
    const before = await readFile(file, 'utf8');
    await assert.rejects(parameters.unset('prod', 'holdNumber'), (error: unknown) => {
      assert.ok(error instanceof FerryError);
      assert.equal(error.code, 'parameter.in-use');
      assert.match(error.message, /uses-hold-number/);
      return true;
    });
    assert.equal(await readFile(file, 'utf8'), before);
    await parameters.unset('prod', 'holdNumber', true);
    await assert.rejects(
      engine.plan(input, 'prod'),
      (error: unknown) =>
        error instanceof FerryError &&
        error.code === 'parameter.unresolved' &&
        /holdNumber/.test(error.message),
    );
  });
});
