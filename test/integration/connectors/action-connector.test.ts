import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startSandbox, type SandboxHandle } from '../../../electron/sandbox';
import { withoutDerivedContract } from '../../../electron/services/connectors/genesys/action-read';
import { connectTo } from './connector-test-support';

describe('data actions through the Genesys connector (issue 18)', () => {
  let sandbox: SandboxHandle;

  before(async () => {
    sandbox = await startSandbox({ port: 0 });
  });
  after(() => sandbox.close());

  it('reads each action with its contract and configuration, which a list leaves out', async () => {
    const { connector, calls } = connectTo(sandbox.url, sandbox.orgs.dev);
    const actions = await connector.list('integrations.action');
    const lookup = actions.find((action) => action.name === 'Lookup Customer By Phone');
    assert.ok(lookup);
    const contract = lookup.contract as { input?: { inputSchema?: { properties?: unknown } } };
    assert.deepEqual(contract.input?.inputSchema?.properties, { phoneNumber: { type: 'string' } });
    const config = lookup.config as { request?: { requestUrlTemplate?: string } };
    assert.match(config.request?.requestUrlTemplate ?? '', /crm-dev\.acme-telecom\.example/);
    assert.equal(typeof lookup.integrationId, 'string');
    const own = calls.filter((call) => /^\/api\/v2\/integrations\/actions\/[^/]+$/.test(call.path));
    assert.equal(own.length, actions.length, 'one read per action');
    assert.ok(own.every((call) => call.target.includes('expand=contract')));
  });

  it('leaves out the parts of a contract the server derives', () => {
    const action = withoutDerivedContract({
      name: 'Lookup',
      contract: {
        input: { inputSchema: { type: 'object' }, inputSchemaFlattened: { a: 1 }, inputSchemaUri: 'x' },
        output: {
          successSchema: { type: 'object' },
          successSchemaUri: 'y',
          successSchemaFlattened: {},
          errorSchemaUri: 'z',
        },
      },
    });
    assert.deepEqual(action.contract, {
      input: { inputSchema: { type: 'object' } },
      output: { successSchema: { type: 'object' } },
    });
  });
});
