import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { FerryError } from '../../../shared/api/api-error';
import type { ConnectionReport } from '../../../shared/model/environment';
import { createFerryServices, type FerryServices } from '../../../electron/host/core/ferry-services';
import { GenesysTransport } from '../../../electron/services/connectors/genesys/genesys-transport';
import { requestDestinations } from '../../../electron/services/connectors/genesys/request-destinations';
import { createSdkHttpAdapter } from '../../../electron/services/connectors/genesys/sdk-http-adapter';
import { commitAsTeammate } from '../../support/teammate';
import { tempDir } from '../../support/temp-dir';

/**
 * Issue 11 point 7: prod's client secret is stored for Genesys Cloud eu-west-1. A teammate then
 * edits ferry.json (kind, url, region, client id) and pushes. Ferry must not send the secret to
 * the new place: the connection test fails with `vault.secret-destination-changed` naming the
 * field, a loopback listener standing in for the attacker's port gets no connection, and no
 * request leaves at all.
 */
const SECRET = 'real-prod-secret-Zq8x!7';
const PROD = {
  name: 'prod',
  kind: 'genesys-cloud',
  region: 'eu-west-1',
  clientId: 'prod-client-id',
  tier: 'prod',
} as const;

let services: FerryServices;
let dir: string;
let listener: Server;
let port = 0;
let connections = 0;
/** Every URL the connectors tried to fetch; only loopback ones are really fetched. */
const fetched: string[] = [];

const loopbackOnlyFetch: typeof fetch = (input, init) => {
  const url = new URL(input instanceof Request ? input.url : String(input));
  fetched.push(`${url.origin}${url.pathname}`);
  if (url.hostname === '127.0.0.1') return fetch(input, init);
  return Promise.reject(new TypeError('fetch failed (this test never goes to the internet)'));
};

/** A teammate's hand edit of prod in ferry.json, committed with plain git. */
async function editProd(change: (prod: Record<string, unknown>) => Record<string, unknown>): Promise<void> {
  const file = join(dir, 'ferry.json');
  const config = JSON.parse(await readFile(file, 'utf8')) as { environments: Record<string, unknown>[] };
  config.environments = config.environments.map((environment) =>
    environment.name === 'prod' ? change({ ...PROD }) : environment,
  );
  await writeFile(file, `${JSON.stringify(config, null, 2)}\n`);
  commitAsTeammate(dir, 'docs: typo');
}

function refused(report: ConnectionReport, code: string): string {
  assert.equal(report.ok, false);
  assert.ok(report.error);
  assert.equal(report.error.code, code, report.error.message);
  assert.ok(!report.error.message.includes(SECRET));
  return report.error.message;
}

before(async () => {
  listener = createServer((socket) => {
    connections += 1;
    socket.destroy();
  });
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  port = (listener.address() as AddressInfo).port;

  const root = await tempDir('ferry-secret-destination-');
  services = createFerryServices({
    dataDir: join(root, 'data'),
    version: 'test',
    env: { FERRY_VAULT_PASSPHRASE: 'correct horse battery staple' },
    author: { name: 'Ada Author', email: 'ada@example.test' },
    transport: { fetch: loopbackOnlyFetch, retry: { maxRetries: 0 } },
  });
  dir = join(root, 'ws');
  await services.workspace.create(dir, 'Secret destinations');
  await services.environments.save(PROD, SECRET);
});
after(() => new Promise<void>((resolve) => listener.close(() => resolve())));
beforeEach(() => {
  fetched.length = 0;
});

