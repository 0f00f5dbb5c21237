import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEMO_CLIENTS, startSandbox, type SandboxHandle } from '../../../electron/sandbox';
import { GenesysConnector } from '../../../electron/services/connectors/genesys/genesys-connector';
import { UNNAMED_HOLDER } from '../../../shared/model/canonical/status-fields';
import { FLOW_IMPORT_PATH } from '../../../shared/promotion/engine/flow-calls';
import { FAST_RETRY, rejectsWithCode } from './connector-test-support';

/*
 * Issue 18: a flow checked out in the target after the plan fails its import, and the step says
 * who holds it by name, as a person knows them: never the user's id (an org's id means nothing to
 * whoever reads the run). A holder the org did not name is said to be one, as the plan says it.
 */

describe('an import of a flow checked out by someone the org does not name (issue 18)', () => {
  let sandbox: SandboxHandle;
  before(async () => {
    sandbox = await startSandbox({ rateLimitPerMinute: 100_000, flowJobDurationMs: 10 });
  });
  after(() => sandbox.close());

  it('fails naming an unnamed holder, not their id', async () => {
    const client = DEMO_CLIENTS.uat;
    const connector = new GenesysConnector({
      target: { kind: 'gateway', url: sandbox.url },
      clientId: client.clientId,
      clientSecret: async () => client.clientSecret,
      transport: { retry: FAST_RETRY },
    });
    const flows = await connector.list('architect.flow', { configuration: false });
    const menu = flows.find((flow) => flow.name === 'Main Menu' && flow.type === 'INBOUNDCALL');
    assert.ok(menu);
    const userId = 'c0ffee00-1234-4abc-9def-000000000042';
    await sandbox.lockFlowAsUser('uat', String(menu.id), { id: userId, name: '' });
    const error = await rejectsWithCode(
      connector.request('POST', FLOW_IMPORT_PATH, {
        flow: { name: 'Main Menu', type: 'INBOUNDCALL', id: String(menu.id) },
        configuration: 'inboundCall:\n  name: Main Menu\n',
      }),
      'flow.checked-out',
    );
    assert.ok(error.message.includes(`checked out by ${UNNAMED_HOLDER}`), error.message);
    assert.ok(!JSON.stringify({ message: error.message, details: error.details }).includes(userId));
  });
});
