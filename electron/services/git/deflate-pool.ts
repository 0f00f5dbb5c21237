import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ZlibOptions } from 'node:zlib';

/**
 * The worker's whole program. It is inline source (run with `eval`) rather than a module file
 * so that it survives bundling of the main process unchanged: it needs nothing but zlib.
 * A batch arrives as one buffer of concatenated inputs plus their end offsets, and goes back
 * the same way, so each batch crosses the thread boundary as two transfers and no copies.
 */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { deflateSync } = require('node:zlib');
parentPort.on('message', ({ id, input, ends, options }) => {
  try {
    const bytes = new Uint8Array(input);
    const parts = [];
    const outEnds = new Uint32Array(ends.length);
    let start = 0;
    let total = 0;
    for (let i = 0; i < ends.length; i++) {
      const part = deflateSync(bytes.subarray(start, ends[i]), options);
      parts.push(part);
      total += part.length;
      outEnds[i] = total;
      start = ends[i];
    }
    const output = new Uint8Array(total);
    let at = 0;
    for (const part of parts) {
      output.set(part, at);
      at += part.length;
    }
    parentPort.postMessage({ id, output: output.buffer, ends: outEnds }, [output.buffer, outEnds.buffer]);
  } catch (error) {
    parentPort.postMessage({ id, error: String(error) });
  }
});
`;

interface WorkerReply {
  id: number;
  output?: ArrayBuffer;
  ends?: Uint32Array;
  error?: string;
}

function isWorkerReply(value: unknown): value is WorkerReply {
  return typeof value === 'object' && value !== null && typeof (value as { id?: unknown }).id === 'number';
}

/** Inputs gathered until a batch holds this many bytes: big enough to amortise messaging. */
const BATCH_BYTES = 256 * 1024;

/**
 * Deflates many small buffers on worker threads while the caller keeps going (hashing the rest
 * of a snapshot, building trees): zlib is the largest CPU cost of writing tens of thousands of
 * objects, and most machines have a core or more to spare for it.
 */
export class DeflatePool {
  private readonly workers: Worker[] = [];
  private readonly pending = new Map<
    number,
    { resolve: (reply: WorkerReply) => void; reject: (error: Error) => void }
  >();
  private readonly results: Promise<Buffer[]>[] = [];
  private batch: Uint8Array[] = [];
  private batchBytes = 0;
  private nextId = 0;
  private nextWorker = 0;
  private failure: Error | null = null;

  constructor(
    private readonly options: ZlibOptions,
    size = Math.max(1, Math.min(4, availableParallelism())),
  ) {
    for (let i = 0; i < size; i++) {
      const worker = new Worker(WORKER_SOURCE, { eval: true });
      worker.on('message', (message: unknown) => this.settle(message));
      worker.on('error', (error) => this.fail(error));
      worker.on('exit', (code) => {
        if (code !== 0) this.fail(new Error(`deflate worker exited with code ${code}`));
      });
      this.workers.push(worker);
    }
  }

  /** Queues one input; its output comes back from `finish` in the same position. */
  add(input: Uint8Array): void {
    this.batch.push(input);
    this.batchBytes += input.byteLength;
    if (this.batchBytes >= BATCH_BYTES) this.dispatch();
  }

  /** Every queued input's deflated bytes, in the order they were added. */
  async finish(): Promise<Buffer[]> {
    this.dispatch();
    const batches = await Promise.all(this.results);
    return batches.flat();
  }

  async close(): Promise<void> {
    const workers = this.workers.splice(0);
    await Promise.all(workers.map((worker) => worker.terminate()));
    this.fail(new Error('deflate pool closed'));
  }

  private dispatch(): void {
    if (this.batch.length === 0) return;
    const inputs = this.batch;
    this.batch = [];
    this.batchBytes = 0;
    const joined = new Uint8Array(inputs.reduce((sum, input) => sum + input.byteLength, 0));
    const ends = new Uint32Array(inputs.length);
    let at = 0;
    inputs.forEach((input, i) => {
      joined.set(input, at);
      at += input.byteLength;
      ends[i] = at;
    });
    const id = this.nextId++;
    const worker = this.workers[this.nextWorker++ % this.workers.length];
    const reply = new Promise<WorkerReply>((resolve, reject) => {
      if (this.failure !== null || worker === undefined) {
        reject(this.failure ?? new Error('deflate pool closed'));
        return;
      }
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, input: joined.buffer, ends, options: this.options }, [
        joined.buffer,
        ends.buffer,
      ]);
    });
    const result = reply.then((message) => {
      if (message.error !== undefined || message.output === undefined || message.ends === undefined) {
        throw new Error(`deflate worker failed: ${message.error ?? 'no output'}`);
      }
      const output = message.output;
      const outEnds = message.ends;
      if (outEnds.length !== inputs.length) throw new Error('deflate worker returned the wrong count');
      const parts: Buffer[] = [];
      let start = 0;
      for (const end of outEnds) {
        parts.push(Buffer.from(output, start, end - start));
        start = end;
      }
      return parts;
    });
    // Failures surface from finish(); until then an unobserved rejection must not crash the app.
    result.catch(() => undefined);
    this.results.push(result);
  }

  private settle(message: unknown): void {
    if (!isWorkerReply(message)) return;
    const waiter = this.pending.get(message.id);
    if (waiter === undefined) return;
    this.pending.delete(message.id);
    waiter.resolve(message);
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const waiter of this.pending.values()) waiter.reject(error);
    this.pending.clear();
  }
}
