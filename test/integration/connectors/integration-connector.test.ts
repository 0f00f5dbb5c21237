import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startSandbox, type SandboxHandle } from '../../../electron/sandbox';
import { GenesysConnector } from '../../../electron/services/connectors/genesys/genesys-connector';
import { connectTo, FAST_RETRY } from './connector-test-support';

/** The sandbox's seeded basicAuth password of each org (electron/sandbox/seed-integrations.ts). */
const SEEDED_PASSWORDS = ['sandbox-dev-crm-password', 'sandbox-uat-crm-password'];

describe('integrations through the Genesys connector (issue 18)', () => {
  let sandbox: SandboxHandle;

  before(async () => {
    sandbox = await startSandbox({ port: 0 });
  });
  after(() => sandbox.close());

  it('reads each integration with its current configuration and its credentials by kind only', async () => {
    const { connector, calls } = connectTo(sandbox.url, sandbox.orgs.uat);
    const integrations = await connector.list('integrations.integration');
    const crm = integrations.find((integration) => integration.name === 'CRM Web Services');
    assert.ok(crm, 'the seeded integration is listed');
    assert.deepEqual(crm.credentials, { basicAuth: { type: 'basicAuth' } });
    assert.deepEqual(crm.properties, {});
    assert.deepEqual(crm.advanced, {});
    assert.equal(crm.config, undefined, 'the inlined configuration, with credential ids, is not kept');
    // The credential's own id and name belong to this org: neither is in what was read.
    const text = JSON.stringify(integrations);
    assert.ok(!text.includes('CRM Web Services Credentials'));
    for (const password of SEEDED_PASSWORDS) assert.ok(!text.includes(password));
    // One credential list read, never a credential's own record when the list has it.
    assert.ok(calls.some((call) => call.path === '/api/v2/integrations/credentials'));
    assert.ok(!calls.some((call) => call.path.startsWith('/api/v2/integrations/credentials/')));

    const one = await connector.get('integrations.integration', String(crm.id));
    assert.deepEqual(one.credentials, crm.credentials);
  });

  it('writes a credential, then the configuration on its new version after someone saved it (409)', async () => {
    const configPath = (id: string) => `/api/v2/integrations/${id}/config/current`;
    const other = connectTo(sandbox.url, sandbox.orgs.prod).connector;
    const crm = (await other.list('integrations.integration')).find(
      (item) => item.name === 'CRM Web Services',
    );
    assert.ok(crm);
    const id = String(crm.id);
    let raced = false;
    const sent: { method: string; path: string; status: number; body: string | null }[] = [];
    const connector = new GenesysConnector({
      target: { kind: 'gateway', url: sandbox.url },
      clientId: sandbox.orgs.prod.clientId,
      clientSecret: async () => sandbox.orgs.prod.clientSecret,
      transport: {
        retry: FAST_RETRY,
        fetch: async (input, init) => {
          const url = new URL(input instanceof Request ? input.url : String(input));
          const method = (init?.method ?? 'GET').toUpperCase();
          if (!raced && method === 'PUT' && url.pathname === configPath(id)) {
            raced = true;
            // Someone saves the configuration (new properties) just before Ferry's PUT lands.
            await other.request('PUT', configPath(id), {
              name: 'CRM Web Services',
              properties: { saved: 'elsewhere' },
              credentials: { basicAuth: { type: 'basicAuth' } },
            });
          }
          const response = await fetch(input, init);
          sent.push({
            method,
            path: url.pathname,
            status: response.status,
            body: typeof init?.body === 'string' ? init.body : null,
          });
          return response;
        },
      },
    });
    const reply = await connector.request('PUT', configPath(id), {
      name: 'CRM Web Services',
      properties: { region: 'eu' },
      advanced: {},
      credentials: {
        basicAuth: { type: 'basicAuth', fields: { userName: 'svc-prod', password: 'prod-pw-71' } },
      },
    });
    assert.equal(sent.filter((request) => request.status === 409).length, 1, 'the stale PUT met a 409');
    assert.ok(
      !JSON.stringify(reply).includes('prod-pw-71'),
      'the reply names the credential, not its values',
    );
    // The password went in the credential's own request only.
    const carrying = sent.filter((request) => request.body?.includes('prod-pw-71') === true);
    assert.deepEqual(
      carrying.map((request) => `${request.method} ${request.path}`),
      ['POST /api/v2/integrations/credentials'],
    );
    const after = await connector.get('integrations.integration', id);
    assert.deepEqual(after.properties, { region: 'eu' });
    assert.deepEqual(after.credentials, { basicAuth: { type: 'basicAuth' } });
  });
});
