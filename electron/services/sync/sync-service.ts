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
import type { IdentityServices } from '../identity/identity-services';
import { listRemoteRecords } from '../git/remote-transfer';
import type { WorkspaceService } from '../workspace/workspace-service';
import { verifyIncoming } from './incoming-verification';
import {
  changesBetween,
  changesetTitleAt,
  classifyPath,
  emptyFacts,
  summarizePull,
  type FileChangeRecord,
  type PullFacts,
} from './pull-summary';
import { DEFAULT_REMOTE, type PullResult, type RemoteService, type TransferControl } from './remote-service';
import { appendSyncHistory, readSyncHistory, SYNC_HISTORY_LIMIT } from './sync-history';
import { unpushedApprovals } from './unpushed-approvals';

export interface SyncServiceOptions {
  workspace: WorkspaceService;
  remotes: RemoteService;
  /** The same approval, trust and audit services local commands use: incoming files are judged by them. */
  identity: Pick<IdentityServices, 'approvals' | 'trust' | 'audit'>;
}

type SyncOperation = SyncHistoryEntry['operation'];

/**
 * What a person sees of team sync (issue 16): the remote service moves commits; this says what
 * they meant. A pull comes back with a summary in words and the incoming signed files that did not
 * verify; status counts approvals made here that the team is waiting for; every transfer is kept
 * in this machine's sync history. The app and the CLI call this, not RemoteService, for transfers.
 */
export class SyncService {
  constructor(private readonly options: SyncServiceOptions) {}

  /** Ahead and behind (after a fetch, or as last fetched when `offline`), and the approvals not pushed yet. */
  async status(control: TransferControl & { offline?: boolean } = {}): Promise<SyncStatusWire> {
    const status = await this.options.remotes.status(control);
    if (status.ahead === 0) return { ...status, unpushedApprovals: [] };
    // Names from the trust root when it verifies; otherwise the names the approvals give.
    const trusted = await this.options.identity.trust.list().catch(() => []);
    const approvals = await unpushedApprovals({
      dir: this.options.workspace.requirePath(),
      head: status.head,
      remoteHead: status.remoteHead,
      ownerOf: (keyId) => Promise.resolve(trusted.find((key) => key.keyId === keyId)?.owner ?? null),
    });
    return { ...status, unpushedApprovals: approvals };
  }

  /** Pulls, then says what came in: in words, with every incoming signed file checked. */
  async pull(control: TransferControl = {}): Promise<PullResultWire> {
    return this.recorded(
      'pull',
      control,
      () => this.pullOnce(control),
      (pull) => pullEntry(pull),
    );
  }

  async push(control: TransferControl = {}): Promise<PushResultWire> {
    return this.recorded(
      'push',
      control,
      () => this.options.remotes.push(control),
      (push) => pushEntry(push),
    );
  }

  /** Pull, then push: one entry in the history for both. */
  async sync(control: TransferControl = {}): Promise<{ pull: PullResultWire; push: PushResultWire }> {
    return this.recorded(
      'sync',
      control,
      async () => {
        const pull = await this.pullOnce(control);
        const push = await this.options.remotes.push({ ...control, remote: pull.remote });
        return { pull, push };
      },
      ({ pull, push }) => ({
        remote: pull.remote,
        summary: `${pullEntry(pull).summary}; ${pushEntry(push).summary}`,
      }),
    );
  }

  /**
   * Clones and opens the workspace; its history starts with the clone. A clone that fails leaves no
   * workspace to keep a history in, so its failure is only thrown.
   */
  async clone(url: string, dir: string, control: TransferControl = {}): Promise<WorkspaceInfo> {
    const info = await this.options.remotes.clone(url, dir, control);
    await this.record({
      operation: 'clone',
      remote: DEFAULT_REMOTE,
      outcome: 'ok',
      summary: `Cloned ${url} into ${info.path}`,
    });
    return info;
  }

