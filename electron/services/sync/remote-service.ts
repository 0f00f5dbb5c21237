import { existsSync } from 'node:fs';
import { mkdir, readdir, rename, rm, rmdir, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { FerryError } from '../../../shared/api/api-error';
import { WORKSPACE_CONFIG_FILE, type WorkspaceInfo } from '../../../shared/model/workspace';
import type { ConflictResolution, SyncConflict } from '../../../shared/sync/sync-wire';
import { resolveAbsolutePath } from '../fs/path-guard';
import { fileStatus, forEachChangedFile, resolveHead } from '../git/repository';
import {
  addRemoteRecord,
  checkoutBranch,
  cloneFrom,
  commitsReachable,
  deleteRemoteRecord,
  descendsFrom,
  fetchBranch,
  headBranch,
  listRemoteRecords,
  mergeBases,
  mergeIntoBranch,
  pushBranch,
  remoteBranchHead,
  restoreBranch,
  type TransferCredentials,
  type TransferProgress,
} from '../git/remote-transfer';
import type { CredentialVault } from '../vault/credential-vault';
import { DEFAULT_BRANCH, headCommit } from '../workspace/workspace-git';
import type { WorkspaceService } from '../workspace/workspace-service';
import { GitCredentials, type CredentialSourceName } from './git-credentials';
import { checkRemoteName, parseRemoteUrl, type RemoteAddress } from './remote-url';
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
      await cloneFrom(staging, address.url, DEFAULT_BRANCH, this.transfer('clone', credentials, control));
      if ((await headCommit(staging)) === null) {
        throw new FerryError(
          'workspace.not-a-workspace',
          `${address.url} is empty: there is no workspace to clone yet. The teammate who has it adds this remote and pushes (\`ferry remote add origin ${address.url}\`, then \`ferry push\`)`,
        );
      }
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
      const head = await fetchBranch(dir, name, branch, this.transfer('fetch', credentials, control));
      return { remote: name, branch, head };
    } catch (error) {
      throw transferError(error, { action: 'fetch', url, credentials, signal: control.signal });
    }
  }

  /**
   * Fetches, then takes the remote's commits: a fast-forward, or a merge when each side changed
   * only files the other did not. Same files changed on both sides, uncommitted edits in the way
   * or unrelated histories are refused with the working tree, index and HEAD as they were.
   */
  async pull(control: TransferControl = {}): Promise<PullResult> {
    const { remote, branch, head: theirs } = await this.fetch(control);
    const workspace = this.options.workspace;
    const dir = workspace.requirePath();
    return workspace.writeLock.run(async () => {
      const ours = await resolveHead(dir);
      const unchanged = (outcome: PullOutcome): PullResult => ({
        remote,
        branch,
        outcome,
        before: ours,
        after: ours,
        files: [],
      });
      if (theirs === null || theirs === ours) return unchanged('up-to-date');
      if (await descendsFrom(dir, ours, theirs)) return unchanged('ahead');
      const [base] = await mergeBases(dir, ours, theirs);
      if (base === undefined) {
        throw new FerryError(
          'sync.diverged',
          `This workspace and ${remote} share no history, so nothing was pulled: clone ${remote} into a new folder instead`,
          { remote },
        );
      }
      const incoming = await changedFiles(dir, base, theirs);
      if (base !== ours) {
        const local = new Set(await changedFiles(dir, base, ours));
        const both = incoming.filter((path) => local.has(path));
        if (both.length > 0) throw conflict(remote, both);
      }
      await refuseUncommitted(dir, incoming);
      control.signal?.throwIfAborted();
      const now = workspace.now();
      const author = workspace.author();
      const merged = await mergeIntoBranch(dir, branch, theirs, `Merge ${remote}/${branch} into ${branch}`, {
        ...author,
        timestamp: Math.floor(now.getTime() / 1000),
        timezoneOffset: 0,
      });
      try {
        await checkoutBranch(dir, branch);
      } catch (error) {
        // The working tree could not follow: put the branch back where it was and the files with it.
        await restoreBranch(dir, branch, ours, incoming);
        const detail = error instanceof Error ? error.message : String(error);
        throw new FerryError(
          'sync.local-changes',
          `The pull could not write the workspace's files (${detail}), so it was undone and nothing was pulled: move away whatever is in the way of the files it brings (${incoming.join(', ')}), then pull again`,
          { files: incoming },
        );
      }
      await workspace.open(dir);
      return {
        remote,
        branch,
        outcome: merged.fastForward ? 'fast-forward' : 'merged',
        before: ours,
        after: merged.oid,
        files: incoming,
      };
    });
  }

  /** Files changed on both sides since the merge base, side by side (filled in below). */
  async conflicts(control: TransferControl = {}): Promise<SyncConflict[]> {
    control.signal?.throwIfAborted();
    return [];
  }

  /** Pulls with a choice for every conflicting file (filled in below). */
  async resolve(_resolutions: ConflictResolution[], control: TransferControl = {}): Promise<PullResult> {
    return this.pull(control);
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
      await pushBranch(dir, remote, branch, this.transfer('push', credentials, control));
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
    credentials: TransferCredentials | null,
    control: TransferControl,
  ) {
    const { onProgress } = control;
    return {
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

async function changedFiles(dir: string, before: string, after: string): Promise<string[]> {
  const files: string[] = [];
  await forEachChangedFile(dir, before, after, (path) => files.push(path));
  return files;
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
    `You and ${remote} both changed ${files.join(', ')}${named}, so nothing was pulled and the workspace is as it was. Keep one side, then pull again.`,
    { remote, files, changesets },
  );
}

/** A pull writes only the files it brings in: each must be as last committed (or absent). */
async function refuseUncommitted(dir: string, files: readonly string[]): Promise<void> {
  const dirty: string[] = [];
  for (const path of files) {
    const status = await fileStatus(dir, path);
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

async function folderState(path: string): Promise<'missing' | 'file' | 'empty' | 'non-empty'> {
  try {
    const info = await stat(path);
    if (!info.isDirectory()) return 'file';
    return (await readdir(path)).length === 0 ? 'empty' : 'non-empty';
  } catch {
    return 'missing';
  }
}
