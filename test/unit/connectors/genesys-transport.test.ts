import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FerryError } from '../../../shared/api/api-error';
import { GenesysApiError } from '../../../electron/services/connectors/genesys/genesys-error';
import { GenesysTransport } from '../../../electron/services/connectors/genesys/genesys-transport';
import type { RetryPolicy } from '../../../electron/services/connectors/genesys/retry-policy';

type Reply = Response | Error;

const FAST: Partial<RetryPolicy> = {
  maxRetries: 3,
  maxRateLimitRetries: 3,
  baseDelayMs: 1,
  maxDelayMs: 4,
  timeoutMs: 2000,
};
const URL_WITH_QUERY = 'https://api.example.test/api/v2/routing/queues?name=Secret%20Project&pageSize=5';

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

/** A connection-level failure the way undici reports it: `TypeError: fetch failed` with a coded cause. */
function networkError(code: string): Error {
  return new TypeError('fetch failed', { cause: Object.assign(new Error(code), { code }) });
}

/** A fetch that answers from a script, one reply per call, and records what it was asked. */
function scriptedFetch(replies: Reply[]) {
  const calls: { method: string; url: string; headers: Headers }[] = [];
  const fetchImpl: typeof fetch = async (input, init) => {
    calls.push({
      method: init?.method ?? 'GET',
      url: String(input),
      headers: new Headers(init?.headers),
    });
    const reply = replies.shift();
    if (reply === undefined) throw new Error('the script ran out of replies');
    if (reply instanceof Error) throw reply;
    return reply;
  };
  return { fetchImpl, calls };
}

async function rejectsWithCode(promise: Promise<unknown>, code: string): Promise<FerryError> {
  let caught: unknown;
  await assert.rejects(promise, (error: unknown) => {
    caught = error;
    return true;
  });
  assert.ok(caught instanceof FerryError, `expected a FerryError, got ${String(caught)}`);
  assert.equal(caught.code, code, caught.message);
  return caught;
}

