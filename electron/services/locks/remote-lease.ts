import { z } from 'zod';
import { FerryError } from '../../../shared/api/api-error';
import { environmentNameSchema } from '../../../shared/model/environment';
import { parseStrictJson } from '../../../shared/signing/strict-json';
import {
  compareAndSwapRemoteRef,
  readRemoteRef,
  readRemoteRefFile,
  RemoteRefError,
  type RemoteCredentialsProvider,
  type RemoteRefTarget,
} from '../git/remote-ref-lease';

/**
 * One promoter per environment across machines (issue 16, point 5): a lease on the team
 * workspace's shared git remote, kept in the ref `refs/ferry/locks/<environment>`. The ref points
 * to a parentless commit whose only file, `lease.json`, says who holds the environment, for which
 * run and until when. Taking, renewing, clearing or breaking the lease is one compare-and-swap of
 * that ref (git receive-pack's old-value check, see `git/remote-ref-lease.ts`), so of two machines
 * racing exactly one wins and the other reads the winner's record and is refused with
 * `environment.locked` naming the holder. The lease commits never touch the workspace's branches,
 * HEAD, index or working tree: they are built in a scratch git dir and live only under
 * `refs/ferry/locks/*` on the remote.
 *
 * A lease is cleared by writing a `released` record rather than by deleting the ref: receive-pack
 * deletes a ref unconditionally when the old value names an object it has pruned, so a delete
 * could remove a lease someone else took after ours expired.
 *
 * Expiry is judged by the reader's clock against the writer's `expiresAt`, so clocks on the team's
 * machines may disagree by the skew between them: keep ttl well above that (minutes, not seconds)
 * and renew during long runs. An expired lease is never taken silently: breaking it needs a
 * reason, and `break`/`acquire` return the broken record so the caller audits who was displaced.
 *
 * ── Where it is used ──
 * `workspace-lease.ts` (WorkspaceLeases) builds a RemoteLease for the open workspace's shared
 * remote (`origin`, or its only remote) with the vault's credentials for that remote's origin
 * (`RemoteService.credentials`), and is given to the promotion engine by the host
 * (`host/core/ferry-services.ts`). `Executor.exclusive` (promotion/executor.ts), which every write to
 * an environment goes through (promote, rollback of a finished run, resume and rollback of an
 * interrupted one), then:
 *  1. takes this machine's local lock first (cheaper to be refused by; it still guards this
 *     machine), then `acquire`s the lease with the signing identity as holder and key id, the
 *     run's id (minted before the locks) and its purpose. A workspace without a remote takes no
 *     lease; one whose remote cannot be reached is refused (`lease.remote-failed`), never run
 *     under the local lock alone. `environment.locked` reaches the CLI as exit 3.
 *  2. keeps it alive with `keepLeaseAlive` (`lease-keeper.ts`) every third of its ttl (5 minutes by
 *     default); when it is lost the run's signal is aborted (`lock-notes.ts`), no further step is
 *     written (not even the undo after a failure: the run ends `stopped`; only the rollback of an
 *     interrupted run, itself an undo, runs to its end), and the run's result carries a note saying why.
 *  3. releases it after the result is recorded; a release that finds it gone is not an error. A
 *     run whose process died leaves its lease held until it expires; recovering that run (resume,
 *     or rollback of the interrupted run) on the machine whose key holds it takes it back at once
 *     (`reclaim`: same run id, same key id), while everyone else stays refused.
 *  4. breaks an expired lease only when asked, with a reason (`ferry promote|resume|rollback
 *     --break-lease "<reason>"`, `breakLease` on the promotion channels): `acquire` returns the
 *     broken record, which goes to the audit log (`lease-break`, with the reason, the breaker and the
 *     displaced holder and run) before anything is written, and into the run's result as a note. A
 *     lease that has not expired is never broken (`lease.not-expired`).
 */

export const LEASE_FILE = 'lease.json';
const LEASE_REF_PREFIX = 'refs/ferry/locks/';
const MIN_TTL_MS = 1_000;
const MAX_TTL_MS = 24 * 60 * 60 * 1_000;
const MAX_LEASE_BYTES = 8_192;
/** Rounds of read-then-swap before giving up on a ref other writers keep changing. */
const MAX_ROUNDS = 5;

const text = (max: number) => z.string().min(1).max(max);

