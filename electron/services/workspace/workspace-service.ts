import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, realpath, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { ErrorCode, FerryError } from '../../../shared/api/api-error';
import {
  WORKSPACE_CONFIG_FILE,
  WORKSPACE_FORMAT_VERSION,
  type CommitSummary,
  type RecentWorkspace,
  type WorkspaceConfig,
  type WorkspaceInfo,
  workspaceConfigSchema,
} from '../../../shared/model/workspace';
import { AsyncMutex } from '../concurrency/async-mutex';
import { writeFileAtomic } from '../fs/atomic-write';
import { resolveAbsolutePath } from '../fs/path-guard';
import type { AppSettings } from '../settings/app-settings';
import { readWorkspaceConfig, serializeWorkspaceConfig } from './workspace-config';
import {
  commitFiles,
  headCommit,
  initRepository,
  isRepository,
  readHistory,
  type CommitAuthor,
} from './workspace-git';

export interface WorkspaceServiceOptions {
  settings: AppSettings;
  author: CommitAuthor;
  clock?: () => Date;
  onChange?: (workspace: WorkspaceInfo | null) => void;
}

/** Creates, opens and remembers workspaces; holds the one the app is working in. */
export class WorkspaceService {
  private current: { path: string; config: WorkspaceConfig } | null = null;
  private readonly clock: () => Date;
  /** Every write to the open workspace's repository goes through this one lock. */
  readonly writeLock = new AsyncMutex();

  private signer: CommitAuthor | null = null;

  constructor(private readonly options: WorkspaceServiceOptions) {
    this.clock = options.clock ?? (() => new Date());
  }

  /**
   * Builds the workspace in a hidden sibling folder and renames it into place, so a failure at
   * any step leaves the target exactly as it was.
   */
  async create(inputPath: string, name?: string): Promise<WorkspaceInfo> {
    const target = resolveAbsolutePath(inputPath, 'workspace folder');
    const targetState = await folderState(target);
    if (targetState === 'file') {
      throw new FerryError(ErrorCode.pathInvalid, `${target} is a file, not a folder`, { path: target });
    }
    if (targetState === 'non-empty') {
      if (existsSync(join(target, WORKSPACE_CONFIG_FILE))) {
        throw new FerryError(
          ErrorCode.workspaceExists,
          `${target} is already a Ferry workspace; open it instead`,
          {
            path: target,
          },
        );
      }
      throw new FerryError(
        ErrorCode.workspaceFolderNotEmpty,
        `${target} is not empty; choose an empty or new folder for a workspace`,
        { path: target },
      );
    }
    const parent = dirname(target);
    await mkdir(parent, { recursive: true });
    const staging = join(parent, `.ferry-create-${randomBytes(6).toString('hex')}`);
    const now = this.clock();
    const config: WorkspaceConfig = {
      formatVersion: WORKSPACE_FORMAT_VERSION,
      id: randomUUID(),
      name: (name ?? basename(target)).trim() || 'workspace',
      createdAt: now.toISOString(),
      environments: [],
      policies: {},
    };
    try {
      await mkdir(staging);
      await initRepository(staging);
      await writeFile(join(staging, WORKSPACE_CONFIG_FILE), serializeWorkspaceConfig(config));
      await commitFiles(
        staging,
        [WORKSPACE_CONFIG_FILE],
        `Create workspace "${config.name}"`,
        this.options.author,
        now,
      );
      if (targetState === 'empty') await rmdir(target);
      await rename(staging, target);
    } catch (error) {
      await rm(staging, { recursive: true, force: true });
      throw error;
    }
    return this.activate(await realpath(target), config);
  }

  /** Opens an existing workspace; a refusal leaves the current workspace and the recent list untouched. */
  async open(inputPath: string): Promise<WorkspaceInfo> {
    const requested = resolveAbsolutePath(inputPath, 'workspace folder');
    const state = await folderState(requested);
    if (state === 'missing') {
      throw new FerryError(ErrorCode.workspaceNotFound, `${requested} does not exist`, { path: requested });
    }
    if (state === 'file') {
      throw new FerryError(
        ErrorCode.workspaceNotAWorkspace,
        `${requested} is a file, not a workspace folder`,
        {
          path: requested,
        },
      );
    }
    const folder = await realpath(requested);
    const { config } = await readWorkspaceConfig(folder);
    if (!(await isRepository(folder))) {
      throw new FerryError(
        ErrorCode.workspaceCorrupt,
        `${folder} has a ${WORKSPACE_CONFIG_FILE} but no git repository (.git is missing)`,
        { path: folder },
      );
    }
    return this.activate(folder, config);
  }

