import { FerryError, isFerryError } from '../../../shared/api/api-error';
import { listRemoteRecords } from '../git/remote-transfer';
import type { RemoteCredentials } from '../git/remote-ref-lease';
import { parseRemoteUrl } from '../sync/remote-url';
import { RemoteLease, type BrokenLease, type HeldRemoteLease } from './remote-lease';

/**
 * The environment lease of the open workspace: taken on its shared remote (`origin`, or the only
 * remote there is) when it has one, and not at all when it has none, so a workspace kept on one
 * machine promotes under the local lock only. A workspace with a remote never falls back to the
 * local lock alone: a remote that cannot be reached refuses the run, since another machine may be
 * promoting through it right now.
 */

/** The remote `clone` names, and the one used when a workspace has several (as pull and push do). */
const DEFAULT_REMOTE = 'origin';
/** Long against clock skew between the team's machines; renewed every third of it while a run writes. */
export const DEFAULT_LEASE_TTL_MS = 5 * 60 * 1_000;

export interface LeaseHolderIdentity {
  /** The signing identity's name, as a teammate reads it. */
  holder: string;
  keyId?: string;
}

/** A broken lease as the audit log records it: who broke it, why, and whom it displaced. */
export interface LeaseBreakRecord {
  environment: string;
  remote: string;
  /** The run that took the lease by breaking the expired one. */
  runId: string;
  breaker: LeaseHolderIdentity;
  broke: BrokenLease;
}

export interface WorkspaceLeaseOptions {
  /** The open workspace's folder. */
  workspaceDir: () => string;
  /** The stored credentials for a remote's origin (scheme, host, port), or null to try without. */
  credentials: (origin: string) => Promise<RemoteCredentials | null>;
  /** Who holds the lease: this machine's signing identity. */
  identity: () => Promise<LeaseHolderIdentity>;
  /** Records a break (the audit log); when it fails the lease is given back and the run refused. */
  recordBreak: (record: LeaseBreakRecord) => Promise<void>;
  /**
   * Which remote keeps the leases: a remote's name, `none` for this machine's lock alone, or
   * undefined for the default (origin, or the only remote). Pipelines set it (FERRY_LEASE_REMOTE)
   * when their checkout's remote is one Ferry cannot reach (ssh, a path) and their CI already runs
   * one promotion per environment at a time.
   */
  leaseRemote?: () => string | undefined;
  ttlMs?: number;
  clock?: () => Date;
}

/** The `leaseRemote` value that turns the shared lease off for this process. */
export const NO_LEASE_REMOTE = 'none';

/** The variable a pipeline sets to choose the lease's remote (or `none`). */
export const LEASE_REMOTE_VARIABLE = 'FERRY_LEASE_REMOTE';

export interface LeaseTakeRequest {
  runId: string;
  purpose: string;
  /** Break an expired lease for this reason (audited); an unexpired one is never broken. */
  breakLease?: string | undefined;
  /** Recovering `runId`: take back the lease this key left for it when its process died. */
  reclaim?: boolean | undefined;
}

export interface TakenWorkspaceLease {
  held: HeldRemoteLease;
  /** The remote's name, for messages. */
  remote: string;
  ttlMs: number;
  /** What the run's result should say about how the lease was got. */
  notes: string[];
}

export class WorkspaceLeases {
  readonly ttlMs: number;

  constructor(private readonly options: WorkspaceLeaseOptions) {
    this.ttlMs = options.ttlMs ?? DEFAULT_LEASE_TTL_MS;
  }

  /** The workspace's shared remote, or null when it has none (the local lock alone then applies). */
  async remote(): Promise<{ name: string; url: string } | null> {
    const chosen = this.options.leaseRemote?.()?.trim() || undefined;
    if (chosen === NO_LEASE_REMOTE) return null;
    const remotes = await listRemoteRecords(this.options.workspaceDir());
    if (chosen !== undefined) {
      const named = remotes.find((remote) => remote.name === chosen);
      if (named === undefined) {
        throw new FerryError(
          'lease.remote-failed',
          `FERRY_LEASE_REMOTE names the remote "${chosen}", which this workspace does not have (it has ${remotes.length === 0 ? 'none' : remotes.map((remote) => remote.name).join(', ')}); nothing was promoted. Name one of its remotes, or "${NO_LEASE_REMOTE}" for this machine's lock alone.`,
        );
      }
      return this.usable(named);
    }
    if (remotes.length === 0) return null;
    const found =
      remotes.length === 1 ? remotes[0] : remotes.find((remote) => remote.name === DEFAULT_REMOTE);
    if (found === undefined) {
      throw new FerryError(
        'lease.remote-failed',
        `This workspace has several remotes (${remotes.map((remote) => remote.name).join(', ')}) and none called ${DEFAULT_REMOTE}, so Ferry cannot tell which one the team shares and keeps the environment leases on; nothing was promoted. Name the shared one ${DEFAULT_REMOTE} (git remote rename), then try again.`,
      );
    }
    return this.usable(found);
  }

