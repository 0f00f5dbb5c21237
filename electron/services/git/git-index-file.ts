import { constants } from 'node:fs';
import { open, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ErrorCode, FerryError } from '../../../shared/api/api-error';
import { parseIndex, serializeIndex, type IndexEntry } from './git-index';

export interface IndexSnapshot {
  entries: IndexEntry[];
  /** When the index was last written, for git's racy-clean rule. */
  mtime: { seconds: number; nanoseconds: number };
}

/** Reads `.git/index`; null when the repository has none yet. */
export async function readIndexFile(gitdir: string): Promise<IndexSnapshot | null> {
  const path = join(gitdir, 'index');
  let content: Buffer;
  let stats;
  try {
    stats = await stat(path, { bigint: true });
    content = await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  return {
    entries: parseIndex(content).entries,
    mtime: {
      seconds: Number(stats.mtimeNs / 1_000_000_000n),
      nanoseconds: Number(stats.mtimeNs % 1_000_000_000n),
    },
  };
}

export interface FileTime {
  seconds: number;
  nanoseconds: number;
}

function isAfter(a: FileTime, b: FileTime): boolean {
  return a.seconds > b.seconds || (a.seconds === b.seconds && a.nanoseconds > b.nanoseconds);
}

/** How long to keep waiting for the file system clock to move on before giving up on it. */
const CLOCK_TICK_WAIT_LIMIT = 40;

export interface IndexLock {
  /**
   * Replaces the index with `entries` (sorted) and releases the lock. `newestFile` is the latest
   * mtime among files just written: see below.
   */
  commit(entries: readonly IndexEntry[], newestFile: FileTime | null): Promise<void>;
  /** Leaves the index as it was. */
  release(): Promise<void>;
}

/**
 * Takes `index.lock` the way git does, for the whole snapshot: native git refuses to touch the
 * index meanwhile, and the new index appears by renaming the lock over it.
 */
export async function lockIndex(gitdir: string): Promise<IndexLock> {
  const lockPath = join(gitdir, 'index.lock');
  let handle;
  try {
    handle = await open(lockPath, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o644);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new FerryError(
        ErrorCode.workspaceCorrupt,
        `the git index is locked (${lockPath} exists): another git process is running, or one crashed and left the lock behind`,
        { path: lockPath },
      );
    }
    throw error;
  }
  let done = false;
  return {
    async commit(entries, newestFile) {
      if (done) throw new Error('index lock already released');
      done = true;
      try {
        const content = serializeIndex(entries);
        await handle.writeFile(content);
        // Git distrusts ("racily clean") every entry whose file is not older than the index,
        // and re-reads it on each status. Files written a moment ago usually share the index's
        // clock tick, so rewrite the index until its mtime is past them: one or two file
        // system ticks (a few ms) once, instead of re-reading thousands of files every time.
        for (let attempt = 0; newestFile !== null && attempt < CLOCK_TICK_WAIT_LIMIT; attempt++) {
          const mtimeNs = (await handle.stat({ bigint: true })).mtimeNs;
          const indexTime = {
            seconds: Number(mtimeNs / 1_000_000_000n),
            nanoseconds: Number(mtimeNs % 1_000_000_000n),
          };
          if (isAfter(indexTime, newestFile)) break;
          await sleep(1);
          await handle.write(content, 0, content.length, 0);
        }
        await handle.close();
        await rename(lockPath, join(gitdir, 'index'));
      } catch (error) {
        await handle.close().catch(() => undefined);
        await rm(lockPath, { force: true });
        throw error;
      }
    },
    async release() {
      if (done) return;
      done = true;
      await handle.close().catch(() => undefined);
      await rm(lockPath, { force: true });
    },
  };
}
