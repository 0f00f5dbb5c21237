import { randomBytes } from 'node:crypto';
import {
  closeSync,
  lstat,
  fstatSync,
  lstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  rmdirSync,
  unlinkSync,
  writeSync,
  type Stats,
} from 'node:fs';
import { dirname, join, posix, sep } from 'node:path';
import { forEachCooperatively } from './cooperative-loop';
import { indexStatOf, REGULAR_FILE_MODE, type IndexEntry, type IndexStat } from './git-index';

/** A file of the new snapshot, addressed by its path inside the repository. */
export interface WorkingFile {
  repoPath: string;
  /** Text is written as UTF-8. */
  content: string | Uint8Array;
  /** Byte length of the content. */
  size: number;
}

const errno = (error: unknown): string | undefined => (error as NodeJS.ErrnoException).code;

/** Plain concatenation where '/' is the separator: path.join costs more than the lstat. */
function toFsPath(dir: string, repoPath: string): string {
  return sep === '/' ? `${dir}/${repoPath}` : join(dir, ...repoPath.split('/'));
}

/**
 * Whether `entry` may be trusted without reading the file: git's "racy git" rule says a file
 * modified in the same clock tick as the index was written can look unchanged by stat alone.
 */
function isRacy(entry: IndexEntry, indexMtime: { seconds: number; nanoseconds: number } | null): boolean {
  if (indexMtime === null) return true;
  return (
    entry.mtimeSeconds > indexMtime.seconds ||
    (entry.mtimeSeconds === indexMtime.seconds && entry.mtimeNanoseconds >= indexMtime.nanoseconds)
  );
}

export type CleanCheck = { clean: true; stat: IndexStat } | { clean: false };

/**
 * Checks that a file whose content the commit keeps is really on disk with that content, by
 * stat against the index (as git does) and by reading it only when stat cannot tell.
 */
export function checkWorkingFile(
  dir: string,
  file: WorkingFile,
  oid: string,
  entry: IndexEntry | undefined,
  indexMtime: { seconds: number; nanoseconds: number } | null,
  /** The file's lstat taken earlier (see StatPrefetch); null when it did not exist. */
  prefetched?: Stats | null,
): CleanCheck {
  const path = toFsPath(dir, file.repoPath);
  // Number stats first: cheaper than bigint ones, and precise enough to confirm a match.
  const quick =
    prefetched === undefined ? lstatSync(path, { throwIfNoEntry: false }) : (prefetched ?? undefined);
  if (quick === undefined || !quick.isFile()) return { clean: false };
  if (
    entry !== undefined &&
    entry.oid === oid &&
    entry.mode === REGULAR_FILE_MODE &&
    !isRacy(entry, indexMtime) &&
    roughlyMatches(entry, quick)
  ) {
    return { clean: true, stat: entry };
  }
  if (quick.size !== file.size) return { clean: false };
  const expected = typeof file.content === 'string' ? Buffer.from(file.content, 'utf8') : file.content;
  if (!readFileSync(path).equals(expected)) return { clean: false };
  return { clean: true, stat: indexStatOf(lstatSync(path, { bigint: true })) };
}

/** Within this many milliseconds: number stats hold nanoseconds to about a quarter microsecond. */
const TIME_TOLERANCE_MS = 0.001;

/**
 * The index's stat fields against number stats (times as float milliseconds). Anything that
 * does not fit (32-bit wrap-around of seconds or huge inode numbers) just fails to match and
 * takes the slower path that reads the file.
 */
function roughlyMatches(entry: IndexEntry, stats: Stats): boolean {
  return (
    entry.size === stats.size % 2 ** 32 &&
    entry.ino === stats.ino % 2 ** 32 &&
    entry.uid === stats.uid % 2 ** 32 &&
    entry.gid === stats.gid % 2 ** 32 &&
    Math.abs(entry.mtimeSeconds * 1e3 + entry.mtimeNanoseconds / 1e6 - stats.mtimeMs) < TIME_TOLERANCE_MS &&
    Math.abs(entry.ctimeSeconds * 1e3 + entry.ctimeNanoseconds / 1e6 - stats.ctimeMs) < TIME_TOLERANCE_MS
  );
}

/**
 * Takes lstat of many files on libuv's thread pool while the main thread is busy hashing, so
 * the two largest costs of a re-snapshot overlap instead of adding up. A bounded number of
 * calls is in flight at once, so a huge snapshot does not flood the pool.
 */
export class StatPrefetch {
  private readonly stats = new Map<string, Stats | null>();
  private next = 0;
  private inFlight = 0;
  private failure: Error | null = null;
  private finished: (() => void) | null = null;