const brokenLeaseSchema = z
  .object({
    holder: text(200),
    runId: text(200),
    expiresAt: z.iso.datetime(),
    reason: text(500),
    brokenBy: text(200),
    brokenAt: z.iso.datetime(),
  })
  .strict();

export const leaseRecordSchema = z
  .object({
    formatVersion: z.literal(1),
    state: z.enum(['held', 'released']),
    environment: environmentNameSchema,
    /** Who holds it, as a person reads it: the signing identity's name. */
    holder: text(200),
    /** The holder's signing key, when it has one: lets a reviewer tie the lease to approvals and runs. */
    keyId: text(200).optional(),
    runId: text(200),
    purpose: z.string().max(500),
    acquiredAt: z.iso.datetime(),
    expiresAt: z.iso.datetime(),
    releasedAt: z.iso.datetime().optional(),
    /** The expired lease this one replaced, kept so the remote itself shows a break happened. */
    broke: brokenLeaseSchema.optional(),
  })
  .strict();
export type LeaseRecord = z.infer<typeof leaseRecordSchema>;
export type BrokenLease = z.infer<typeof brokenLeaseSchema>;

export interface LeaseRequest {
  holder: string;
  keyId?: string;
  runId: string;
  purpose: string;
  /** How long the lease lasts unless renewed, in milliseconds. */
  ttlMs: number;
  /** Take the lease even when an expired one is there, for this reason (audited by the caller). */
  breakExpired?: string;
  /**
   * Recovering the run `runId` names: a lease this same key took for this very run (its process
   * died mid-run) is taken back, live or expired, without a break; its holder is the caller.
   */
  reclaim?: boolean;
}

export interface HeldRemoteLease {
  readonly environment: string;
  /** The record as last written by this holder. */
  readonly record: LeaseRecord;
  /** The expired lease this acquire broke, for the caller's audit log; null when it broke none. */
  readonly broke: BrokenLease | null;
  /** The lease this key had left for the same run (`reclaim`) and took back; null when none. */
  readonly reclaimed: LeaseRecord | null;
  /** Extends the lease by `ttlMs` from now; `lease.lost` when someone else holds it now. */
  renew(ttlMs?: number): Promise<void>;
  /** Clears the lease if it is still this one; says what it found otherwise. Safe to call twice. */
  release(): Promise<{ released: boolean; note: string | null }>;
}

export interface RemoteLeaseOptions {
  /** The shared remote's URL, without credentials (https, or http on this machine). */
  url: string;
  credentials: RemoteCredentialsProvider;
  clock?: () => Date;
}

/** What the ref holds now, as read: `unreadable` is a commit without a valid lease record. */
type Current =
  | { kind: 'none' }
  | { kind: 'record'; oid: string; record: LeaseRecord }
  | { kind: 'unreadable'; oid: string };

export class RemoteLease {
  private readonly clock: () => Date;

  constructor(private readonly options: RemoteLeaseOptions) {
    this.clock = options.clock ?? (() => new Date());
  }

  /** The environment's lease record on the remote, or null when there is none or it is unreadable. */
  async inspect(environment: string): Promise<LeaseRecord | null> {
    const current = await this.read(checkEnvironment(environment));
    return current.kind === 'record' ? current.record : null;
  }