  /** Conflicts between this workspace and the remote's branch as last fetched (filled in by the conflict work). */
  async conflicts(control: TransferControl = {}): Promise<SyncConflict[]> {
    return this.options.remotes.conflicts(control);
  }

  /** `control.theirsCommit`: the conflicts' own, so a remote that moved on since refuses the resolve. */
  async resolve(
    resolutions: ConflictResolution[],
    control: TransferControl & { theirsCommit?: string | undefined } = {},
  ): Promise<PullResultWire> {
    return this.recorded(
      'resolve',
      control,
      async () => this.describe(await this.options.remotes.resolve(resolutions, control)),
      (pull) => resolveEntry(pull),
    );
  }

  /** This machine's transfers for the open workspace, newest first (at most `limit`, 200 by default). */
  async history(limit = SYNC_HISTORY_LIMIT): Promise<SyncHistoryEntry[]> {
    return readSyncHistory(this.options.workspace.requirePath(), limit);
  }

  private async pullOnce(control: TransferControl): Promise<PullResultWire> {
    return this.describe(await this.options.remotes.pull(control));
  }

  /**
   * The pull result with its summary. A pull that moved nothing has none. Describing never undoes
   * a pull: when it fails (it only reads), the summary says so instead of the pull failing.
   */
  private async describe(result: PullResult): Promise<PullResultWire> {
    if (result.before === result.after) return { ...result, summary: summarizePull(emptyFacts()) };
    let summary: PullSummary;
    try {
      summary = summarizePull(await this.facts(result));
    } catch (error) {
      summary = summarizePull(emptyFacts());
      summary.sentences.push(
        `${result.files.length} file${result.files.length === 1 ? '' : 's'} changed; what they are could not be worked out (${error instanceof Error ? error.message : String(error)})`,
      );
    }
    return { ...result, summary };
  }

  private async facts(result: PullResult): Promise<PullFacts> {
    const { workspace, identity } = this.options;
    const dir = workspace.requirePath();
    const { before, after } = result;
    const changes = await changesBetween(dir, before, after);
    const verification = await verifyIncoming(
      {
        dir,
        approvals: identity.approvals,
        trust: identity.trust,
        audit: identity.audit,
        now: workspace.now(),
      },
      before,
      after,
      changes,
    );
    const facts = emptyFacts();
    facts.approvals = verification.approvals;
    facts.runs = verification.runs;
    facts.flagged = verification.flags;
    if (verification.trust !== null) {
      facts.trust = { version: verification.trust.version, changes: verification.trust.keyChanges };
      facts.policy = verification.trust.policyChanges;
    }
    const snapshots = new Set<string>();
    const parameters = new Set<string>();
    const proposals = new Set<number>();
    for (const change of changes) {
      const where = classifyPath(change.path);
      switch (where.kind) {
        case 'changeset':
          await this.addChangeset(facts, dir, result, change, where.changesetId);
          break;
        case 'snapshot':
          snapshots.add(where.environment);
          break;
        case 'parameters':
          parameters.add(where.environment);
          break;
        case 'trust-proposal':
          if (change.change !== 'deleted') proposals.add(where.version);
          break;
        case 'config':
          facts.config = true;
          break;
        case 'other':
          facts.other += 1;
          break;
        default:
          // Approvals, runs, trust and audit files are spoken of through their verification;
          // authorship signatures belong to their changeset.
          break;
      }
    }
    facts.snapshots = [...snapshots].sort();
    facts.parameters = [...parameters].sort();
    facts.proposals = [...proposals].sort((left, right) => left - right);
    return facts;
  }

  private async addChangeset(
    facts: PullFacts,
    dir: string,
    result: PullResult,
    change: FileChangeRecord,
    id: string,
  ): Promise<void> {
    if (change.change === 'deleted') {
      facts.changesets.removed.push({ id, title: await changesetTitleAt(dir, result.before, id) });
      return;
    }
    const entry = { id, title: await changesetTitleAt(dir, result.after, id) };
    if (change.change === 'added') facts.changesets.added.push(entry);
    else facts.changesets.changed.push(entry);
  }

