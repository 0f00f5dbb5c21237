import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import platformClient from 'purecloud-platform-client-v2';
import { DEMO_CLIENTS, FLOW_DRIFT, startSandbox, type SandboxHandle } from '../../../electron/sandbox';
import { loggedInSdkClient, sdkRejection } from './sdk-test-client';

type ArchitectApi = InstanceType<typeof platformClient.ArchitectApi>;
type RoutingApi = InstanceType<typeof platformClient.RoutingApi>;

async function flowNamed(
  architect: ArchitectApi,
  name: string,
  type: string,
): Promise<platformClient.Models.Flow> {
  const listing: platformClient.Models.FlowEntityListing = await architect.getFlows({ name, type: [type] });
  const flow = listing.entities?.find((candidate) => candidate.name === name && candidate.type === type);
  assert.ok(flow?.id, `${type}/${name} is seeded`);
  return flow;
}

/**
 * Flows through Genesys's own SDK: the list with its versions and lock state, versions and their
 * configurations in Ferry's flow dialect (with this org's ids), delete with its in-use 409, and
 * checkout, check-in, publish, revert and unlock with their 409s.
 */
describe('flows through the official SDK against the sandbox', () => {
  let sandbox: SandboxHandle;
  let dev: ArchitectApi;
  let uat: ArchitectApi;
  let routing: RoutingApi;

  before(async () => {
    sandbox = await startSandbox();
    const devClient = await loggedInSdkClient(sandbox.port, 'dev');
    dev = new platformClient.ArchitectApi(devClient);
    routing = new platformClient.RoutingApi(devClient);
    uat = new platformClient.ArchitectApi(await loggedInSdkClient(sandbox.port, 'uat'));
  });
  after(() => sandbox.close());

  it('lists flows with their published and checked-in versions; dev has a newer Main Menu', async () => {
    const devMenu = await flowNamed(dev, 'Main Menu', 'INBOUNDCALL');
    const uatMenu = await flowNamed(uat, 'Main Menu', 'INBOUNDCALL');
    assert.equal(devMenu.publishedVersion?.id, '2.0');
    assert.equal(devMenu.checkedInVersion?.id, '2.0');
    assert.equal(uatMenu.publishedVersion?.id, '1.0');
    assert.equal(devMenu.lockedUser, undefined);
    assert.equal(devMenu.lockedClient, undefined);
    assert.equal(typeof devMenu.publishedVersion?.dateCreated, 'number');
    for (const [name, type] of [
      ['Identify Caller', 'COMMONMODULE'],
      ['Customer Lookup', 'WORKFLOW'],
      ['Billing', 'INQUEUECALL'],
      ['Billing', 'INBOUNDCALL'],
    ]) {
      await flowNamed(dev, name as string, type as string);
    }
    assert.equal((await sdkRejection(dev.getFlows({ type: ['NOTATYPE'] }))).status, 400);
  });

  it('seeds each org its own flow history: dev’s newer menu, uat’s unpublished work, prod’s hot-fix', async () => {
    const prod = new platformClient.ArchitectApi(await loggedInSdkClient(sandbox.port, 'prod'));
    const prodRouting = new platformClient.RoutingApi(await loggedInSdkClient(sandbox.port, 'prod'));
    const { uatOnly, prodOnly } = FLOW_DRIFT;

    const uatBilling = await flowNamed(uat, uatOnly.flow, uatOnly.type);
    assert.equal(uatBilling.checkedInVersion?.id, uatOnly.checkedIn);
    assert.equal(uatBilling.publishedVersion?.id, uatOnly.published, 'uat’s newest version is not published');
    const wip = await uat.getFlowVersion(uatBilling.id as string, uatOnly.checkedIn, {});
    assert.equal(wip.datePublished, undefined);
    for (const api of [dev, prod]) {
      const billing = await flowNamed(api, uatOnly.flow, uatOnly.type);
      assert.equal(billing.checkedInVersion?.id, '1.0');
    }

    const hotfix = await flowNamed(prod, prodOnly.flow, prodOnly.type);
    assert.equal(hotfix.publishedVersion?.id, prodOnly.version);
    const config = JSON.stringify(
      await prod.getFlowVersionConfiguration(hotfix.id as string, prodOnly.version, {}),
    );
    const fraud = await prodRouting.getRoutingQueues({ name: prodOnly.queue });
    const fraudId = fraud.entities?.find((queue) => queue.name === prodOnly.queue)?.id;
    assert.ok(fraudId && config.includes(fraudId), 'the hot-fix transfers to prod’s own fraud queue, by id');
    for (const api of [dev, uat]) {
      assert.equal((await flowNamed(api, prodOnly.flow, prodOnly.type)).publishedVersion?.id, '1.0');
    }
    // A queue the published hot-fix transfers to cannot go.
    const refused = await sdkRejection(prodRouting.deleteRoutingQueue(fraudId, {}));
    assert.equal(refused.status, 409);
  });

  it('reads versions and configurations, which name this org’s objects by id', async () => {
    const menu = await flowNamed(dev, 'Main Menu', 'INBOUNDCALL');
    const id = menu.id as string;
    const versions: platformClient.Models.FlowVersionEntityListing = await dev.getFlowVersions(id, {});
    assert.deepEqual(
      versions.entities?.map((version) => version.id),
      ['2.0', '1.0'],
    );
    const one: platformClient.Models.FlowVersion = await dev.getFlowVersion(id, '1.0', {});
    assert.equal(one.configurationUri, `/api/v2/flows/${id}/versions/1.0/configuration`);
    const config = (await dev.getFlowVersionConfiguration(id, '2.0', {})) as {
      inboundCall: {
        name: string;
        // A choice names its queue by the dialect's `queue` or, as Archy writes it, `targetQueue`.
        menus: { menu: { choices: Record<string, { queue?: { lit: { id: string; name: string } } }>[] } }[];
      };
    };
    assert.equal(config.inboundCall.name, 'Main Menu');
    const choices = config.inboundCall.menus[0]?.menu.choices ?? [];
    const video = choices
      .map((choice) => choice.menuTransferToAcd?.queue?.lit)
      .find((lit) => lit?.name === 'Video Support - Voice');
    assert.ok(video?.id, 'the dev-only choice names its queue by id');
    const queue = await routing.getRoutingQueue(video.id, {});
    assert.equal(queue.name, 'Video Support - Voice');
    const latest = (await dev.getFlowLatestconfiguration(id, {})) as { inboundCall: { name: string } };
    assert.equal(latest.inboundCall.name, 'Main Menu');

    assert.equal((await sdkRejection(dev.getFlowVersion(id, '9.0', {}))).status, 404);
    assert.equal((await sdkRejection(dev.getFlow('no-such-flow', {}))).status, 404);
    assert.equal((await sdkRejection(dev.getFlowLatestconfiguration('no-such-flow', {}))).status, 404);
  });

  it('refuses to delete a flow a queue, an IVR or another flow uses, and deletes an unused one', async () => {
    const inQueue = await flowNamed(dev, 'Billing', 'INQUEUECALL');
    const used = await sdkRejection(dev.deleteFlow(inQueue.id as string));
    assert.equal(used.status, 409);
    assert.match(used.message, /queue "Billing - Voice"/);
    const module = await flowNamed(dev, 'Identify Caller', 'COMMONMODULE');
    const called = await sdkRejection(dev.deleteFlow(module.id as string));
    assert.equal(called.status, 409);
    assert.match(called.message, /flow "Main Menu" \(INBOUNDCALL\)/);
    const mainIvr = await flowNamed(dev, 'Main IVR', 'INBOUNDCALL');
    assert.match((await sdkRejection(dev.deleteFlow(mainIvr.id as string))).message, /IVR "Main Line"/);

    const workflow = await flowNamed(dev, 'Customer Lookup', 'WORKFLOW');
    await dev.deleteFlow(workflow.id as string);
    assert.equal((await sdkRejection(dev.getFlow(workflow.id as string, {}))).status, 404);
    assert.equal((await sdkRejection(dev.deleteFlow(workflow.id as string))).status, 404);
  });

  it('checks out, checks in and unlocks, with 409s for a flow someone else holds', async () => {
    const flow = await flowNamed(uat, 'Sales IVR', 'INBOUNDCALL');
    const id = flow.id as string;
    const checkedOut: platformClient.Models.Flow = await uat.postFlowsActionsCheckout(id);
    assert.equal(checkedOut.lockedClient?.id, DEMO_CLIENTS.uat.clientId);
    // Checking out again is harmless for the holder.
    await uat.postFlowsActionsCheckout(id);
    const checkin: platformClient.Models.Operation = await uat.postFlowsActionsCheckin(id);
    assert.equal(checkin.complete, true);
    assert.equal((await uat.getFlow(id, {})).lockedClient, undefined);
    assert.equal((await sdkRejection(uat.postFlowsActionsCheckin(id))).status, 409, 'not checked out');
    assert.equal((await sdkRejection(uat.postFlowsActionsRevert(id))).status, 409, 'not checked out');

    await sandbox.lockFlowAsUser('uat', id, { id: 'user-jo', name: 'Jo Architect' });
    const locked = await uat.getFlow(id, {});
    assert.equal(locked.lockedUser?.name, 'Jo Architect');
    const listed = await uat.getFlows({ lockedBy: 'user-jo' });
    assert.deepEqual(
      listed.entities?.map((candidate) => candidate.id),
      [id],
    );
    for (const attempt of [
      uat.postFlowsActionsCheckout(id),
      uat.postFlowsActionsCheckin(id),
      uat.postFlowsActionsPublish(id, { version: '1.0' }),
      uat.deleteFlow(id),
    ]) {
      const refused = await sdkRejection(attempt);
      assert.equal(refused.status, 409);
      assert.match(refused.message, /checked out by user Jo Architect/);
    }
    const unlocked: platformClient.Models.Flow = await uat.postFlowsActionsUnlock(id);
    assert.equal(unlocked.lockedUser, undefined);

    // Someone saved changes without checking them in: the saved version and latest configuration show them.
    await sandbox.lockFlowAsUser(
      'uat',
      id,
      { id: 'user-jo', name: 'Jo Architect' },
      'inboundCall:\n  name: Sales IVR\n  description: work in progress\n',
    );
    const saving = await uat.getFlow(id, {});
    assert.equal(saving.savedVersion?.id, '2.0');
    assert.equal(saving.checkedInVersion?.id, '1.0');
    const latest = (await uat.getFlowLatestconfiguration(id, {})) as {
      inboundCall: { description?: string };
    };
    assert.equal(latest.inboundCall.description, 'work in progress');
    await uat.postFlowsActionsUnlock(id);
    assert.equal((await uat.getFlow(id, {})).savedVersion?.id, '1.0', 'unlocking drops the unsaved work');
    await uat.postFlowsActionsCheckout(id);
    const reverted: platformClient.Models.Flow = await uat.postFlowsActionsRevert(id);
    assert.equal(reverted.lockedClient, undefined);
    assert.equal((await sdkRejection(uat.postFlowsActionsCheckout('no-such-flow'))).status, 404);
  });

  it('publishes: nothing to publish is a 409, an older version can be republished', async () => {
    const menu = await flowNamed(dev, 'Main Menu', 'INBOUNDCALL');
    const id = menu.id as string;
    const nothing = await sdkRejection(dev.postFlowsActionsPublish(id, {}));
    assert.equal(nothing.status, 409);
    assert.match(nothing.message, /nothing to publish/);
    const operation: platformClient.Models.Operation = await dev.postFlowsActionsPublish(id, {
      version: '1.0',
    });
    assert.equal(operation.actionName, 'PUBLISH');
    assert.equal((await dev.getFlow(id, {})).publishedVersion?.id, '1.0');
    assert.equal((await sdkRejection(dev.postFlowsActionsPublish(id, { version: '7.0' }))).status, 404);
    // 1.0 no longer transfers to the dev-only queue, so the queue can go now.
    const queues = await routing.getRoutingQueues({ name: 'Video Support - Voice' });
    await routing.deleteRoutingQueue(queues.entities?.[0]?.id as string, {});
    await dev.postFlowsActionsPublish(id, { version: '2.0' });
  });
});
