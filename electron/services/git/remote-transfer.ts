import fs from 'node:fs';
import git, { type TreeEntry } from 'isomorphic-git';
import nodeHttp, { type GitHttpRequest, type HttpClient } from 'isomorphic-git/http/node';

/**
 * The second door to isomorphic-git (after repository.ts): everything that talks to a remote —
 * remotes in .git/config, clone, fetch, push — and the local ref work a pull needs (merge base,
 * merge, checkout). Kept apart so the network-facing calls, and the rules they run under (no
 * redirects, a cancel that stops the request), are in one place. Errors are isomorphic-git's own;
 * the sync service turns them into words, since only it knows which credentials to keep out.
 */

/** What a transfer reports as it goes, in isomorphic-git's words ('Counting objects', 'Receiving objects'…). */
export interface TransferProgress {
  phase: string;
  loaded: number;
  /** 0 when the total is not known yet. */
  total: number;
}

/** User name and password (or token) for one request; never written anywhere by this module. */
export interface TransferCredentials {
  username: string;
  password: string;
}

export interface TransferOptions {
  /**
   * The address the transfer goes to, as the caller checked it. Always passed to isomorphic-git,
   * which would otherwise read .git/config again: `remote.<name>.pushurl` there (hand-edited, or
   * in a workspace folder someone handed over) would take the push and the credentials checked for
   * `url`'s origin to another host.
   */
  url: string;
  /** Null: try without credentials (a public remote). */
  credentials: TransferCredentials | null;
  onProgress?: ((progress: TransferProgress) => void) | undefined;
  signal?: AbortSignal | undefined;
}

/**
 * isomorphic-git's node client, with the caller's AbortSignal on every request (its fetch and
 * clone take none) and redirects not followed: a redirect could carry the Authorization header
 * to another host.
 */
function guardedHttp(signal: AbortSignal | undefined): HttpClient {
  return {
    request: (request: GitHttpRequest) => {
      signal?.throwIfAborted();
      return nodeHttp.request({
        ...request,
        ...(signal ? { signal } : {}),
        fetchOptions: { followRedirects: false },
      });
    },
  };
}

/** A progress count as a non-negative finite number: 0 when isomorphic-git does not know it. */
function finiteCount(value: number | undefined): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : 0;
}

/**
 * isomorphic-git reports `total: undefined` while it does not know it yet (and leaves `loaded`
 * out in some phases, e.g. 'Analyzing workdir'): normalised here, at the source, so no schema or
 * sum downstream meets undefined.
 */
function normalisedProgress(onProgress: (progress: TransferProgress) => void) {
  return (event: { phase: string; loaded?: number; total?: number }) =>
    onProgress({ phase: event.phase, loaded: finiteCount(event.loaded), total: finiteCount(event.total) });
}

function transferHooks(options: TransferOptions) {
  const { credentials, onProgress } = options;
  return {
    url: options.url,
    // Not read from .git/config (`http.corsProxy`): a proxy there would see every request,
    // Authorization header included.
    corsProxy: '',
    http: guardedHttp(options.signal),
    ...(onProgress ? { onProgress: normalisedProgress(onProgress) } : {}),
    // Asked once; a refusal is not retried with the same credentials (onAuthFailure cancels).
    onAuth: () => (credentials ? { ...credentials } : { cancel: true }),
    onAuthFailure: () => ({ cancel: true }),
  };
}

export interface RemoteRecord {
  name: string;
  url: string;
}

export function listRemoteRecords(dir: string): Promise<RemoteRecord[]> {
  return git
    .listRemotes({ fs, dir })
    .then((remotes) => remotes.map(({ remote, url }) => ({ name: remote, url })));
}

export function addRemoteRecord(dir: string, name: string, url: string): Promise<void> {
  return git.addRemote({ fs, dir, remote: name, url });
}

/** The remote's fetch refspecs as .git/config has them (`+refs/heads/*:refs/remotes/origin/*`). */
export function remoteFetchSpecs(dir: string, name: string): Promise<string[]> {
  return git
    .getConfigAll({ fs, dir, path: `remote.${name}.fetch` })
    .then((values) => values.filter((value): value is string => typeof value === 'string'));
}

export function deleteRemoteRecord(dir: string, name: string): Promise<void> {
  return git.deleteRemote({ fs, dir, remote: name });
}

/**
 * Clones `url`'s `branch` into the empty folder `dir` without checking it out: the caller checks
 * the tree a teammate pushed before any of it becomes files (`checkoutBranch` then writes them).
 */
