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

/**
 * Integrations and their credentials through Genesys's own SDK: the seeded "CRM Web Services"
 * integration, its current configuration naming its credential by id and name, and the
 * credential list, which never carries a credential's values.
 */
describe('integrations through the official SDK against the sandbox', () => {
  let sandbox: SandboxHandle;
  let dev: IntegrationsApi;
  let uat: IntegrationsApi;

  before(async () => {
    sandbox = await startSandbox();
    dev = await integrationsApiFor(sandbox, 'dev');
    uat = await integrationsApiFor(sandbox, 'uat');
  });
  after(() => sandbox.close());

  it('lists the seeded integration with its type, and its current configuration with the credential', async () => {
    const listing: platformClient.Models.IntegrationEntityListing = await dev.getIntegrations({
      pageSize: 100,
    });
    const crm = listing.entities?.find((integration) => integration.name === 'CRM Web Services');
    assert.ok(crm?.id, 'CRM Web Services is seeded');
    assert.equal(crm.integrationType?.id, 'custom-rest-actions');
    assert.equal(crm.intendedState, 'ENABLED');
    assert.equal(crm.config, undefined, 'the configuration comes only with expand');
    assert.equal(listing.pageNumber, 1);

    const expanded = await dev.getIntegrations({ expand: ['config.current'] });
    const inlined = expanded.entities?.find((integration) => integration.id === crm.id);
    assert.equal(inlined?.config?.current?.name, 'CRM Web Services');

    const config: platformClient.Models.IntegrationConfiguration = await dev.getIntegrationConfigCurrent(
      crm.id,
    );
    assert.equal(config.version, 1);
    const basicAuth = config.credentials.basicAuth;
    assert.equal(basicAuth?.name, 'CRM Web Services Credentials');
    assert.ok(basicAuth?.id);

    const credentials: platformClient.Models.CredentialInfoListing = await dev.getIntegrationsCredentials({});
    const listed = credentials.entities?.find((credential) => credential.id === basicAuth.id);
    assert.equal(listed?.type?.name, 'basicAuth');
    assert.equal(JSON.stringify(credentials).includes('password'), false, 'no credential values');

    const byCredential = await dev.getIntegrations({ credentialId: basicAuth.id });
    assert.deepEqual(
      byCredential.entities?.map((integration) => integration.id),
      [crm.id],
    );
  });

  it('gives each org its own ids for the same integration', async () => {
    const [devList, uatList] = await Promise.all([dev.getIntegrations({}), uat.getIntegrations({})]);
    const devCrm = devList.entities?.find((integration) => integration.name === 'CRM Web Services');
    const uatCrm = uatList.entities?.find((integration) => integration.name === 'CRM Web Services');
    assert.ok(devCrm?.id && uatCrm?.id);
    assert.notEqual(devCrm.id, uatCrm.id);
  });

  it('answers 404 for an unknown integration and its configuration', async () => {
    assert.equal((await sdkRejection(dev.getIntegration('no-such-integration', {}))).status, 404);
    assert.equal((await sdkRejection(dev.getIntegrationConfigCurrent('no-such-integration'))).status, 404);
  });
});
