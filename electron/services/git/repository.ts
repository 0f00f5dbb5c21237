import fs from 'node:fs';
import git, { type ReadCommitResult, type TreeEntry } from 'isomorphic-git';

/**
 * The workspace repository as the rest of the services see it: read a commit, a tree or a blob,
 * list history, stage and commit. Everything goes through isomorphic-git, and only this folder
 * imports it, so a change of git library (or of how it is called) stays here. Errors are
 * isomorphic-git's own, passed through: callers decide which ones mean "not there".
 */

/**
 * Parsed pack indexes kept between reads. Without one isomorphic-git re-reads the indexes on
 * every call, so a caller making many reads passes the same cache to each.
 */
export type GitReadCache = object;

export function newReadCache(): GitReadCache {
  return {};
}

/** A commit as read: its id and parsed headers (author, committer, parents, message). */
export type CommitRecord = ReadCommitResult;

/** One entry of a tree: `path` is the entry's name inside that tree. */
export type TreeEntryRecord = TreeEntry;

/** Who made a commit and when; times in seconds since the epoch. */
export interface CommitSignature {
  name: string;
  email: string;
  timestamp: number;
  /** Minutes, with git's sign convention (UTC is 0). */
  timezoneOffset: number;
}

/** A file's state across HEAD, index and working tree, in isomorphic-git's words ('unmodified', '*added'…). */
export type FileStatus = Awaited<ReturnType<typeof git.status>>;

export async function createRepository(dir: string, defaultBranch: string): Promise<void> {
  await git.init({ fs, dir, defaultBranch });
}

/** The working tree holding `dir` (it or a parent); throws when there is none. */
export function findRepositoryRoot(dir: string): Promise<string> {
  return git.findRoot({ fs, filepath: dir });
}

/** The commit HEAD points to; throws when there is none yet. */
export function resolveHead(dir: string): Promise<string> {
  return git.resolveRef({ fs, dir, ref: 'HEAD' });
}

/** The full id of an abbreviated one; throws when no object or several match. */
export function expandObjectId(dir: string, shortId: string): Promise<string> {
  return git.expandOid({ fs, dir, oid: shortId });
}

export function readCommit(dir: string, oid: string): Promise<CommitRecord> {
  return git.readCommit({ fs, dir, oid });
}

/**
 * The entries of the tree at `path` inside commit (or tree) `oid`, or of its root tree without
 * a path; throws when there is no such tree.
 */
export async function readTreeAt(
  dir: string,
  oid: string,
  path?: string,
  cache?: GitReadCache,
): Promise<TreeEntryRecord[]> {
  return (await git.readTree({ fs, dir, oid, ...(path === undefined ? {} : { filepath: path }), cache }))
    .tree;
}

/**
 * The bytes of the blob at `path` inside commit (or tree) `oid`, or of blob `oid` itself without
 * a path; throws when there is no such blob.
 */
export async function readBlobAt(
  dir: string,
  oid: string,
  path?: string,
  cache?: GitReadCache,
): Promise<Uint8Array> {
  return (await git.readBlob({ fs, dir, oid, ...(path === undefined ? {} : { filepath: path }), cache }))
    .blob;
}

/**
 * Commits reachable from HEAD, newest first: at most `depth` of them, and only those that
 * changed `path` when one is given.
 */
export function logCommits(
  dir: string,
  options: { path?: string; depth?: number; cache?: GitReadCache } = {},
): Promise<CommitRecord[]> {
  const { path, depth, cache } = options;
  return git.log({
    fs,
    dir,
    ...(path === undefined ? {} : { filepath: path }),
    ...(depth === undefined ? {} : { depth }),
    ...(cache === undefined ? {} : { cache }),
  });
}

export function fileStatus(dir: string, path: string): Promise<FileStatus> {
  return git.status({ fs, dir, filepath: path });
}

/** Records the file as it is on disk in the index. */
export function stageFile(dir: string, path: string): Promise<void> {
  return git.add({ fs, dir, filepath: path });
}

/** Drops the file from the index (it stays on disk if it is there). */
export function unstageFile(dir: string, path: string): Promise<void> {
  return git.remove({ fs, dir, filepath: path });
}

/** Commits what the index holds on the branch HEAD names; returns the new commit's id. */
export function commitStaged(
  dir: string,
  message: string,
  author: CommitSignature,
  committer: CommitSignature,
): Promise<string> {
  return git.commit({ fs, dir, message, author, committer });
}

export type FileChange = 'added' | 'modified' | 'deleted';

/**
 * Calls `record` for every file that differs between commit `before` (null: an empty tree) and
 * commit `after`, in tree order. Equal trees are skipped whole, so only what changed is walked.
 */
export async function forEachChangedFile(
  dir: string,
  before: string | null,
  after: string,
  record: (path: string, change: FileChange) => void,
): Promise<void> {
  const trees =
    before === null ? [git.TREE({ ref: after })] : [git.TREE({ ref: before }), git.TREE({ ref: after })];
  await git.walk({
    fs,
    dir,
    trees,
    map: async (path, entries) => {
      const [beforeEntry, afterEntry] =
        before === null ? [null, entries[0] ?? null] : [entries[0] ?? null, entries[1] ?? null];
      if (path === '.') return true;
      const [beforeOid, afterOid] = await Promise.all([beforeEntry?.oid(), afterEntry?.oid()]);
      if (beforeOid !== undefined && beforeOid === afterOid) return null;
      const [beforeType, afterType] = await Promise.all([beforeEntry?.type(), afterEntry?.type()]);
      const beforeBlob = beforeType === 'blob';
      const afterBlob = afterType === 'blob';
      if (beforeBlob && afterBlob) record(path, 'modified');
      else if (afterBlob) record(path, 'added');
      else if (beforeBlob) record(path, 'deleted');
      // A tree on either side: walk into it.
      return beforeType === 'tree' || afterType === 'tree' ? true : null;
    },
  });
}
