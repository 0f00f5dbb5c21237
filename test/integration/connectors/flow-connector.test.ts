import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { DEMO_CLIENTS, startSandbox, type SandboxHandle } from '../../../electron/sandbox';
import { GenesysConnector } from '../../../electron/services/connectors/genesys/genesys-connector';
import { FlowExport } from '../../../electron/services/connectors/genesys/flow-export';
import {
  downloadFlowFile,
  FLOW_FILE_MAX_BYTES,
} from '../../../electron/services/connectors/genesys/flow-file-link';
import type { ListProgress } from '../../../electron/services/connectors/connector';
import { FLOW_IMPORT_PATH, publishPath } from '../../../shared/promotion/engine/flow-calls';
import { FAST_RETRY, rejectsWithCode } from './connector-test-support';

interface SeenRequest {
  method: string;
  path: string;
  authorization: string | null;
  at: number;
}

/** A connector to the sandbox whose fetch notes each attempt with the Authorization it carried. */
function flowConnector(url: string, org: keyof typeof DEMO_CLIENTS = 'dev') {
  const seen: SeenRequest[] = [];
  const noting: typeof fetch = (input, init) => {
    const target = new URL(input instanceof Request ? input.url : String(input));
    const headers = new Headers(init?.headers);
    seen.push({
      method: init?.method ?? 'GET',
      path: target.pathname,
      authorization: headers.get('authorization'),
      at: seen.length,
    });
    return fetch(input, init);
  };
  const client = DEMO_CLIENTS[org];
  const connector = new GenesysConnector({
    target: { kind: 'gateway', url },
    clientId: client.clientId,
    clientSecret: async () => client.clientSecret,
    transport: { retry: FAST_RETRY, fetch: noting },
  });
  return { connector, seen };
}

const isApi = (request: SeenRequest) =>
  request.path.startsWith('/api/v2/') || request.path === '/oauth/token';