  /**
   * Takes the environment's lease or refuses with `environment.locked` naming the holder. Never
   * waits for a holder: a promotion queued behind another would run on a plan the first made stale.
   */
  async acquire(environment: string, request: LeaseRequest): Promise<HeldRemoteLease> {
    checkEnvironment(environment);
    checkRequest(request);
    const ttlMs = checkTtl(request.ttlMs);
    for (let round = 0; round < MAX_ROUNDS; round += 1) {
      const current = await this.read(environment);
      const now = this.clock();
      let broke: BrokenLease | null = null;
      const reclaimed = reclaimable(current, request);
      if (reclaimed === null && isHeld(current, now)) {
        // Asked to break it, but it has not expired: a live run may be writing under it.
        if (request.breakExpired !== undefined) throw notExpiredError(environment, current.record);
        throw lockedError(environment, current, now);
      }
      if (reclaimed === null && current.kind !== 'none' && isStaleHeld(current, now)) {
        if (request.breakExpired === undefined) throw lockedError(environment, current, now);
        broke = brokenFrom(current, request.breakExpired, request.holder, now);
      }
      const record: LeaseRecord = {
        formatVersion: 1,
        state: 'held',
        environment,
        holder: request.holder,
        ...(request.keyId === undefined ? {} : { keyId: request.keyId }),
        runId: request.runId,
        purpose: request.purpose,
        acquiredAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + ttlMs).toISOString(),
        ...(broke === null ? {} : { broke }),
      };
      const oid = await this.swap(environment, oidOf(current), record, now);
      if (oid !== null) return this.held(environment, oid, record, { broke, reclaimed }, ttlMs);
      // Another writer changed the ref since our read: read again and judge what they wrote.
    }
    throw busyError(environment);
  }

  /**
   * Replaces an expired (or unreadable) lease with a released record noting the break, and returns
   * what it broke so the caller can audit it; `lease.not-expired` when the lease is still live.
   */
  async break(environment: string, reason: string, brokenBy: string): Promise<BrokenLease> {
    checkEnvironment(environment);
    if (reason.trim() === '') {
      throw new FerryError(
        'usage',
        'Breaking a lease needs a reason, for the audit log. Give one and try again.',
      );
    }
    if (brokenBy.trim() === '' || brokenBy.length > 200) {
      throw new FerryError('internal', 'Breaking a lease needs the name of whoever breaks it.');
    }
    for (let round = 0; round < MAX_ROUNDS; round += 1) {
      const current = await this.read(environment);
      const now = this.clock();
      if (current.kind === 'none' || !isStaleHeld(current, now)) {
        if (isHeld(current, now)) throw notExpiredError(environment, current.record);
        throw new FerryError(
          'lease.not-expired',
          `Nobody holds the lease on ${environment}, so there is nothing to break. Go ahead and promote.`,
          { environment },
        );
      }
      const broke = brokenFrom(current, reason, brokenBy, now);
      const base = current.kind === 'record' ? current.record : unknownRecord(environment, now);
      const record: LeaseRecord = { ...base, state: 'released', releasedAt: now.toISOString(), broke };
      if ((await this.swap(environment, current.oid, record, now)) !== null) return broke;
    }
    throw busyError(environment);
  }

  private held(
    environment: string,
    initialOid: string,
    initial: LeaseRecord,
    how: { broke: BrokenLease | null; reclaimed: LeaseRecord | null },
    defaultTtlMs: number,
  ): HeldRemoteLease {
    let oid = initialOid;
    let record = initial;
    let released: { released: boolean; note: string | null } | null = null;
    // Arrow functions keep this RemoteLease for the returned object's methods.
    const now = () => this.clock();
    const swap = (expected: string, next: LeaseRecord, at: Date) =>
      this.swap(environment, expected, next, at);
    const read = () => this.read(environment);
    return {
      environment,
      broke: how.broke,
      reclaimed: how.reclaimed,
      get record() {
        return record;
      },
      async renew(ttlMs = defaultTtlMs) {
        if (released !== null) throw lostError(environment, null, 'it was released');
        const at = now();
        const next: LeaseRecord = {
          ...record,
          expiresAt: new Date(at.getTime() + checkTtl(ttlMs)).toISOString(),
        };
        const written = await swap(oid, next, at);
        if (written === null) {
          const current = await read();
          throw lostError(
            environment,
            current.kind === 'record' ? current.record : null,
            'someone replaced it',
          );
        }
        oid = written;
        record = next;
      },
      async release() {
        if (released !== null) return released;
        const at = now();
        const next: LeaseRecord = { ...record, state: 'released', releasedAt: at.toISOString() };
        delete next.broke;
        const written = await swap(oid, next, at);
        if (written !== null) {
          released = { released: true, note: null };
        } else {
          const current = await read();
          const who = current.kind === 'record' ? describeHolder(current.record) : 'an unreadable record';
          released = {
            released: false,
            note: `The lease on ${environment} was no longer this run's when it ended: ${who} had replaced it.`,
          };
        }
        return released;
      },
    };
  }

  private target(environment: string): RemoteRefTarget {
    return {
      url: this.options.url,
      ref: `${LEASE_REF_PREFIX}${environment}`,
      credentials: this.options.credentials,
    };
  }

  private async read(environment: string): Promise<Current> {
    const found = await remoteCall(() => readRemoteRefFile(this.target(environment), LEASE_FILE));
    if (found === null) return { kind: 'none' };
    if (found.content === null || found.content.length > MAX_LEASE_BYTES)
      return { kind: 'unreadable', oid: found.oid };
    try {
      const record = leaseRecordSchema.parse(
        parseStrictJson(new TextDecoder('utf-8', { fatal: true }).decode(found.content)),
      );
      // A record naming another environment was copied, not written for this ref: not a lease here.
      if (record.environment !== environment) return { kind: 'unreadable', oid: found.oid };
      return { kind: 'record', oid: found.oid, record };
    } catch {
      return { kind: 'unreadable', oid: found.oid };
    }
  }

  /** Writes `record` if the ref still holds `expected`; the new commit, or null when it did not. */
  private async swap(
    environment: string,
    expected: string | null,
    record: LeaseRecord,
    now: Date,
  ): Promise<string | null> {
    const result = await remoteCall(() =>
      compareAndSwapRemoteRef(this.target(environment), {
        expected,
        now,
        file: {
          path: LEASE_FILE,
          content: new TextEncoder().encode(`${JSON.stringify(leaseRecordSchema.parse(record), null, 2)}\n`),
          message: `${record.state === 'held' ? 'Lease' : 'Release'} ${environment}: ${record.holder}, run ${record.runId}`,
          author: { name: 'Ferry lease', email: 'lease@ferry.invalid' },
        },
      }),
    );
    if (result.updated) return result.oid;
    // Refused while the ref still holds what we expected: not a race but the server saying no
    // (a hook, a protected namespace). Trying again would only be refused again.
    const current = await remoteCall(() => readRemoteRef(this.target(environment)));
    if (current === expected) {
      throw new FerryError(
        'lease.remote-failed',
        `The shared remote refused to update ${LEASE_REF_PREFIX}${environment} (${result.reason}). Ferry keeps each environment's lease there: ask whoever runs the remote to let your account write refs under ${LEASE_REF_PREFIX}, then try again; nothing was promoted.`,
        { environment, reason: result.reason },
      );
    }
    return null;
  }
}

