import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { isFerryError } from '../../../shared/api/api-error';
import { downloadFlowFile } from '../../../electron/services/connectors/genesys/flow-file-link';

/*
 * Attack (issue 18): an export's download link that answers its headers, sends a little, then
 * stalls (until the user cancels) or drops the connection half way. Reading the body failed with
 * the fetch's own DOMException or TypeError ("terminated"), not an error of Ferry's: a cancel was
 * not reported as a cancel, and a dropped download said nothing a person can act on.
 */

let server: Server;
let base = '';

before(async () => {
  server = createServer((request, response) => {
    response.writeHead(200, { 'content-type': 'text/yaml' });
    response.write('inboundCall:\n  name: Main Menu\n');
    // `/stall` never finishes; `/drop` hangs up half way through the file.
    if (request.url === '/drop') setImmediate(() => response.socket?.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const deps = () => ({ fetch, stats: { requests: 0, retries: 0 } as never, loopbackOnly: true });

describe('attack: a flow download that stalls or drops mid-body', () => {
  it('a cancel while the body trickles in is reported as cancelled', async () => {
    const controller = new AbortController();
    const download = downloadFlowFile(deps(), `${base}/stall`, 'Main Menu', controller.signal);
    setTimeout(() => controller.abort(), 100);
    await assert.rejects(download, (error: unknown) => isFerryError(error) && error.code === 'cancelled');
  });

  it('a connection dropped half way is an error of Ferry’s, naming the flow', async () => {
    await assert.rejects(
      downloadFlowFile(deps(), `${base}/drop`, 'Main Menu', undefined),
      (error: unknown) => isFerryError(error) && /Main Menu|download/i.test(error.message),
    );
  });
});
