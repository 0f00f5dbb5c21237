import { checkCommitInput, commitObject, type CommitIdentity } from './commit-object';
import { forEachCooperatively } from './cooperative-loop';
import {
  compareIndexEntries,
  stageOf,
  statMatches,
  UNKNOWN_STAT,
  type IndexEntry,
  type IndexStat,
} from './git-index';
import { lockIndex, readIndexFile, type FileTime } from './git-index-file';
import { byteLengthOf, hashObject, type GitObject } from './git-object-hash';
import { GitObjectReader } from './git-object-reader';
import { appendReflogs, gitDirectoryOf, lockRef, readHead, type RefUpdate } from './git-refs';
import { writeLooseObjects } from './loose-object-writer';
import { OBJECT_DEFLATE_OPTIONS, writePack } from './pack-writer';
import { DeflatePool } from './deflate-pool';
import { RepositoryPathChecker, splitRepositoryPath } from './repository-path';
import {
  buildSubtree,
  readAncestors,
  readExistingSubtree,
  spliceSubtree,
  type SubtreeFile,
} from './tree-builder';
import { FILE_MODE, isTreeMode } from './tree-object';
import { compareUtf8, orderedKey } from './utf8-order';
import {
  checkWorkingFile,
  removeWorkingFiles,
  StatPrefetch,
  writeWorkingFiles,
  type WorkingFile,
} from './working-tree-sync';

export interface SnapshotProgress {
  phase: 'hashing' | 'checking-working-tree' | 'writing-objects' | 'updating-working-tree';
  done: number;
  total: number;
}

export interface CommitSubtreeOptions {
  /** The working tree of a repository with a plain `.git` folder. */
  dir: string;
  /** The folder the snapshot owns, e.g. `environments/dev`. */
  subtreePath: string;
  /** The complete new content of the subtree, keyed by path inside it ('/'-separated). */
  files: ReadonlyMap<string, string | Uint8Array>;
  /** The commit message, or a function of what changed (for messages that count the changes). */
  message: string | ((change: SubtreeChange) => string);
  author: CommitIdentity;
  now: Date;
  /** Honoured until the objects are written; after that the snapshot runs to completion. */
  signal?: AbortSignal;
  onProgress?: (progress: SnapshotProgress) => void;
}

export interface SubtreeChange {
  added: string[];
  modified: string[];
  removed: string[];
}

export interface CommitSubtreeResult {
  /** The new commit, or null when the subtree already held exactly this content. */
  commit: string | null;
  added: string[];
  modified: string[];
  removed: string[];
  blobsWritten: number;
}

/**
 * Below this many new objects, loose files are cheaper than a pack and keep the pack count
 * down; it is the threshold git itself uses to explode small fetched packs (unpackLimit).
 */
const PACK_THRESHOLD = 100;

/**
 * From this many new blobs on, deflating on worker threads pays for starting them (tens of
 * milliseconds each); below it a pack is deflated inline.
 */
const DEFLATE_POOL_THRESHOLD = 1000;

interface PreparedFile extends SubtreeFile, WorkingFile {
  status: 'added' | 'modified' | 'unchanged';
}

function toBuffer(content: string | Uint8Array): Buffer {
  return typeof content === 'string'
    ? Buffer.from(content, 'utf8')
    : Buffer.from(content.buffer, content.byteOffset, content.byteLength);
}

const SLASH = Buffer.from('/');

/** The id of a tree with no entries: what a repository holding nothing would commit. */
const EMPTY_TREE = '4b825dc642cb6eb9a060e54bf8d69288fbee4904';

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

/**
 * Commits the complete new content of one folder of the workspace as a single commit on the
 * branch HEAD names, building trees straight from HEAD's and writing only objects that are new.
 * Afterwards the folder's files on disk and the git index match the commit, so native
 * `git status` is clean for it; the rest of the repository (tree, index, files) is untouched.
 */
