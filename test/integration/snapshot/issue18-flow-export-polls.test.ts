import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEMO_CLIENTS, startSandbox, type SandboxHandle } from '../../../electron/sandbox';
import { GenesysConnector } from '../../../electron/services/connectors/genesys/genesys-connector';
import { FAST_RETRY } from '../connectors/connector-test-support';

/*
 * Issue 18, "exports run as jobs, in parallel within the rate limit": under an org's rate limit
 * every poll of an export job is a request the limit counts, so a snapshot of many flows is only
 * as fast as the requests it spends. The least an export can spend is one registration and one
 * poll that finds the job done. Once a pull has seen how long this org's jobs take, each later
 * job is polled first when it is likely done, not on a fixed early cadence that asks again.
 */
describe('flow export jobs spend one poll each once their duration is known (issue 18)', () => {
  let sandbox: SandboxHandle;

  before(async () => {
    sandbox = await startSandbox({ flowJobDurationMs: 120 });
  });
  after(() => sandbox.close());

  it('a second read of the flows polls each export job once', async () => {
    let polls = 0;
    const counting: typeof fetch = (input, init) => {
      const target = new URL(input instanceof Request ? input.url : String(input));
      if ((init?.method ?? 'GET') === 'GET' && target.pathname.startsWith('/api/v2/flows/export/jobs/')) {
        polls += 1;
      }
      return fetch(input, init);
    };
    const client = DEMO_CLIENTS.uat;
    const connector = new GenesysConnector({
      target: { kind: 'gateway', url: sandbox.url },
      clientId: client.clientId,
      clientSecret: async () => client.clientSecret,
      concurrency: 4,
      transport: { retry: FAST_RETRY, fetch: counting },
    });

    const first = await connector.list('architect.flow');
    assert.ok(first.length >= 3, `${first.length} flows`);
    assert.ok(polls >= first.length, 'each job polled at least once');

    polls = 0;
    const second = await connector.list('architect.flow');
    assert.equal(second.length, first.length);
    assert.ok(
      second.every((flow, index) => flow.configuration === first[index]?.configuration),
      'the same configurations',
    );
    assert.equal(polls, second.length, `${polls} polls for ${second.length} export jobs`);
  });
});