describe('flows through the Genesys connector (export and import jobs) against the sandbox', () => {
  let sandbox: SandboxHandle;

  before(async () => {
    sandbox = await startSandbox({ flowJobDurationMs: 20 });
  });
  after(() => sandbox.close());

  it('lists flows with their published configuration, exported in parallel, progress per flow, no token to the download link', async () => {
    const { connector, seen } = flowConnector(sandbox.url);
    const progress: ListProgress[] = [];
    const flows = await connector.list('architect.flow', { onProgress: (step) => progress.push(step) });
    assert.ok(flows.length >= 3, `${flows.length} flows`);
    for (const flow of flows) {
      assert.equal(typeof flow.configuration, 'string', String(flow.name));
      assert.match(String(flow.configuration), new RegExp(`name: ${String(flow.name)}`));
    }
    const menu = flows.find((flow) => flow.name === 'Main Menu' && flow.type === 'INBOUNDCALL');
    assert.ok(menu);
    // dev publishes Main Menu 2.0, which transfers to a queue 1.0 did not know.
    assert.match(String(menu.configuration), /Video Support - Voice/);
    const last = progress.at(-1);
    assert.deepEqual(last, {
      type: 'architect.flow',
      objects: flows.length,
      total: flows.length,
      exported: flows.length,
    });
    // Listed, then one report per exported flow: none, one, …, all.
    assert.deepEqual(
      progress.filter((step) => step.exported !== undefined).map((step) => step.exported),
      Array.from({ length: flows.length + 1 }, (_, index) => index),
    );

    const exports = seen.filter(
      (request) => request.method === 'POST' && request.path === '/api/v2/flows/export/jobs',
    );
    assert.equal(exports.length, flows.length, 'one export job per flow');
    const downloads = seen.filter((request) => !isApi(request));
    assert.equal(downloads.length, flows.length);
    assert.ok(
      downloads.every((request) => request.authorization === null),
      'the download link never gets the bearer token',
    );
    // In parallel: the second job is registered before the first file is downloaded.
    assert.ok((exports[1]?.at ?? Infinity) < (downloads[0]?.at ?? -1), 'exports overlap');

    const one = await connector.get('architect.flow', String(menu.id));
    assert.equal(one.configuration, menu.configuration);
  });

  it('stops promptly on cancel and returns nothing half read', async () => {
    const { connector, seen } = flowConnector(sandbox.url);
    const controller = new AbortController();
    const started = Date.now();
    const listed = connector.list('architect.flow', {
      signal: controller.signal,
      onProgress: (step) => {
        if (step.objects >= 1 && seen.some((request) => request.path === '/api/v2/flows/export/jobs')) {
          controller.abort();
        }
      },
    });
    await assert.rejects(listed, (error: unknown) => (error as { code?: string }).code === 'cancelled');
    assert.ok(Date.now() - started < 5000, 'cancel is prompt');
    const count = seen.length;
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(seen.length, count, 'nothing more is sent after the cancel settled');
  });

  it('waits out 429s and re-registers an export whose reply was lost', async () => {
    sandbox.faults.throttle('flowExportJobCreate', 2);
    sandbox.faults.loseReplyOf('flowExportJobCreate', 1);
    const { connector } = flowConnector(sandbox.url);
    const flows = await connector.list('architect.flow');
    assert.ok(flows.every((flow) => typeof flow.configuration === 'string'));
  });

  it('imports and publishes exactly once although replies get lost, then reads the new version back', async () => {
    const { connector, seen } = flowConnector(sandbox.url, 'uat');
    const text = 'workflow:\n  name: Connector Lost Replies\n  division: Home\n  description: written once\n';
    sandbox.faults.loseReplyOf('flowImportJobCreate', 1);
    sandbox.faults.loseReplyOf('flowUpload', 1);
    const imported = (await connector.request('POST', FLOW_IMPORT_PATH, {
      flow: { name: 'Connector Lost Replies', type: 'WORKFLOW' },
      configuration: text,
    })) as { id: string };
    assert.ok(imported.id);
    sandbox.faults.loseReplyOf('flowPublish', 1);
    await connector.request('POST', publishPath(imported.id, null));
    const flow = await connector.get('architect.flow', imported.id);
    assert.equal((flow.publishedVersion as { id: string }).id, '1.0', 'published once: one version');
    assert.match(String(flow.configuration), /description: written once/);
    const all = await connector.list('architect.flow');
    assert.equal(
      all.filter((entry) => entry.name === 'Connector Lost Replies').length,
      1,
      'no duplicate flow',
    );
    assert.ok(
      seen.filter((request) => !isApi(request)).every((request) => request.authorization === null),
      'no token to the upload or download link',
    );
  });

  it('reports a flow whose export fails by its name, never as an empty configuration', async () => {
    const { connector } = flowConnector(sandbox.url);
    const exporter = new FlowExport({
      call: (method, path, _query, body, signal) => connector.request(method, path, body, signal),
      link: { fetch, stats: connector.stats, loopbackOnly: true },
      concurrency: 2,
    });
    const error = await rejectsWithCode(
      exporter.exportOne(
        { id: 'no-such-flow', name: 'Gone Flow', type: 'INBOUNDCALL', publishedVersion: null },
        undefined,
      ),
      'flow.export-failed',
    );
    assert.match(error.message, /"Gone Flow"/);
    assert.match(error.message, /no-such-flow/, "Genesys's own message is passed on");
  });

  it('does not import a file again that the newest unpublished version already holds (a resumed step)', async () => {
    const { connector, seen } = flowConnector(sandbox.url, 'uat');
    const text =
      'workflow:\n  name: Connector Resumed\n  division: Home\n  description: imported before a crash\n';
    const body = { flow: { name: 'Connector Resumed', type: 'WORKFLOW' }, configuration: text };
    const first = (await connector.request('POST', FLOW_IMPORT_PATH, body)) as { id: string };
    await connector.request('POST', publishPath(first.id, null));
    const changed = `${text}  # reworded\n`.replace('imported before a crash', 'imported again');
    // The crash: the import of the change landed, its publish never ran.
    await connector.request('POST', FLOW_IMPORT_PATH, {
      ...body,
      flow: { ...body.flow, id: first.id },
      configuration: changed,
    });
    const jobs = () =>
      seen.filter((request) => request.method === 'POST' && request.path === FLOW_IMPORT_PATH).length;
    const before = jobs();
    // The resumed step sends the same import, then the publish.
    await connector.request('POST', FLOW_IMPORT_PATH, {
      ...body,
      flow: { ...body.flow, id: first.id },
      configuration: changed,
    });
    assert.equal(jobs(), before, 'no second import job');
    await connector.request('POST', publishPath(first.id, null));
    const flow = await connector.get('architect.flow', first.id);
    assert.equal((flow.publishedVersion as { id: string }).id, '2.0', 'one new version, published');
    assert.match(String(flow.configuration), /imported again/);
  });

  it('fails an import of a flow someone checked out, naming who holds it', async () => {
    const { connector } = flowConnector(sandbox.url, 'uat');
    const flows = await connector.list('architect.flow');
    const menu = flows.find((flow) => flow.name === 'Main Menu' && flow.type === 'INBOUNDCALL');
    assert.ok(menu);
    await sandbox.lockFlowAsUser('uat', String(menu.id), { id: 'user-ana', name: 'Ana Ortiz' });
    const error = await rejectsWithCode(
      connector.request('POST', FLOW_IMPORT_PATH, {
        flow: { name: 'Main Menu', type: 'INBOUNDCALL', id: String(menu.id) },
        configuration: 'inboundCall:\n  name: Main Menu\n',
      }),
      'flow.checked-out',
    );
    assert.match(error.message, /checked out by Ana Ortiz/);
  });
});