describe('GenesysTransport', () => {
  it('parses JSON replies and passes text through', async () => {
    const { fetchImpl } = scriptedFetch([
      json(200, { id: 'q1' }),
      new Response('plain', { status: 200, headers: { 'content-type': 'text/plain' } }),
      new Response(null, { status: 204 }),
    ]);
    const transport = new GenesysTransport({ fetch: fetchImpl, retry: FAST });
    assert.deepEqual((await transport.send({ method: 'GET', url: URL_WITH_QUERY })).body, { id: 'q1' });
    assert.equal((await transport.send({ method: 'GET', url: URL_WITH_QUERY })).body, 'plain');
    assert.equal((await transport.send({ method: 'DELETE', url: URL_WITH_QUERY })).body, null);
    assert.deepEqual(transport.stats, { requests: 3, retries: 0, rateLimitWaits: 0, rateLimitWaitMs: 0 });
  });

  it('retries a 5xx of a read with backoff and counts every attempt', async () => {
    const { fetchImpl, calls } = scriptedFetch([
      json(503, { message: 'Service Unavailable', code: 'service.unavailable' }),
      json(500, { message: 'boom', code: 'internal.server.error' }),
      json(504, { message: 'Gateway Timeout' }),
      json(200, { id: 'q1' }),
    ]);
    const transport = new GenesysTransport({ fetch: fetchImpl, retry: FAST });
    const reply = await transport.send({ method: 'GET', url: URL_WITH_QUERY });
    assert.deepEqual(reply.body, { id: 'q1' });
    assert.equal(calls.length, 4);
    assert.equal(transport.stats.requests, 4);
    assert.equal(transport.stats.retries, 3);
  });

  it('repeats a POST answered 503 (no work done), never one answered 500, 502 or 504 (maybe done)', async () => {
    const busy = scriptedFetch([
      json(503, { message: 'Service Unavailable', code: 'service.unavailable' }),
      json(200, { id: 'new' }),
    ]);
    const transport = new GenesysTransport({ fetch: busy.fetchImpl, retry: FAST });
    assert.deepEqual((await transport.send({ method: 'POST', url: URL_WITH_QUERY, body: '{}' })).body, {
      id: 'new',
    });
    assert.equal(busy.calls.length, 2);

    for (const status of [500, 502, 504]) {
      const unsure = scriptedFetch([json(status, { message: 'gateway' }), json(200, { id: 'twice' })]);
      const once = new GenesysTransport({ fetch: unsure.fetchImpl, retry: FAST });
      const error = await rejectsWithCode(
        once.send({ method: 'POST', url: URL_WITH_QUERY, body: '{}' }),
        'genesys.server-error',
      );
      assert.equal(unsure.calls.length, 1, `${status} is not repeated`);
      assert.ok(
        error instanceof GenesysApiError && error.outcomeUnknown,
        `${status} leaves the outcome unknown`,
      );
    }
  });

  it('gives up on 5xx after maxRetries with a server-error carrying the last body', async () => {
    const busy = () =>
      json(503, { message: 'Service Unavailable', code: 'service.unavailable', contextId: 'c-9' });
    const { fetchImpl, calls } = scriptedFetch([busy(), busy(), busy(), busy(), busy()]);
    const transport = new GenesysTransport({ fetch: fetchImpl, retry: { ...FAST, maxRetries: 2 } });
    const error = await rejectsWithCode(
      transport.send({ method: 'GET', url: URL_WITH_QUERY }),
      'genesys.server-error',
    );
    assert.equal(calls.length, 3);
    assert.equal(error.details?.contextId, 'c-9');
    assert.equal(error.details?.genesysCode, 'service.unavailable');
  });

  it('does not retry a 4xx', async () => {
    const { fetchImpl, calls } = scriptedFetch([json(404, { message: 'gone', code: 'not.found' })]);
    const transport = new GenesysTransport({ fetch: fetchImpl, retry: FAST });
    await rejectsWithCode(transport.send({ method: 'GET', url: URL_WITH_QUERY }), 'genesys.not-found');
    assert.equal(calls.length, 1);
  });

  it('retries a dropped connection for a read', async () => {
    const { fetchImpl, calls } = scriptedFetch([networkError('ECONNRESET'), json(200, { ok: true })]);
    const transport = new GenesysTransport({ fetch: fetchImpl, retry: FAST });
    assert.deepEqual((await transport.send({ method: 'GET', url: URL_WITH_QUERY })).body, { ok: true });
    assert.equal(calls.length, 2);
  });

  it('leaves a PUT or DELETE whose connection dropped after sending to the connector, outcome unknown', async () => {
    for (const method of ['PUT', 'DELETE']) {
      const { fetchImpl, calls } = scriptedFetch([networkError('UND_ERR_SOCKET'), json(200, { ok: true })]);
      const transport = new GenesysTransport({ fetch: fetchImpl, retry: FAST });
      const error = await rejectsWithCode(
        transport.send({ method, url: URL_WITH_QUERY, body: '{}' }),
        'network.unreachable',
      );
      assert.equal(calls.length, 1, `${method} is not sent twice blindly`);
      assert.ok(error instanceof GenesysApiError && error.outcomeUnknown);
    }
  });

  it('retries a token request on network errors and 5xx, within the bound', async () => {
    const tokenUrl = 'https://login.example.test/oauth/token';
    const { fetchImpl, calls } = scriptedFetch([
      networkError('ECONNRESET'),
      json(502, { message: 'Bad Gateway' }),
      networkError('UND_ERR_SOCKET'),
      json(200, { access_token: 'tok', expires_in: 86400 }),
    ]);
    const transport = new GenesysTransport({ fetch: fetchImpl, retry: FAST });
    const reply = await transport.send({
      method: 'POST',
      url: tokenUrl,
      body: 'grant_type=client_credentials',
    });
    assert.equal(reply.status, 200);
    assert.equal(calls.length, 4);

    const down = scriptedFetch(Array.from({ length: 10 }, () => networkError('ECONNRESET')));
    const bounded = new GenesysTransport({ fetch: down.fetchImpl, retry: FAST });
    const error = await rejectsWithCode(
      bounded.send({ method: 'POST', url: tokenUrl, body: 'grant_type=client_credentials' }),
      'network.unreachable',
    );
    assert.equal(down.calls.length, (FAST.maxRetries ?? 0) + 1);
    assert.ok(error instanceof GenesysApiError && !error.outcomeUnknown, 'a login has no outcome to settle');
  });

  it('never repeats a POST whose connection dropped: it may have been applied', async () => {
    const { fetchImpl, calls } = scriptedFetch([networkError('ECONNRESET'), json(200, { id: 'twice' })]);
    const transport = new GenesysTransport({ fetch: fetchImpl, retry: FAST });
    const error = await rejectsWithCode(
      transport.send({ method: 'POST', url: URL_WITH_QUERY, body: '{}' }),
      'network.unreachable',
    );
    assert.equal(calls.length, 1);
    assert.match(error.message, /ECONNRESET/);
    assert.ok(error instanceof GenesysApiError && error.outcomeUnknown);
  });

  it('does repeat a POST that never reached the server (connection refused)', async () => {
    const { fetchImpl, calls } = scriptedFetch([networkError('ECONNREFUSED'), json(200, { id: 'once' })]);
    const transport = new GenesysTransport({ fetch: fetchImpl, retry: FAST });
    assert.deepEqual((await transport.send({ method: 'POST', url: URL_WITH_QUERY, body: '{}' })).body, {
      id: 'once',
    });
    assert.equal(calls.length, 2);
  });

  it('waits out a 429 by its Retry-After, on a separate budget, then gives up with rate-limited', async () => {
    const limited = () =>
      json(429, { message: 'Rate limit exceeded', code: 'too.many.requests' }, { 'Retry-After': '0.05' });
    const { fetchImpl, calls } = scriptedFetch([limited(), limited(), json(200, { ok: 1 })]);
    const transport = new GenesysTransport({ fetch: fetchImpl, retry: { ...FAST, maxRetries: 0 } });
    const started = performance.now();
    assert.deepEqual((await transport.send({ method: 'POST', url: URL_WITH_QUERY, body: '{}' })).body, {
      ok: 1,
    });
    assert.ok(performance.now() - started >= 90, 'waited twice 50 ms');
    assert.equal(calls.length, 3);
    assert.equal(transport.stats.rateLimitWaits, 2);
    assert.ok(transport.stats.rateLimitWaitMs >= 90);

    const exhausted = scriptedFetch([limited(), limited(), limited(), limited(), limited()]);
    const strict = new GenesysTransport({
      fetch: exhausted.fetchImpl,
      retry: { ...FAST, maxRateLimitRetries: 1 },
    });
    await rejectsWithCode(strict.send({ method: 'GET', url: URL_WITH_QUERY }), 'genesys.rate-limited');
    assert.equal(exhausted.calls.length, 2);
  });

  it('paces from the rate-limit headers without waiting for a 429', async () => {
    const { fetchImpl } = scriptedFetch([
      json(
        200,
        { n: 1 },
        { 'inin-ratelimit-count': '10', 'inin-ratelimit-allowed': '10', 'inin-ratelimit-reset': '0.2' },
      ),
      json(200, { n: 2 }),
    ]);
    const transport = new GenesysTransport({ fetch: fetchImpl, retry: FAST });
    await transport.send({ method: 'GET', url: URL_WITH_QUERY });
    const started = performance.now();
    await transport.send({ method: 'GET', url: URL_WITH_QUERY });
    assert.ok(performance.now() - started >= 150, 'the second request waited for the window');
    assert.equal(transport.stats.rateLimitWaits, 1);
  });

  it('reports malformed JSON in a success as malformed-response', async () => {
    const { fetchImpl } = scriptedFetch([
      new Response('{"entities": [', { status: 200, headers: { 'content-type': 'application/json' } }),
    ]);
    const transport = new GenesysTransport({ fetch: fetchImpl, retry: FAST });
    await rejectsWithCode(
      transport.send({ method: 'GET', url: URL_WITH_QUERY }),
      'genesys.malformed-response',
    );
  });

  it('still retries a 5xx whose body claims JSON but is not (a gateway page)', async () => {
    const { fetchImpl, calls } = scriptedFetch([
      new Response('<html>502 Bad Gateway</html>', {
        status: 502,
        headers: { 'content-type': 'application/json' },
      }),
      json(200, { ok: true }),
    ]);
    const transport = new GenesysTransport({ fetch: fetchImpl, retry: FAST });
    assert.deepEqual((await transport.send({ method: 'GET', url: URL_WITH_QUERY })).body, { ok: true });
    assert.equal(calls.length, 2);
  });

  it('refuses at once when already cancelled, without a request', async () => {
    const { fetchImpl, calls } = scriptedFetch([json(200, {})]);
    const transport = new GenesysTransport({ fetch: fetchImpl, retry: FAST });
    const controller = new AbortController();
    controller.abort();
    await rejectsWithCode(
      transport.send({ method: 'GET', url: URL_WITH_QUERY, signal: controller.signal }),
      'cancelled',
    );
    assert.equal(calls.length, 0);
  });

  it('stops retrying when cancelled during a backoff', async () => {
    const { fetchImpl, calls } = scriptedFetch([json(503, {}), json(503, {}), json(200, {})]);
    const transport = new GenesysTransport({
      fetch: fetchImpl,
      retry: { ...FAST, baseDelayMs: 5000, maxDelayMs: 5000 },
      random: () => 0.99,
    });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 30);
    const started = performance.now();
    await rejectsWithCode(
      transport.send({ method: 'GET', url: URL_WITH_QUERY, signal: controller.signal }),
      'cancelled',
    );
    assert.ok(performance.now() - started < 2000);
    assert.equal(calls.length, 1);
  });

  it('sends the headers it is given but never puts them, the query or the body into an error', async () => {
    const { fetchImpl, calls } = scriptedFetch([
      json(401, { message: 'Invalid login credentials.', code: 'bad.credentials' }),
    ]);
    const transport = new GenesysTransport({ fetch: fetchImpl, retry: FAST });
    const error = await rejectsWithCode(
      transport.send({
        method: 'GET',
        url: URL_WITH_QUERY,
        headers: { Authorization: 'Bearer tok-abc-123' },
        body: '{"clientSecret":"s3cr3t"}',
      }),
      'genesys.unauthorized',
    );
    assert.equal(calls[0]?.headers.get('authorization'), 'Bearer tok-abc-123');
    const everything = `${error.message} ${JSON.stringify(error.toApiError())}`;
    assert.doesNotMatch(everything, /tok-abc-123|s3cr3t|Secret Project|Secret%20Project|pageSize/);
    assert.equal(error.details?.path, '/api/v2/routing/queues');
  });

  it('reports its stats to onStats', async () => {
    const seen: number[] = [];
    const { fetchImpl } = scriptedFetch([json(500, {}), json(200, {})]);
    const transport = new GenesysTransport({
      fetch: fetchImpl,
      retry: FAST,
      onStats: (stats) => seen.push(stats.requests),
    });
    await transport.send({ method: 'GET', url: URL_WITH_QUERY });
    assert.deepEqual(seen, [2]);
  });
});
