import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  backoffDelayMs,
  DEFAULT_RETRY_POLICY,
  isTokenRequest,
  mayRepeat,
  outcomeUnknown,
  retryAfterMs,
  type AttemptFailure,
  type RetryPolicy,
} from '../../../electron/services/connectors/genesys/retry-policy';

const POLICY: RetryPolicy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 100, maxDelayMs: 1000 };
/** The largest value `Math.random` can return is just below 1. */
const ALMOST_ONE = 1 - Number.EPSILON;

/** A small deterministic generator (mulberry32), so a jitter test never depends on luck. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('backoffDelayMs', () => {
  it('doubles the cap per attempt from the base delay and stops at the maximum', () => {
    const caps = [1, 2, 3, 4, 5, 6, 10, 50].map((attempt) =>
      backoffDelayMs(attempt, POLICY, () => ALMOST_ONE),
    );
    assert.deepEqual(caps, [100, 200, 400, 800, 1000, 1000, 1000, 1000]);
  });

  it('treats attempt 0 or below like the first attempt', () => {
    assert.equal(
      backoffDelayMs(0, POLICY, () => ALMOST_ONE),
      100,
    );
    assert.equal(
      backoffDelayMs(-3, POLICY, () => ALMOST_ONE),
      100,
    );
  });

  it('uses full jitter: anything from 0 up to the cap', () => {
    assert.equal(
      backoffDelayMs(4, POLICY, () => 0),
      0,
    );
    assert.equal(
      backoffDelayMs(4, POLICY, () => 0.5),
      400,
    );
    const random = seeded(42);
    for (let attempt = 1; attempt <= 8; attempt += 1) {
      const cap = Math.min(POLICY.maxDelayMs, POLICY.baseDelayMs * 2 ** (attempt - 1));
      const draws = Array.from({ length: 200 }, () => backoffDelayMs(attempt, POLICY, random));
      assert.ok(
        draws.every((delay) => Number.isInteger(delay) && delay >= 0 && delay <= cap),
        `attempt ${attempt}`,
      );
      // Clients that failed together must not retry together: the delays spread over the range.
      assert.ok(new Set(draws).size > 50, `attempt ${attempt} spreads its delays`);
      assert.ok(Math.min(...draws) < cap * 0.2 && Math.max(...draws) > cap * 0.8, `attempt ${attempt} range`);
    }
  });

  it('stays finite for absurd attempt numbers', () => {
    assert.equal(
      backoffDelayMs(10_000, POLICY, () => ALMOST_ONE),
      1000,
    );
  });

  it('has defaults that retry a few times within seconds and time out each attempt', () => {
    assert.ok(DEFAULT_RETRY_POLICY.maxRetries >= 1 && DEFAULT_RETRY_POLICY.maxRetries <= 10);
    assert.ok(DEFAULT_RETRY_POLICY.maxRateLimitRetries >= DEFAULT_RETRY_POLICY.maxRetries);
    assert.ok(DEFAULT_RETRY_POLICY.baseDelayMs < DEFAULT_RETRY_POLICY.maxDelayMs);
    assert.ok(DEFAULT_RETRY_POLICY.timeoutMs > 0 && Number.isFinite(DEFAULT_RETRY_POLICY.timeoutMs));
  });
});

describe('retryAfterMs', () => {
  const now = Date.UTC(2025, 0, 1, 12, 0, 0);

  it('reads whole seconds, as Genesys sends them', () => {
    assert.equal(retryAfterMs('1', now), 1000);
    assert.equal(retryAfterMs('60', now), 60_000);
    assert.equal(retryAfterMs('0', now), 0);
  });

  it('tolerates fractions and surrounding spaces, rounding up', () => {
    assert.equal(retryAfterMs('1.5', now), 1500);
    assert.equal(retryAfterMs('0.0001', now), 1);
    assert.equal(retryAfterMs(' 3 ', now), 3000);
  });

  it('honours an HTTP date, never waiting a negative time', () => {
    assert.equal(retryAfterMs(new Date(now + 4000).toUTCString(), now), 4000);
    assert.equal(retryAfterMs(new Date(now - 4000).toUTCString(), now), 0);
  });

  it('gives null when there is nothing usable, so the caller falls back to backoff', () => {
    assert.equal(retryAfterMs(null, now), null);
    assert.equal(retryAfterMs('', now), null);
    assert.equal(retryAfterMs('   ', now), null);
    assert.equal(retryAfterMs('soon', now), null);
    assert.equal(retryAfterMs('Infinity', now), null);
  });
});

describe('mayRepeat and outcomeUnknown: what may be sent again, and what only a read can settle', () => {
  const API = '/api/v2/routing/wrapupcodes';
  const TOKEN = '/oauth/token';
  const notSent: AttemptFailure = { kind: 'not-sent' };
  const lost: AttemptFailure = { kind: 'lost' };
  const answered = (status: number): AttemptFailure => ({ kind: 'answered', status });

  it('repeats anything the server never saw, and anything it answered 503', () => {
    for (const method of ['GET', 'POST', 'PUT', 'DELETE', 'PATCH']) {
      assert.equal(mayRepeat(method, API, notSent), true, method);
      assert.equal(mayRepeat(method, API, answered(503)), true, method);
      assert.equal(outcomeUnknown(method, API, notSent), false, method);
      assert.equal(outcomeUnknown(method, API, answered(503)), false, method);
    }
  });

  it('never repeats a write lost after sending or answered 500, 502 or 504: its outcome is unknown', () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH', 'post']) {
      for (const failure of [lost, answered(500), answered(502), answered(504)]) {
        assert.equal(mayRepeat(method, API, failure), false, `${method} ${JSON.stringify(failure)}`);
        assert.equal(outcomeUnknown(method, API, failure), true, `${method} ${JSON.stringify(failure)}`);
      }
    }
  });

  it('repeats reads on any 5xx or lost connection; their outcome is never in doubt', () => {
    for (const method of ['GET', 'HEAD', 'OPTIONS', 'get']) {
      for (const failure of [lost, answered(500), answered(502), answered(504)]) {
        assert.equal(mayRepeat(method, API, failure), true);
        assert.equal(outcomeUnknown(method, API, failure), false);
      }
    }
  });

  it('repeats a token request on network errors and 5xx (a second login creates nothing)', () => {
    assert.equal(isTokenRequest(TOKEN), true);
    assert.equal(isTokenRequest('/login/oauth/token'), true);
    assert.equal(isTokenRequest('/api/v2/oauth/tokens'), false);
    for (const failure of [notSent, lost, answered(500), answered(502), answered(503), answered(504)]) {
      assert.equal(mayRepeat('POST', TOKEN, failure), true, JSON.stringify(failure));
      assert.equal(outcomeUnknown('POST', TOKEN, failure), false);
    }
  });

  it('never repeats a 4xx', () => {
    for (const status of [400, 401, 403, 404, 409]) {
      assert.equal(mayRepeat('GET', API, answered(status)), false);
      assert.equal(mayRepeat('POST', API, answered(status)), false);
      assert.equal(outcomeUnknown('POST', API, answered(status)), false);
    }
  });
});