  /**
   * Runs a transfer and keeps it in the history, success or failure; a failure is re-thrown as it
   * came. The message recorded is the FerryError's, which never carries a credential.
   */
  private async recorded<T>(
    operation: SyncOperation,
    control: TransferControl,
    run: () => Promise<T>,
    entry: (result: T) => { remote: string; summary: string },
  ): Promise<T> {
    let result: T;
    try {
      result = await run();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await this.record({
        operation,
        remote: await this.remoteName(control.remote),
        outcome: 'failed',
        summary: `${OPERATION_WORDS[operation]} failed: ${message}`,
      });
      throw error;
    }
    await this.record({ operation, outcome: 'ok', ...entry(result) });
    return result;
  }

  /** Appends to the history; a history that cannot be written never turns a transfer into a failure. */
  private async record(entry: Omit<SyncHistoryEntry, 'at'>): Promise<void> {
    try {
      const dir = this.options.workspace.requirePath();
      await appendSyncHistory(dir, { at: this.options.workspace.now().toISOString(), ...entry });
    } catch {
      // Nothing to do: the transfer's own outcome is what the caller needs.
    }
  }

  /** The remote a transfer used or would have used: as named, `origin`, or the only one. */
  private async remoteName(asked: string | undefined): Promise<string> {
    if (asked !== undefined) return asked;
    try {
      const remotes = await listRemoteRecords(this.options.workspace.requirePath());
      return remotes.length === 1 ? (remotes[0]?.name ?? DEFAULT_REMOTE) : DEFAULT_REMOTE;
    } catch {
      return DEFAULT_REMOTE;
    }
  }
}

const OPERATION_WORDS: Record<SyncOperation, string> = {
  clone: 'Clone',
  pull: 'Pull',
  push: 'Push',
  sync: 'Sync',
  resolve: 'Resolving the conflicts',
};

/** The history line of a pull: what it brought, in the summary's words. */
function pullEntry(pull: PullResultWire): { remote: string; summary: string } {
  const from = `${pull.remote}/${pull.branch}`;
  switch (pull.outcome) {
    case 'up-to-date':
      return { remote: pull.remote, summary: `Already up to date with ${from}` };
    case 'ahead':
      return { remote: pull.remote, summary: `Nothing new on ${from}` };
    default: {
      const files = `${pull.files.length} file${pull.files.length === 1 ? '' : 's'}`;
      const how = pull.outcome === 'merged' ? ' (merged with local changes)' : '';
      const words = pull.summary.sentences.length > 0 ? `: ${pull.summary.sentences.join('; ')}` : '';
      return { remote: pull.remote, summary: `Pulled ${files} from ${from}${how}${words}` };
    }
  }
}

/** The history line of a resolving pull: what was kept of each conflict, then what it brought. */
function resolveEntry(pull: PullResultWire): { remote: string; summary: string } {
  const kept = (pull.resolved ?? []).map(
    (resolved) =>
      `${resolved.title ?? resolved.path}: ${resolved.choice === 'both' ? 'both kept' : `${resolved.choice} kept`}`,
  );
  const conflicts = `Resolved ${kept.length} conflict${kept.length === 1 ? '' : 's'}${kept.length > 0 ? ` (${kept.join(', ')})` : ''}`;
  return { remote: pull.remote, summary: `${conflicts}; ${pullEntry(pull).summary}` };
}

function pushEntry(push: PushResultWire): { remote: string; summary: string } {
  return {
    remote: push.remote,
    summary:
      push.outcome === 'up-to-date'
        ? `${push.remote}/${push.branch} already had everything`
        : `Pushed ${push.branch} to ${push.remote} (${push.head.slice(0, 7)})`,
  };
}
