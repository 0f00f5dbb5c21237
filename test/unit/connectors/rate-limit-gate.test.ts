import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RateLimitGate } from '../../../electron/services/connectors/genesys/rate-limit-gate';

/** A clock that only moves when the gate sleeps, so pacing is measured exactly and instantly. */
class FakeTime {
  now = 1_000_000;
  readonly sleeps: number[] = [];

  readonly clock = () => this.now;

  readonly sleep = async (ms: number, signal?: AbortSignal): Promise<void> => {
    if (signal?.aborted) throw signal.reason;
    this.sleeps.push(ms);
    this.now += ms;
    // Let other waiters run, as a real timer would.
    await Promise.resolve();
  };
}

function limitHeaders(count: number, allowed: number, resetSeconds: number): Headers {
  return new Headers({
    'inin-ratelimit-count': String(count),
    'inin-ratelimit-allowed': String(allowed),
    'inin-ratelimit-reset': String(resetSeconds),
  });
}

describe('RateLimitGate', () => {
  it('lets requests through at once while nothing is known about the limit', async () => {
    const time = new FakeTime();
    const gate = new RateLimitGate(time.clock, time.sleep);
    for (let index = 0; index < 20; index += 1) assert.equal(await gate.acquire(), 0);
    assert.deepEqual(time.sleeps, []);
  });

  it('ignores replies without rate-limit headers', async () => {
    const time = new FakeTime();
    const gate = new RateLimitGate(time.clock, time.sleep);
    await gate.acquire();
    gate.release(new Headers({ 'content-type': 'application/json' }));
    gate.release(null);
    assert.equal(await gate.acquire(), 0);
  });

  it('waits for the announced reset once the window is used up, instead of provoking a 429', async () => {
    const time = new FakeTime();
    const gate = new RateLimitGate(time.clock, time.sleep);
    await gate.acquire();
    gate.release(limitHeaders(300, 300, 7));
    const start = time.now;
    assert.equal(await gate.acquire(), 7000);
    assert.equal(time.now - start, 7000);
  });

  it('does not wait while the window has room', async () => {
    const time = new FakeTime();
    const gate = new RateLimitGate(time.clock, time.sleep);
    await gate.acquire();
    gate.release(limitHeaders(10, 300, 45));
    assert.equal(await gate.acquire(), 0);
  });

  it('counts requests in flight against what the window has left', async () => {
    const time = new FakeTime();
    const gate = new RateLimitGate(time.clock, time.sleep);
    await gate.acquire();
    gate.release(limitHeaders(298, 300, 30));
    // Two left: two may go at once, the third waits for a reply.
    assert.equal(await gate.acquire(), 0);
    assert.equal(await gate.acquire(), 0);
    let thirdWent = false;
    const third = gate.acquire().then((waited) => {
      thirdWent = true;
      return waited;
    });
    for (let tick = 0; tick < 5; tick += 1) await Promise.resolve();
    assert.equal(thirdWent, false);
    // One reply says one request is left, but the other request in flight will use it.
    gate.release(limitHeaders(299, 300, 30));
    for (let tick = 0; tick < 5; tick += 1) await Promise.resolve();
    assert.equal(thirdWent, false);
    // The last reply says the window still has room after all: the waiter goes at once.
    gate.release(limitHeaders(298, 300, 30));
    const waited = await third;
    assert.ok(waited > 0 && waited < 1000, `waited ${waited} ms`);
  });

  it('sends one probe when the reset has passed but the window was never seen to refill', async () => {
    const time = new FakeTime();
    const gate = new RateLimitGate(time.clock, time.sleep);
    await gate.acquire();
    gate.release(limitHeaders(300, 300, 2));
    assert.equal(await gate.acquire(), 2000);
    // The probe is in flight and remaining is still 0: the next caller waits for its reply.
    let secondWent = false;
    const second = gate.acquire().then(() => {
      secondWent = true;
    });
    for (let tick = 0; tick < 5; tick += 1) await Promise.resolve();
    assert.equal(secondWent, false);
    gate.release(limitHeaders(1, 300, 60));
    await second;
    assert.equal(secondWent, true);
  });

  it('pauses everyone for a Retry-After, and a longer pause wins', async () => {
    const time = new FakeTime();
    const gate = new RateLimitGate(time.clock, time.sleep);
    gate.pauseFor(1500);
    gate.pauseFor(500);
    assert.equal(await gate.acquire(), 1500);
    gate.release(null);
    assert.equal(await gate.acquire(), 0);
  });

  it('a pause from the headers is not shortened by a later, shorter Retry-After', async () => {
    const time = new FakeTime();
    const gate = new RateLimitGate(time.clock, time.sleep);
    await gate.acquire();
    gate.release(limitHeaders(300, 300, 10));
    gate.pauseFor(1000);
    assert.equal(await gate.acquire(), 10_000);
  });

  it('gives up waiting when the caller cancels', async () => {
    const time = new FakeTime();
    const gate = new RateLimitGate(time.clock, time.sleep);
    gate.pauseFor(60_000);
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(gate.acquire(controller.signal));
  });

  it('always ends, even if the clock never reaches the reset', async () => {
    let sleeps = 0;
    const frozen = () => 0;
    const gate = new RateLimitGate(frozen, async () => {
      sleeps += 1;
    });
    gate.pauseFor(5000);
    await gate.acquire();
    assert.ok(sleeps <= 1000, `slept ${sleeps} times`);
  });
});
