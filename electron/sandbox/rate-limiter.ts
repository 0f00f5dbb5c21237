/**
 * Fixed-window request budget per key (a token, or the caller when it has none), the way
 * Genesys meters client-credentials tokens: N requests per minute, then 429 until the window
 * resets.
 */
export interface RateDecision {
  allowed: boolean;
  /** Requests counted in the current window, this one included when allowed. */
  count: number;
  limit: number;
  /** Whole seconds until the window resets; at least 1 so `Retry-After` is never 0. */
  resetSeconds: number;
}

interface Window {
  startedAt: number;
  count: number;
}

const PRUNE_THRESHOLD = 1000;

export class RateLimiter {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly limit: number,
    private readonly clock: () => number,
    private readonly windowMs = 60_000,
  ) {
    if (!Number.isInteger(limit) || limit < 1)
      throw new Error(`rate limit must be a positive integer, got ${limit}`);
  }

  take(key: string): RateDecision {
    const now = this.clock();
    if (this.windows.size > PRUNE_THRESHOLD) this.prune(now);
    let window = this.windows.get(key);
    if (!window || now - window.startedAt >= this.windowMs) {
      window = { startedAt: now, count: 0 };
      this.windows.set(key, window);
    }
    const resetSeconds = Math.max(1, Math.ceil((window.startedAt + this.windowMs - now) / 1000));
    if (window.count >= this.limit) {
      return { allowed: false, count: window.count, limit: this.limit, resetSeconds };
    }
    window.count += 1;
    return { allowed: true, count: window.count, limit: this.limit, resetSeconds };
  }

  /** Keeps memory bounded when many distinct keys (e.g. bad tokens) show up. */
  private prune(now: number): void {
    for (const [key, window] of this.windows) {
      if (now - window.startedAt >= this.windowMs) this.windows.delete(key);
    }
  }
}
