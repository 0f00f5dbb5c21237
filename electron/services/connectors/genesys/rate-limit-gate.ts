/**
 * Paces requests from Genesys's own `inin-ratelimit-*` headers so a long pull waits for the
 * window to reset instead of spending requests on 429s. A 429 that still happens sets the same
 * pause from its `Retry-After`.
 */
export class RateLimitGate {
  private remaining = Number.POSITIVE_INFINITY;
  private resumeAt = 0;
  private inFlight = 0;

  constructor(
    private readonly now: () => number,
    private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>,
  ) {}

  /** Waits until a request may go; returns the time waited. Call `release` after the reply. */
  async acquire(signal?: AbortSignal): Promise<number> {
    let waited = 0;
    // Bounded: each pass either proceeds or sleeps until the announced reset.
    for (let pass = 0; pass < 1000; pass += 1) {
      const now = this.now();
      if (now >= this.resumeAt && this.remaining - this.inFlight > 0) break;
      if (now >= this.resumeAt) {
        // The window is used up but its reset time passed: allow one probe to learn the new window.
        if (this.inFlight === 0) break;
        await this.sleep(25, signal);
        waited += 25;
        continue;
      }
      const pause = this.resumeAt - now;
      await this.sleep(pause, signal);
      waited += pause;
    }
    this.inFlight += 1;
    return waited;
  }

  release(headers: Headers | null): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
    if (!headers) return;
    const allowed = Number(headers.get('inin-ratelimit-allowed'));
    const count = Number(headers.get('inin-ratelimit-count'));
    const reset = Number(headers.get('inin-ratelimit-reset'));
    if (Number.isFinite(allowed) && Number.isFinite(count) && headers.has('inin-ratelimit-allowed')) {
      this.remaining = allowed - count;
      if (this.remaining <= 0 && Number.isFinite(reset))
        this.resumeAt = Math.max(this.resumeAt, this.now() + reset * 1000);
      else if (this.remaining > 0) this.resumeAt = Math.min(this.resumeAt, this.now());
    }
  }

  pauseFor(ms: number): void {
    this.resumeAt = Math.max(this.resumeAt, this.now() + ms);
  }
}
