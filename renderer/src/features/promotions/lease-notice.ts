import { FerryError } from '../../../../shared/api/api-error';
import { formatDateTime } from '../../../../shared/format/date-time';

/** What was refused: the words change with it ("promote", "roll back", "resume"). */
export type LeaseAction = 'promote' | 'rollback' | 'resume';

/** Who holds an environment's lease on the team's remote, as the refusal's details name them. */
export interface LeaseHolder {
  environment: string;
  holder: string;
  /** The holder's signing key, when the refusal names it. */
  keyId: string | null;
  runId: string;
  expiresAt: string;
}

/**
 * A refusal because another machine holds the environment's lease, read for a person:
 * - `held`: its holder's run is (as far as anyone knows) still going; wait for it;
 * - `expired`: the holder never released it; it may be broken, with a reason that is audited;
 * - `renewed`: a break was asked but the holder renewed the lease meanwhile, so it stands.
 */
export interface LeaseNotice {
  kind: 'held' | 'expired' | 'renewed';
  lease: LeaseHolder;
  /** The sentence shown: who, doing what, for which run, until when, and what to do. */
  text: string;
  /** Only an expired lease offers "Break the lease…". */
  canBreak: boolean;
}

export const LEASE_REASON_MAX = 500;

/**
 * The notice for a failed promote, rollback or resume, or null when the failure is not about the
 * remote lease (or names no holder, e.g. this machine's own lock or an unreadable lease record):
 * then the error's own message is shown as for any other failure.
 */
export function leaseNoticeFrom(
  error: unknown,
  action: LeaseAction,
  now: Date = new Date(),
  timeZone?: string,
): LeaseNotice | null {
  if (!(error instanceof FerryError)) return null;
  if (error.code !== 'environment.locked' && error.code !== 'lease.not-expired') return null;
  const lease = holderFrom(error.details);
  if (lease === null) return null;
  const who = describeHolder(lease);
  const until = leaseTime(lease.expiresAt, now, timeZone);
  const where = `${lease.environment} (run ${lease.runId})`;
  if (error.code === 'lease.not-expired') {
    return {
      kind: 'renewed',
      lease,
      canBreak: false,
      text: `The lease was not broken: ${who} holds it again and is promoting to ${where} until ${until}. Their run is going, so wait for them to finish, then try to ${verb(action)} again.`,
    };
  }
  if (error.details?.['expired'] === true) {
    return {
      kind: 'expired',
      lease,
      canBreak: true,
      text: `${who} was promoting to ${where} until ${until}, and that lease expired without being released. Ask them whether that run is still going; if it is not, break the lease with a reason (the break is audited) to ${verb(action)}.`,
    };
  }
  return {
    kind: 'held',
    lease,
    canBreak: false,
    text: `${who} is promoting to ${where} until ${until}. Wait for them to finish, then try again.`,
  };
}

/** Why a reason for breaking a lease cannot be sent yet; null when it can (1–500 characters, trimmed). */
export function leaseReasonProblem(reason: string): string | null {
  const trimmed = reason.trim();
  if (trimmed.length === 0) return 'Say why the lease can be broken, e.g. who you asked.';
  if (trimmed.length > LEASE_REASON_MAX) {
    return `Keep the reason to ${LEASE_REASON_MAX} characters (it has ${trimmed.length}).`;
  }
  return null;
}

/** The break dialog's confirm button: says what breaking it goes on to do. */
export function breakLeaseLabel(action: LeaseAction): string {
  return `Break the lease and ${verb(action)}`;
}

/** "14:05 UTC" on the same day, else the full date: a lease rarely lasts past a day. */
export function leaseTime(iso: string, now: Date, timeZone?: string): string {
  const when = formatDateTime(iso, timeZone);
  const today = formatDateTime(now, timeZone);
  const day = (text: string) => text.slice(0, 10);
  return day(when) === day(today) && /^\d{4}-\d{2}-\d{2} /.test(when) ? when.slice(11) : when;
}

function verb(action: LeaseAction): string {
  return action === 'promote' ? 'promote' : action === 'rollback' ? 'roll back' : 'resume';
}

function describeHolder(lease: LeaseHolder): string {
  return lease.keyId === null ? lease.holder : `${lease.holder} (key ${lease.keyId})`;
}

/** The details the remote lease's refusals carry; anything else (this machine's lock file) is not one. */
function holderFrom(details: Record<string, unknown> | undefined): LeaseHolder | null {
  if (details === undefined) return null;
  const text = (key: string): string | null => {
    const value = details[key];
    return typeof value === 'string' && value.length > 0 ? value : null;
  };
  const environment = text('environment');
  const holder = text('holder');
  const runId = text('runId');
  const expiresAt = text('expiresAt');
  if (environment === null || holder === null || runId === null || expiresAt === null) return null;
  return { environment, holder, keyId: text('keyId'), runId, expiresAt };
}
