import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { AUDIO_MAX_BYTES } from '../../../shared/model/prompt-audio';
import { startSandbox, type SandboxHandle } from '../../../electron/sandbox';
import { synthesizePromptWav } from '../../../electron/sandbox/prompt-audio-synth';
import { audioSha256, describeWav } from '../../../electron/services/audio/audio-bytes';
import { connectTo, rejectsWithCode } from '../connectors/connector-test-support';

/**
 * Hostile-teammate attacks on the prompt audio links (issue 17): real Genesys hands out media and
 * upload links on storage hosts (pre-signed S3), so the bearer token must never go there. A
 * gateway in front of the sandbox moves every link onto a "storage" server on another loopback
 * port, which records what it receives and can misbehave on demand.
 */

interface Received {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
}

type StorageMode =
  | { kind: 'forward' }
  | { kind: 'redirect'; to: string }
  | { kind: 'not-wav' }
  | { kind: 'endless' }
  | { kind: 'status'; status: number };

let sandbox: SandboxHandle;
let gateway: Server;
let storage: Server;
let elsewhere: Server;
let gatewayUrl = '';
let storageOrigin = '';
let elsewhereOrigin = '';
const apiSeen: Received[] = [];
const storageSeen: Received[] = [];
const elsewhereSeen: Received[] = [];
let storageMode: StorageMode = { kind: 'forward' };
/** Bytes the endless body managed to write before the client went away. */
let endlessSent = 0;
let endlessStarted = false;
/** Where the endless body gives up: well past the limit, little enough to hold in a test. */
const ENDLESS_LIMIT = 3 * AUDIO_MAX_BYTES;
/** Applied to each prompt resource the gateway passes on, after links were moved to storage. */
let rewriteResource: (resource: Record<string, unknown>) => void = () => undefined;
/** Applied to an upload reply's `PromptAssetUpload`. */
let rewriteUpload: (upload: Record<string, unknown>) => void = () => undefined;

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function listen(server: Server): Promise<string> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
    );
  });
}

function forwardHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (name === 'host' || name === 'connection' || name === 'content-length' || value === undefined)
      continue;
    out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function rewriteJson(value: unknown): void {
  if (Array.isArray(value)) {
    for (const item of value) rewriteJson(item);
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  const record = value as Record<string, unknown>;
  if (typeof record.language === 'string' && 'uploadStatus' in record) rewriteResource(record);
  if (typeof record.url === 'string' && 'headers' in record) rewriteUpload(record);
  for (const item of Object.values(record)) rewriteJson(item);
}

/** A WAV header that promises a big data chunk, for a body that never ends. */
function endlessWavHeader(): Buffer {
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(0xfffffff0, 4);
  header.write('WAVEfmt ', 8, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(8000, 24);
  header.writeUInt32LE(16000, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(0xfffffff0 - 36, 40);
  return header;
}

before(async () => {
  sandbox = await startSandbox({ rateLimitPerMinute: 100_000 });
  const sandboxOrigin = new URL(sandbox.url).origin;

  elsewhere = createServer((request, response) => {
    elsewhereSeen.push({ method: request.method ?? '', path: request.url ?? '', headers: request.headers });
    response.writeHead(200, { 'Content-Type': 'audio/wav' });
    response.end(Buffer.from(synthesizePromptWav('Somewhere else')));
  });
  elsewhereOrigin = await listen(elsewhere);

  storage = createServer((request, response) => {
    storageSeen.push({ method: request.method ?? '', path: request.url ?? '', headers: request.headers });
    const mode = storageMode;
    void (async () => {
      const body = await readBody(request);
      if (mode.kind === 'redirect') {
        response.writeHead(302, { Location: `${mode.to}${request.url ?? '/'}` });
        response.end();
        return;
      }
      if (mode.kind === 'status') {
        response.writeHead(mode.status, { 'Content-Type': 'text/plain' });
        response.end('no');
        return;
      }
      if (mode.kind === 'not-wav') {
        response.writeHead(200, { 'Content-Type': 'audio/wav' });
        response.end('<html>an error page from a proxy, not audio</html>');
        return;
      }
      // One endless body is enough (the others are served as usual), so the test holds little memory.
      if (mode.kind === 'endless' && !endlessStarted) {
        endlessStarted = true;
        // No Content-Length: the client only learns the size by reading.
        response.writeHead(200, { 'Content-Type': 'audio/wav' });
        const chunk = Buffer.alloc(1024 * 1024);
        endlessSent = 0;
        response.write(endlessWavHeader());
        const pump = () => {
          while (endlessSent < ENDLESS_LIMIT) {
            endlessSent += chunk.length;
            if (!response.write(chunk)) return void response.once('drain', pump);
          }
          response.end();
        };
        pump();
        return;
      }
      const reply = await fetch(`${sandboxOrigin}${request.url ?? '/'}`, {
        method: request.method ?? 'GET',
        headers: forwardHeaders(request.headers),
        ...(body.length > 0 ? { body: new Uint8Array(body) } : {}),
      });
      const bytes = Buffer.from(await reply.arrayBuffer());
      response.writeHead(reply.status, {
        'Content-Type': reply.headers.get('content-type') ?? 'application/octet-stream',
        'Content-Length': bytes.length,
      });
      response.end(bytes);
    })().catch(() => response.destroy());
  });
  storageOrigin = await listen(storage);

  gateway = createServer((request, response) => {
    apiSeen.push({ method: request.method ?? '', path: request.url ?? '', headers: request.headers });
    void (async () => {
      const body = await readBody(request);
      const reply = await fetch(`${sandboxOrigin}${request.url ?? '/'}`, {
        method: request.method ?? 'GET',
        headers: forwardHeaders(request.headers),
        ...(body.length > 0 ? { body: new Uint8Array(body) } : {}),
      });
      let text = Buffer.from(await reply.arrayBuffer());
      const type = reply.headers.get('content-type') ?? '';
      if (type.includes('json') && text.length > 0) {
        const json: unknown = JSON.parse(
          text
            .toString('utf8')
            .split(`${sandboxOrigin}/sandbox-media/`)
            .join(`${storageOrigin}/sandbox-media/`),
        );
        rewriteJson(json);
        text = Buffer.from(JSON.stringify(json));
      }
      const headers: Record<string, string | number> = { 'Content-Length': text.length };
      for (const name of ['content-type', 'retry-after', 'inin-correlation-id']) {
        const value = reply.headers.get(name);
        if (value !== null) headers[name] = value;
      }
      response.writeHead(reply.status, headers);
      response.end(text);
    })().catch(() => response.destroy());
  });
  gatewayUrl = await listen(gateway);
});

after(async () => {
  for (const server of [gateway, storage, elsewhere]) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  await sandbox.close();
});

function reset(): void {
  apiSeen.length = 0;
  storageSeen.length = 0;
  elsewhereSeen.length = 0;
  storageMode = { kind: 'forward' };
  rewriteResource = () => undefined;
  rewriteUpload = () => undefined;
}

/** Waits (bounded) until the storage host has had no request for half a second. */
async function quiet(): Promise<void> {
  let seen = -1;
  for (let round = 0; round < 60 && seen !== storageSeen.length; round += 1) {
    seen = storageSeen.length;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

const SENSITIVE = ['authorization', 'cookie', 'proxy-authorization'];

function assertNoSecrets(seen: Received[], where: string): void {
  for (const request of seen) {
    for (const name of SENSITIVE) {
      assert.equal(
        request.headers[name],
        undefined,
        `${where} got ${name} on ${request.method} ${request.path}`,
      );
    }
    assert.doesNotMatch(JSON.stringify(request.headers), /bearer/i, `${where}: ${request.path}`);
  }
}

describe('prompt audio links never get the bearer token (attack)', () => {
  it('downloads media from another host without the Authorization header the API calls carry', async () => {
    reset();
    const { connector } = connectTo(gatewayUrl, sandbox.orgs.dev);
    const prompts = await connector.list('architect.prompt');
    assert.ok(prompts.length > 0);
    // The API calls did carry a token (so there was one to leak)…
    assert.ok(apiSeen.some((call) => /^Bearer /.test(String(call.headers.authorization))));
    // …and the storage host got downloads, none with it.
    const downloads = storageSeen.filter((call) => call.method === 'GET');
    assert.ok(downloads.length > 0, 'media was downloaded from the storage host');
    assertNoSecrets(storageSeen, 'the media host');
  });

  it('PUTs an upload to another host with exactly the headers the API named, and no token', async () => {
    reset();
    // The API names its own headers; one of them is an Authorization the link wants (S3 never
    // does, but the reply is untrusted): it is not the bearer token and is dropped anyway.
    rewriteUpload = (upload) => {
      upload.headers = { ...(upload.headers as Record<string, string>), 'x-amz-acl': 'private' };
    };
    const bytes = synthesizePromptWav('An attacker cannot hear this token');
    const descriptor = describeWav(bytes, 'test');
    const { connector } = connectTo(gatewayUrl, sandbox.orgs.dev, {
      audioSource: async (sha256) => {
        assert.equal(sha256, descriptor.sha256);
        return bytes;
      },
    });
    const prompts = await connector.list('architect.prompt');
    const closed = prompts.find((prompt) => prompt.name === 'ClosedGreeting');
    assert.ok(closed);
    reset();
    rewriteUpload = (upload) => {
      upload.headers = { ...(upload.headers as Record<string, string>), 'x-amz-acl': 'private' };
    };
    const result = (await connector.request(
      'POST',
      `/api/v2/architect/prompts/${String(closed.id)}/resources/en-us/uploads`,
      { language: 'en-us', audio: descriptor },
    )) as { audio: { sha256: string } };
    assert.equal(result.audio.sha256, audioSha256(bytes));
    const puts = storageSeen.filter((call) => call.method === 'PUT');
    assert.equal(puts.length, 1, JSON.stringify(storageSeen.map((call) => call.path)));
    const put = puts[0];
    assert.ok(put);
    assert.equal(put.headers['content-type'], 'audio/wav');
    assert.equal(typeof put.headers['x-sandbox-upload-token'], 'string');
    assert.equal(put.headers['x-amz-acl'], 'private');
    assertNoSecrets(storageSeen, 'the upload host');
    // The verifying download after the transcode went to storage too, without the token.
    assert.ok(storageSeen.some((call) => call.method === 'GET'));
  });

  it('does not follow a media link that redirects to a third host', async () => {
    reset();
    storageMode = { kind: 'redirect', to: elsewhereOrigin };
    const { connector } = connectTo(gatewayUrl, sandbox.orgs.dev);
    await rejectsWithCode(connector.list('architect.prompt'), 'audio.transfer-failed');
    // The other downloads of the listing are still retrying; wait for them, then look.
    await quiet();
    assert.equal(elsewhereSeen.length, 0, 'the third host was never asked');
    assertNoSecrets(storageSeen, 'the media host');
  });

  it('gives up on a redirecting media link at once, instead of retrying it like a lost connection', async () => {
    reset();
    storageMode = { kind: 'redirect', to: elsewhereOrigin };
    const { connector } = connectTo(gatewayUrl, sandbox.orgs.dev);
    const started = Date.now();
    await rejectsWithCode(connector.list('architect.prompt'), 'audio.transfer-failed');
    const elapsed = Date.now() - started;
    await quiet();
    const perPath = new Map<string, number>();
    for (const call of storageSeen) perPath.set(call.path, (perPath.get(call.path) ?? 0) + 1);
    assert.deepEqual([...new Set(perPath.values())], [1], JSON.stringify([...perPath]));
    assert.ok(elapsed < 2000, `${elapsed} ms`);
  });

  for (const [label, link] of [
    ['file:', 'file:///etc/passwd'],
    ['data:', `data:audio/wav;base64,${Buffer.from(synthesizePromptWav('inline')).toString('base64')}`],
    ['credentials in the link', 'http://user:secret@127.0.0.1:9/x.wav'],
    ['a host off this machine', 'http://198.51.100.7/x.wav'],
    ['ftp:', 'ftp://127.0.0.1/x.wav'],
  ] as const) {
    it(`refuses a media link with ${label}, and says so without the link's secrets`, async () => {
      reset();
      rewriteResource = (resource) => {
        if (typeof resource.mediaUri === 'string') resource.mediaUri = link;
      };
      const { connector } = connectTo(gatewayUrl, sandbox.orgs.dev);
      const error = await rejectsWithCode(connector.list('architect.prompt'), 'genesys.destination-refused');
      assert.doesNotMatch(error.message, /secret|passwd|base64/);
    });
  }

  it('refuses an upload URL that is not on an allowed origin, and uploads nothing', async () => {
    reset();
    const bytes = synthesizePromptWav('Never sent');
    const descriptor = describeWav(bytes, 'test');
    const { connector } = connectTo(gatewayUrl, sandbox.orgs.dev, { audioSource: async () => bytes });
    const closed = (await connector.list('architect.prompt')).find(
      (prompt) => prompt.name === 'ClosedGreeting',
    );
    assert.ok(closed);
    reset();
    rewriteUpload = (upload) => {
      upload.url = 'file:///tmp/ferry-upload-target.wav';
    };
    await rejectsWithCode(
      connector.request('POST', `/api/v2/architect/prompts/${String(closed.id)}/resources/en-us/uploads`, {
        language: 'en-us',
        audio: descriptor,
      }),
      'genesys.destination-refused',
    );
    assert.equal(storageSeen.filter((call) => call.method === 'PUT').length, 0);
  });

  it("keeps an upload link's signature out of the error when the PUT is refused", async () => {
    reset();
    const bytes = synthesizePromptWav('Refused upload');
    const descriptor = describeWav(bytes, 'test');
    const { connector } = connectTo(gatewayUrl, sandbox.orgs.dev, { audioSource: async () => bytes });
    const closed = (await connector.list('architect.prompt')).find(
      (prompt) => prompt.name === 'ClosedGreeting',
    );
    assert.ok(closed);
    reset();
    rewriteUpload = (upload) => {
      upload.url = `${String(upload.url)}?X-Amz-Signature=s3cr3tsignature&X-Amz-Credential=AKIAEXAMPLE`;
    };
    storageMode = { kind: 'status', status: 403 };
    const error = await rejectsWithCode(
      connector.request('POST', `/api/v2/architect/prompts/${String(closed.id)}/resources/en-us/uploads`, {
        language: 'en-us',
        audio: descriptor,
      }),
      'audio.transfer-failed',
    );
    assert.doesNotMatch(JSON.stringify({ message: error.message, details: error.details }), /s3cr3t|AKIA/);
  });

  it('refuses a media reply that is not a WAV', async () => {
    reset();
    storageMode = { kind: 'not-wav' };
    const { connector } = connectTo(gatewayUrl, sandbox.orgs.dev);
    const error = await rejectsWithCode(connector.list('architect.prompt'), 'audio.invalid');
    assert.match(error.message, /not a WAV/);
  });

  it('stops reading a media reply without Content-Length once it is larger than a prompt can be', async () => {
    reset();
    storageMode = { kind: 'endless' };
    endlessStarted = false;
    const { connector } = connectTo(gatewayUrl, sandbox.orgs.dev);
    const error = await rejectsWithCode(connector.list('architect.prompt'), 'audio.transfer-failed');
    assert.match(error.message, /larger than/);
    // The client hung up soon after the limit, not after the server ran out of bytes to send.
    assert.ok(
      endlessSent < 2 * AUDIO_MAX_BYTES,
      `the server sent ${endlessSent} bytes before the client stopped`,
    );
  });
});
