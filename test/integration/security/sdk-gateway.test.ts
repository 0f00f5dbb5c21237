import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { tempDir } from '../../support/temp-dir';

/**
 * Issue 11 point 7c: the Genesys SDK reads `~/.genesyscloudjavascript/config` in its constructor,
 * and a `[gateway]` section there sends the login — client secret included — to another host.
 * Here that host is a loopback listener; `ferry env test prod` (a real CLI process whose HOME
 * holds the file) must never connect to it, and must ask only the region's login host.
 */
const BIN = fileURLToPath(new URL('../../../bin/ferry.mjs', import.meta.url));
const OFFLINE = pathToFileURL(fileURLToPath(new URL('./loopback-only-fetch.mjs', import.meta.url))).href;
const SECRET = 'pipeline-prod-secret-9f3';

let gateway: Server;
let port = 0;
let connections = 0;
let root: string;
let home: string;
let workspace: string;

function ferry(args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      ['--import', OFFLINE, BIN, ...args],
      {
        cwd: root,
        env: { ...process.env, HOME: home, USERPROFILE: home, FERRY_DATA_DIR: join(root, 'data'), ...env },
        timeout: 120_000,
      },
      (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

before(async () => {
  gateway = createServer((socket) => {
    connections += 1;
    socket.destroy();
  });
  await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
  port = (gateway.address() as AddressInfo).port;
  root = await tempDir('ferry-sdk-gateway-');
  home = join(root, 'home');
  await mkdir(join(home, '.genesyscloudjavascript'), { recursive: true });
  await writeFile(
    join(home, '.genesyscloudjavascript', 'config'),
    [
      '[gateway]',
      'host = 127.0.0.1',
      'protocol = http',
      `port = ${port}`,
      '',
      '[general]',
      'live_reload_config = true',
      '',
    ].join('\n'),
  );
  workspace = join(root, 'ws');
  assert.equal((await ferry(['init', workspace])).code, 0);
  const added = await ferry([
    '-w',
    workspace,
    'env',
    'add',
    'prod',
    '--kind',
    'genesys-cloud',
    '--region',
    'eu-west-1',
    '--client-id',
    'prod-client-id',
    '--tier',
    'prod',
  ]);
  assert.equal(added.code, 0, added.stderr);
});
after(() => new Promise<void>((resolve) => gateway.close(() => resolve())));

describe('the SDK config file in HOME is ignored', () => {
  it('`ferry env test prod` never contacts the [gateway] host and asks only login.<region>', async () => {
    const tested = await ferry(['-w', workspace, 'env', 'test', 'prod'], {
      FERRY_CLIENT_SECRET_PROD: SECRET,
    });
    assert.equal(connections, 0, 'the gateway from ~/.genesyscloudjavascript/config was contacted');
    assert.match(tested.stdout, /prod: FAILED/);
    const attempts = tested.stderr
      .split('\n')
      .filter((line) => line.startsWith('offline-fetch: '))
      .map((line) => line.slice('offline-fetch: '.length));
    assert.ok(attempts.length > 0, tested.stderr);
    assert.deepEqual([...new Set(attempts)], ['https://login.mypurecloud.ie/oauth/token']);
    assert.ok(!`${tested.stdout}${tested.stderr}`.includes(SECRET));
  });
});
