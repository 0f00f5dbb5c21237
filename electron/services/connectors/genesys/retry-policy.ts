/** Bounds for retrying one request; every loop that uses it ends. */
export interface RetryPolicy {
  /** Retries after a 5xx or a network error, where `mayRepeat` allows one. */
  maxRetries: number;
  /** Separate budget for 429s: waiting out a rate limit is expected, not a failure. */
  maxRateLimitRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Per attempt. */
  timeoutMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxRetries: 5,
  maxRateLimitRetries: 20,
  baseDelayMs: 250,
  maxDelayMs: 8000,
  timeoutMs: 30_000,
};

/**
 * Exponential backoff with "full jitter": a random delay up to the exponential cap, so clients
 * that failed together do not retry together.
 */
export function backoffDelayMs(attempt: number, policy: RetryPolicy, random: () => number): number {
  const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(cap * random());
}

/** Longest wait a `Retry-After` may impose; a broken header must not park a pull for days. */
export const MAX_RETRY_AFTER_MS = 5 * 60_000;

/** `Retry-After` in seconds (Genesys sends integers; an HTTP date is honoured too). */
export function retryAfterMs(header: string | null, now: number): number | null {
  if (header === null || header.trim() === '') return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0)
    return Math.min(MAX_RETRY_AFTER_MS, Math.ceil(seconds * 1000));
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.min(MAX_RETRY_AFTER_MS, Math.max(0, date - now));
}

/** How one attempt failed, as far as deciding on another goes. */
export type AttemptFailure =
  /** Refused, not resolved, or cut off while connecting: the server never saw the request. */
  | { kind: 'not-sent' }
  /** Sent, then the connection broke or the reply never came: it may have been carried out. */
  | { kind: 'lost' }
  /** The server answered with this status (429 has its own budget and is not asked about here). */
  | { kind: 'answered'; status: number };

/** Methods that change nothing: repeating one is always safe. */
const READS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

/** A token request creates nothing that matters: a second login just gives a second token. */
export function isTokenRequest(path: string): boolean {
  return path === '/oauth/token' || path.endsWith('/oauth/token');
}

/**
 * Whether the transport may send a failed request again by itself. Only when doing it twice
 * cannot do harm: the server never saw it, said it did no work (503), or the request changes
 * nothing (a read, a login). A write that may have landed (a reset after sending, a timeout, a 500,
 * 502 or 504, where a gateway may have given up on a backend that carried on) is never repeated
 * blindly: the connector reads the target to learn what happened.
 */
export function mayRepeat(method: string, path: string, failure: AttemptFailure): boolean {
  if (failure.kind === 'not-sent') return true;
  if (failure.kind === 'answered') {
    if (failure.status === 503) return true;
    if (failure.status < 500) return false;
  }
  return READS.has(method.toUpperCase()) || isTokenRequest(path);
}

/** Whether a failed write may nevertheless have been carried out, so only a read can tell. */
export function outcomeUnknown(method: string, path: string, failure: AttemptFailure): boolean {
  if (READS.has(method.toUpperCase()) || isTokenRequest(path)) return false;
  if (failure.kind === 'lost') return true;
  return failure.kind === 'answered' && failure.status >= 500 && failure.status !== 503;
}
