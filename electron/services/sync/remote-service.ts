import { existsSync } from 'node:fs';
import { lstat, mkdir, readdir, rename, rm, rmdir, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { FerryError } from '../../../shared/api/api-error';
import { WORKSPACE_CONFIG_FILE, type WorkspaceInfo } from '../../../shared/model/workspace';
import type {
  ConflictResolution,
  ResolvedConflict,
  SnapshotMerge,
  SyncConflict,
} from '../../../shared/sync/sync-wire';
import { resolveAbsolutePath } from '../fs/path-guard';
import { fileStatus, resolveHead } from '../git/repository';
import {
  addRemoteRecord,
  checkoutBranch,
  cloneFrom,
  commitsReachable,
  deleteRemoteRecord,
  descendsFrom,
  fetchBranch,
  fileEntriesAt,
  headBranch,
  listRemoteRecords,
  mergeBases,
  mergeIntoBranch,
  moveBranch,
  pushBranch,
  remoteBranchHead,
  remoteFetchSpecs,
  restoreBranch,
  treeOfCommit,
  writeCommitObject,
  type TransferCredentials,
  type TransferProgress,
} from '../git/remote-transfer';
import type { CredentialVault } from '../vault/credential-vault';
import { DEFAULT_BRANCH, headCommit } from '../workspace/workspace-git';
import type { WorkspaceService } from '../workspace/workspace-service';
import { GitCredentials, type CredentialSourceName } from './git-credentials';
import { checkRemoteName, parseRemoteUrl, type RemoteAddress } from './remote-url';
import { describeConflicts } from './conflict-list';
import { refuseShapeSwaps, refuseUnsafeTree } from './incoming-tree-check';
import { matchResolutions, resolutionEdits } from './conflict-resolution';
import { changedPaths, planMerge } from './merge-plan';
import { editTree, type TreeEdit } from './merge-tree';
import { transferError } from './transfer-errors';

/** The remote a workspace made by `clone` has, and the one pull and push use when there are several. */
export const DEFAULT_REMOTE = 'origin';

export interface RemoteView {
  name: string;
  url: string;
  /** Where credentials for it would come from now (never the credentials). */
  credentials: CredentialSourceName;
}

export interface TransferControl {
  onProgress?: ((progress: TransferProgress & { operation: 'clone' | 'fetch' | 'push' }) => void) | undefined;
  signal?: AbortSignal | undefined;
  /** The remote's name; without it `origin`, or the only remote there is. */
  remote?: string | undefined;
}

export type PullOutcome = 'up-to-date' | 'ahead' | 'fast-forward' | 'merged';

export interface PullResult {
  remote: string;
  branch: string;
  outcome: PullOutcome;
  before: string;
  after: string;
  /** Files the pull changed in the workspace, in tree order. */
  files: string[];
  /** After `resolve`: what was kept of each conflict. */
  resolved?: ResolvedConflict[];
  /** Environments both sides snapshotted, and whose snapshot the merge kept (the newer). */
  snapshotMerges?: SnapshotMerge[];
}

/** Where the workspace stands against its remote, as of the last fetch. */
export interface SyncStatus {
  remote: string;
  branch: string;
  head: string;
  /** The remote's branch as last fetched; null when it has none (nothing pushed yet). */
  remoteHead: string | null;
  /** Commits here that the remote lacks: to push. */
  ahead: number;
  /** Commits on the remote that are not here: to pull. */
  behind: number;
}

export type PushOutcome = 'up-to-date' | 'pushed';

export interface PushResult {
  remote: string;
  branch: string;
  outcome: PushOutcome;
  head: string;
}

export interface RemoteServiceOptions {
  workspace: WorkspaceService;
  vault: CredentialVault;
  env: NodeJS.ProcessEnv;
}

/**
 * The open workspace's remotes and the transfers over them: clone, fetch, pull, push, sync. A pull
 * takes the remote's commits only when that cannot leave a half-merged workspace: a fast-forward,
 * or a merge of two sides that changed different files. Anything else is refused before a file,
 * the index or HEAD changes.
 */
export class RemoteService {
  readonly credentials: GitCredentials;

  constructor(private readonly options: RemoteServiceOptions) {
    this.credentials = new GitCredentials(options.vault, options.env);
  }

  async list(): Promise<RemoteView[]> {
    const dir = this.options.workspace.requirePath();
    const remotes = await listRemoteRecords(dir);
    return Promise.all(
      remotes.map(async ({ name, url }) => {
        // .git/config may have been edited by hand: an address Ferry would refuse is still listed
        // (without any password in it), and no credentials would be sent to it.
        const address = usableAddress(url);
        return address === null
          ? { name, url: withoutUserinfo(url), credentials: 'none' as const }
          : { name, url, credentials: await this.credentials.source(address.origin) };
      }),
    );
  }

  async add(name: string, url: string): Promise<RemoteView> {
    const dir = this.options.workspace.requirePath();
    checkRemoteName(name);
    const address = parseRemoteUrl(url);
    if ((await listRemoteRecords(dir)).some((remote) => remote.name === name)) {
      throw new FerryError(
        'sync.remote-invalid',
        `The workspace already has a remote called "${name}": remove it first (\`ferry remote remove ${name}\`) or choose another name`,
      );
    }
    await this.options.workspace.writeLock.run(() => addRemoteRecord(dir, name, address.url));
    return { name, url: address.url, credentials: await this.credentials.source(address.origin) };
  }

  async remove(name: string): Promise<void> {
    const dir = this.options.workspace.requirePath();
    await this.remote(dir, name);
    await this.options.workspace.writeLock.run(() => deleteRemoteRecord(dir, name));
  }

  /**
   * Stores credentials for a remote (by name, in the open workspace) or an address's host, sealed
   * in the vault for that origin only. Returns the origin they are for.
   */
  async login(target: string, credentials: TransferCredentials, acceptUnprotected = false): Promise<string> {
    const origin = await this.originFor(target);
    await this.credentials.store(origin, credentials, acceptUnprotected);
    return origin;
  }

  /** Forgets the stored credentials of a remote or host. */
  async logout(target: string): Promise<string> {
    const origin = await this.originFor(target);
    await this.credentials.forget(origin);
    return origin;
  }

  /**
   * Clones `url` into `inputDir` (absent or empty) and opens it as the workspace. The clone is made
   * in a hidden sibling folder and renamed into place, so a failure or a cancel leaves nothing.
   */
  async clone(url: string, inputDir: string, control: TransferControl = {}): Promise<WorkspaceInfo> {
    const address = parseRemoteUrl(url);
    const target = resolveAbsolutePath(inputDir, 'workspace folder');
    const state = await folderState(target);
    if (state === 'file' || state === 'non-empty') {
      throw new FerryError(
        'workspace.folder-not-empty',
        `${target} ${state === 'file' ? 'is a file' : 'is not empty'}: choose an empty or new folder to clone into`,
        { path: target },
      );
    }
    const parent = dirname(target);
    await mkdir(parent, { recursive: true });
    const staging = join(parent, `.ferry-clone-${randomBytes(6).toString('hex')}`);
    const credentials = await this.credentials.forOrigin(address.origin);
    try {
      await mkdir(staging);
      await cloneFrom(
        staging,
        address.url,
        DEFAULT_BRANCH,
        this.transfer('clone', address.url, credentials, control),
      );
      const cloned = await headCommit(staging);
      if (cloned === null) {
        throw new FerryError(
          'workspace.not-a-workspace',
          `${address.url} is empty: there is no workspace to clone yet. The teammate who has it adds this remote and pushes (\`ferry remote add origin ${address.url}\`, then \`ferry push\`)`,
        );
      }
      // cloneFrom fetched without checking out: the tree is checked before a file of it is written.
      await refuseUnsafeTree(staging, cloned, null, address.url);
      await checkoutBranch(
        staging,
        DEFAULT_BRANCH,
        this.transfer('clone', address.url, credentials, control).onProgress,
      );
      if (!existsSync(join(staging, WORKSPACE_CONFIG_FILE))) {
        throw new FerryError(
          'workspace.not-a-workspace',
          `${address.url} is a git repository but not a Ferry workspace (it has no ${WORKSPACE_CONFIG_FILE} on main)`,
        );
      }
      if (state === 'empty') await rmdir(target);
      await rename(staging, target);
    } catch (error) {
      await rm(staging, { recursive: true, force: true });
      throw transferError(error, { action: 'clone', url: address.url, credentials, signal: control.signal });
    }
    return this.options.workspace.open(target);
  }

  /** Brings the remote's branch into refs/remotes/<remote>/<branch>; the workspace itself is not touched. */
  async fetch(
    control: TransferControl = {},
  ): Promise<{ remote: string; branch: string; head: string | null }> {
    const dir = this.options.workspace.requirePath();
    const { name, url } = await this.remote(dir, control.remote);
    const branch = await requireBranch(dir);
    const credentials = await this.credentials.forOrigin(originOf(url));
    try {
      const head = await fetchBranch(dir, name, branch, this.transfer('fetch', url, credentials, control));
      return { remote: name, branch, head };
    } catch (error) {
      throw transferError(error, { action: 'fetch', url, credentials, signal: control.signal });
    }
  }

  /**
   * Fetches, then takes the remote's commits: a fast-forward, or a merge commit when no file was
   * changed differently on both sides (an environment both sides snapshotted keeps the newer
   * snapshot whole). Any such file is a conflict: nothing is pulled and the refusal names them,
   * for `conflicts` and `resolve`. Uncommitted edits in the way or unrelated histories are refused
   * with the working tree, index and HEAD as they were.
   */
  async pull(control: TransferControl = {}): Promise<PullResult> {
    return this.merge(control, null);
  }

  /**
   * Fetches, then lists every file both sides changed differently since they last agreed, side
   * by side (base, mine, theirs), with the choices each allows and, for a changeset, who approved
   * the version on each side. Empty when a pull would go through by itself. Changes nothing.
   */
  async conflicts(control: TransferControl = {}): Promise<SyncConflict[]> {
    const { remote, head: theirs } = await this.fetch(control);
    const dir = this.options.workspace.requirePath();
    return this.options.workspace.writeLock.run(async () => {
      const ours = await resolveHead(dir);
      if (theirs === null || theirs === ours || (await descendsFrom(dir, ours, theirs))) return [];
      await refuseUnsafeTree(dir, theirs, ours, remote);
      const base = await requireMergeBase(dir, ours, theirs, remote);
      if (base === ours) return [];
      const conflicts = await describeConflicts(dir, await planMerge(dir, base, ours, theirs));
      // Each carries the remote commit it was worked out against, for `resolve` to check.
      return conflicts.map((conflict) => ({ ...conflict, theirsCommit: theirs }));
    });
  }

  /**
   * A pull with a choice for each conflict (by path, or by changeset id for a changeset), all in
   * one call: the conflicts are worked out again against the remote as fetched now, and a choice
   * missing, unknown or not allowed refuses the whole resolve. One merge commit (parents: this
   * workspace's and the remote's) is built as objects, then checked out; a checkout that fails is
   * undone, so the workspace is never half-merged. With `theirsCommit` (the one the listing the
   * person read was worked out against) a remote that has moved on since refuses the resolve:
   * the choices were made looking at files that may no longer be what would be merged.
   */
  async resolve(
    resolutions: readonly ConflictResolution[],
    control: TransferControl & { theirsCommit?: string | undefined } = {},
  ): Promise<PullResult> {
    return this.merge(control, resolutions, control.theirsCommit);
  }

  /** `pull` (resolutions null: a conflict refuses) and `resolve` (a choice for every conflict). */
  private async merge(
    control: TransferControl,
    resolutions: readonly ConflictResolution[] | null,
    expectedTheirs?: string,
  ): Promise<PullResult> {
    const { remote, branch, head: theirs } = await this.fetch(control);
    if (expectedTheirs !== undefined && theirs !== expectedTheirs) {
      throw new FerryError(
        'sync.remote-moved',
        `${remote} changed since you looked at the conflicts, so nothing was merged and the workspace is as it was: review the conflicts again (\`ferry conflicts\`, or the Sync page), then resolve`,
        { remote, expected: expectedTheirs, found: theirs },
      );
    }
    const workspace = this.options.workspace;
    const dir = workspace.requirePath();
    return workspace.writeLock.run(async () => {
      const ours = await resolveHead(dir);
      const unchanged = (outcome: PullOutcome): PullResult => {
        // Choices for conflicts that are no longer there are refused rather than ignored.
        if (resolutions !== null && resolutions.length > 0) matchResolutions([], resolutions);
        return { remote, branch, outcome, before: ours, after: ours, files: [] };
      };
      if (theirs === null || theirs === ours) return unchanged('up-to-date');
      if (await descendsFrom(dir, ours, theirs)) return unchanged('ahead');
      // Before any of their tree is read for merging or written: links, submodules, clashing names.
      await refuseUnsafeTree(dir, theirs, ours, remote);
      const base = await requireMergeBase(dir, ours, theirs, remote);
      const author = workspace.author();
      const signature = {
        ...author,
        timestamp: Math.floor(workspace.now().getTime() / 1000),
        timezoneOffset: 0,
      };
      const message = `Merge ${remote}/${branch} into ${branch}`;
      if (base === ours) {
        if (resolutions !== null && resolutions.length > 0) matchResolutions([], resolutions);
        const incoming = await changedPaths(dir, base, theirs);
        refuseShapeSwaps(incoming, remote);
        await refuseUncommitted(dir, incoming);
        throwIfCancelled(control.signal);
        const merged = await mergeIntoBranch(dir, branch, theirs, message, signature);
        await this.checkOut(dir, branch, ours, incoming);
        return {
          remote,
          branch,
          outcome: merged.fastForward ? 'fast-forward' : 'merged',
          before: ours,
          after: merged.oid,
          files: incoming,
        };
      }

      const plan = await planMerge(dir, base, ours, theirs);
      if (resolutions === null && plan.conflicts.length > 0) throw conflict(remote, plan.conflicts);
      const conflicts = plan.conflicts.length > 0 ? await describeConflicts(dir, plan) : [];
      const choices = matchResolutions(conflicts, resolutions ?? []);
      const theirFiles = await fileEntriesAt(dir, theirs, plan.takeTheirs);
      const taken: TreeEdit[] = plan.takeTheirs.map((path) => ({ path, file: theirFiles.get(path) ?? null }));
      const { edits, resolved } = await resolutionEdits(dir, plan, conflicts, choices);
      throwIfCancelled(control.signal);
      const tree = await editTree(dir, await treeOfCommit(dir, ours), [...taken, ...edits]);
      const snapshotMerges = plan.snapshots.map((choice) => ({
        environment: choice.environment,
        kept: choice.kept,
        mineAt: isoTime(choice.mineAt),
        theirsAt: isoTime(choice.theirsAt),
      }));
      const commit = await writeCommitObject(dir, {
        tree,
        parents: [ours, theirs],
        message: mergeMessage(message, resolved, snapshotMerges),
        author: signature,
      });
      // Only now is anything outside .git/objects touched: first the checks, then the branch.
      const files = await changedPaths(dir, ours, commit);
      refuseShapeSwaps(files, remote);
      await refuseUncommitted(dir, files);
      throwIfCancelled(control.signal);
      await moveBranch(dir, branch, commit);
      await this.checkOut(dir, branch, ours, files);
      return {
        remote,
        branch,
        outcome: 'merged',
        before: ours,
        after: commit,
        files,
        ...(resolutions !== null ? { resolved } : {}),
        ...(snapshotMerges.length > 0 ? { snapshotMerges } : {}),
      };
    });
  }

  /**
   * Brings the index and working tree to the branch's new commit; when that fails part-way the
   * branch goes back to `before` and the files it was changing with it, then the workspace is
   * reopened either way.
   */
  private async checkOut(
    dir: string,
    branch: string,
    before: string,
    files: readonly string[],
  ): Promise<void> {
    try {
      await checkoutBranch(dir, branch);
    } catch (error) {
      await restoreBranch(dir, branch, before, files);
      const detail = error instanceof Error ? error.message : String(error);
      throw new FerryError(
        'sync.local-changes',
        `The pull could not write the workspace's files (${detail}), so it was undone and nothing was pulled: move away whatever is in the way of the files it brings (${files.join(', ')}), then pull again`,
        { files: [...files] },
      );
    }
    await pruneEmptyFolders(dir, files);
    await this.options.workspace.open(dir);
  }

  /** Pushes the branch; refused with "pull first" when the remote has commits this workspace lacks. */
  async push(control: TransferControl = {}): Promise<PushResult> {
    const { remote, branch, head: theirs } = await this.fetch(control);
    const dir = this.options.workspace.requirePath();
    const head = await resolveHead(dir);
    if (theirs === head) return { remote, branch, outcome: 'up-to-date', head };
    if (theirs !== null && !(await descendsFrom(dir, head, theirs))) {
      throw new FerryError(
        'sync.behind',
        `${remote} has commits this workspace does not have yet, so nothing was pushed: pull first (\`ferry pull\`, or \`ferry sync\` to pull then push)`,
        { remote },
      );
    }
    const { url } = await this.remote(dir, remote);
    const credentials = await this.credentials.forOrigin(originOf(url));
    try {
      await pushBranch(dir, remote, branch, this.transfer('push', url, credentials, control));
    } catch (error) {
      throw transferError(error, { action: 'push', url, credentials, signal: control.signal });
    }
    return { remote, branch, outcome: 'pushed', head };
  }

  /**
   * Ahead and behind counts: after a fetch by default, or from what the last transfer brought
   * when `offline` (no network, for a quick look).
   */
  async status(control: TransferControl & { offline?: boolean } = {}): Promise<SyncStatus> {
    const dir = this.options.workspace.requirePath();
    let remote: string;
    let branch: string;
    let remoteHead: string | null;
    if (control.offline === true) {
      remote = (await this.remote(dir, control.remote)).name;
      branch = await requireBranch(dir);
      remoteHead = await remoteBranchHead(dir, remote, branch);
    } else {
      ({ remote, branch, head: remoteHead } = await this.fetch(control));
    }
    const head = await resolveHead(dir);
    if (remoteHead === null) {
      return { remote, branch, head, remoteHead, ahead: (await commitsReachable(dir, head)).size, behind: 0 };
    }
    const [ours, theirs] = await Promise.all([
      commitsReachable(dir, head),
      commitsReachable(dir, remoteHead),
    ]);
    const count = (from: Set<string>, without: Set<string>) =>
      [...from].filter((oid) => !without.has(oid)).length;
    return { remote, branch, head, remoteHead, ahead: count(ours, theirs), behind: count(theirs, ours) };
  }

  /** Pull, then push what the workspace has that the remote has not. */
  async sync(control: TransferControl = {}): Promise<{ pull: PullResult; push: PushResult }> {
    const pull = await this.pull(control);
    const push = await this.push({ ...control, remote: pull.remote });
    return { pull, push };
  }

  private transfer(
    operation: 'clone' | 'fetch' | 'push',
    url: string,
    credentials: TransferCredentials | null,
    control: TransferControl,
  ) {
    const { onProgress } = control;
    return {
      url,
      credentials,
      signal: control.signal,
      onProgress: onProgress
        ? (progress: TransferProgress) => onProgress({ ...progress, operation })
        : undefined,
    };
  }

  /** The named remote, or `origin`, or the only one; refused when there is none to choose. */
  private async remote(dir: string, name: string | undefined): Promise<{ name: string; url: string }> {
    const remotes = await listRemoteRecords(dir);
    const wanted = name ?? (remotes.length === 1 ? remotes[0]?.name : DEFAULT_REMOTE);
    const found = remotes.find((remote) => remote.name === wanted);
    if (found === undefined) {
      throw new FerryError(
        'sync.remote-not-found',
        remotes.length === 0
          ? 'This workspace has no remote yet: add one with `ferry remote add origin <url>`'
          : `This workspace has no remote called "${wanted ?? DEFAULT_REMOTE}" (it has ${remotes.map((remote) => remote.name).join(', ')})`,
      );
    }
    // .git/config can be edited by hand: an address Ferry would not add is not used either.
    parseRemoteUrl(found.url);
    // Nor a fetch refspec that writes outside refs/remotes/<name>/: `+refs/heads/*:refs/heads/*`
    // would have the fetch force this workspace's own branch onto theirs, silently dropping
    // commits not yet pushed (the pull would then say "up to date").
    const tracking = `refs/remotes/${found.name}/`;
    const stray = (await remoteFetchSpecs(dir, found.name)).filter(
      (spec) => !(spec.split(':')[1] ?? '').startsWith(tracking),
    );
    if (stray.length > 0) {
      throw new FerryError(
        'sync.remote-invalid',
        `The remote "${found.name}" in .git/config fetches into ${stray.map((spec) => `"${spec}"`).join(', ')}, which would overwrite this workspace's own branches, so nothing was fetched: set it back with \`git config --replace-all remote.${found.name}.fetch '+refs/heads/*:${tracking}*'\``,
        { remote: found.name },
      );
    }
    return found;
  }

  private async originFor(target: string): Promise<string> {
    if (target.includes('://')) return parseRemoteUrl(target).origin;
    const dir = (await this.options.workspace.info())?.path;
    if (dir !== undefined) {
      const remote = (await listRemoteRecords(dir)).find((candidate) => candidate.name === target);
      if (remote !== undefined) return parseRemoteUrl(remote.url).origin;
    }
    return parseRemoteUrl(`https://${target}`).origin;
  }
}

function usableAddress(url: string): RemoteAddress | null {
  try {
    return parseRemoteUrl(url);
  } catch {
    return null;
  }
}

function withoutUserinfo(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    return parsed.href;
  } catch {
    return '(not an address)';
  }
}

