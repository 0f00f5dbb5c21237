import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { JsonObject } from '../../../shared/model/canonical/json-value';
import {
  acceptedWrites,
  changesetOf,
  liveObjects,
  promotionWorld,
  stepFor,
  type PromotionWorld,
} from '../promotion/promotion-test-support';

/**
 * Issue 18 points 1 and 3 for a real org's flows: Archy writes references in its own shapes (a
 * menu transfer's `targetQueue: {lit: {name}}`, a lookup's `dataTable: {<table>: …}`, a data
 * action call's `category: {<integration>: {dataAction: {<action>: …}}}`). The plan checks them
 * against the target and orders the flow after what they name, as it does Ferry's own dialect.
 */

let world: PromotionWorld;
before(async () => {
  world = await promotionWorld({ sandbox: { flowJobDurationMs: 10 } });
});
after(() => world.close());

/** A queue dev has and uat lacks. */
const QUEUE = 'Video Support - Voice';

function menu(name: string, lines: readonly string[]): JsonObject {
  return {
    name,
    type: 'INBOUNDCALL',
    division: { $ref: 'authorization.division', name: 'Home' },
    configuration: ['inboundCall:', '  division: Home', `  name: ${name}`, ...lines, ''].join('\n'),
  };
}

/** The queue as dev has it, without what only dev has besides (a skill, a wrap-up code). */
async function devQueue(): Promise<JsonObject> {
  const dev = await liveObjects(world.services, 'dev', ['routing.queue']);
  const queue = dev.get('routing.queue')?.get(QUEUE);
  assert.ok(queue, 'dev has the queue');
  const { bullseye: _bullseye, wrapupCodes: _codes, ...rest } = queue;
  void _bullseye;
  void _codes;
  return { ...rest, bullseye: { rings: [] } };
}

describe("a flow written in Archy's own reference shapes (issue 18)", () => {
  it('blocks the flow whose lookup names a data table uat lacks, naming the table', async () => {
    const name = 'Ferry Archy Lookup';
    const plan = await world.engine.plan(
      changesetOf('archy-lookup', [
        {
          op: 'create',
          type: 'architect.flow',
          key: `INBOUNDCALL/${name}`,
          body: menu(name, [
            '  actions:',
            '    - dataTableLookup:',
            '        name: Look up hours',
            '        dataTable:',
            '          Ferry Archy Missing Table:',
            '            foundOutputs:',
            '              open:',
            '                noValue: true',
            '        lookupValue:',
            '          lit: main',
          ]),
        },
      ]),
      'uat',
    );
    const step = stepFor(plan, 'architect.flow', `INBOUNDCALL/${name}`);
    assert.equal(step.action, 'blocked');
    assert.match(step.reason ?? '', /data table "Ferry Archy Missing Table"/);
    assert.match(step.reason ?? '', /uat does not have/);
  });

  it('orders a queue a targetQueue transfer names before the flow, and imports it with uat’s id and name', async () => {
    const name = 'Ferry Archy Transfer';
    const key = `INBOUNDCALL/${name}`;
    const plan = await world.engine.plan(
      changesetOf('archy-transfer', [
        {
          op: 'create',
          type: 'architect.flow',
          key,
          body: menu(name, [
            '  actions:',
            '    - transferToAcd:',
            '        name: To the new queue',
            '        targetQueue:',
            '          lit:',
            `            name: ${QUEUE}`,
          ]),
        },
        {
          op: 'create',
          type: 'routing.queue',
          key: QUEUE,
          body: await devQueue(),
        },
      ]),
      'uat',
    );
    const queueStep = stepFor(plan, 'routing.queue', QUEUE);
    const flowStep = stepFor(plan, 'architect.flow', key);
    assert.equal(flowStep.action, 'create', flowStep.reason);
    assert.equal(queueStep.action, 'create', queueStep.reason);
    assert.ok(queueStep.level < flowStep.level, 'the queue is written before the flow that transfers to it');

    const from = world.requests.length;
    const run = await world.engine.execute(plan);
    assert.equal(run.status, 'succeeded', JSON.stringify(run).slice(0, 3000));
    const connector = await world.services.environments.connector('uat');
    const queue = (await connector.list('routing.queue')).find((candidate) => candidate.name === QUEUE);
    assert.ok(queue, 'the queue exists in uat');
    // The flow as uat exports it: the import file's references, with uat's ids.
    const flow = (await connector.list('architect.flow')).find((candidate) => candidate.name === name);
    const text = String(flow?.configuration);
    assert.match(
      text,
      new RegExp(`targetQueue:\\n\\s+lit:\\n\\s+id: '${String(queue.id)}'\\n\\s+name: ${QUEUE}\\n`),
    );
    assert.equal(
      acceptedWrites(world.requests, from).filter((request) => request.path === '/api/v2/flows/jobs').length,
      1,
    );
  });
});
