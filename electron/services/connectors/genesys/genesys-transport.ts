import { setTimeout as delay } from 'node:timers/promises';
import { apiErrorFromResponse, GenesysApiError, GenesysErrorCode } from './genesys-error';
import { RateLimitGate } from './rate-limit-gate';
import {
  backoffDelayMs,
  DEFAULT_RETRY_POLICY,
  mayRepeat,
  outcomeUnknown,
  retryAfterMs,
  type AttemptFailure,
  type RetryPolicy,
} from './retry-policy';

export interface TransportRequest {
  method: string;
  /** Absolute URL. */
  url: string;
  headers?: Record<string, string>;
  /** Already serialised (JSON text or a form body). */
  body?: string;
  signal?: AbortSignal;
}

export interface TransportResponse {
  status: number;
  statusText: string;
  headers: Headers;
  /** Parsed JSON when the reply says so, else the text. */
  body: unknown;
}

/** What a pull or a promotion reports: the requests made and the time spent waiting on limits. */
export interface TransportStats {
  requests: number;
  retries: number;
  rateLimitWaits: number;
  rateLimitWaitMs: number;
}

export interface GenesysTransportOptions {
  retry?: Partial<RetryPolicy>;
  fetch?: typeof fetch;
  random?: () => number;
  now?: () => number;
  onStats?: (stats: TransportStats) => void;
}

/**
 * Ferry's HTTP layer under the Genesys SDK: per-attempt timeout, cancel, retries with backoff and
 * jitter on 5xx and network errors (only where repeating is safe, see `mayRepeat`; a write that may
 * have landed fails with `outcomeUnknown` for the connector to settle), 429s waited out by their
 * `Retry-After`, and pacing from the rate-limit headers. Bounded everywhere.
 */
export class GenesysTransport {
  readonly stats: TransportStats = { requests: 0, retries: 0, rateLimitWaits: 0, rateLimitWaitMs: 0 };
  private readonly policy: RetryPolicy;
  private readonly fetchImpl: typeof fetch;
  private readonly random: () => number;
  private readonly now: () => number;
  private readonly gate: RateLimitGate;

  constructor(private readonly options: GenesysTransportOptions = {}) {
    this.policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.fetchImpl = options.fetch ?? fetch;
    this.random = options.random ?? Math.random;
    this.now = options.now ?? Date.now;
    this.gate = new RateLimitGate(this.now, sleep);
  }

  async send(request: TransportRequest): Promise<TransportResponse> {
    const method = request.method.toUpperCase();
    const path = safePath(request.url);
    let failures = 0;
    let rateLimited = 0;
    for (;;) {
      throwIfCancelled(request.signal, method, path);
      const waited = await this.gate.acquire(request.signal).catch(() => {
        throw cancelled(method, path);
      });
      if (waited > 0) this.noteWait(waited);
      this.stats.requests += 1;
      let response: Response;
      let text: string;
      try {
        response = await this.fetchImpl(request.url, {
          method,
          headers: request.headers,
          body: request.body,
          signal: combineSignals(request.signal, AbortSignal.timeout(this.policy.timeoutMs)),
        });
        // Inside the try: a reply can stall or drop after its headers, and the timeout covers the body too.
        text = await response.text();
      } catch (error) {
        this.gate.release(null);
        if (request.signal?.aborted) throw cancelled(method, path);
        const timedOut = error instanceof Error && error.name === 'TimeoutError';
        // A write whose connection dropped may have been applied; repeating it could apply it twice.
        // One that never got a connection was never sent, so any method may be repeated.
        const failure: AttemptFailure = neverSent(error) ? { kind: 'not-sent' } : { kind: 'lost' };
        if (mayRepeat(method, path, failure) && failures < this.policy.maxRetries) {
          failures += 1;
          await this.retryPause(failures, request.signal, method, path);
          continue;
        }
        throw new GenesysApiError(
          timedOut ? GenesysErrorCode.timeout : GenesysErrorCode.unreachable,
          timedOut
            ? `${method} ${path} timed out after ${this.policy.timeoutMs} ms`
            : `${method} ${path} could not reach the server (${describeNetworkError(error)})`,
          { status: null, method, path },
          { outcomeUnknown: outcomeUnknown(method, path, failure) },
        );
      }
      this.gate.release(response.headers);
      const body = parseBody(response, text, method, path);
      if (response.status === 429 && rateLimited < this.policy.maxRateLimitRetries) {
        rateLimited += 1;
        const wait =
          retryAfterMs(response.headers.get('retry-after'), this.now()) ??
          backoffDelayMs(rateLimited, this.policy, this.random);
        this.gate.pauseFor(wait);
        this.stats.retries += 1;
        continue;
      }
      const failure: AttemptFailure = { kind: 'answered', status: response.status };
      if (response.status >= 500 && mayRepeat(method, path, failure) && failures < this.policy.maxRetries) {
        failures += 1;
        await this.retryPause(failures, request.signal, method, path);
        continue;
      }
      if (response.status >= 400) {
        throw apiErrorFromResponse(response.status, body, method, path, {
          outcomeUnknown: outcomeUnknown(method, path, failure),
        });
      }
      this.options.onStats?.(this.stats);
      return { status: response.status, statusText: response.statusText, headers: response.headers, body };
    }
  }