describe('a stored secret is bound to its destination', () => {
  it('is not sent to a sandbox url that replaced genesys-cloud in ferry.json', async () => {
    await editProd(() => ({
      name: 'prod',
      kind: 'sandbox',
      url: `http://127.0.0.1:${port}`,
      org: 'prod',
      clientId: PROD.clientId,
      tier: 'prod',
    }));
    const message = refused(await services.environments.test('prod'), 'vault.secret-destination-changed');
    assert.match(message, /kind was genesys-cloud, now sandbox/);
    assert.match(message, /--client-secret-stdin/);
    assert.match(message, /git log -p ferry\.json/);
    assert.equal(connections, 0);
    assert.deepEqual(fetched, []);
    assert.equal((await services.environments.list())[0]?.hasCredentials, false);
  });

  it('is not sent to the sandbox even with the demo client in place of the real one', async () => {
    await editProd(() => ({
      name: 'prod',
      kind: 'sandbox',
      url: `http://127.0.0.1:${port}`,
      org: 'prod',
      tier: 'prod',
    }));
    refused(await services.environments.test('prod'), 'vault.secret-destination-changed');
    assert.equal(connections, 0);
  });

  it('is not sent to another region', async () => {
    await editProd((prod) => ({ ...prod, region: 'us-east-1' }));
    const message = refused(await services.environments.test('prod'), 'vault.secret-destination-changed');
    assert.match(message, /region was eu-west-1, now us-east-1/);
    assert.deepEqual(fetched, []);
  });

  it('is not sent for another client id', async () => {
    await editProd((prod) => ({ ...prod, clientId: 'attacker-client' }));
    const message = refused(await services.environments.test('prod'), 'vault.secret-destination-changed');
    assert.match(message, /client id was prod-client-id, now attacker-client/);
    assert.deepEqual(fetched, []);

    // Restored, the secret is used again, and only ever for the region login host over HTTPS.
    await editProd((prod) => prod);
    fetched.length = 0;
    const report = await services.environments.test('prod');
    // The test never reaches the internet; what matters is where it tried to go.
    assert.equal(report.ok, false);
    assert.deepEqual(fetched, ['https://login.mypurecloud.ie/oauth/token']);
  });

  it('refuses a pipeline secret for an environment that ferry.json now calls a sandbox', async () => {
    await editProd(() => ({
      name: 'prod',
      kind: 'sandbox',
      url: `http://127.0.0.1:${port}`,
      org: 'prod',
      tier: 'prod',
    }));
    const root = await tempDir('ferry-secret-pipeline-');
    const pipeline = createFerryServices({
      dataDir: join(root, 'data'),
      version: 'test',
      env: { FERRY_CLIENT_SECRET_PROD: SECRET },
      transport: { fetch: loopbackOnlyFetch, retry: { maxRetries: 0 } },
    });
    await pipeline.workspace.open(dir);
    const message = refused(await pipeline.environments.test('prod'), 'environment.secret-not-for-sandbox');
    assert.match(message, /FERRY_CLIENT_SECRET_PROD/);
    assert.equal(connections, 0);
  });
});

describe('a secret stored by an older Ferry, without a destination', () => {
  it('is not used, with a message that says to enter it again', async () => {
    await services.environments.save({ ...PROD, name: 'legacy' }, undefined);
    const key = await services.workspace.workspaceKey();
    // What Ferry stored before issue 11: the sealed secret and nothing about where it may go.
    await services.vault.store(`${key}/legacy`, SECRET);
    const message = refused(await services.environments.test('legacy'), 'vault.secret-unbound');
    assert.match(message, /ferry env add legacy .*--client-secret-stdin/);
    assert.deepEqual(fetched, []);
  });
});

describe('the secret goes only over HTTPS to the region login host, checked where it is sent', () => {
  const destinations = requestDestinations({ kind: 'region', region: 'eu-west-1' });
  const basic = `Basic ${Buffer.from(`${PROD.clientId}:${SECRET}`).toString('base64')}`;

  async function send(url: string): Promise<unknown> {
    const adapter = createSdkHttpAdapter(
      new GenesysTransport({ fetch: loopbackOnlyFetch, retry: { maxRetries: 0 } }),
      () => undefined,
      destinations,
    ) as { request(options: object): Promise<unknown> };
    return adapter.request({
      url,
      method: 'POST',
      headers: { Authorization: basic },
      data: 'grant_type=client_credentials',
    });
  }

  for (const url of [
    'http://127.0.0.1:PORT/oauth/token',
    'http://login.mypurecloud.ie/oauth/token',
    'https://login.mypurecloud.ie.attacker.example/oauth/token',
    'https://api.mypurecloud.ie/oauth/token',
    'https://login.mypurecloud.ie/anything-else',
    'https://login.mypurecloud.com/oauth/token',
  ]) {
    it(`refuses ${url} before sending`, async () => {
      const target = url.replace('PORT', String(port));
      await assert.rejects(send(target), (error: unknown) => {
        assert.ok(error instanceof FerryError);
        assert.equal(error.code, 'genesys.destination-refused');
        assert.match(error.message, /https:\/\/login\.mypurecloud\.ie\/oauth\/token/);
        assert.ok(!error.message.includes(SECRET) && !error.message.includes(basic));
        return true;
      });
      assert.deepEqual(fetched, []);
      assert.equal(connections, 0);
    });
  }
});
