import { checkCommitInput, commitObject, type CommitIdentity } from './commit-object';
import { lockIndex, readIndexFile, type IndexLock, type IndexSnapshot } from './git-index-file';
import type { GitObject } from './git-object-hash';
import { GitObjectReader } from './git-object-reader';
import {
  appendReflogs,
  gitDirectoryOf,
  lockRef,
  readHead,
  type HeadTarget,
  type RefUpdate,
} from './git-refs';
import { writeLooseObjects } from './loose-object-writer';
import { writePack } from './pack-writer';
import { splitRepositoryPath } from './repository-path';
import {
  hashIncomingFiles,
  type DeflationHolder,
  type HashedFiles,
  type PreparedFile,
} from './subtree-hashing';
import {
  indexAlreadyMatches,
  insertRun,
  newestWritten,
  partitionIndex,
  subtreeIndexRun,
  type IndexPartition,
  type SubtreeLocation,
} from './subtree-index';
import { planWorkingTree, type WorkingTreePlan } from './subtree-working-plan';
import {
  buildSubtree,
  readAncestors,
  readExistingSubtree,
  spliceSubtree,
  type AncestorChain,
  type ExistingSubtree,
} from './tree-builder';
import { removeWorkingFiles, writeWorkingFiles } from './working-tree-sync';

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

/** The id of a tree with no entries: what a repository holding nothing would commit. */
const EMPTY_TREE = '4b825dc642cb6eb9a060e54bf8d69288fbee4904';

/** What HEAD holds, read once at the start under the index lock. */
interface StartingPoint {
  head: HeadTarget;
  reader: GitObjectReader;
  rootOid: string | null;
  chain: AncestorChain;
  existing: ExistingSubtree;
  index: IndexSnapshot | null;
}

/** What the finally block must let go of, whichever phase stopped. */
interface HeldResources extends DeflationHolder {
  refUpdate: RefUpdate | null;
}

function locate(subtreePath: string): SubtreeLocation {
  const segments = splitRepositoryPath(subtreePath, 'subtree path');
  const path = segments.join('/');
  return { segments, path, prefix: `${path}/`, prefixBytes: Buffer.from(`${path}/`) };
}

/** Everything decided before anything is written: new blobs and trees, and the disk's chores. */
interface CommitPlan {
  hashed: HashedFiles;
  change: SubtreeChange;
  /** The new root tree and the trees it needs that HEAD does not have. */
  root: { oid: string; newTrees: GitObject[] };
  /** False when the root tree comes out as HEAD's: then there is nothing to commit. */
  changed: boolean;
  partition: IndexPartition;
  workingTree: WorkingTreePlan;
}

/**
 * Commits the complete new content of one folder of the workspace as a single commit on the
 * branch HEAD names, building trees straight from HEAD's and writing only objects that are new.
 * Afterwards the folder's files on disk and the git index match the commit, so native
 * `git status` is clean for it; the rest of the repository (tree, index, files) is untouched.
 */
export async function commitSubtree(options: CommitSubtreeOptions): Promise<CommitSubtreeResult> {
  const { dir, signal } = options;
  const subtree = locate(options.subtreePath);
  checkCommitInput(
    options.author,
    typeof options.message === 'string' ? options.message : 'snapshot',
    options.now,
  );
  const gitdir = await gitDirectoryOf(dir);
  signal?.throwIfAborted();

  const indexLock = await lockIndex(gitdir);
  const held: HeldResources = { pool: null, refUpdate: null };
  try {
    const start = await readStartingPoint(gitdir, subtree.segments);
    signal?.throwIfAborted();
    const plan = await planCommit(options, subtree, start, held);
    const message = typeof options.message === 'string' ? options.message : options.message(plan.change);
    checkCommitInput(options.author, message, options.now);
    const commit = plan.changed ? await writeCommit(gitdir, plan, start.head, message, held, options) : null;
    const { toWrite, toDelete, keptStats } = plan.workingTree;
    const nothingToTouch = toWrite.length === 0 && toDelete.size === 0;
    if (
      !plan.changed &&
      indexAlreadyMatches(start.index, plan.partition, plan.hashed.prepared, keptStats, nothingToTouch)
    ) {
      return { commit: null, added: [], modified: [], removed: [], blobsWritten: 0 };
    }

    // Last point of cancellation: from here on the snapshot becomes visible, so it completes.
    signal?.throwIfAborted();
    if (commit !== null) held.refUpdate = await lockRef(gitdir, start.head, commit);
    await updateWorkingTreeAndIndex(dir, subtree, plan, indexLock, options.onProgress);
    if (held.refUpdate !== null && commit !== null) {
      await held.refUpdate.commit();
      held.refUpdate = null;
      const subject = message.split('\n')[0] ?? '';
      await appendReflogs(gitdir, start.head, commit, options.author, options.now, subject);
    }

    // An unchanged root tree means nothing was added, modified or removed.
    return { commit, ...plan.change, blobsWritten: plan.changed ? plan.hashed.newBlobs.size : 0 };
  } finally {
    await held.pool?.close();
    await held.refUpdate?.release();
    await indexLock.release();
  }
}

