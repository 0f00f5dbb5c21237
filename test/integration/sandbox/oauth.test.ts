import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEMO_CLIENTS, startSandbox, type SandboxHandle } from '../../../electron/sandbox';
import { call, login, requestToken } from './sandbox-test-client';

describe('sandbox OAuth client credentials', () => {
  let now = Date.UTC(2025, 0, 1);
  let sandbox: SandboxHandle;
  before(async () => {
    sandbox = await startSandbox({ tokenTtlSeconds: 600, clock: () => now });
  });
  after(() => sandbox.close());

  it('binds 127.0.0.1 and publishes the demo clients', () => {
    assert.match(sandbox.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(sandbox.orgs.dev.clientId, DEMO_CLIENTS.dev.clientId);
    assert.equal(sandbox.orgs.prod.clientSecret, DEMO_CLIENTS.prod.clientSecret);
  });

  it('issues a bearer token with the configured lifetime', async () => {
    const response = await requestToken(sandbox.url, DEMO_CLIENTS.uat);
    assert.equal(response.status, 200);
    assert.equal(response.body.token_type, 'bearer');
    assert.equal(response.body.expires_in, 600);
    assert.equal(typeof response.body.access_token, 'string');
  });

  it('scopes a token to its org: organizations/me answers that org', async () => {
    for (const org of ['dev', 'uat', 'prod'] as const) {
      const token = await login(sandbox.url, DEMO_CLIENTS[org]);
      const me = await call(sandbox.url, token, 'GET', '/api/v2/organizations/me');
      assert.equal(me.status, 200);
      assert.equal(me.body.id, sandbox.orgs[org].orgId);
      assert.equal(me.body.name, sandbox.orgs[org].orgName);
      assert.match(String(me.body.name), new RegExp(org, 'i'));
    }
  });

  it('refuses a wrong secret and an unknown grant type in OAuth error form', async () => {
    const wrong = await requestToken(sandbox.url, {
      clientId: DEMO_CLIENTS.dev.clientId,
      clientSecret: 'nope',
    });
    assert.equal(wrong.status, 401);
    assert.equal(wrong.body.error, 'invalid_client');
    const grant = await requestToken(sandbox.url, DEMO_CLIENTS.dev, 'grant_type=password');
    assert.equal(grant.status, 400);
    assert.equal(grant.body.error, 'unsupported_grant_type');
  });

  it('answers 401 with the Genesys error body for a missing, unknown or expired token', async () => {
    const missing = await call(sandbox.url, null, 'GET', '/api/v2/routing/skills');
    assert.equal(missing.status, 401);
    assert.equal(missing.body.code, 'authentication.required');
    assert.equal(missing.body.status, 401);
    assert.equal(missing.body.contextId, missing.headers.get('inin-correlation-id'));
    assert.deepEqual(missing.body.errors, []);

    const unknown = await call(sandbox.url, 'not-a-token', 'GET', '/api/v2/routing/skills');
    assert.equal(unknown.status, 401);
    assert.equal(unknown.body.code, 'bad.credentials');

    const token = await login(sandbox.url, DEMO_CLIENTS.dev);
    assert.equal((await call(sandbox.url, token, 'GET', '/api/v2/routing/skills')).status, 200);
    now += 600_000;
    const expired = await call(sandbox.url, token, 'GET', '/api/v2/routing/skills');
    assert.equal(expired.status, 401);
    assert.equal(expired.body.code, 'bad.credentials');
    assert.match(String(expired.body.message), /expired/);
  });

  it('puts a correlation id and rate-limit headers on every response', async () => {
    const token = await login(sandbox.url, DEMO_CLIENTS.prod);
    for (const response of [
      await call(sandbox.url, token, 'GET', '/api/v2/organizations/me'),
      await call(sandbox.url, token, 'GET', '/api/v2/nothing/here'),
      await call(sandbox.url, null, 'GET', '/api/v2/routing/queues'),
    ]) {
      assert.match(response.headers.get('inin-correlation-id') ?? '', /^[0-9a-f-]{36}$/);
      assert.equal(response.headers.get('inin-ratelimit-allowed'), '300');
      assert.match(response.headers.get('inin-ratelimit-count') ?? '', /^\d+$/);
      assert.match(response.headers.get('inin-ratelimit-reset') ?? '', /^\d+$/);
    }
  });
});
