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
} from './promotion-test-support';

const MENU = 'INBOUNDCALL/Main Menu';
/** The queue dev's published Main Menu transfers to from a menu option uat's does not have. */
const NEW_QUEUE = 'Video Support - Voice';

interface FlowApi {
  id: string;
  name: string;
  publishedVersion?: { id: string };
  configuration?: string;
}

/**
 * THE journey of issue 18: dev's Main Menu has a new menu option that transfers to a new queue.
 * Compared with uat, promoted with the queue in the same changeset (queue first, then the flow:
 * import job, upload, publish), verified by exporting again, and rolled back by republishing the
 * version uat had published before (the queue the run created is deleted).
 */
describe('a flow promoted from dev to uat with the queue its new menu option needs (issue 18)', () => {
  let world: PromotionWorld;
  let dev: Map<string, Map<string, JsonObject>>;
  let uat: Map<string, Map<string, JsonObject>>;

  before(async () => {
    world = await promotionWorld({ sandbox: { flowJobDurationMs: 10 } });
    dev = await liveObjects(world.services, 'dev', ['architect.flow', 'routing.queue']);
    uat = await liveObjects(world.services, 'uat', ['architect.flow', 'routing.queue']);
  });
  after(() => world.close());

  function object(side: Map<string, Map<string, JsonObject>>, type: string, key: string): JsonObject {
    const found = side.get(type)?.get(key);
    assert.ok(found, `${type} ${key}`);
    return found;
  }

  function newQueue(): JsonObject {
    const { bullseye: _bullseye, wrapupCodes: _codes, ...queue } = object(dev, 'routing.queue', NEW_QUEUE);
    void _bullseye;
    void _codes;
    return { ...queue, bullseye: { rings: [] } };
  }

  async function uatMenu(): Promise<FlowApi> {
    const connector = await world.services.environments.connector('uat');
    const listed = await connector.list('architect.flow');
    const menu = listed.find((flow) => flow.name === 'Main Menu' && flow.type === 'INBOUNDCALL');
    assert.ok(menu);
    return menu as unknown as FlowApi;
  }

  it('promotes the queue then the flow, verifies by re-export, and rolls back to the version published before', async () => {
    const devMenu = object(dev, 'architect.flow', MENU);
    const uatMenuBefore = object(uat, 'architect.flow', MENU);
    assert.match(String(devMenu.configuration), new RegExp(NEW_QUEUE));
    assert.doesNotMatch(String(uatMenuBefore.configuration), new RegExp(NEW_QUEUE));
    assert.equal(uat.get('routing.queue')?.has(NEW_QUEUE), false, 'uat lacks the new queue');
    const before = await uatMenu();
    const publishedBefore = before.publishedVersion?.id;
    assert.ok(publishedBefore);

    const plan = await world.engine.plan(
      changesetOf('video-support', [
        // The queue as dev has it, without what only dev has besides (a skill, a wrap-up code).
        { op: 'create', type: 'routing.queue', key: NEW_QUEUE, body: newQueue() },
        {
          op: 'update',
          type: 'architect.flow',
          key: MENU,
          changes: [
            {
              path: 'configuration',
              before: uatMenuBefore.configuration ?? null,
              after: devMenu.configuration ?? null,
            },
          ],
        },
      ]),
      'uat',
    );
    const queueStep = stepFor(plan, 'routing.queue', NEW_QUEUE);
    const flowStep = stepFor(plan, 'architect.flow', MENU);
    assert.equal(flowStep.action, 'update', flowStep.reason);
    assert.ok(queueStep.level < flowStep.level, 'the queue is written before the flow that transfers to it');
    assert.deepEqual(
      flowStep.calls.map((call) => `${call.method} ${call.path.replace(/flow=[^&]+/, 'flow={id}')}`),
      ['POST /api/v2/flows/jobs', 'POST /api/v2/flows/actions/publish?flow={id}'],
    );

    const from = world.requests.length;
    const run = await world.engine.execute(plan);
    assert.equal(run.status, 'succeeded', run.message);
    const writes = acceptedWrites(world.requests, from).map((request) => `${request.method} ${request.path}`);
    assert.equal(writes.filter((line) => line === 'POST /api/v2/flows/jobs').length, 1, writes.join('\n'));
    assert.equal(writes.filter((line) => line === 'POST /api/v2/flows/actions/publish').length, 1);
    const promoted = await uatMenu();
    assert.notEqual(promoted.publishedVersion?.id, publishedBefore);
    assert.match(String(promoted.configuration), new RegExp(NEW_QUEUE));

    const undoFrom = world.requests.length;
    const rolledBack = await world.engine.rollbackRun(run.runId);
    assert.equal(rolledBack.status, 'succeeded', rolledBack.message);
    const undone = acceptedWrites(world.requests, undoFrom).map(
      (request) => `${request.method} ${request.path}`,
    );
    assert.equal(
      undone.filter((line) => line === 'POST /api/v2/flows/jobs').length,
      0,
      'nothing imported again',
    );
    assert.equal(
      undone.filter((line) => line === 'POST /api/v2/flows/actions/publish').length,
      1,
      undone.join('\n'),
    );
    const restored = await uatMenu();
    assert.equal(
      restored.publishedVersion?.id,
      publishedBefore,
      'the version published before is live again',
    );
    assert.doesNotMatch(String(restored.configuration), new RegExp(NEW_QUEUE));
    const queues = await liveObjects(world.services, 'uat', ['routing.queue']);
    assert.equal(queues.get('routing.queue')?.has(NEW_QUEUE), false, 'the queue the run created is gone');
  });

  it('creates a new flow exactly once although every reply of its writes is lost once, and deletes it on rollback', async () => {
    const name = 'Ferry Created Workflow';
    const key = `WORKFLOW/${name}`;
    const configuration = `workflow:\n  name: ${name}\n  description: made by a promotion\n  division: Home\n`;
    const plan = await world.engine.plan(
      changesetOf('new-workflow', [
        {
          op: 'create',
          type: 'architect.flow',
          key,
          body: {
            name,
            type: 'WORKFLOW',
            description: 'made by a promotion',
            division: { $ref: 'authorization.division', name: 'Home' },
            configuration,
          },
        },
      ]),
      'uat',
    );
    const step = stepFor(plan, 'architect.flow', key);
    assert.equal(step.action, 'create', step.reason);
    world.sandbox.faults.loseReplyOf('flowImportJobCreate', 1);
    world.sandbox.faults.loseReplyOf('flowUpload', 1);
    world.sandbox.faults.loseReplyOf('flowPublish', 1);
    const run = await world.engine.execute(plan);
    assert.equal(run.status, 'succeeded', run.message);
    const connector = await world.services.environments.connector('uat');
    const made = (await connector.list('architect.flow')).filter((flow) => flow.name === name);
    assert.equal(made.length, 1, 'one flow, not a duplicate');
    const [only] = made as unknown as FlowApi[];
    assert.equal(only?.publishedVersion?.id, '1.0', 'one version: imported once, published once');

    const rolledBack = await world.engine.rollbackRun(run.runId);
    assert.equal(rolledBack.status, 'succeeded', rolledBack.message);
    const after = (await connector.list('architect.flow')).filter((flow) => flow.name === name);
    assert.equal(after.length, 0, 'the flow the run created is deleted');
  });

  it('fails a flow checked out while the run is under way, naming the holder, and republishes what the run had published', async () => {
    const live = await liveObjects(world.services, 'uat', ['architect.flow']);
    const changed = (key: string) => {
      const current = object(live, 'architect.flow', key);
      const text = String(current.configuration);
      const next = /tts: /.test(text)
        ? text.replace(/tts: (.*)\n/, 'tts: $1 Now reworded.\n')
        : text.replace(/name: Disconnect\n/, 'name: Disconnect Now reworded\n');
      assert.notEqual(next, text, `${key} has a prompt text to change`);
      return {
        op: 'update' as const,
        type: 'architect.flow',
        key,
        changes: [{ path: 'configuration', before: text, after: next }],
      };
    };
    const closedKey = 'INBOUNDCALL/Closed Message';
    const connector = await world.services.environments.connector('uat');
    const before = new Map(
      (await connector.list('architect.flow')).map((flow) => [flow.id, flow as unknown as FlowApi]),
    );
    const plan = await world.engine.plan(
      changesetOf('two-flows', [changed(MENU), changed(closedKey)]),
      'uat',
    );
    const menuStep = stepFor(plan, 'architect.flow', MENU);
    const closedStep = stepFor(plan, 'architect.flow', closedKey);
    assert.equal(menuStep.action, 'update', menuStep.reason);
    assert.equal(closedStep.action, 'update', closedStep.reason);
    const first = menuStep.index < closedStep.index ? menuStep : closedStep;
    const second = first === menuStep ? closedStep : menuStep;
    // One step at a time: when the first flow is published, someone checks the second one out.
    const run = await world.engine.execute(plan, {
      concurrency: 1,
      onProgress: (progress) => {
        if (progress.step === first.index && progress.status === 'done' && second.id !== null) {
          void world.sandbox.lockFlowAsUser('uat', second.id, { id: 'user-ana', name: 'Ana Ortiz' });
        }
      },
    });
    assert.equal(run.status, 'rolled-back', run.message);
    assert.match(JSON.stringify(run), /checked out by Ana Ortiz/);
    const flows = await connector.list('architect.flow');
    const firstNow = flows.find((flow) => flow.id === first.id) as unknown as FlowApi;
    assert.equal(firstNow.publishedVersion?.id, before.get(first.id ?? '')?.publishedVersion?.id);
    assert.doesNotMatch(String(firstNow.configuration), /Now reworded/, 'the version before is live again');
  });

  it('blocks the step of a flow someone has checked out in uat, naming them', async () => {
    const menu = await uatMenu();
    await world.sandbox.lockFlowAsUser('uat', menu.id, { id: 'user-ana', name: 'Ana Ortiz' });
    const plan = await world.engine.plan(
      changesetOf('while-locked', [
        {
          op: 'update',
          type: 'architect.flow',
          key: MENU,
          changes: [
            {
              path: 'description',
              before: object(uat, 'architect.flow', MENU).description ?? null,
              after: 'Answers the main number, reworded',
            },
          ],
        },
      ]),
      'uat',
    );
    const step = stepFor(plan, 'architect.flow', MENU);
    assert.equal(step.action, 'blocked');
    assert.match(step.reason ?? '', /checked out by Ana Ortiz in uat/);
    assert.match(step.reason ?? '', /check it in, or unlock it in Architect, then plan again/);
  });
});
