import { createHash } from 'node:crypto';
import { realpath } from 'node:fs/promises';
import { setTimeout as delay } from 'node:timers/promises';
import { FerryError } from '../../../shared/api/api-error';
import { acquireEnvironmentLock } from '../locks/environment-lock';

/**
 * Advances of one workspace, one at a time across the processes of this machine (issue 20): a
 * scheduler and a person, or two CI jobs, may call `ferry pipeline advance` at once. Each advance
 * records its audit entry before it promotes, and two processes appending to the same key's audit
 * chain at once would both take the same sequence number and fork it (the loser's next write is
 * refused as a rewritten log). The environment lock alone comes too late for that, so the whole
 * advance holds a lock file in the data folder, the same kind of lock a promotion holds, keyed by
 * the workspace.
 *
 * A second advance waits for the first (an advance is a promotion: seconds to minutes), then
 * re-reads the status and sees the stage done, as a second advance in the same process does.
 */
const WAIT_MS = 10 * 60 * 1000;
const PAUSE_MS = 250;

export async function withPipelineAdvanceLock<T>(
  dataDir: string,
  workspaceDir: string,
  changesetId: string,
  clock: () => Date,
  run: () => Promise<T>,
): Promise<T> {
  const where = await realpath(workspaceDir).catch(() => workspaceDir);
  const key = createHash('sha256').update(`pipeline-advance\n${where}`).digest('hex');
  const deadline = Date.now() + WAIT_MS;
  let lock: Awaited<ReturnType<typeof acquireEnvironmentLock>>;
  for (;;) {
    try {
      lock = await acquireEnvironmentLock({
        dataDir,
        key,
        environment: 'the pipeline advance of this workspace',
        purpose: `pipeline advance ${changesetId}`,
        clock,
      });
      break;
    } catch (error) {
      const locked = error instanceof FerryError && error.code === 'environment.locked';
      if (!locked || Date.now() >= deadline) throw error;
      await delay(PAUSE_MS);
    }
  }
  try {
    return await run();
  } finally {
    await lock.release();
  }
}