function checkEnvironment(environment: string): string {
  if (!environmentNameSchema.safeParse(environment).success) {
    throw new FerryError('internal', `"${environment}" is not an environment name, so it has no lease.`);
  }
  return environment;
}

const leaseRequestSchema = z.object({
  holder: text(200),
  keyId: text(200).optional(),
  runId: text(200),
  purpose: z.string().max(500),
  ttlMs: z.number(),
  breakExpired: z.string().max(500).optional(),
  reclaim: z.boolean().optional(),
});

function checkRequest(request: LeaseRequest): void {
  if (!leaseRequestSchema.safeParse(request).success) {
    throw new FerryError('internal', 'A lease request needs a holder and a run id (and short texts).');
  }
  if (request.breakExpired?.trim() === '') {
    throw new FerryError(
      'usage',
      'Breaking a lease needs a reason, for the audit log. Give one and try again.',
    );
  }
}

function checkTtl(ttlMs: number): number {
  if (!Number.isInteger(ttlMs) || ttlMs < MIN_TTL_MS || ttlMs > MAX_TTL_MS) {
    throw new FerryError('internal', `A lease lasts between 1 second and 24 hours, not ${ttlMs} ms.`);
  }
  return ttlMs;
}

/**
 * The held lease a recovery may take back: the same key's, for the same run. Matched on the key
 * (not the name) since keys are per machine and never shared; without a key nothing is reclaimed.
 */
function reclaimable(current: Current, request: LeaseRequest): LeaseRecord | null {
  if (request.reclaim !== true || request.keyId === undefined || current.kind !== 'record') return null;
  const { record } = current;
  return record.state === 'held' && record.runId === request.runId && record.keyId === request.keyId
    ? record
    : null;
}

function oidOf(current: Current): string | null {
  return current.kind === 'none' ? null : current.oid;
}

function isHeld(
  current: Current,
  now: Date,
): current is { kind: 'record'; oid: string; record: LeaseRecord } {
  return (
    current.kind === 'record' &&
    current.record.state === 'held' &&
    Date.parse(current.record.expiresAt) > now.getTime()
  );
}

/** A lease that blocks until broken: held but expired, or a record Ferry cannot read. */
function isStaleHeld(current: Current, now: Date): boolean {
  if (current.kind === 'unreadable') return true;
  return current.kind === 'record' && current.record.state === 'held' && !isHeld(current, now);
}

