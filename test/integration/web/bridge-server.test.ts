import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startWebHost, type WebHost } from '../../../electron/host/web/web-host';
import { tempDir } from '../../support/temp-dir';

let host: WebHost;
let root: string;

before(async () => {
  root = await tempDir();
  const rendererDir = join(root, 'renderer');
  await mkdir(rendererDir);
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Ferry</title>');
  await writeFile(join(root, 'secret.txt'), 'outside the renderer');
  host = await startWebHost({ dataDir: join(root, 'data'), rendererDir });
});
after(() => host.close());

function invoke(body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${host.bridge.origin}/api/invoke`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}
const auth = () => ({ Authorization: `Bearer ${host.bridge.token}` });

/** Raw request so the test controls the Host header, which fetch does not allow. */
function rawGet(path: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: host.bridge.port, path, headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('browser bridge', () => {
  it('listens on loopback only and puts the token in the URL fragment', () => {
    assert.match(host.bridge.origin, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(host.bridge.url, `${host.bridge.origin}/#token=${host.bridge.token}`);
    assert.ok(host.bridge.token.length >= 40);
  });

  it('refuses a call without the token', async () => {
    const response = await invoke({ channel: 'app.info', request: {} });
    assert.equal(response.status, 401);
    assert.deepEqual(((await response.json()) as { error: { code: string } }).error.code, 'unauthorized');
  });

  it('refuses a call with a wrong token', async () => {
    const response = await invoke(
      { channel: 'app.info', request: {} },
      { Authorization: 'Bearer not-the-token' },
    );
    assert.equal(response.status, 401);
  });

  it('refuses an unknown channel even with the token', async () => {
    const response = await invoke({ channel: 'shell.exec', request: { cmd: 'rm -rf /' } }, auth());
    assert.equal(response.status, 404);
    const body = (await response.json()) as { ok: boolean; error: { code: string; message: string } };
    assert.equal(body.ok, false);
    assert.equal(body.error.code, 'channel.unknown');
    assert.match(body.error.message, /shell\.exec/);
  });

  it('validates requests against the contract', async () => {
    const response = await invoke({ channel: 'workspace.open', request: { path: 42 } }, auth());
    assert.equal(response.status, 400);
    const body = (await response.json()) as { error: { code: string; details: { channel: string } } };
    assert.equal(body.error.code, 'request.invalid');
    assert.equal(body.error.details.channel, 'workspace.open');
  });

  it('answers a valid call', async () => {
    const response = await invoke({ channel: 'app.info', request: {} }, auth());
    assert.equal(response.status, 200);
    const body = (await response.json()) as { ok: true; value: { name: string; capabilities: unknown } };
    assert.equal(body.value.name, 'Ferry');
    assert.deepEqual(body.value.capabilities, { pickFolder: false, openExternal: false, savePdf: false });
  });

  it('refuses calls from another origin and requests for another host name', async () => {
    const crossSite = await invoke(
      { channel: 'app.info', request: {} },
      { ...auth(), Origin: 'https://evil.example' },
    );
    assert.equal(crossSite.status, 403);
    assert.equal(await rawGet('/', { Host: `evil.example:${host.bridge.port}` }), 421);
  });

  it('refuses the event stream without the token and delivers events with it', async () => {
    const refused = await fetch(`${host.bridge.origin}/api/events`);
    assert.equal(refused.status, 401);
    const wrong = await fetch(`${host.bridge.origin}/api/events`, {
      headers: { Authorization: 'Bearer nope' },
    });
    assert.equal(wrong.status, 401);

    const controller = new AbortController();
    const stream = await fetch(`${host.bridge.origin}/api/events`, {
      headers: auth(),
      signal: controller.signal,
    });
    assert.equal(stream.status, 200);
    assert.ok(stream.body);
    const reader = stream.body.getReader();
    const decoder = new TextDecoder();
    const created = await invoke(
      { channel: 'workspace.create', request: { path: join(root, 'ws') } },
      auth(),
    );
    assert.equal(created.status, 200);
    let text = '';
    const deadline = Date.now() + 5000;
    while (!text.includes('event: workspace.changed') && Date.now() < deadline) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
    controller.abort();
    assert.match(text, /event: workspace\.changed\ndata: \{.*"name":"ws"/);
  });

  it('serves the renderer with a strict CSP and nothing outside its folder', async () => {
    const page = await fetch(`${host.bridge.origin}/`);
    assert.equal(page.status, 200);
    const csp = page.headers.get('content-security-policy') ?? '';
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'self'(;|$)/);
    assert.match(csp, /frame-ancestors 'none'/);
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt']) {
      assert.equal(await rawGet(path, { Host: `127.0.0.1:${host.bridge.port}` }), 404, path);
    }
  });
});
