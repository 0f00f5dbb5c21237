import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import platformClient from 'purecloud-platform-client-v2';
import { startSandbox, type SandboxHandle } from '../../../electron/sandbox';
import { loggedInSdkClient, sdkRejection, type DemoOrg } from './sdk-test-client';

type IntegrationsApi = InstanceType<typeof platformClient.IntegrationsApi>;

async function integrationsApiFor(sandbox: SandboxHandle, org: DemoOrg): Promise<IntegrationsApi> {
  return new platformClient.IntegrationsApi(await loggedInSdkClient(sandbox.port, org));
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

  it('creates credentials whose values never come back, and configures an integration at its version', async () => {
    const created: platformClient.Models.CredentialInfo = await uat.postIntegrationsCredentials({
      body: {
        name: 'Payments Credentials',
        type: { name: 'basicAuth' },
        credentialFields: { userName: 'pay', password: 's3cret-uat' },
      },
    });
    assert.ok(created.id);
    const read: platformClient.Models.Credential = await uat.getIntegrationsCredential(created.id);
    assert.equal(read.type?.name, 'basicAuth');
    assert.equal(read.credentialFields, undefined);
    assert.equal(JSON.stringify(await uat.getIntegrationsCredentials({})).includes('s3cret'), false);
    const duplicate = await sdkRejection(
      uat.postIntegrationsCredentials({
        body: {
          name: 'payments credentials',
          type: { name: 'basicAuth' },
          credentialFields: { userName: 'a', password: 'b' },
        },
      }),
    );
    assert.equal(duplicate.status, 400);
    const missing = await sdkRejection(
      uat.postIntegrationsCredentials({
        body: { name: 'Half', type: { name: 'basicAuth' }, credentialFields: { userName: 'a' } },
      }),
    );
    assert.equal(missing.status, 400);
    assert.match(missing.message, /credentialFields.password/);
    assert.doesNotMatch(missing.message, /"a"/);

    const integration: platformClient.Models.Integration = await uat.postIntegrations({
      body: { name: 'Payments', integrationType: { id: 'custom-rest-actions' } },
    });
    assert.equal(integration.intendedState, 'DISABLED');
    const config = await uat.getIntegrationConfigCurrent(integration.id as string);
    const written: platformClient.Models.IntegrationConfiguration = await uat.putIntegrationConfigCurrent(
      integration.id as string,
      {
        body: { ...config, credentials: { basicAuth: { id: created.id } } },
      },
    );
    assert.equal(written.version, 2);
    assert.equal(written.credentials.basicAuth?.name, 'Payments Credentials');
    const stale = await sdkRejection(
      uat.putIntegrationConfigCurrent(integration.id as string, { body: { ...config } }),
    );
    assert.equal(stale.status, 409);
    const unknown = await sdkRejection(
      uat.putIntegrationConfigCurrent(integration.id as string, {
        body: { ...written, credentials: { basicAuth: { id: 'nope' } } },
      }),
    );
    assert.equal(unknown.status, 400);
    const enabled = await uat.patchIntegration(integration.id as string, {
      body: { intendedState: 'ENABLED' },
    });
    assert.equal(enabled.intendedState, 'ENABLED');

    await uat.putIntegrationsCredential(created.id, {
      body: {
        name: 'Payments Credentials',
        type: { name: 'basicAuth' },
        credentialFields: { userName: 'pay', password: 'rotated' },
      },
    });
    assert.equal((await sdkRejection(uat.deleteIntegrationsCredential(created.id))).status, 409, 'in use');
    await uat.deleteIntegration(integration.id as string);
    await uat.deleteIntegrationsCredential(created.id);
    assert.equal((await sdkRejection(uat.getIntegrationsCredential(created.id))).status, 404);
    assert.equal(
      (await sdkRejection(uat.postIntegrations({ body: { name: 'X', integrationType: { id: 'nope' } } })))
        .status,
      400,
    );
  });

  it('loses the reply of a credential write after applying it when a test asks', async () => {
    sandbox.faults.loseReplyOf('credentialWrite');
    await sdkRejection(
      dev.postIntegrationsCredentials({
        body: { name: 'Lost Reply', type: { name: 'userDefined' }, credentialFields: {} },
      }),
    );
    const listed = await dev.getIntegrationsCredentials({});
    assert.ok(listed.entities?.some((credential) => credential.name === 'Lost Reply'));
  });
});
