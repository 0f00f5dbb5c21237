/**
 * A limit on how many operations run at once: reading 100,000 files with one promise each would
 * open as many descriptors as the system allows and then fail, one at a time is slow. `run` waits
 * for a free slot; the queue is plain FIFO.
 */
export function boundedRunner(limit: number): <T>(task: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: (() => void)[] = [];
  const release = (): void => {
    active -= 1;
    waiting.shift()?.();
  };
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (active >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    active += 1;
    try {
      return await task();
    } finally {
      release();
    }
  };
}
