import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startSandbox, type SandboxHandle } from '../../../electron/sandbox';
import { connectTo } from './connector-test-support';

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
});