function originOf(url: string): string {
  return parseRemoteUrl(url).origin;
}

async function requireBranch(dir: string): Promise<string> {
  const branch = await headBranch(dir);
  if (branch === null) {
    throw new FerryError(
      'sync.diverged',
      'The workspace is not on a branch (HEAD is detached), so there is nothing to pull into or push: check out main with git first',
    );
  }
  return branch;
}

async function requireMergeBase(dir: string, ours: string, theirs: string, remote: string): Promise<string> {
  const [base] = await mergeBases(dir, ours, theirs);
  if (base === undefined) {
    throw new FerryError(
      'sync.diverged',
      `This workspace and ${remote} share no history, so nothing was pulled: clone ${remote} into a new folder instead`,
      { remote },
    );
  }
  return base;
}

/**
 * Removes the folders a merge emptied (a deleted changeset's approvals folder): isomorphic-git's
 * checkout deletes files but leaves their folders. Only empty ones go (rmdir refuses others), and
 * never above the workspace.
 */
async function pruneEmptyFolders(dir: string, files: readonly string[]): Promise<void> {
  const folders = new Set<string>();
  for (const file of files) {
    for (let slash = file.lastIndexOf('/'); slash > 0; slash = file.lastIndexOf('/', slash - 1)) {
      folders.add(file.slice(0, slash));
    }
  }
  // Deepest first, so a parent is tried once its children are gone.
  for (const folder of [...folders].sort((a, b) => b.split('/').length - a.split('/').length)) {
    await rmdir(join(dir, folder)).catch(() => undefined);
  }
}

