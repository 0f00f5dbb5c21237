import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * What the current run should know about the locks it holds, carried with the run's async work so
 * that whichever path records its result (promote, resume, a rollback of a finished or an
 * interrupted run) writes it into it, without each path passing it along by hand:
 *  - notes: how the locks were got or kept (a dead holder's lock taken over, an expired remote
 *    lease broken, the remote lease lost mid-run), for the run's result;
 *  - signal: aborted when the run's remote lease is lost, so no further step is written;
 *  - lost: why it was lost, once it was.
 */
interface LockContext {
  notes: string[];
  signal: AbortSignal | null;
  lost: string | null;
}

const storage = new AsyncLocalStorage<LockContext>();

export interface LockContextHandle {
  /** Adds a note the run's result will carry (when added before the result is written). */
  note(text: string): void;
  /** Marks the lease lost: further steps are not written, and the result says why. */
  lose(why: string): void;
}

/**
 * Runs `work` with the locks' notes and, when a remote lease is held, a signal that aborts when it
 * is lost. `bind` receives the handle the lock holder uses to add notes or mark the lease lost.
 */
export function runWithLockNotes<T>(
  notes: readonly string[],
  work: () => Promise<T>,
  bind?: (handle: LockContextHandle) => void,
): Promise<T> {
  const controller = new AbortController();
  const context: LockContext = { notes: [...notes], signal: bind ? controller.signal : null, lost: null };
  bind?.({
    note: (text) => context.notes.push(text),
    lose: (why) => {
      if (context.lost !== null) return;
      context.lost = why;
      context.notes.push(why);
      controller.abort(new Error(why));
    },
  });
  return storage.run(context, work);
}

/** The notes of the locks held around the caller; empty outside one. */
export function currentLockNotes(): readonly string[] {
  return [...(storage.getStore()?.notes ?? [])];
}

/** Aborted when the remote lease around the caller is lost; null without one. */
export function currentLeaseSignal(): AbortSignal | null {
  return storage.getStore()?.signal ?? null;
}

/** Why the remote lease around the caller was lost, or null while it is held (or there is none). */
export function currentLeaseLoss(): string | null {
  return storage.getStore()?.lost ?? null;
}

/** The run's own signal joined with the lease's: either stops further writes. */
export function withLeaseSignal(signal: AbortSignal | undefined): AbortSignal | undefined {
  const lease = currentLeaseSignal();
  if (lease === null) return signal;
  return signal === undefined ? lease : AbortSignal.any([signal, lease]);
}
