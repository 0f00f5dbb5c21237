import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { after, describe, it } from 'node:test';
import {
  answerLogin,
  closedPort,
  connectTo,
  LOCAL_CLIENT,
  rejectsWithCode,
  sendJson,
  startLocalServer,
  type LocalServer,
} from './connector-test-support';

const ORG = { id: 'org-1', name: 'Local Org' };

describe('Genesys connector failure handling (local servers on 127.0.0.1)', () => {
  const servers: LocalServer[] = [];
  /** Replies left open on purpose; ended before the servers close. */
  const hanging: ServerResponse[] = [];
  after(async () => {
    for (const response of hanging) response.destroy();
    await Promise.all(servers.map((server) => server.close()));
  });
  async function serve(handler: Parameters<typeof startLocalServer>[0]): Promise<LocalServer> {
    const server = await startLocalServer(handler);
    servers.push(server);
    return server;
  }

  it('waits out a 429 storm by its Retry-After, then succeeds', async () => {
    let refusals = 0;
    const server = await serve((request, response) => {
      if (answerLogin(request, response)) return;
      if (refusals < 2) {
        refusals += 1;
        sendJson(
          response,
          429,
          {
            message: 'Rate limit exceeded the maximum. Retry the request in [1] seconds',
            code: 'too.many.requests.retry.after',
            status: 429,
          },
          { 'Retry-After': '1' },
        );
        return;
      }
      sendJson(response, 200, ORG);
    });
    const { connector } = connectTo(server.url, LOCAL_CLIENT);
    const started = performance.now();
    assert.deepEqual(await connector.check(), { orgId: ORG.id, orgName: ORG.name });
    const elapsed = performance.now() - started;
    assert.ok(elapsed >= 1900, `waited ${Math.round(elapsed)} ms for two Retry-After: 1`);
    assert.ok(elapsed < 5000, `did not wait much longer than asked (${Math.round(elapsed)} ms)`);
    assert.deepEqual(server.seen, [
      'POST /oauth/token',
      'GET /api/v2/organizations/me',
      'GET /api/v2/organizations/me',
      'GET /api/v2/organizations/me',
    ]);
    assert.equal(connector.stats.rateLimitWaits, 2);
    assert.ok(connector.stats.rateLimitWaitMs >= 1900, "counted from each 429's arrival");
  });

  it('gives up on a server that keeps answering 429 once the rate-limit budget is spent', async () => {
    const server = await serve((request, response) => {
      if (answerLogin(request, response)) return;
      sendJson(response, 429, { message: 'slow down', code: 'too.many.requests' }, { 'Retry-After': '0' });
    });
    const { connector } = connectTo(server.url, LOCAL_CLIENT, {
      transport: { retry: { maxRateLimitRetries: 3, baseDelayMs: 1, maxDelayMs: 5 } },
    });
    await rejectsWithCode(connector.check(), 'genesys.rate-limited');
    assert.equal(server.seen.length, 1 + 4);
  });

  it('reports an unreachable host as network.unreachable after bounded retries', async () => {
    const port = await closedPort();
    const { connector, calls } = connectTo(`http://127.0.0.1:${port}`, LOCAL_CLIENT, {
      transport: { retry: { maxRetries: 3, baseDelayMs: 1, maxDelayMs: 5 } },
    });
    const started = performance.now();
    const error = await rejectsWithCode(connector.check(), 'network.unreachable');
    assert.ok(performance.now() - started < 2000);
    // The token request was refused before it was sent, so even that POST was tried again.
    assert.equal(calls.length, 1 + 3);
    assert.equal(connector.stats.retries, 3);
    assert.match(error.message, /ECONNREFUSED/);
    assert.ok(!error.message.includes(LOCAL_CLIENT.clientSecret));
  });

  it('times out a request the server never answers, per attempt, as network.timeout', async () => {
    const server = await serve((request, response) => {
      if (answerLogin(request, response)) return;
      hanging.push(response);
    });
    const { connector } = connectTo(server.url, LOCAL_CLIENT, {
      transport: { retry: { maxRetries: 1, baseDelayMs: 1, maxDelayMs: 5, timeoutMs: 150 } },
    });
    const started = performance.now();
    const error = await rejectsWithCode(connector.check(), 'network.timeout');
    const elapsed = performance.now() - started;
    assert.ok(elapsed >= 280 && elapsed < 3000, `took ${Math.round(elapsed)} ms for two 150 ms attempts`);
    assert.equal(server.seen.filter((line) => line.startsWith('GET')).length, 2);
    assert.match(error.message, /timed out after 150 ms/);
  });

  it('times out a reply that stalls after its headers', async () => {
    const server = await serve((request, response) => {
      if (answerLogin(request, response)) return;
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.write('{"id": "org-1", ');
      hanging.push(response);
    });
    const { connector } = connectTo(server.url, LOCAL_CLIENT, {
      transport: { retry: { maxRetries: 1, baseDelayMs: 1, maxDelayMs: 5, timeoutMs: 150 } },
    });
    await rejectsWithCode(connector.check(), 'network.timeout');
  });

  it('does not repeat a POST that timed out: it may have been applied', async () => {
    const server = await serve((request, response) => {
      if (answerLogin(request, response)) return;
      hanging.push(response);
    });
    const { connector } = connectTo(server.url, LOCAL_CLIENT, {
      transport: { retry: { maxRetries: 3, baseDelayMs: 1, maxDelayMs: 5, timeoutMs: 150 } },
    });
    await rejectsWithCode(connector.create('routing.skill', { name: 'Once' }), 'network.timeout');
    assert.equal(server.seen.filter((line) => line === 'POST /api/v2/routing/skills').length, 1);
  });

  it('reports malformed JSON as genesys.malformed-response', async () => {
    const server = await serve((request, response) => {
      if (answerLogin(request, response)) return;
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end('{"id": "org-1", "name": ');
    });
    const { connector } = connectTo(server.url, LOCAL_CLIENT);
    await rejectsWithCode(connector.check(), 'genesys.malformed-response');
  });

  it('reports a page that is not a paging envelope as malformed', async () => {
    const server = await serve((request, response) => {
      if (answerLogin(request, response)) return;
      sendJson(response, 200, { entities: 'not a list' });
    });
    const { connector } = connectTo(server.url, LOCAL_CLIENT);
    await rejectsWithCode(connector.list('routing.skill'), 'genesys.malformed-response');
  });

  it('cancels a request in flight through its AbortSignal', async () => {
    const server = await serve((request, response) => {
      if (answerLogin(request, response)) return;
      hanging.push(response);
    });
    const { connector } = connectTo(server.url, LOCAL_CLIENT);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const started = performance.now();
    await rejectsWithCode(connector.list('routing.queue', { signal: controller.signal }), 'cancelled');
    assert.ok(performance.now() - started < 2000, 'stopped promptly, long before the 5 s timeout');
    assert.equal(server.seen.filter((line) => line.startsWith('GET')).length, 1, 'not retried');
  });

  it('cancels a login in flight', async () => {
    const server = await serve((_request, response) => {
      hanging.push(response);
    });
    const { connector } = connectTo(server.url, LOCAL_CLIENT);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    await rejectsWithCode(connector.check(controller.signal), 'cancelled');
  });

  it('does nothing at all for a signal that is already aborted', async () => {
    const server = await serve((request, response) => {
      if (answerLogin(request, response)) return;
      sendJson(response, 200, ORG);
    });
    const { connector, calls } = connectTo(server.url, LOCAL_CLIENT);
    await connector.check();
    const before = calls.length;
    await rejectsWithCode(connector.list('routing.skill', { signal: AbortSignal.abort() }), 'cancelled');
    assert.equal(calls.length, before);
  });

  it('logs in again once on a 401 mid-session and carries on', async () => {
    let tokens = 0;
    const server = await serve((request, response) => {
      const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
      if (path === '/oauth/token') {
        tokens += 1;
        sendJson(response, 200, {
          access_token: `token-${tokens}`,
          token_type: 'bearer',
          expires_in: 86_400,
        });
        return;
      }
      // The server forgets the first token after one use, as if it were revoked.
      if (request.headers.authorization === 'Bearer token-1' && server.seen.length > 2) {
        sendJson(response, 401, {
          message: 'The access token has expired.',
          code: 'bad.credentials',
          status: 401,
        });
        return;
      }
      sendJson(response, 200, ORG);
    });
    const { connector } = connectTo(server.url, LOCAL_CLIENT);
    await connector.check();
    await connector.check();
    await connector.check();
    assert.equal(tokens, 2);
    assert.deepEqual(server.seen, [
      'POST /oauth/token',
      'GET /api/v2/organizations/me',
      'GET /api/v2/organizations/me',
      'POST /oauth/token',
      'GET /api/v2/organizations/me',
      'GET /api/v2/organizations/me',
    ]);
  });
});
