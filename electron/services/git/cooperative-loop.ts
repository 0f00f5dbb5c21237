import { setImmediate as yieldToEventLoop } from 'node:timers/promises';

/**
 * Long synchronous loops (hashing, deflating, thousands of small file writes) are cut into
 * slices of about this many milliseconds: synchronous file calls are much cheaper per file than
 * promise-based ones, and slicing keeps the event loop (IPC, progress, cancellation) responsive.
 */
const SLICE_MS = 20;

/** Runs `step` for every item, yielding to the event loop between slices and honouring `signal`. */
export async function forEachCooperatively<T>(
  items: readonly T[],
  step: (item: T, index: number) => void,
  signal: AbortSignal | undefined,
  onSlice?: (done: number) => void,
): Promise<void> {
  signal?.throwIfAborted();
  let sliceStart = performance.now();
  for (let i = 0; i < items.length; i++) {
    step(items[i] as T, i);
    if ((i & 31) === 31 && performance.now() - sliceStart > SLICE_MS) {
      onSlice?.(i + 1);
      await yieldToEventLoop();
      signal?.throwIfAborted();
      sliceStart = performance.now();
    }
  }
  onSlice?.(items.length);
}
