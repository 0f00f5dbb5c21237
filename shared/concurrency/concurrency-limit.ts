/**
 * Runs `task(0)` … `task(count - 1)` with at most `limit` in flight, starting them in index order.
 * The first failure (or the signal's abort) stops new tasks from starting and is what the returned
 * promise rejects with: a failed pull must not go on calling the API behind it. Tasks already in
 * flight are not cancelled; they finish on their own and their results are dropped.
 *
 * A `limit` that is not a whole number ≥ 1 runs one task at a time: diff callers pass whatever
 * their options hold, and a slow comparison is better than none.
 */
export async function runLimited(
  count: number,
  limit: number,
  task: (index: number) => Promise<void>,
  signal?: AbortSignal,
): Promise<void> {
  let next = 0;
  let failed = false;
  // Each worker pulls the next index when its previous task settles, so at most `workers` run.
  const worker = async (): Promise<void> => {
    while (!failed && next < count) {
      signal?.throwIfAborted();
      const index = next;
      next += 1;
      try {
        await task(index);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  const workers = Math.max(1, Math.min(Math.floor(limit) || 1, count));
  await Promise.all(Array.from({ length: workers }, worker));
  signal?.throwIfAborted();
}

/**
 * Maps `items` through `task` with at most `limit` in flight, keeping the input order in the
 * result. Stops starting tasks after the first failure, as {@link runLimited} does. Unlike it, a
 * `limit` that is not a whole number ≥ 1 is refused: connector and promotion callers take theirs
 * from validated settings, so a bad one is a bug worth surfacing.
 */
export async function mapBounded<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  if (!Number.isInteger(limit) || limit < 1) throw new Error(`concurrency limit must be ≥ 1, not ${limit}`);
  const results = new Array<R>(items.length);
  await runLimited(items.length, limit, async (index) => {
    results[index] = await task(items[index] as T, index);
  });
  return results;
}