/** HEAD's commit, root tree, the trees down to the subtree, the subtree's files, and the index. */
async function readStartingPoint(gitdir: string, segments: readonly string[]): Promise<StartingPoint> {
  const head = await readHead(gitdir);
  const reader = new GitObjectReader(gitdir);
  const rootOid = head.commit === null ? null : await reader.readCommitTree(head.commit);
  const chain = await readAncestors(reader, rootOid, segments);
  const [existing, index] = await Promise.all([
    readExistingSubtree(reader, chain.subtreeOid),
    readIndexFile(gitdir),
  ]);
  return { head, reader, rootOid, chain, existing, index };
}

/** Hashes the new content, builds its trees, and works out what the disk and index need. */
async function planCommit(
  options: CommitSubtreeOptions,
  subtree: SubtreeLocation,
  start: StartingPoint,
  held: DeflationHolder,
): Promise<CommitPlan> {
  const { dir, files, signal, onProgress } = options;
  const hashed = await hashIncomingFiles({
    dir,
    files,
    existing: start.existing,
    subtreePrefix: subtree.prefix,
    deflation: held,
    signal,
    onProgress: (done) => onProgress?.({ phase: 'hashing', done, total: files.size }),
  });
  const removed = [...start.existing.files.keys()].filter((path) => !files.has(path)).sort();
  const newSubtree = buildSubtree(hashed.prepared, start.existing.treeOids);
  const spliced = spliceSubtree(start.chain, subtree.segments, newSubtree.oid);
  const root = { oid: spliced.rootOid, newTrees: [...newSubtree.newTrees, ...spliced.newTrees] };
  // No empty commits, including a first commit of nothing.
  const changed = root.oid !== (start.rootOid ?? EMPTY_TREE);
  const partition = await partitionIndex(start.index, start.reader, start.rootOid, subtree);
  const workingTree = await planWorkingTree({
    dir,
    hashed,
    removed,
    index: start.index,
    partition,
    subtreePrefix: subtree.prefix,
    signal,
    onProgress: (done, total) => onProgress?.({ phase: 'checking-working-tree', done, total }),
  });
  return { hashed, change: changeOf(hashed.prepared, removed), root, changed, partition, workingTree };
}

function changeOf(prepared: readonly PreparedFile[], removed: string[]): SubtreeChange {
  const byStatus = (status: PreparedFile['status']) =>
    prepared
      .filter((file) => file.status === status)
      .map((file) => file.path)
      .sort();
  return { added: byStatus('added'), modified: byStatus('modified'), removed };
}

/**
 * Writes the new blobs (a pack when there are many, deflated by the pool if hashing started
 * one), then the trees and the commit; returns the commit's id.
 */
async function writeCommit(
  gitdir: string,
  plan: CommitPlan,
  head: HeadTarget,
  message: string,
  held: DeflationHolder,
  options: CommitSubtreeOptions,
): Promise<string> {
  const { signal, onProgress } = options;
  const { author, now } = options;
  const commit = commitObject({ tree: plan.root.oid, parent: head.commit, author, now, message });
  const blobs = [...plan.hashed.newBlobs.values()];
  const progress = (done: number) => onProgress?.({ phase: 'writing-objects', done, total: blobs.length });
  if (held.pool !== null) {
    await writePack(gitdir, blobs, signal, progress, await held.pool.finish());
  } else if (blobs.length >= PACK_THRESHOLD) {
    await writePack(gitdir, blobs, signal, progress);
  } else {
    await writeLooseObjects(gitdir, blobs, signal, progress);
  }
  // Trees and the commit stay loose: the next snapshot reads them back, and reading a few
  // loose objects is much cheaper than loading a pack index through isomorphic-git.
  await writeLooseObjects(gitdir, [...plan.root.newTrees, commit], signal);
  return commit.oid;
}

/**
 * Deletes what the subtree no longer has, writes what it needs, and replaces the index with
 * the subtree's new entries among the untouched others.
 */
async function updateWorkingTreeAndIndex(
  dir: string,
  subtree: SubtreeLocation,
  plan: CommitPlan,
  indexLock: IndexLock,
  onProgress: CommitSubtreeOptions['onProgress'],
): Promise<void> {
  const { toWrite, toDelete, keptStats } = plan.workingTree;
  await removeWorkingFiles(dir, [...toDelete], subtree.path);
  const written = await writeWorkingFiles(dir, toWrite, (done) =>
    onProgress?.({ phase: 'updating-working-tree', done, total: toWrite.length }),
  );
  const run = subtreeIndexRun(plan.hashed.prepared, written, plan.partition, keptStats);
  await indexLock.commit(insertRun(plan.partition.outside, run, subtree.prefixBytes), newestWritten(written));
}