/** Before the branch moves, a cancel still leaves everything as it was. */
function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted === true) {
    throw new FerryError(
      'sync.cancelled',
      'The pull was cancelled before it changed anything; the workspace is as it was',
      {},
    );
  }
}

function isoTime(seconds: number | null): string | null {
  return seconds === null ? null : new Date(seconds * 1000).toISOString();
}

/** The merge commit's message: what was kept of each conflict and snapshot, for `git log` readers. */
function mergeMessage(
  title: string,
  resolved: readonly ResolvedConflict[],
  snapshots: readonly SnapshotMerge[],
): string {
  const lines = [
    ...resolved.map((item) =>
      item.copy === null
        ? `${item.path}: kept ${item.choice}`
        : `${item.path}: kept theirs, and mine as ${item.copy.path}`,
    ),
    ...snapshots.map(
      (item) =>
        `environments/${item.environment} snapshot: kept ${item.kept} (newer: ${item.kept === 'mine' ? item.mineAt : item.theirsAt})`,
    ),
  ];
  return lines.length === 0 ? title : `${title}\n\n${lines.join('\n')}\n`;
}

/** The changesets among `files`, by id, for the sentence a person reads. */
function conflict(remote: string, files: string[]): FerryError {
  const changesets = files
    .map((path) => /^changesets\/([^/]+)\.json$/.exec(path)?.[1])
    .filter((id): id is string => id !== undefined);
  const named =
    changesets.length > 0 ? ` (changeset${changesets.length > 1 ? 's' : ''} ${changesets.join(', ')})` : '';
  return new FerryError(
    'sync.conflict',
    `You and ${remote} both changed ${files.join(', ')}${named}, so nothing was pulled and the workspace is as it was. See them side by side with \`ferry conflicts\` (or on the Sync page in the app), then choose for each in one go: \`ferry resolve <path or changeset id> mine|theirs|both …\` (both keeps theirs and yours as a copy with a new id).`,
    { remote, files, changesets },
  );
}