  constructor(
    private readonly dir: string,
    private readonly repoPaths: readonly string[],
    private readonly concurrency = 64,
  ) {
    while (this.inFlight < this.concurrency && this.next < this.repoPaths.length) this.launch();
  }

  private launch(): void {
    const repoPath = this.repoPaths[this.next++] as string;
    this.inFlight += 1;
    lstat(toFsPath(this.dir, repoPath), (error, stats) => {
      this.inFlight -= 1;
      if (error === null) this.stats.set(repoPath, stats);
      else if (error.code === 'ENOENT' || error.code === 'ENOTDIR') this.stats.set(repoPath, null);
      else this.failure ??= error;
      if (this.next < this.repoPaths.length && this.failure === null) this.launch();
      else if (this.inFlight === 0) this.finished?.();
    });
  }

  /** Every path's stats (null: missing), once all calls have come back. */
  async result(): Promise<ReadonlyMap<string, Stats | null>> {
    if (this.inFlight > 0) {
      await new Promise<void>((resolve) => {
        this.finished = resolve;
      });
    }
    if (this.failure !== null) throw this.failure;
    return this.stats;
  }
}

/** Deletes files, then every folder (deepest first, within `stopAt`) left empty by that. */
export async function removeWorkingFiles(
  dir: string,
  repoPaths: readonly string[],
  stopAt: string,
): Promise<void> {
  const folders = new Set<string>();
  await forEachCooperatively(
    repoPaths,
    (repoPath) => {
      try {
        unlinkSync(toFsPath(dir, repoPath));
      } catch (error) {
        if (errno(error) !== 'ENOENT' && errno(error) !== 'ENOTDIR') throw error;
      }
      let parent = posix.dirname(repoPath);
      while (parent === stopAt || parent.startsWith(`${stopAt}/`)) {
        folders.add(parent);
        parent = posix.dirname(parent);
      }
    },
    undefined,
  );
  const deepestFirst = [...folders].sort((a, b) => b.split('/').length - a.split('/').length);
  for (const folder of deepestFirst) {
    try {
      rmdirSync(toFsPath(dir, folder));
    } catch (error) {
      // Still holding files (kept ones, or ones git does not track) or already gone: keep it.
      if (!['ENOTEMPTY', 'EEXIST', 'ENOENT', 'ENOTDIR'].includes(errno(error) ?? '')) throw error;
    }
  }
}

/** writeSync may write less than asked; a short write would leave a truncated file. */
function writeAll(fd: number, content: string | Uint8Array): void {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  let at = 0;
  while (at < bytes.byteLength) at += writeSync(fd, bytes, at, bytes.byteLength - at);
}

/** Writes a file that did not exist: exclusive create, so nothing of the user's is overwritten. */
function createFile(path: string, content: string | Uint8Array): IndexStat | null {
  let fd;
  try {
    fd = openSync(path, 'wx', 0o666);
  } catch (error) {
    if (errno(error) === 'EEXIST') return null;
    throw error;
  }
  try {
    writeAll(fd, content);
    // Stat before close: nothing after the last write changes mtime or ctime.
    return indexStatOf(fstatSync(fd, { bigint: true }));
  } finally {
    closeSync(fd);
  }
}

/** Replaces a file through a temporary sibling and a rename, so no reader sees half of it. */
function replaceFile(path: string, content: string | Uint8Array): IndexStat {
  const temp = join(dirname(path), `.ferry-${randomBytes(6).toString('hex')}.tmp`);
  try {
    const fd = openSync(temp, 'wx', 0o666);
    try {
      writeAll(fd, content);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  // After the rename: renaming changes the inode's ctime, which the index must record.
  return indexStatOf(lstatSync(path, { bigint: true }));
}

/** Writes new and changed files, returning the stat data the index needs for each. */
export async function writeWorkingFiles(
  dir: string,
  files: readonly { file: WorkingFile; existed: boolean }[],
  onProgress?: (done: number) => void,
): Promise<Map<string, IndexStat>> {
  const stats = new Map<string, IndexStat>();
  const madeFolders = new Set<string>();
  await forEachCooperatively(
    files,
    ({ file, existed }) => {
      const path = toFsPath(dir, file.repoPath);
      const folder = dirname(path);
      if (!madeFolders.has(folder)) {
        mkdirSync(folder, { recursive: true });
        madeFolders.add(folder);
      }
      const stat = (!existed && createFile(path, file.content)) || replaceFile(path, file.content);
      stats.set(file.repoPath, stat);
    },
    undefined,
    onProgress,
  );
  return stats;
}