export async function cloneFrom(
  dir: string,
  url: string,
  branch: string,
  options: TransferOptions,
): Promise<void> {
  await git.clone({
    fs,
    dir,
    ref: branch,
    singleBranch: true,
    noCheckout: true,
    ...transferHooks({ ...options, url }),
  });
  options.signal?.throwIfAborted();
}

/**
 * Fetches `branch` from `remote` into refs/remotes/<remote>/<branch>; returns the commit it
 * names there, or null when the remote has no such branch yet (an empty remote).
 */
export async function fetchBranch(
  dir: string,
  remote: string,
  branch: string,
  options: TransferOptions,
): Promise<string | null> {
  const tracking = `refs/remotes/${remote}/${branch}`;
  const before = await remoteBranchHead(dir, remote, branch);
  try {
    const result = await git.fetch({
      fs,
      dir,
      remote,
      ref: branch,
      // Named here, not taken from `branch.<name>.merge` in .git/config.
      remoteRef: branch,
      singleBranch: true,
      tags: false,
      ...transferHooks(options),
    });
    options.signal?.throwIfAborted();
    const head = result.fetchHead ?? null;
    // A pack cut short can still leave the ref written: the commit it names must be here.
    if (head !== null) await git.readCommit({ fs, dir, oid: head });
    return head;
  } catch (error) {
    // isomorphic-git writes the remote-tracking ref before the pack is known complete: a
    // connection dropped mid-pack left it naming a commit that is not here (git fsck: "invalid
    // sha1 pointer"), and the next fetch would tell the remote we have it. Put it back.
    if (before === null) await git.deleteRef({ fs, dir, ref: tracking }).catch(() => undefined);
    else await git.writeRef({ fs, dir, ref: tracking, value: before, force: true });
    throw error;
  }
}

/**
 * The remote's receive-pack answered but refused a ref (another push got there first, a hook, a
 * protected branch); `reason` is its words, e.g. `refs/heads/main non-fast-forward`.
 */
export class PushRefusedError extends Error {
  constructor(readonly reason: string) {
    super(`the remote refused the push: ${reason}`);
    this.name = 'PushRefusedError';
  }
}

/**
 * Pushes local `branch` to the same branch on `remote`, never forced. Throws isomorphic-git's
 * PushRejectedError when the remote moved on.
 */
