import assert from 'node:assert/strict';
import { request } from 'node:http';
import { describe, it } from 'node:test';
import { DEMO_CLIENTS, FaultSpecError, parseFaultSpec, startSandbox } from '../../../electron/sandbox';
import { call, login } from './sandbox-test-client';

describe('sandbox rate limit', () => {
  it('answers 429 with Retry-After once a token spends its budget, until the window resets', async () => {
    let now = Date.UTC(2025, 0, 1, 12, 0, 0);
    const sandbox = await startSandbox({ rateLimitPerMinute: 3, clock: () => now });
    try {
      const token = await login(sandbox.url, DEMO_CLIENTS.dev);
      const other = await login(sandbox.url, DEMO_CLIENTS.uat);
      for (let index = 1; index <= 3; index += 1) {
        const ok = await call(sandbox.url, token, 'GET', '/api/v2/routing/languages');
        assert.equal(ok.status, 200);
        assert.equal(ok.headers.get('inin-ratelimit-count'), String(index));
        assert.equal(ok.headers.get('inin-ratelimit-allowed'), '3');
      }
      now += 20_000;
      const limited = await call(sandbox.url, token, 'GET', '/api/v2/routing/languages');
      assert.equal(limited.status, 429);
      assert.equal(limited.headers.get('retry-after'), '40');
      assert.equal(limited.headers.get('inin-ratelimit-reset'), '40');
      assert.equal(limited.body.code, 'too.many.requests.retry.after');
      assert.equal(limited.body.status, 429);
      assert.equal((await call(sandbox.url, other, 'GET', '/api/v2/routing/languages')).status, 200);
      now += 40_000;
      assert.equal((await call(sandbox.url, token, 'GET', '/api/v2/routing/languages')).status, 200);
    } finally {
      await sandbox.close();
    }
  });
});

describe('sandbox fault spec', () => {
  it('parses every part', () => {
    assert.deepEqual(parseFaultSpec('latency=20-50,503=0.1,429=0.05,drop=0.01,seed=7'), {
      latencyMs: { min: 20, max: 50 },
      serviceUnavailableRate: 0.1,
      tooManyRequestsRate: 0.05,
      dropRate: 0.01,
      seed: 7,
    });
    assert.deepEqual(parseFaultSpec('latency=5').latencyMs, { min: 5, max: 5 });
    assert.equal(parseFaultSpec('').dropRate, 0);
  });

  it('names the bad part', () => {
    const cases: [string, RegExp][] = [
      ['503=abc', /"503=abc".*0 to 1/],
      ['latency=50-20', /"latency=50-20"/],
      ['explode=1', /"explode=1".*unknown key/],
      ['seed=-1', /"seed=-1"/],
      ['drop', /"drop".*key=value/],
      ['429=0.1,429=0.2', /"429=0.2".*more than once/],
      ['503=0.6,429=0.6', /more than 1/],
    ];
    for (const [spec, message] of cases) {
      assert.throws(
        () => parseFaultSpec(spec),
        (error: unknown) => {
          assert.ok(error instanceof FaultSpecError);
          assert.match(error.message, message);
          return true;
        },
      );
    }
  });
});

/** One raw GET that reports a destroyed connection as 'dropped' instead of throwing. */
function outcome(url: string, token: string): Promise<string> {
  return new Promise((resolve) => {
    const req = request(`${url}/api/v2/routing/languages?pageSize=1`, {
      headers: { Authorization: `Bearer ${token}`, Connection: 'close' },
    });
    req.on('response', (response) => {
      response.resume();
      response.on('end', () => resolve(String(response.statusCode)));
    });
    req.on('error', () => resolve('dropped'));
    req.end();
  });
}

describe('sandbox fault injection', () => {
  async function run(spec: string, requests: number): Promise<string[]> {
    const faulty = await startSandbox({ faults: spec });
    try {
      // Faults hit the token call too; its retries are part of the replayed sequence.
      const faultyToken = await loginThroughFaults(faulty.url);
      const results: string[] = [];
      for (let index = 0; index < requests; index += 1) results.push(await outcome(faulty.url, faultyToken));
      return results;
    } finally {
      await faulty.close();
    }
  }

  it('replays the same sequence of faults for the same seed', async () => {
    const spec = '503=0.2,429=0.1,drop=0.1,seed=42';
    const first = await run(spec, 40);
    const second = await run(spec, 40);
    assert.deepEqual(first, second);
    for (const kind of ['200', '503', '429', 'dropped'])
      assert.ok(first.includes(kind), `expected some ${kind}`);
    const other = await run('503=0.2,429=0.1,drop=0.1,seed=43', 40);
    assert.notDeepEqual(first, other);
  });

  it('delays answers by the configured latency', async () => {
    const sandbox = await startSandbox({ faults: 'latency=60-80,seed=1' });
    try {
      const started = performance.now();
      const token = await login(sandbox.url, DEMO_CLIENTS.dev);
      assert.ok(performance.now() - started >= 55);
      assert.equal((await call(sandbox.url, token, 'GET', '/api/v2/organizations/me')).status, 200);
    } finally {
      await sandbox.close();
    }
  });

  it('sends 503 faults with a Genesys body and rate-limit headers', async () => {
    const sandbox = await startSandbox({ faults: '503=1,seed=3' });
    try {
      const response = await call(sandbox.url, null, 'GET', '/api/v2/routing/queues');
      assert.equal(response.status, 503);
      assert.equal(response.body.code, 'service.unavailable');
      assert.ok(response.headers.get('inin-ratelimit-allowed'));
    } finally {
      await sandbox.close();
    }
  });
});

/** Logs in against a faulty sandbox, retrying a bounded number of times like a real client. */
async function loginThroughFaults(url: string): Promise<string> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    try {
      return await login(url, DEMO_CLIENTS.dev);
    } catch {
      /* a fault hit the token call; try again */
    }
  }
  throw new Error('could not log in through the faults in 50 attempts');
}
