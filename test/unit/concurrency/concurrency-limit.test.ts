import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mapBounded, runLimited } from '../../../shared/concurrency/concurrency-limit';

/** A promise the test settles by hand, so it decides which task finishes when. */
function deferred<T = void>(): {
  promise: Promise<T>;
  resolve: (value: T) => void;
  reject: (error: Error) => void;
} {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((ok, fail) => {
    resolve = ok;
    reject = fail;
  });
  return { promise, resolve, reject };
}

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('runLimited', () => {
  it('starts tasks in index order and never runs more than the limit at once', async () => {
    const started: number[] = [];
    let inFlight = 0;
    let mostInFlight = 0;
    await runLimited(20, 3, async (index) => {
      started.push(index);
      inFlight += 1;
      mostInFlight = Math.max(mostInFlight, inFlight);
      // Uneven durations, so later tasks overtake earlier ones and slots free up out of order.
      await new Promise((resolve) => setTimeout(resolve, (index * 7) % 5));
      inFlight -= 1;
    });
    assert.deepEqual(
      started,
      Array.from({ length: 20 }, (_, index) => index),
    );
    assert.equal(mostInFlight, 3);
  });

  it('rejects with the first failure and starts nothing after it', async () => {
    const gates = Array.from({ length: 6 }, () => deferred());
    const started: number[] = [];
    const run = runLimited(6, 2, async (index) => {
      started.push(index);
      await gates[index]?.promise;
    });
    await settle();
    assert.deepEqual(started, [0, 1]);
    gates[1]?.reject(new Error('task 1 failed'));
    gates[0]?.resolve();
    await assert.rejects(run, /task 1 failed/);
    await settle();
    // Task 0's worker might have taken index 2 before task 1 failed; nothing later than that.
    assert.ok(
      started.every((index) => index <= 2),
      `started ${started.join(',')}`,
    );
  });

  it('stops at an abort and rejects with the abort reason', async () => {
    const controller = new AbortController();
    const started: number[] = [];
    await assert.rejects(
      runLimited(
        10,
        1,
        async (index) => {
          started.push(index);
          if (index === 2) controller.abort(new Error('stopped by the user'));
        },
        controller.signal,
      ),
      /stopped by the user/,
    );
    assert.deepEqual(started, [0, 1, 2]);
  });

  it('runs one at a time when the limit is not a whole number ≥ 1', async () => {
    for (const limit of [0, -1, Number.NaN, 0.5]) {
      let inFlight = 0;
      let mostInFlight = 0;
      await runLimited(4, limit, async () => {
        inFlight += 1;
        mostInFlight = Math.max(mostInFlight, inFlight);
        await settle();
        inFlight -= 1;
      });
      assert.equal(mostInFlight, 1, `limit ${limit}`);
    }
  });

  it('resolves at once for no tasks', async () => {
    await runLimited(0, 4, () => Promise.reject(new Error('never called')));
  });
});

describe('mapBounded', () => {
  it('keeps the input order in its result whatever order tasks finish in', async () => {
    const items = ['a', 'b', 'c', 'd', 'e'];
    const result = await mapBounded(items, 2, async (item, index) => {
      await new Promise((resolve) => setTimeout(resolve, (items.length - index) * 2));
      return `${item}${index}`;
    });
    assert.deepEqual(result, ['a0', 'b1', 'c2', 'd3', 'e4']);
  });

  it('never runs more than the limit at once', async () => {
    let inFlight = 0;
    let mostInFlight = 0;
    await mapBounded(
      Array.from({ length: 30 }, (_, index) => index),
      4,
      async () => {
        inFlight += 1;
        mostInFlight = Math.max(mostInFlight, inFlight);
        await settle();
        inFlight -= 1;
      },
    );
    assert.equal(mostInFlight, 4);
  });

  it('rejects with the first failure and starts nothing after it', async () => {
    const started: number[] = [];
    await assert.rejects(
      mapBounded([0, 1, 2, 3, 4, 5], 1, async (item) => {
        started.push(item);
        if (item === 2) throw new Error(`item ${item} failed`);
        return item;
      }),
      /item 2 failed/,
    );
    await settle();
    assert.deepEqual(started, [0, 1, 2]);
  });

  it('refuses a limit that is not a whole number ≥ 1', async () => {
    for (const limit of [0, -2, 1.5, Number.NaN]) {
      await assert.rejects(
        mapBounded([1], limit, async (item) => item),
        /concurrency limit must be ≥ 1/,
      );
    }
  });

  it('returns an empty array for no items', async () => {
    assert.deepEqual(await mapBounded([], 3, async () => 1), []);
  });
});