export async function commitSubtree(options: CommitSubtreeOptions): Promise<CommitSubtreeResult> {
  const { dir, files, signal, onProgress } = options;
  const subtreeSegments = splitRepositoryPath(options.subtreePath, 'subtree path');
  const subtreePath = subtreeSegments.join('/');
  const subtreePrefix = `${subtreePath}/`;
  const subtreePrefixBytes = Buffer.from(subtreePrefix);
  checkCommitInput(
    options.author,
    typeof options.message === 'string' ? options.message : 'snapshot',
    options.now,
  );
  const gitdir = await gitDirectoryOf(dir);
  signal?.throwIfAborted();

  const indexLock = await lockIndex(gitdir);
  let refUpdate: RefUpdate | null = null;
  // A holder rather than a variable: it is assigned inside the hashing callback.
  const deflation: { pool: DeflatePool | null } = { pool: null };
  try {
    const head = await readHead(gitdir);
    const reader = new GitObjectReader(gitdir);
    const rootOid = head.commit === null ? null : await reader.readCommitTree(head.commit);
    const chain = await readAncestors(reader, rootOid, subtreeSegments);
    const [existing, index] = await Promise.all([
      readExistingSubtree(reader, chain.subtreeOid),
      readIndexFile(gitdir),
    ]);
    signal?.throwIfAborted();

    // Hash every file in memory and compare with HEAD: only a new blob id costs a write.
    const prepared: PreparedFile[] = [];
    const newBlobs = new Map<string, GitObject>();
    const existingBlobs = new Set<string>();
    for (const file of existing.files.values()) existingBlobs.add(file.oid);
    const incoming = [...files.entries()];
    const paths = new RepositoryPathChecker('snapshot file');
    // Files HEAD already has may turn out unchanged, and then their stat is needed: take it on
    // the thread pool while this thread hashes. (lstat only reads metadata, so it may run
    // before the paths are validated.)
    const statPrefetch = new StatPrefetch(
      dir,
      incoming.filter(([path]) => existing.files.has(path)).map(([path]) => subtreePrefix + path),
    );
    await forEachCooperatively(
      incoming,
      ([path, content]) => {
        const folderEnd = paths.check(path);
        const size = byteLengthOf(content);
        const oid = hashObject('blob', content, size);
        const before = existing.files.get(path);
        const status =
          before === undefined
            ? 'added'
            : before.oid === oid && before.mode === FILE_MODE
              ? 'unchanged'
              : 'modified';
        if (status !== 'unchanged' && !existingBlobs.has(oid) && !newBlobs.has(oid)) {
          const blob: GitObject = { type: 'blob', oid, content: toBuffer(content) };
          newBlobs.set(oid, blob);
          // Enough new blobs for a pack: deflate them on worker threads while hashing goes on.
          if (deflation.pool !== null) deflation.pool.add(blob.content);
          else if (newBlobs.size >= DEFLATE_POOL_THRESHOLD) {
            deflation.pool = new DeflatePool(OBJECT_DEFLATE_OPTIONS);
            for (const queued of newBlobs.values()) deflation.pool.add(queued.content);
          }
        }
        prepared.push({
          path,
          folderEnd,
          oid,
          repoPath: subtreePrefix + path,
          content,
          size,
          status,
        });
      },
      signal,
      (done) => onProgress?.({ phase: 'hashing', done, total: incoming.length }),
    );
    const removed = [...existing.files.keys()].filter((path) => !files.has(path)).sort();

    const subtree = buildSubtree(prepared, existing.treeOids);
    const spliced = spliceSubtree(chain, subtreeSegments, subtree.oid);
    // No empty commits, including a first commit of nothing.
    const changed = spliced.rootOid !== (rootOid ?? EMPTY_TREE);

    // Files the commit keeps as they are must also be on disk as they are; stat tells cheaply.
    const indexByPath = new Map<string, IndexEntry>();
    const subtreeIndexEntries: IndexEntry[] = [];
    const outsideIndexEntries: IndexEntry[] = [];
    if (index !== null) {
      for (const entry of index.entries) {
        if (entry.path.subarray(0, subtreePrefixBytes.length).equals(subtreePrefixBytes)) {
          subtreeIndexEntries.push(entry);
          if (stageOf(entry) === 0) indexByPath.set(entry.path.toString('utf8'), entry);
        } else if (!subtreePrefix.startsWith(`${entry.path.toString('utf8')}/`)) {
          // (An entry named like the subtree or one of its parents would clash with the folder.)
          outsideIndexEntries.push(entry);
        }
      }
    } else if (rootOid !== null) {
      outsideIndexEntries.push(...(await headFilesOutside(reader, rootOid, subtreePath)));
    }
    const prefetched = await statPrefetch.result();
    const keptStats = new Map<string, IndexStat>();
    const toWrite: { file: PreparedFile; existed: boolean }[] = [];
    const unchanged = prepared.filter((file) => file.status === 'unchanged');
    await forEachCooperatively(
      unchanged,
      (file) => {
        const check = checkWorkingFile(
          dir,
          file,
          file.oid,
          indexByPath.get(file.repoPath),
          index?.mtime ?? null,
          prefetched.get(file.repoPath),
        );
        if (check.clean) keptStats.set(file.repoPath, check.stat);
        else toWrite.push({ file, existed: true });
      },
      signal,
      (done) => onProgress?.({ phase: 'checking-working-tree', done, total: unchanged.length }),
    );
    for (const file of prepared) {
      if (file.status !== 'unchanged') toWrite.push({ file, existed: file.status === 'modified' });
    }
    const newPaths = new Set(prepared.map((file) => file.repoPath));
    const toDelete = new Set(removed.map((path) => subtreePrefix + path));
    for (const entry of subtreeIndexEntries) {
      const path = entry.path.toString('utf8');
      if (!newPaths.has(path)) toDelete.add(path);
    }

    const byStatus = (status: PreparedFile['status']) =>
      prepared
        .filter((file) => file.status === status)
        .map((file) => file.path)
        .sort();
    const message =
      typeof options.message === 'string'
        ? options.message
        : options.message({ added: byStatus('added'), modified: byStatus('modified'), removed });
    checkCommitInput(options.author, message, options.now);
    let commit: string | null = null;
    if (changed) {
      const commitObj = commitObject({
        tree: spliced.rootOid,
        parent: head.commit,
        author: options.author,
        now: options.now,
        message,
      });
      commit = commitObj.oid;
      const blobs = [...newBlobs.values()];
      const progress = (done: number) =>
        onProgress?.({ phase: 'writing-objects', done, total: blobs.length });
      if (deflation.pool !== null) {
        await writePack(gitdir, blobs, signal, progress, await deflation.pool.finish());
      } else if (blobs.length >= PACK_THRESHOLD) {
        await writePack(gitdir, blobs, signal, progress);
      } else {
        await writeLooseObjects(gitdir, blobs, signal, progress);
      }
      // Trees and the commit stay loose: the next snapshot reads them back, and reading a few
      // loose objects is much cheaper than loading a pack index through isomorphic-git.
      await writeLooseObjects(gitdir, [...subtree.newTrees, ...spliced.newTrees, commitObj], signal);
    }

    const indexUnchanged =
      index !== null &&
      toWrite.length === 0 &&
      toDelete.size === 0 &&
      subtreeIndexEntries.length === prepared.length &&
      prepared.every((file) => {
        const entry = indexByPath.get(file.repoPath);
        const stat = keptStats.get(file.repoPath);
        return (
          entry !== undefined &&
          stat !== undefined &&
          entry.oid === file.oid &&
          entry.flags === 0 &&
          entry.extendedFlags === 0 &&
          statMatches(entry, stat)
        );
      });
    if (!changed && indexUnchanged) {
      return { commit: null, added: [], modified: [], removed: [], blobsWritten: 0 };
    }

    // Last point of cancellation: from here on the snapshot becomes visible, so it completes.
    signal?.throwIfAborted();
    if (commit !== null) refUpdate = await lockRef(gitdir, head, commit);

    await removeWorkingFiles(dir, [...toDelete], subtreePath);
    const written = await writeWorkingFiles(dir, toWrite, (done) =>
      onProgress?.({ phase: 'updating-working-tree', done, total: toWrite.length }),
    );
    const inPathOrder = prepared
      .map((file) => ({ file, key: orderedKey(file.repoPath) }))
      .sort((a, b) => compareUtf8(a.key, b.key));
    const subtreeEntries: IndexEntry[] = inPathOrder.map(({ file }) => {
      const fresh = written.get(file.repoPath);
      const kept = indexByPath.get(file.repoPath);
      // An entry that already says exactly this (same blob, same stat) is reused as it is.
      if (
        fresh === undefined &&
        kept !== undefined &&
        keptStats.get(file.repoPath) === kept &&
        kept.oid === file.oid &&
        kept.flags === 0 &&
        kept.extendedFlags === 0
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
    let newest: FileTime | null = null;
    for (const stat of written.values()) {
      newest = laterOf(newest, { seconds: stat.mtimeSeconds, nanoseconds: stat.mtimeNanoseconds });
    }
    await indexLock.commit(insertRun(outsideIndexEntries, subtreeEntries, subtreePrefixBytes), newest);
    if (refUpdate !== null && commit !== null) {
      await refUpdate.commit();
      refUpdate = null;
      await appendReflogs(gitdir, head, commit, options.author, options.now, message.split('\n')[0] ?? '');
    }

    // An unchanged root tree means nothing was added, modified or removed.
    return {
      commit,
      added: byStatus('added'),
      modified: byStatus('modified'),
      removed,
      blobsWritten: changed ? newBlobs.size : 0,
    };
  } finally {
    await deflation.pool?.close();
    await refUpdate?.release();
    await indexLock.release();
  }
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
function insertRun(others: readonly IndexEntry[], run: readonly IndexEntry[], prefix: Buffer): IndexEntry[] {
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
