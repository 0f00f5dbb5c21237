import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startSandbox, type SandboxHandle } from '../../../electron/sandbox';
import {
  withoutDerivedContract,
  withReadableTemplates,
} from '../../../electron/services/connectors/genesys/action-read';
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

  it('lays a JSON template out one field per line, and leaves other templates as they are', () => {
    const templates = (requestTemplate: string) =>
      withReadableTemplates({
        config: { request: { requestTemplate }, response: { successTemplate: '${rawResult}' } },
      }).config as { request: { requestTemplate: string }; response: { successTemplate: string } };
    const json = templates('{"phone": "${input.phoneNumber}","tags":["a b",1]}');
    assert.equal(
      json.request.requestTemplate,
      '{\n  "phone": "${input.phoneNumber}",\n  "tags": [\n    "a b",\n    1\n  ]\n}',
    );
    assert.equal(json.response.successTemplate, '${rawResult}', 'Velocity that is not JSON');
    // Laid out once, it stays so: a read of what was written compares equal.
    assert.equal(
      templates(json.request.requestTemplate).request.requestTemplate,
      json.request.requestTemplate,
    );
    // Parsing would change these (precision, key order): kept byte for byte.
    for (const kept of ['{"amount": 12345678901234567890}', '{"b": 1, "2": 2}', '$input.rawRequest']) {
      assert.equal(templates(kept).request.requestTemplate, kept);
    }
  });
});
