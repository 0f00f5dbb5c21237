import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CompareOutcome } from '../../../electron/services/compare/compare-service';
import { sandboxWorkspace, type SandboxWorkspace } from '../../support/sandbox-workspace';

/**
 * Issue 15 against the real sandbox: uat and prod differ where each org rightly has its own value
 * (a queue's calling number, a division's name), and a compare that resolves their parameters and
 * mappings shows no difference there. Nothing mocked: the host's services, git on disk, the sandbox
 * over HTTP.
 */
const DIVISION = 'Sales & Retention';
const PROD_DIVISION = 'Sales and Retention';

const differing = (outcome: CompareOutcome) =>
  outcome.result.objects
    .filter((object) => object.status !== 'unchanged')
    .map((object) => `${object.status} ${object.type} ${object.key}`)
    .sort();

describe('a compare that resolves parameters and mappings (issue 15)', () => {
  let world: SandboxWorkspace;
  let baseline: string[];
  /** A queue the seed makes equal in uat and prod, so its calling number is its only difference. */
  let QUEUE: string;
  before(async () => {
    world = await sandboxWorkspace({
      prefix: 'ferry-param-compare-',
      author: { name: 'Cam Compare', email: 'cam@example.test' },
      orgs: ['uat', 'prod'],
    });
    baseline = differing(await world.services.compare.compare('uat', 'prod'));
    const prod = await world.services.environments.connector('prod');
    const queue = (await prod.list('routing.queue')).find(
      (item) =>
        typeof item.callingPartyNumber === 'string' &&
        !baseline.some((line) => line.endsWith(` routing.queue ${String(item.name)}`)),
    );
    assert.ok(queue, 'the sandbox seeds queues equal in uat and prod');
    QUEUE = queue.name as string;
    await prod.update('routing.queue', queue.id as string, { ...queue, callingPartyNumber: '+442079460000' });
    const division = (await prod.list('authorization.division')).find((item) => item.name === DIVISION);
    assert.ok(division, `the sandbox seeds ${DIVISION}`);
    await prod.update('authorization.division', division.id as string, { ...division, name: PROD_DIVISION });
    await world.services.snapshots.run('prod');
  });
  after(() => world.close());

  it('without resolving: the calling number differs (marked as differing per environment), the division is renamed', async () => {
    const outcome = await world.services.compare.compare('uat', 'prod');
    const queue = outcome.result.objects.find((object) => object.key === QUEUE);
    const change = queue?.changes.find((item) => item.path === 'callingPartyNumber');
    assert.equal(change?.after, '+442079460000');
    assert.equal(change?.environmentSpecific, true, 'a calling number differs per environment');
    assert.ok((outcome.environmentSpecific?.changes ?? 0) >= 1);
    const lines = differing(outcome);
    assert.ok(lines.includes(`removed authorization.division ${DIVISION}`), lines.join('\n'));
    assert.ok(lines.includes(`added authorization.division ${PROD_DIVISION}`));
    assert.equal(outcome.resolution, undefined);
  });

  it('resolving with a parameter set on both and a mapping in prod: no difference beyond the seeded ones', async () => {
    assert.ok(!baseline.some((line) => line.endsWith(QUEUE)));
    const { parameters, compare } = world.services;
    const uatNumber = (await compare.compare('uat', 'prod')).result.objects
      .find((object) => object.key === QUEUE)
      ?.changes.find((item) => item.path === 'callingPartyNumber')?.before;
    assert.equal(typeof uatNumber, 'string', 'uat has a calling number');
    await parameters.set({
      environment: 'uat',
      name: 'billingCallingNumber',
      value: uatNumber as string,
      type: 'phone',
    });
    await parameters.set({
      environment: 'prod',
      name: 'billingCallingNumber',
      value: '+442079460000',
      type: 'phone',
    });
    await parameters.map('prod', 'authorization.division', DIVISION, PROD_DIVISION);

    // Still different when not resolved: the parameters file changes nothing by itself.
    assert.ok(differing(await compare.compare('uat', 'prod')).some((line) => line.endsWith(QUEUE)));

    const resolved = await compare.compare('uat', 'prod', { resolve: true });
    assert.deepEqual(differing(resolved), baseline);
    assert.deepEqual(resolved.resolution?.parameters, [
      { name: 'billingCallingNumber', a: uatNumber, b: '+442079460000', fields: 1 },
    ]);
    assert.ok(
      resolved.resolution?.mappings.some(
        (name) => name.type === 'authorization.division' && name.a === DIVISION && name.b === PROD_DIVISION,
      ),
    );
    assert.equal(resolved.resolution?.a, 'uat');
    assert.equal(resolved.resolution?.b, 'prod');

    // A commit of uat resolves with uat's parameters file as it is now.
    const [uatSnapshot] = await compare.history('uat');
    assert.ok(uatSnapshot);
    const atCommit = await compare.compare(`uat@${uatSnapshot.commit}`, 'prod', { resolve: true });
    assert.deepEqual(differing(atCommit), baseline);
    assert.equal(atCommit.resolution?.a, 'uat');

    // Asked for unchanged objects, the queue is there with why it is equal.
    const withUnchanged = await compare.compare('uat', 'prod', { resolve: true, includeUnchanged: true });
    const queue = withUnchanged.result.objects.find((object) => object.key === QUEUE);
    assert.equal(queue?.status, 'unchanged', JSON.stringify(queue));
    assert.equal(queue?.changes.length, 1);
    assert.equal(queue?.changes[0]?.equalAsParameter, 'billingCallingNumber');

    // The object view reads side a in b's names too.
    const texts = await compare.objectTexts(
      'uat',
      'prod',
      'authorization.division',
      PROD_DIVISION,
      undefined,
      true,
    );
    assert.match(texts.before ?? '', /Sales and Retention/);
  });

  it('ferry diff marks what differs per environment, and --resolve says what it resolved', async () => {
    const plain = await world.cli(['diff', 'uat', 'prod']);
    assert.equal(plain.code, 0, plain.stderr);
    assert.match(plain.stdout, /callingPartyNumber.*\(differs per environment\)/);
    const resolved = await world.cli(['diff', 'uat', 'prod', '--resolve']);
    assert.equal(resolved.code, 0, resolved.stderr);
    assert.ok(!resolved.stdout.includes(`"${QUEUE}"`), resolved.stdout);
    assert.match(resolved.stdout, /parameter billingCallingNumber: \+\d+ = \+442079460000/);
    assert.match(resolved.stdout, /"Sales & Retention" is "Sales and Retention"/);
  });

  it('picks from the compare write a field made a parameter as {"$param": name}', async () => {
    const outcome = await world.services.compare.compare('uat', 'prod');
    const change = outcome.result.objects
      .find((object) => object.key === QUEUE)
      ?.changes.find((item) => item.path === 'callingPartyNumber');
    assert.ok(change);
    const { operations } = await world.services.authoring.resolvePicks({
      a: 'uat',
      b: 'prod',
      picks: [{ type: 'routing.queue', key: QUEUE, changes: [change] }],
      parameters: [
        { type: 'routing.queue', key: QUEUE, path: 'callingPartyNumber', name: 'billingCallingNumber' },
      ],
    });
    assert.deepEqual(operations, [
      {
        op: 'update',
        type: 'routing.queue',
        key: QUEUE,
        changes: [
          { path: 'callingPartyNumber', before: change.before, after: { $param: 'billingCallingNumber' } },
        ],
      },
    ]);
  });

  it('a flagged field is kept in compare/environment-fields.json, committed, and marks changes there', async () => {
    const { environmentFields, compare } = world.services;
    const listed = await environmentFields.add({
      type: 'routing.queue',
      path: 'description',
      reason: 'each org describes its own line',
    });
    assert.ok(listed.some((field) => field.path === 'description' && !field.declared));
    const file = JSON.parse(
      await readFile(join(world.dir, 'compare/environment-fields.json'), 'utf8'),
    ) as unknown;
    assert.deepEqual(file, {
      fields: [{ type: 'routing.queue', path: 'description', reason: 'each org describes its own line' }],
    });
    await assert.rejects(environmentFields.remove('routing.queue', 'callingPartyNumber'), /object type/);
    await environmentFields.remove('routing.queue', 'description');
    assert.ok(!(await environmentFields.list()).some((field) => field.path === 'description'));
    // One environment against itself over time: a calling number changed there is a real change.
    const overTime = await compare.compare('prod', 'live:prod');
    assert.equal(overTime.environmentSpecific, undefined);
  });
});