export async function pushBranch(
  dir: string,
  remote: string,
  branch: string,
  options: TransferOptions,
): Promise<void> {
  const result = await git.push({
    fs,
    dir,
    remote,
    ref: branch,
    remoteRef: branch,
    force: false,
    ...transferHooks(options),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const refused = Object.entries(result.refs).filter(([, status]) => !status.ok);
  if (!result.ok || refused.length > 0) {
    throw new PushRefusedError(
      refused.map(([ref, status]) => `${ref} ${status.error ?? 'refused'}`).join('; ') ||
        (result.error ?? 'refused'),
    );
  }
}

/** The remote-tracking ref's commit, or null when there is none. */
export async function remoteBranchHead(dir: string, remote: string, branch: string): Promise<string | null> {
  try {
    return await git.resolveRef({ fs, dir, ref: `refs/remotes/${remote}/${branch}` });
  } catch {
    return null;
  }
}

/** The branch HEAD names (short name), or null when detached. */
export async function headBranch(dir: string): Promise<string | null> {
  return (await git.currentBranch({ fs, dir })) ?? null;
}

/**
 * Every commit in `oid`'s history. Walks the whole history: fine for a workspace's (a commit per
 * change, thousands at most); a status for very long histories would want a bounded walk.
 */
export async function commitsReachable(dir: string, oid: string): Promise<Set<string>> {
  return new Set((await git.log({ fs, dir, ref: oid })).map((entry) => entry.oid));
}

/** The newest commits both histories share; empty when they share none. */
export function mergeBases(dir: string, a: string, b: string): Promise<string[]> {
  return git.findMergeBase({ fs, dir, oids: [a, b] });
}

/** True when `ancestor` is in `oid`'s history (not when they are equal). */
export function descendsFrom(dir: string, oid: string, ancestor: string): Promise<boolean> {
  return git.isDescendent({ fs, dir, oid, ancestor, depth: -1 });
}

/**
 * Moves local `branch` to `theirs`: a fast-forward when ours is in its history, else a merge
 * commit (the caller has checked that the two sides touched different files, so it merges
 * without conflicts; isomorphic-git still aborts rather than write a conflicted one). Only the
 * branch ref moves: `checkoutBranch` then brings the index and working tree along.
 */
export async function mergeIntoBranch(
  dir: string,
  branch: string,
  theirs: string,
  message: string,
  author: { name: string; email: string; timestamp: number; timezoneOffset: number },
): Promise<{ oid: string; fastForward: boolean }> {
  const result = await git.merge({
    fs,
    dir,
    ours: branch,
    theirs,
    message,
    author,
    committer: author,
    abortOnConflict: true,
  });
  if (result.oid === undefined) throw new Error('the merge produced no commit');
  return { oid: result.oid, fastForward: result.fastForward === true };
}

/** Makes the index and working tree match `branch`'s commit (HEAD already names it). */
export async function checkoutBranch(
  dir: string,
  branch: string,
  onProgress?: (progress: TransferProgress) => void,
): Promise<void> {
  await git.checkout({
    fs,
    dir,
    ref: branch,
    ...(onProgress ? { onProgress: normalisedProgress(onProgress) } : {}),
  });
}

/**
 * Undoes a pull whose checkout failed: the branch back on `oid`, and `paths` (what the pull was
 * bringing in) as that commit has them.
 */
export async function restoreBranch(
  dir: string,
  branch: string,
  oid: string,
  paths: readonly string[],
): Promise<void> {
  await git.writeRef({ fs, dir, ref: `refs/heads/${branch}`, value: oid, force: true });
  if (paths.length > 0) await git.checkout({ fs, dir, ref: branch, force: true, filepaths: [...paths] });
}

/** One entry of a tree, as a merge builds them: a file (blob) or a folder (tree). */
export interface MergeTreeEntry {
  name: string;
  mode: string;
  oid: string;
  type: 'blob' | 'tree' | 'commit';
}

/** The tree a commit records. */
export async function treeOfCommit(dir: string, commit: string): Promise<string> {
  return (await git.readCommit({ fs, dir, oid: commit })).commit.tree;
}

/** A tree's entries by id; an empty list for null (a folder that does not exist yet). */
export async function readTreeEntries(dir: string, tree: string | null): Promise<MergeTreeEntry[]> {
  if (tree === null) return [];
  const { tree: entries } = await git.readTree({ fs, dir, oid: tree });
  return entries.map(({ path, mode, oid, type }) => ({ name: path, mode, oid, type }));
}

/** Writes a tree object (isomorphic-git sorts the entries in git's order); returns its id. */
export function writeTreeEntries(dir: string, entries: readonly MergeTreeEntry[]): Promise<string> {
  return git.writeTree({
    fs,
    dir,
    tree: entries.map(({ name, mode, oid, type }) => ({ path: name, mode, oid, type })),
  });
}

/** The blob a commit holds at `path` (id and mode), or null when it holds no file there. */
export async function fileEntryAt(
  dir: string,
  commit: string,
  path: string,
): Promise<{ oid: string; mode: string } | null> {
  const slash = path.lastIndexOf('/');
  const folder = slash < 0 ? '' : path.slice(0, slash);
  const name = path.slice(slash + 1);
  try {
    const { tree } = await git.readTree({ fs, dir, oid: commit, ...(folder ? { filepath: folder } : {}) });
    const entry = tree.find((candidate) => candidate.path === name);
    return entry !== undefined && entry.type === 'blob' ? { oid: entry.oid, mode: entry.mode } : null;
  } catch (error) {
    if (error instanceof git.Errors.NotFoundError || error instanceof git.Errors.ObjectTypeError) return null;
    throw error;
  }
}

/**
 * The blobs a commit holds at each of `paths` (null where it holds no file), reading each folder
 * once: a snapshot taken whole from one side can be tens of thousands of files in a few folders.
 */
export async function fileEntriesAt(
  dir: string,
  commit: string,
  paths: readonly string[],
): Promise<Map<string, { oid: string; mode: string } | null>> {
  const cache = {};
  const byFolder = new Map<string, string[]>();
  for (const path of paths) {
    const folder = path.slice(0, Math.max(0, path.lastIndexOf('/')));
    const group = byFolder.get(folder);
    if (group === undefined) byFolder.set(folder, [path]);
    else group.push(path);
  }
  const found = new Map<string, { oid: string; mode: string } | null>();
  for (const [folder, inFolder] of byFolder) {
    let entries: TreeEntry[] = [];
    try {
      entries = (await git.readTree({ fs, dir, oid: commit, cache, ...(folder ? { filepath: folder } : {}) }))
        .tree;
    } catch (error) {
      if (!(error instanceof git.Errors.NotFoundError || error instanceof git.Errors.ObjectTypeError))
        throw error;
    }
    const byName = new Map(entries.map((entry) => [entry.path, entry]));
    for (const path of inFolder) {
      const entry = byName.get(path.slice(path.lastIndexOf('/') + 1));
      found.set(
        path,
        entry !== undefined && entry.type === 'blob' ? { oid: entry.oid, mode: entry.mode } : null,
      );
    }
  }
  return found;
}

/** A blob's bytes. */
export async function readBlobBytes(dir: string, oid: string): Promise<Uint8Array> {
  return (await git.readBlob({ fs, dir, oid })).blob;
}

/** Stores `bytes` as a blob (not in the index or working tree); returns its id. */
export function writeBlobBytes(dir: string, bytes: Uint8Array): Promise<string> {
  return git.writeBlob({ fs, dir, blob: bytes });
}

/**
 * Writes a commit object with the given tree and parents, without moving any ref: a merge is
 * built whole as objects first, so nothing in the workspace changes until `moveBranch`.
 */
export function writeCommitObject(
  dir: string,
  input: {
    tree: string;
    parents: readonly string[];
    message: string;
    author: { name: string; email: string; timestamp: number; timezoneOffset: number };
  },
): Promise<string> {
  return git.writeCommit({
    fs,
    dir,
    commit: {
      tree: input.tree,
      parent: [...input.parents],
      author: input.author,
      committer: input.author,
      message: input.message.endsWith('\n') ? input.message : `${input.message}\n`,
    },
  });
}

/** Points local `branch` at `oid` (the index and working tree follow with `checkoutBranch`). */
export async function moveBranch(dir: string, branch: string, oid: string): Promise<void> {
  await git.writeRef({ fs, dir, ref: `refs/heads/${branch}`, value: oid, force: true });
}

/** A history walk stops here: far beyond a workspace's, so only a runaway loop is cut short. */
const MAX_HISTORY_STEPS = 100_000;

/**
 * The committer time (seconds) of the commit that made `paths` what they are at `head`; null when
 * none of them exists there. Walks back through parents that have the same content (as git log's
 * history simplification does), so a merge that only took one side's version is passed through to
 * the commit that wrote it: a snapshot merged in keeps the time it was taken, not the merge's.
 */
export async function lastChangeTime(
  dir: string,
  head: string,
  paths: readonly string[],
): Promise<number | null> {
  const cache = {};
  const contentAt = async (commit: string) =>
    (await Promise.all(paths.map((path) => entryIdAt(dir, commit, path, cache)))).join('|');
  let oid = head;
  const content = await contentAt(oid);
  if (content === paths.map(() => '').join('|')) return null;
  let time: number | null = null;
  for (let step = 0; step < MAX_HISTORY_STEPS; step += 1) {
    const { commit } = await git.readCommit({ fs, dir, oid, cache });
    time = commit.committer.timestamp;
    let same: string | null = null;
    for (const parent of commit.parent) {
      if ((await contentAt(parent)) === content) {
        same = parent;
        break;
      }
    }
    if (same === null) return time;
    oid = same;
  }
  return time;
}

/** The id of whatever `path` names in a commit (file or folder); '' when nothing is there. */
async function entryIdAt(dir: string, commit: string, path: string, cache: object): Promise<string> {
  const slash = path.lastIndexOf('/');
  const folder = slash < 0 ? '' : path.slice(0, slash);
  try {
    const { tree } = await git.readTree({
      fs,
      dir,
      oid: commit,
      cache,
      ...(folder ? { filepath: folder } : {}),
    });
    return tree.find((entry) => entry.path === path.slice(slash + 1))?.oid ?? '';
  } catch (error) {
    if (error instanceof git.Errors.NotFoundError || error instanceof git.Errors.ObjectTypeError) return '';
    throw error;
  }
}

/** The entries of the folder `folder` in a commit; empty when the commit has no such folder. */
export async function folderEntriesAt(
  dir: string,
  commit: string,
  folder: string,
): Promise<MergeTreeEntry[]> {
  try {
    const { tree } = await git.readTree({ fs, dir, oid: commit, filepath: folder });
    return tree.map(({ path, mode, oid, type }) => ({ name: path, mode, oid, type }));
  } catch (error) {
    if (error instanceof git.Errors.NotFoundError || error instanceof git.Errors.ObjectTypeError) return [];
    throw error;
  }
}
