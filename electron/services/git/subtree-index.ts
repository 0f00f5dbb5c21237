import {
  compareIndexEntries,
  stageOf,
  statMatches,
  UNKNOWN_STAT,
  type IndexEntry,
  type IndexStat,
} from './git-index';
import type { FileTime, IndexSnapshot } from './git-index-file';
import type { GitObjectReader } from './git-object-reader';
import type { PreparedFile } from './subtree-hashing';
import { isTreeMode } from './tree-object';
import { compareUtf8, orderedKey } from './utf8-order';

/** The folder a subtree commit owns, in the spellings the phases need. */
export interface SubtreeLocation {
  /** e.g. ['environments', 'dev'] */
  segments: string[];
  /** e.g. 'environments/dev' */
  path: string;
  /** e.g. 'environments/dev/' */
  prefix: string;
  prefixBytes: Buffer;
}

/** The current index, split at the subtree's edge. */
export interface IndexPartition {
  /** Stage-0 entries under the subtree, by repository path. */
  byPath: Map<string, IndexEntry>;
  /** Every entry under the subtree, whatever its stage. */
  inSubtree: IndexEntry[];
  /** Entries outside the subtree, which the new index keeps as they are (sorted). */
  outside: IndexEntry[];
}

const SLASH = Buffer.from('/');

/** Every file HEAD holds outside the subtree, for rebuilding an index that does not exist yet. */
async function headFilesOutside(
  reader: GitObjectReader,
  rootOid: string,
  subtreePath: string,
): Promise<IndexEntry[]> {
  const entries: IndexEntry[] = [];
  const visit = async (oid: string, prefix: Buffer): Promise<void> => {
    for (const entry of await reader.readTree(oid)) {
      const path = Buffer.concat([prefix, entry.name]);
      if (isTreeMode(entry.mode)) {
        if (path.toString('utf8') !== subtreePath) await visit(entry.oid, Buffer.concat([path, SLASH]));
      } else {
        // Zeroed stat data makes git re-read these files once instead of trusting them.
        entries.push({
          ...UNKNOWN_STAT,
          mode: parseInt(entry.mode, 8),
          oid: entry.oid,
          flags: 0,
          extendedFlags: 0,
          path,
        });
      }
    }
  };
  await visit(rootOid, Buffer.alloc(0));
  return entries.sort(compareIndexEntries);
}

/** Splits the index at the subtree; without an index, what lies outside comes from HEAD's tree. */
export async function partitionIndex(
  index: IndexSnapshot | null,
  reader: GitObjectReader,
  rootOid: string | null,
  subtree: SubtreeLocation,
): Promise<IndexPartition> {
  const partition: IndexPartition = { byPath: new Map(), inSubtree: [], outside: [] };
  if (index !== null) {
    for (const entry of index.entries) {
      if (entry.path.subarray(0, subtree.prefixBytes.length).equals(subtree.prefixBytes)) {
        partition.inSubtree.push(entry);
        if (stageOf(entry) === 0) partition.byPath.set(entry.path.toString('utf8'), entry);
      } else if (!subtree.prefix.startsWith(`${entry.path.toString('utf8')}/`)) {
        // (An entry named like the subtree or one of its parents would clash with the folder.)
        partition.outside.push(entry);
      }
    }
  } else if (rootOid !== null) {
    partition.outside.push(...(await headFilesOutside(reader, rootOid, subtree.path)));
  }
  return partition;
}

/** Whether `entry` already says exactly this file, blob and flags alike (stat aside). */
function entryRecordsBlob(entry: IndexEntry, file: PreparedFile): boolean {
  return entry.oid === file.oid && entry.flags === 0 && entry.extendedFlags === 0;
}

/**
 * Whether the index already describes the new subtree exactly: nothing to write or delete, one
 * stage-0 entry per file, each with the file's blob and the stat the working-tree check took.
 */
export function indexAlreadyMatches(
  index: IndexSnapshot | null,
  partition: IndexPartition,
  prepared: readonly PreparedFile[],
  keptStats: ReadonlyMap<string, IndexStat>,
  nothingToTouch: boolean,
): boolean {
  return (
    index !== null &&
    nothingToTouch &&
    partition.inSubtree.length === prepared.length &&
    prepared.every((file) => {
      const entry = partition.byPath.get(file.repoPath);
      const stat = keptStats.get(file.repoPath);
      return (
        entry !== undefined && stat !== undefined && entryRecordsBlob(entry, file) && statMatches(entry, stat)
      );
    })
  );
}

/**
 * The subtree's new index entries in path order: stat from the file just written, or the one
 * the working-tree check kept. An entry that already says exactly this (same blob, same stat) is
 * reused as it is.
 */
export function subtreeIndexRun(
  prepared: readonly PreparedFile[],
  written: ReadonlyMap<string, IndexStat>,
  partition: IndexPartition,
  keptStats: ReadonlyMap<string, IndexStat>,
): IndexEntry[] {
  const inPathOrder = prepared
    .map((file) => ({ file, key: orderedKey(file.repoPath) }))
    .sort((a, b) => compareUtf8(a.key, b.key));
  return inPathOrder.map(({ file }) => {
    const fresh = written.get(file.repoPath);
    const kept = partition.byPath.get(file.repoPath);
    if (
      fresh === undefined &&
      kept !== undefined &&
      keptStats.get(file.repoPath) === kept &&
      entryRecordsBlob(kept, file)
    ) {
      return kept;
    }
    const stat = fresh ?? keptStats.get(file.repoPath);
    if (stat === undefined) throw new Error(`no stat data for ${file.repoPath}`);
    return {
      ...statFields(stat),
      oid: file.oid,
      flags: 0,
      extendedFlags: 0,
      path: Buffer.from(file.repoPath),
    };
  });
}

/** The latest mtime among files just written, which the index must be written after. */
export function newestWritten(written: ReadonlyMap<string, IndexStat>): FileTime | null {
  let newest: FileTime | null = null;
  for (const stat of written.values()) {
    newest = laterOf(newest, { seconds: stat.mtimeSeconds, nanoseconds: stat.mtimeNanoseconds });
  }
  return newest;
}

function laterOf(a: FileTime | null, b: FileTime): FileTime {
  if (a === null || b.seconds > a.seconds) return b;
  return b.seconds === a.seconds && b.nanoseconds > a.nanoseconds ? b : a;
}

/**
 * Puts the subtree's entries (sorted) among the others (sorted, none under the subtree). All
 * paths under a prefix sort together, right before the first other path greater than the
 * prefix, so one binary search finds where they go.
 */
export function insertRun(
  others: readonly IndexEntry[],
  run: readonly IndexEntry[],
  prefix: Buffer,
): IndexEntry[] {
  let low = 0;
  let high = others.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (Buffer.compare((others[middle] as IndexEntry).path, prefix) < 0) low = middle + 1;
    else high = middle;
  }
  return [...others.slice(0, low), ...run, ...others.slice(low)];
}

/** Only the stat part: kept entries are whole index entries, and their other fields are replaced. */
function statFields(stat: IndexStat): IndexStat {
  return {
    ctimeSeconds: stat.ctimeSeconds,
    ctimeNanoseconds: stat.ctimeNanoseconds,
    mtimeSeconds: stat.mtimeSeconds,
    mtimeNanoseconds: stat.mtimeNanoseconds,
    dev: stat.dev,
    ino: stat.ino,
    mode: stat.mode,
    uid: stat.uid,
    gid: stat.gid,
    size: stat.size,
  };
}
