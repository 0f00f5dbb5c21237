import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The notes of the environment lock the current run holds (a dead holder's lock taken over),
 * carried with the run's async work so that whichever path records its result (promote, resume,
 * a rollback of a finished or an interrupted run) writes them into it, without each path passing
 * them along by hand.
 */
const storage = new AsyncLocalStorage<readonly string[]>();

export function runWithLockNotes<T>(notes: readonly string[], work: () => Promise<T>): Promise<T> {
  return storage.run([...notes], work);
}

/** The notes of the lock held around the caller; empty outside one. */
export function currentLockNotes(): readonly string[] {
  return storage.getStore() ?? [];
}
