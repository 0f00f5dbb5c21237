/** Bounds for retrying one request; every loop that uses it ends. */
export interface RetryPolicy {
  /** Retries after a 5xx or a network error (idempotent requests only for the latter). */
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