function brokenFrom(
  current: Exclude<Current, { kind: 'none' }>,
  reason: string,
  brokenBy: string,
  now: Date,
): BrokenLease {
  const record = current.kind === 'record' ? current.record : null;
  return {
    holder: record?.holder ?? 'unknown (unreadable lease record)',
    runId: record?.runId ?? 'unknown',
    expiresAt: record?.expiresAt ?? now.toISOString(),
    reason: reason.trim().slice(0, 500),
    brokenBy,
    brokenAt: now.toISOString(),
  };
}

function unknownRecord(environment: string, now: Date): LeaseRecord {
  return {
    formatVersion: 1,
    state: 'released',
    environment,
    holder: 'unknown',
    runId: 'unknown',
    purpose: '',
    acquiredAt: now.toISOString(),
    expiresAt: now.toISOString(),
  };
}

function describeHolder(record: LeaseRecord): string {
  return `${record.holder}${record.keyId === undefined ? '' : ` (key ${record.keyId})`}`;
}

function leaseDetails(environment: string, record: LeaseRecord): Record<string, unknown> {
  return {
    environment,
    holder: record.holder,
    ...(record.keyId === undefined ? {} : { keyId: record.keyId }),
    runId: record.runId,
    since: record.acquiredAt,
    expiresAt: record.expiresAt,
  };
}

function lockedError(
  environment: string,
  current: Exclude<Current, { kind: 'none' }>,
  now: Date,
): FerryError {
  if (current.kind === 'unreadable') {
    return new FerryError(
      'environment.locked',
      `${environment} has a lease on the shared remote that Ferry cannot read (ref ${LEASE_REF_PREFIX}${environment}). Make sure nobody is promoting to ${environment}, then break the lease with a reason.`,
      { environment },
    );
  }
  const record = current.record;
  const doing = record.purpose === '' ? '' : ` (${record.purpose})`;
  if (Date.parse(record.expiresAt) > now.getTime()) {
    return new FerryError(
      'environment.locked',
      `${environment} is being promoted from another machine: ${describeHolder(record)} holds its lease for run ${record.runId}${doing} since ${record.acquiredAt}, until ${record.expiresAt}. Wait for that run to finish, then try again; if it has died, the lease can be broken with a reason once it expires.`,
      leaseDetails(environment, record),
    );
  }
  return new FerryError(
    'environment.locked',
    `${environment}'s lease is held by ${describeHolder(record)} for run ${record.runId}${doing} since ${record.acquiredAt}, and expired at ${record.expiresAt} without being released. Ask them whether that run is still going; if it is not, break the lease with a reason (it is audited).`,
    { ...leaseDetails(environment, record), expired: true },
  );
}

function notExpiredError(environment: string, record: LeaseRecord): FerryError {
  return new FerryError(
    'lease.not-expired',
    `${describeHolder(record)} holds the lease on ${environment} for run ${record.runId} until ${record.expiresAt}, so it cannot be broken yet. Wait for that run to finish or for the lease to expire.`,
    leaseDetails(environment, record),
  );
}

function lostError(environment: string, now: LeaseRecord | null, how: string): FerryError {
  return new FerryError(
    'lease.lost',
    `This run no longer holds the lease on ${environment}: ${how}${now === null ? '' : `, and ${describeHolder(now)} holds it for run ${now.runId}`}. Stop writing to ${environment}, compare it again, and talk to whoever holds it.`,
    { environment, ...(now === null ? {} : { holder: now.holder, runId: now.runId }) },
  );
}

function busyError(environment: string): FerryError {
  return new FerryError(
    'environment.locked',
    `The lease on ${environment} kept changing while Ferry tried to take it: other machines are taking it at the same time. Try again in a few seconds.`,
    { environment },
  );
}

/** Remote failures as FerryErrors; their messages are built without credentials (see RemoteRefError). */
async function remoteCall<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (!(error instanceof RemoteRefError)) throw error;
    if (error.failure === 'unauthorized') {
      throw new FerryError(
        'lease.unauthorized',
        `${error.message} Ferry needs to read and write the environment lease there: check the user name and token stored for this remote, then try again.`,
      );
    }
    // A refusal already says what to do; a remote that did not answer needs its connection checked.
    const next =
      error.failure === 'refused' ? '' : '; check the connection and the remote address, then try again';
    throw new FerryError(
      'lease.remote-failed',
      `${error.message} The environment lease could not be read or updated, so nothing was promoted${next}.`,
    );
  }
}
