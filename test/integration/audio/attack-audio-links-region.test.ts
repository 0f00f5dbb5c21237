import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { FerryError } from '../../../shared/api/api-error';
import { synthesizePromptWav } from '../../../electron/sandbox/prompt-audio-synth';
import { audioSha256 } from '../../../electron/services/audio/audio-bytes';
import { PromptAudioTransfer } from '../../../electron/services/connectors/genesys/prompt-audio-transfer';
import { requestDestinations } from '../../../electron/services/connectors/genesys/request-destinations';

/**
 * Media links of a real region (not a sandbox), issue 17: Genesys hands out pre-signed https links
 * on storage hosts. Those must be fetched over https only, with no token and no redirects. A
 * storage server on loopback stands in for the storage host: the fetch the transfer is given
 * records each request and routes `https://storage.example.test` to it.
 */

const WAV = synthesizePromptWav('Stored in a bucket');
let server: Server;
let origin = '';
const seen: { path: string; headers: IncomingHttpHeaders }[] = [];
const asked: { url: string; init: RequestInit | undefined }[] = [];

before(async () => {
  server = createServer((request, response) => {
    seen.push({ path: request.url ?? '', headers: request.headers });
    response.writeHead(200, { 'Content-Type': 'audio/wav', 'Content-Length': WAV.length });
    response.end(Buffer.from(WAV));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => new Promise<void>((resolve) => server.close(() => resolve())));

function transfer(): PromptAudioTransfer {
  const routed: typeof fetch = (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    asked.push({ url: url.href, init });
    assert.equal(url.origin, 'https://storage.example.test', 'only the storage host is routed');
    return fetch(`${origin}${url.pathname}${url.search}`, init);
  };
  return new PromptAudioTransfer({
    call: () => Promise.reject(new Error('no API call is expected here')),
    fetch: routed,
    stats: { requests: 0, retries: 0, rateLimitWaits: 0, rateLimitWaitMs: 0 },
    destinations: requestDestinations({ kind: 'region', region: 'eu-west-1' }),
    loopbackOnly: false,
    concurrency: 2,
  });
}

describe('media links of a real region (attack)', () => {
  it('fetches an https link on a storage host with no Authorization, no cookies and no redirects', async () => {
    seen.length = 0;
    asked.length = 0;
    const got = await transfer().download(
      'https://storage.example.test/prompts/abc.wav?X-Amz-Signature=sig',
      undefined,
    );
    assert.equal(got.descriptor.sha256, audioSha256(WAV));
    assert.equal(asked.length, 1);
    const init = asked[0]?.init;
    // Seen, never followed: 'manual' (refused by status) or 'error'.
    assert.ok(init?.redirect === 'manual' || init?.redirect === 'error', String(init?.redirect));
    const headers = new Headers(init?.headers);
    assert.equal(headers.get('authorization'), null);
    assert.equal(headers.get('cookie'), null);
    assert.equal(seen[0]?.headers.authorization, undefined);
  });

  for (const link of [
    'http://storage.example.test/prompts/abc.wav',
    'file:///etc/passwd',
    'https://user:pass@storage.example.test/abc.wav',
    'javascript:alert(1)',
    'not a url',
  ]) {
    it(`refuses ${link.slice(0, 30)} before any request`, async () => {
      asked.length = 0;
      await assert.rejects(transfer().download(link, undefined), (error: unknown) => {
        assert.ok(error instanceof FerryError, String(error));
        assert.ok(['genesys.destination-refused', 'audio.transfer-failed'].includes(error.code), error.code);
        assert.doesNotMatch(error.message, /pass|passwd/);
        return true;
      });
      assert.equal(asked.length, 0);
    });
  }
});
