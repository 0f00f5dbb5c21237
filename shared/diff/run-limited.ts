/**
 * Runs `task(0)` … `task(count - 1)` with at most `limit` in flight. The first failure (or the
 * signal's abort) stops new tasks from starting and is what the returned promise rejects with.
 */
export async function runLimited(
  count: number,
  limit: number,
  task: (index: number) => Promise<void>,
  signal?: AbortSignal,
): Promise<void> {
  let next = 0;
  let failed = false;
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
