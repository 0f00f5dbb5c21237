import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import platformClient from 'purecloud-platform-client-v2';
import { DEMO_CLIENTS, startSandbox, type SandboxHandle } from '../../../electron/sandbox';
import { newSdkClient, sdkRejection } from './sdk-test-client';

type IntegrationsApi = InstanceType<typeof platformClient.IntegrationsApi>;

async function integrationsApiFor(
  sandbox: SandboxHandle,
  org: keyof typeof DEMO_CLIENTS,
): Promise<IntegrationsApi> {
  const client = newSdkClient(sandbox.port);
  await client.loginClientCredentialsGrant(DEMO_CLIENTS[org].clientId, DEMO_CLIENTS[org].clientSecret);
  return new platformClient.IntegrationsApi(client);
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
});