describe('flow file links', () => {
  let server: Server;
  let base: string;

  before(async () => {
    server = createServer((request, response) => {
      if (request.url === '/huge') {
        // No Content-Length: the bound must hold while reading.
        const chunk = Buffer.alloc(1024 * 1024, 'a');
        let sent = 0;
        const pump = () => {
          while (sent <= FLOW_FILE_MAX_BYTES) {
            sent += chunk.length;
            if (!response.write(chunk)) return void response.once('drain', pump);
          }
          response.end();
        };
        pump();
        return;
      }
      if (request.url === '/redirect') {
        response.writeHead(302, { location: 'https://elsewhere.example/file' }).end();
        return;
      }
      if (request.url === '/binary') {
        response.end(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]));
        return;
      }
      response.end('inboundCall:\n  name: Fine\n');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const deps = () => ({
    fetch,
    stats: { requests: 0, retries: 0, rateLimitWaits: 0, rateLimitWaitMs: 0 },
    loopbackOnly: true,
  });

  it('reads a flow file, and refuses one too large, a redirect, bytes that are not text, a foreign host', async () => {
    assert.equal(
      await downloadFlowFile(deps(), `${base}/ok`, 'Fine', undefined),
      'inboundCall:\n  name: Fine\n',
    );
    await rejectsWithCode(downloadFlowFile(deps(), `${base}/huge`, 'Huge', undefined), 'flow.export-failed');
    await rejectsWithCode(
      downloadFlowFile(deps(), `${base}/redirect`, 'Moved', undefined),
      'flow.export-failed',
    );
    await rejectsWithCode(downloadFlowFile(deps(), `${base}/binary`, 'Zip', undefined), 'flow.export-failed');
    await rejectsWithCode(
      downloadFlowFile(deps(), 'https://storage.example/file', 'Away', undefined),
      'genesys.destination-refused',
    );
    await rejectsWithCode(
      downloadFlowFile({ ...deps(), loopbackOnly: false }, `${base}/ok`, 'Plain http', undefined),
      'genesys.destination-refused',
    );
  });
});