  async info(): Promise<WorkspaceInfo | null> {
    return this.current ? this.describe(this.current.path, this.current.config) : null;
  }

  close(): void {
    this.current = null;
    this.options.onChange?.(null);
  }

  /** The open workspace's folder, or a clear refusal for commands that need one. */
  requirePath(): string {
    if (!this.current) {
      throw new FerryError(ErrorCode.workspaceNoneOpen, 'No workspace is open; create or open one first');
    }
    return this.current.path;
  }

  /** The open workspace's config as on disk now (another process may have changed it). */
  async readConfig(): Promise<WorkspaceConfig> {
    return (await readWorkspaceConfig(this.requirePath())).config;
  }

  /** A stable id for keying secrets and settings to this workspace, even when it moves. */
  async workspaceKey(): Promise<string> {
    const config = await this.readConfig();
    return config.id ?? this.requirePath();
  }

  author(): CommitAuthor {
    return this.signer ?? this.options.author;
  }

  /**
   * Commits and new changesets carry the name of this machine's signing key once it has one, not
   * the operating system's user (often `root` in a container): the name people approve under.
   */
  useSignerAsAuthor(owner: string): void {
    const slug = owner.replace(/[^A-Za-z0-9._-]+/g, '.').replace(/^\.+|\.+$/g, '') || 'ferry';
    this.signer = { name: owner, email: `${slug.toLowerCase()}@ferry.local` };
  }

  now(): Date {
    return this.clock();
  }

  /**
   * Changes `ferry.json` as one commit: read fresh, change, validate, write atomically, commit.
   * A refused change writes nothing.
   */
  async updateConfig(
    change: (config: WorkspaceConfig) => WorkspaceConfig,
    message: string,
  ): Promise<WorkspaceConfig> {
    const path = this.requirePath();
    return this.writeLock.run(async () => {
      const next = workspaceConfigSchema.parse(
        change(structuredClone((await readWorkspaceConfig(path)).config)),
      );
      await writeFileAtomic(join(path, WORKSPACE_CONFIG_FILE), serializeWorkspaceConfig(next));
      await commitFiles(path, [WORKSPACE_CONFIG_FILE], message, this.options.author, this.clock());
      if (this.current?.path === path) this.current = { path, config: next };
      this.options.onChange?.(await this.describe(path, next));
      return next;
    });
  }

  async history(limit = 50): Promise<CommitSummary[]> {
    return readHistory(this.requirePath(), limit);
  }

  async readConfigText(): Promise<string> {
    return (await readWorkspaceConfig(this.requirePath())).text;
  }

  recent(): RecentWorkspace[] {
    return this.options.settings.recent().map((entry) => ({ ...entry, available: existsSync(entry.path) }));
  }

  forgetRecent(path: string): RecentWorkspace[] {
    this.options.settings.forgetRecent(path);
    return this.recent();
  }

  private async activate(path: string, config: WorkspaceConfig): Promise<WorkspaceInfo> {
    this.current = { path, config };
    this.options.settings.rememberRecent({ path, name: config.name, openedAt: this.clock().toISOString() });
    const info = await this.describe(path, config);
    this.options.onChange?.(info);
    return info;
  }

  private async describe(path: string, config: WorkspaceConfig): Promise<WorkspaceInfo> {
    return {
      path,
      name: config.name,
      formatVersion: config.formatVersion,
      head: await headCommit(path),
      environmentCount: config.environments.length,
    };
  }
}

async function folderState(path: string): Promise<'missing' | 'file' | 'empty' | 'non-empty'> {
  try {
    const info = await stat(path);
    if (!info.isDirectory()) return 'file';
    return (await readdir(path)).length === 0 ? 'empty' : 'non-empty';
  } catch (error) {
    if (typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'ENOENT') {
      return 'missing';
    }
    throw error;
  }
}
