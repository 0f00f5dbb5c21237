import { createHash } from 'node:crypto';
import { realpath } from 'node:fs/promises';
import { setTimeout as delay } from 'node:timers/promises';
import { FerryError } from '../../../shared/api/api-error';
import { acquireEnvironmentLock, lockFileOf, lockHolderSchema } from '../locks/environment-lock';

/**
 * One writer at a time for an actor's audit chain in a workspace, across the processes of this
 * machine. Each entry takes the next sequence number after the head it read, so two processes that
 * share a data folder and key (`ferry approve` while the app finishes a promotion, two `ferry
 * promote` to different environments) and read the same head would both write the same seq: the
 * chain forks and the next append or `ferry audit verify` reports it as rewritten. The in-process
 * write lock cannot see the other process; a lock file can.
 *
 * The lock is the environment lock's kind of file (`<dataDir>/locks/<key>.lock`, holder pid and
 * host, a dead holder's lock taken over), in the data folder because the workspace is shared
 * input that gets committed. It is held only for read head → sign → write (→ commit), well under
 * a second, so a second writer waits for it instead of being refused.
 */

/** Long enough for any real append (a git commit included), short enough that a stuck one is told. */
export const AUDIT_APPEND_WAIT_MS = 10_000;
const FIRST_PAUSE_MS = 15;
const MAX_PAUSE_MS = 250;

export interface AuditAppendLockRequest {
  dataDir: string;
  workspaceDir: string;
  actor: string;
  clock: () => Date;
  /** Test hook: how long to wait for another writer before giving up. */
  waitMs?: number;
}

/** The lock key: the workspace's real folder and the actor, as one chain is one file of one workspace. */
export async function auditAppendLockKey(workspaceDir: string, actor: string): Promise<string> {
  const where = await realpath(workspaceDir).catch(() => workspaceDir);
  return createHash('sha256').update(`audit-append\n${where}\n${actor}`).digest('hex');
}

export async function withAuditAppendLock<T>(
  request: AuditAppendLockRequest,
  run: () => Promise<T>,
): Promise<T> {
  const key = await auditAppendLockKey(request.workspaceDir, request.actor);
  const waitMs = request.waitMs ?? AUDIT_APPEND_WAIT_MS;
  // Real elapsed time, not the workspace clock (which tests freeze): this bounds a real wait.
  const started = performance.now();
  let pause = FIRST_PAUSE_MS;
  let lock: Awaited<ReturnType<typeof acquireEnvironmentLock>>;
  for (;;) {
    try {
      lock = await acquireEnvironmentLock({
        dataDir: request.dataDir,
        key,
        environment: 'the audit log',
        purpose: `append to the audit log of key ${request.actor}`,
        clock: request.clock,
      });
      break;
    } catch (error) {
      const busy = error instanceof FerryError && error.code === 'environment.locked';
      if (!busy) throw error;
      const left = waitMs - (performance.now() - started);
      if (left <= 0) throw busyError(request, key, error);
      // Backoff with jitter, so waiters that collided do not collide again in step.
      await delay(Math.min(left, pause * (0.5 + Math.random())));
      pause = Math.min(MAX_PAUSE_MS, pause * 2);
    }
  }
  try {
    return await run();
  } finally {
    await lock.release();
  }
}

function busyError(request: AuditAppendLockRequest, key: string, cause: FerryError): FerryError {
  const file = lockFileOf(request.dataDir, key);
  const seconds = Math.round((request.waitMs ?? AUDIT_APPEND_WAIT_MS) / 1000);
  const holder = lockHolderSchema.safeParse(cause.details?.holder);
  const who = holder.success
    ? `process ${holder.data.pid} on host ${holder.data.host}, since ${holder.data.startedAt}`
    : 'a process Ferry could not identify';
  return new FerryError(
    'audit.busy',
    `Another Ferry process is writing the audit log of key ${request.actor} (${who}) and did not finish within ${seconds} s. Try again in a moment; if it keeps happening and no other Ferry is running, delete ${file}.`,
    { file, actor: request.actor },
  );
}
