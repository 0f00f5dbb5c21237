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
  let polls = 0;
  const pollQueries = new Set<string>();
  const registrations: unknown[] = [];
  const counting: typeof fetch = (input, init) => {
    const target = new URL(input instanceof Request ? input.url : String(input));
    const method = init?.method ?? 'GET';
    if (method === 'GET' && target.pathname.startsWith('/api/v2/flows/export/jobs/')) {
      polls += 1;
      pollQueries.add(target.search);
    }
    if (method === 'POST' && target.pathname === '/api/v2/flows/export/jobs') {
      registrations.push(JSON.parse(String(init?.body)));
    }
    return fetch(input, init);
  };

  before(async () => {
    sandbox = await startSandbox({ flowJobDurationMs: 120 });
  });
  after(() => sandbox.close());

  it('a second read of the flows polls each export job once', async () => {
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

  it('asks for a YAML file, one flow a job, and for the job’s messages when it polls (the SDK’s models)', () => {
    // `ExportDetails.exportType`: "Yaml" (the other, "Architect", is not text); a job of several
    // flows downloads as a zip. `getFlowsExportJob` gives `messages` only with `expand=messages`.
    assert.ok(registrations.length > 0);
    for (const body of registrations) {
      const { flows } = body as { flows: { exportType?: string }[] };
      assert.equal(flows.length, 1);
      assert.equal(flows[0]?.exportType, 'Yaml');
    }
    assert.deepEqual([...pollQueries], ['?expand=messages']);
  });
});
