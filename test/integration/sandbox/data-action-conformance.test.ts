import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import platformClient from 'purecloud-platform-client-v2';
import { startSandbox, type SandboxHandle } from '../../../electron/sandbox';
import { loggedInSdkClient, sdkRejection, type DemoOrg } from './sdk-test-client';

type IntegrationsApi = InstanceType<typeof platformClient.IntegrationsApi>;

async function integrationsApiFor(sandbox: SandboxHandle, org: DemoOrg): Promise<IntegrationsApi> {
  return new platformClient.IntegrationsApi(await loggedInSdkClient(sandbox.port, org));
}

/** Data actions through Genesys's own SDK: the seeded actions of each org, read and filtered. */
describe('data actions through the official SDK against the sandbox', () => {
  let sandbox: SandboxHandle;
  let dev: IntegrationsApi;
  let prod: IntegrationsApi;

  before(async () => {
    sandbox = await startSandbox();
    dev = await integrationsApiFor(sandbox, 'dev');
    prod = await integrationsApiFor(sandbox, 'prod');
  });
  after(() => sandbox.close());

  it('lists the seeded actions with their integration, differing per org', async () => {
    const devActions: platformClient.Models.ActionEntityListing = await dev.getIntegrationsActions({
      pageSize: 100,
    });
    const prodActions = await prod.getIntegrationsActions({ pageSize: 100 });
    const devNames = devActions.entities?.map((action) => action.name);
    assert.deepEqual(devNames, ['Create Support Ticket', 'Get Account Balance', 'Lookup Customer By Phone']);
    assert.deepEqual(
      prodActions.entities?.map((action) => action.name),
      ['Get Account Balance', 'Lookup Customer By Phone'],
    );
    const integrations = await dev.getIntegrations({});
    const crmId = integrations.entities?.find((integration) => integration.name === 'CRM Web Services')?.id;
    for (const action of devActions.entities ?? []) {
      assert.equal(action.integrationId, crmId);
      assert.equal(action.category, 'CRM Web Services');
      assert.equal(action.version, 1);
      assert.equal(action.config, undefined, 'config only with includeConfig');
    }
  });

  it('reads one action with its contract and config, and filters by name', async () => {
    const found = await dev.getIntegrationsActions({ name: 'Lookup' });
    const lookup = found.entities?.[0];
    assert.equal(found.entities?.length, 1);
    assert.ok(lookup?.id);
    const full: platformClient.Models.Action = await dev.getIntegrationsAction(lookup.id, {
      expand: 'contract',
      includeConfig: true,
    });
    assert.match(
      full.config?.request?.requestUrlTemplate ?? '',
      /^https:\/\/crm-dev\.acme-telecom\.example\//,
    );
    assert.ok(full.contract?.input);
    assert.equal((await sdkRejection(dev.getIntegrationsAction('no-such-action', {}))).status, 404);
  });

  it('creates a published action and a draft-only one; names are unique; unknown integration is a 400', async () => {
    const integrations = await dev.getIntegrations({});
    const crmId = integrations.entities?.find((integration) => integration.name === 'CRM Web Services')
      ?.id as string;
    const body: platformClient.Models.PostActionInput = {
      category: 'CRM Web Services',
      name: 'Close Ticket',
      integrationId: crmId,
      config: { request: { requestUrlTemplate: 'https://crm.example/t/${input.id}', requestType: 'POST' } },
      contract: {
        input: { inputSchema: { type: 'object', properties: {} } },
        output: { successSchema: { type: 'object', properties: {} } },
      },
    };
    const created: platformClient.Models.Action = await dev.postIntegrationsActions(body);
    assert.equal(created.version, 1);
    assert.match(created.id ?? '', /^custom_-_/);
    assert.equal(
      (await sdkRejection(dev.postIntegrationsActions({ ...body, name: 'close ticket' }))).status,
      400,
    );
    assert.equal(
      (await sdkRejection(dev.postIntegrationsActions({ ...body, name: 'Other', integrationId: 'nope' })))
        .status,
      400,
    );

    const draftOnly: platformClient.Models.Action = await dev.postIntegrationsActionsDrafts({
      ...body,
      name: 'Reopen Ticket',
    });
    assert.equal(
      (await sdkRejection(dev.getIntegrationsAction(draftOnly.id as string, {}))).status,
      404,
      'not published yet',
    );
    const drafts = await dev.getIntegrationsActionsDrafts({});
    assert.ok(drafts.entities?.some((draft) => draft.id === draftOnly.id));
    const published = await dev.postIntegrationsActionDraftPublish(draftOnly.id as string, { version: 1 });
    assert.equal(published.version, 1);
    assert.equal((await dev.getIntegrationsAction(draftOnly.id as string, {})).name, 'Reopen Ticket');

    await dev.deleteIntegrationsAction(created.id as string);
    assert.equal((await sdkRejection(dev.getIntegrationsAction(created.id as string, {}))).status, 404);
  });

  it('changes a published action through its draft, with a 409 for a stale version', async () => {
    const found = await dev.getIntegrationsActions({ name: 'Get Account Balance' });
    const id = found.entities?.[0]?.id as string;
    const draft: platformClient.Models.Action = await dev.postIntegrationsActionDraft(id);
    assert.equal(draft.version, 1);
    assert.equal(
      (await sdkRejection(dev.postIntegrationsActionDraft(id))).status,
      409,
      'one draft at a time',
    );
    const patched: platformClient.Models.Action = await dev.patchIntegrationsActionDraft(id, {
      version: 1,
      config: {
        timeoutSeconds: 20,
        request: {
          requestUrlTemplate: 'https://crm-dev.acme-telecom.example/v3/balance',
          requestType: 'GET',
        },
      },
    });
    assert.equal(patched.version, 2);
    assert.equal(
      (await sdkRejection(dev.patchIntegrationsActionDraft(id, { version: 1, name: 'x' }))).status,
      409,
    );
    const read = await dev.getIntegrationsActionDraft(id, { includeConfig: true });
    assert.equal(read.config?.timeoutSeconds, 20);
    const validation: platformClient.Models.DraftValidationResult =
      await dev.getIntegrationsActionDraftValidation(id);
    assert.equal(validation.valid, true);
    assert.equal(
      (await sdkRejection(dev.postIntegrationsActionDraftPublish(id, { version: 1 }))).status,
      409,
      'stale',
    );
    const published = await dev.postIntegrationsActionDraftPublish(id, { version: 2 });
    assert.equal(published.version, 2);
    assert.equal(
      (await sdkRejection(dev.getIntegrationsActionDraft(id, {}))).status,
      404,
      'the draft is used up',
    );
    const action = await dev.getIntegrationsAction(id, { includeConfig: true });
    assert.match(action.config?.request?.requestUrlTemplate ?? '', /\/v3\/balance$/);

    const updated = await dev.patchIntegrationsAction(id, { version: 2, category: 'CRM Web Services' });
    assert.equal(updated.version, 3);
    assert.equal((await sdkRejection(dev.patchIntegrationsAction(id, { version: 2 }))).status, 409);
    await dev.postIntegrationsActionDraft(id);
    await dev.deleteIntegrationsActionDraft(id);
    assert.equal((await sdkRejection(dev.deleteIntegrationsActionDraft(id))).status, 404);
  });

  it('loses the reply of a draft publish after applying it when a test asks', async () => {
    const found = await prod.getIntegrationsActions({ name: 'Lookup Customer By Phone' });
    const id = found.entities?.[0]?.id as string;
    await prod.postIntegrationsActionDraft(id);
    sandbox.faults.loseReplyOf('actionDraftPublish');
    await sdkRejection(prod.postIntegrationsActionDraftPublish(id, { version: 1 }));
    assert.equal((await prod.getIntegrationsAction(id, {})).version, 2, 'published despite the lost reply');
  });
});