  /** The remote's checked address; one Ferry cannot reach (ssh, a path) refuses the run. */
  private usable(found: { name: string; url: string }): { name: string; url: string } {
    try {
      return { name: found.name, url: parseRemoteUrl(found.url).url };
    } catch (error) {
      throw new FerryError(
        'lease.remote-failed',
        `The remote "${found.name}" cannot be used for the environment lease: ${isFerryError(error) ? error.message : 'its address is not valid'}; nothing was promoted. Fix its address (ferry remote remove ${found.name}, then add it again), then try again. A pipeline whose checkout uses ssh or a path, and whose CI runs one promotion per environment at a time, can set FERRY_LEASE_REMOTE=${NO_LEASE_REMOTE}.`,
      );
    }
  }

  /**
   * Takes the environment's lease on the shared remote for the run, or returns null when the
   * workspace has no remote. Refuses with `environment.locked` (another machine holds it),
   * `lease.not-expired` (asked to break a live one) or `lease.remote-failed` (unreachable).
   */
  async take(environment: string, request: LeaseTakeRequest): Promise<TakenWorkspaceLease | null> {
    const remote = await this.remote();
    if (remote === null) return null;
    const lease = new RemoteLease({
      url: remote.url,
      credentials: (url) => this.options.credentials(parseRemoteUrl(url).origin),
      ...(this.options.clock ? { clock: this.options.clock } : {}),
    });
    const identity = await this.options.identity();
    let held: HeldRemoteLease;
    try {
      held = await lease.acquire(environment, {
        holder: identity.holder,
        ...(identity.keyId === undefined ? {} : { keyId: identity.keyId }),
        runId: request.runId,
        purpose: request.purpose,
        ttlMs: this.ttlMs,
        ...(request.breakLease === undefined ? {} : { breakExpired: request.breakLease }),
        ...(request.reclaim === true ? { reclaim: true } : {}),
      });
    } catch (error) {
      throw withRemoteAdvice(error, remote.name);
    }
    const notes: string[] = [];
    if (held.broke !== null) {
      try {
        await this.options.recordBreak({
          environment,
          remote: remote.name,
          runId: request.runId,
          breaker: identity,
          broke: held.broke,
        });
      } catch (error) {
        // A break nobody can find in the audit log is not made: give the lease back.
        await held.release().catch(() => undefined);
        throw error;
      }
      notes.push(
        `The expired lease on ${environment} (held by ${held.broke.holder} for run ${held.broke.runId}, expired ${held.broke.expiresAt}) was broken by ${identity.holder}: ${held.broke.reason}.`,
      );
    } else if (held.reclaimed !== null) {
      notes.push(
        `The lease on ${environment} that run ${request.runId} held when it was interrupted (until ${held.reclaimed.expiresAt}) was taken back to recover it.`,
      );
    } else if (request.breakLease !== undefined) {
      notes.push(`No expired lease on ${environment} needed breaking; the lease was free.`);
    }
    return { held, remote: remote.name, ttlMs: this.ttlMs, notes };
  }
}

/** A remote that cannot be reached: say what to do, including when the workspace is no longer shared. */
function withRemoteAdvice(error: unknown, remote: string): unknown {
  if (!isFerryError(error) || error.code !== 'lease.remote-failed') return error;
  return new FerryError(
    'lease.remote-failed',
    `${error.message} Ferry keeps each environment's lease on the remote "${remote}" so that two machines never promote to one environment at once, and does not promote without it while the workspace has a remote. If this workspace is no longer shared, remove the remote (ferry remote remove ${remote}) and this machine's lock alone applies.`,
    { ...error.details, remote },
  );
}