/** A pull writes only the files it brings in: each must be as last committed (or absent). */
async function refuseUncommitted(dir: string, files: readonly string[]): Promise<void> {
  const dirty: string[] = [];
  for (const path of files) {
    const status = await statusInWorkspace(dir, path);
    if (status !== 'unmodified' && status !== 'absent') dirty.push(path);
  }
  if (dirty.length > 0) {
    throw new FerryError(
      'sync.local-changes',
      `${dirty.join(', ')} ${dirty.length > 1 ? 'have' : 'has'} changes not yet committed that the pull would overwrite, so nothing was pulled: finish or undo that work, then pull again`,
      { files: dirty },
    );
  }
}

/**
 * isomorphic-git's status of one path, where a teammate may have swapped a file and a folder. Its
 * status throws when the path is a folder on disk (their file replaces our folder: the files in it
 * are among those the pull changes, each checked on its own) and when a folder on the path is a
 * file in HEAD (their folder replaces our file `notes/plain`: nothing is committed at
 * `notes/plain/…`, so only something on disk there would be in the way).
 */
async function statusInWorkspace(dir: string, path: string): Promise<string> {
  const onDisk = await lstat(join(dir, path)).catch(() => null);
  if (onDisk?.isDirectory() === true) return 'absent';
  try {
    return await fileStatus(dir, path);
  } catch (error) {
    if (!(error instanceof Error && 'code' in error && error.code === 'ObjectTypeError')) throw error;
    return (await lstat(join(dir, path)).then(
      () => true,
      () => false,
    ))
      ? '*added'
      : 'absent';
  }
}

async function folderState(path: string): Promise<'missing' | 'file' | 'empty' | 'non-empty'> {
  try {
    const info = await stat(path);
    if (!info.isDirectory()) return 'file';
    return (await readdir(path)).length === 0 ? 'empty' : 'non-empty';
  } catch {
    return 'missing';
  }
}