  /** How many times one request may be sent again: the connector's own resends keep to it too. */
  get retryLimit(): number {
    return this.policy.maxRetries;
  }

  /**
   * The backoff before the connector sends a write again itself (after reading the target), counted
   * as a retry like the transport's own, so the run can tell an attempt may have come before.
   */
  async backOff(attempt: number, signal: AbortSignal | undefined, method: string, path: string) {
    await this.retryPause(attempt, signal, method.toUpperCase(), safePath(path));
  }

  private noteWait(ms: number): void {
    this.stats.rateLimitWaits += 1;
    this.stats.rateLimitWaitMs += ms;
    this.options.onStats?.(this.stats);
  }

  private async retryPause(attempt: number, signal: AbortSignal | undefined, method: string, path: string) {
    this.stats.retries += 1;
    await sleep(backoffDelayMs(attempt, this.policy, this.random), signal).catch(() => {
      throw cancelled(method, path);
    });
  }
}

function parseBody(response: Response, text: string, method: string, path: string): unknown {
  if (text === '') return null;
  const type = response.headers.get('content-type') ?? '';
  if (!type.includes('json')) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // An error reply (a gateway's HTML page labelled JSON) keeps its status, so a 5xx is still retried.
    if (response.status >= 400) return text;
    throw new GenesysApiError(GenesysErrorCode.malformed, `${method} ${path} answered with malformed JSON`, {
      status: response.status,
      method,
      path,
    });
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return delay(ms, undefined, signal ? { signal } : undefined);
}

function combineSignals(a: AbortSignal | undefined, b: AbortSignal): AbortSignal {
  return a ? AbortSignal.any([a, b]) : b;
}

function throwIfCancelled(signal: AbortSignal | undefined, method: string, path: string): void {
  if (signal?.aborted) throw cancelled(method, path);
}

function cancelled(method: string, path: string): GenesysApiError {
  return new GenesysApiError(GenesysErrorCode.cancelled, `${method} ${path} was cancelled`, {
    status: null,
    method,
    path,
  });
}

/** The path only: query strings can carry names, and URLs never carry credentials into errors. */
function safePath(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return '(invalid URL)';
  }
}

/** Errors raised before a connection existed: the request cannot have reached the server. */
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

function neverSent(error: unknown): boolean {
  const cause = error instanceof Error ? (error as { cause?: { code?: unknown } }).cause : undefined;
  return typeof cause?.code === 'string' && NOT_SENT_CODES.has(cause.code);
}

function describeNetworkError(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: { code?: unknown } }).cause;
    if (cause && typeof cause.code === 'string') return cause.code;
    return error.message;
  }
  return 'network error';
}
