import { lstatSync, type BigIntStats } from 'node:fs';

/**
 * A file's stamp: what the verification cache compares instead of reading the file again, as git's
 * index does (issue 19: a warm pass over 200,000 files must not read them all).
 *
 * The stamp is the inode, size, modification time and change time, in nanoseconds (bigint stats:
 * a float loses the sub-microsecond part), on the workspace's own device. Why that is enough,
 * though the workspace is untrusted:
 *  - Writing a file's bytes sets its mtime and ctime; replacing it (git checkout, pull, rename)
 *    gives a new inode or ctime. So a content change always changes the stamp.
 *  - mtime can be set back by anyone (`touch -d`, utimes), but doing so sets ctime to now, and
 *    ctime cannot be set by a user at all (only by changing the system clock, which is root's and
 *    beyond what a workspace can do). A forged old mtime therefore still changes the stamp.
 *  - "Racily clean" (git's term): file times have a granularity (a few ms on ext4, 2 s on FAT, a
 *    server's clock on a network share), so a file written in the same tick as we stamped it could
 *    change again without its stamp changing. A file whose mtime or ctime is not older than the
 *    start of the pass that stamps it minus RACY_MARGIN_NS gets no stamp: it is read and hashed
 *    again every pass until it is older. The stamp is taken before the bytes are read (lstat on the
 *    fast path, fstat of the open file on the read path), so a change during the read changes it.
 * A mismatch only means the record is read and checked as on a first pass; the stamp never
 * decides whether a record verifies.
 */
export const RACY_MARGIN_NS = 2_000_000_000n;

/** Missing: no file (a run without result.json, a changeset without approvals). */
export const MISSING = '-';

export interface StampClock {
  /** The workspace folder's device: a file elsewhere (a mount) is never stamped. */
  dev: bigint;
  /** Times at or after this (ns since the epoch) are racy: the pass start minus the margin. */
  cleanBefore: bigint;
}

export function stampClock(workspaceDev: bigint, passStartMs: number): StampClock {
  return { dev: workspaceDev, cleanBefore: BigInt(Math.floor(passStartMs)) * 1_000_000n - RACY_MARGIN_NS };
}

/**
 * The stamp of what `info` describes (`f` a regular file, `d` a folder), or null when it may not
 * be trusted (another device, a racily new time, anything else: a link, a FIFO).
 */
export function stampOf(info: BigIntStats, clock: StampClock): string | null {
  if (info.dev !== clock.dev) return null;
  if (info.mtimeNs >= clock.cleanBefore || info.ctimeNs >= clock.cleanBefore) return null;
  const type = info.isFile() ? 'f' : info.isDirectory() ? 'd' : null;
  if (type === null) return null;
  // ctime is written only when it differs from mtime (as it does after utimes): shorter cache.
  const changed = info.ctimeNs === info.mtimeNs ? '' : `.${info.ctimeNs}`;
  return `${type}${info.ino}.${info.size}.${info.mtimeNs}${changed}`;
}

const LSTAT_OPTIONS = { bigint: true, throwIfNoEntry: false } as const;

/** The stamp at a path (never through a link), MISSING when nothing is there, null when unusable. */
export function stampAt(path: string, clock: StampClock): string | null {
  let info: BigIntStats | undefined;
  try {
    info = lstatSync(path, LSTAT_OPTIONS);
  } catch {
    return null;
  }
  return info === undefined ? MISSING : stampOf(info, clock);
}
