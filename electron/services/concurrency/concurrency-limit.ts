/** Runs at most `limit` tasks at once; the rest wait in order. */
export class ConcurrencyLimit {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new Error(`concurrency limit must be ≥ 1, not ${limit}`);
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active += 1;
    try {
      return await task();
    } finally {
      this.active -= 1;
      this.waiting.shift()?.();
    }
  }
}

/**
 * Maps `items` through `task` with at most `limit` in flight, keeping the input order. After the
 * first failure no further task starts: a failed pull must not go on calling the API behind it.
 */
export async function mapBounded<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const gate = new ConcurrencyLimit(limit);
  let failed = false;
  return Promise.all(
    items.map((item, index) =>
      gate.run(async () => {
        if (failed) throw new Error('skipped after an earlier failure');
        try {
          return await task(item, index);
        } catch (error) {
          failed = true;
          throw error;
        }
      }),
    ),
  );
}
