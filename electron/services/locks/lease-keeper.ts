import type { FerryError } from '../../../shared/api/api-error';
import { isFerryError } from '../../../shared/api/api-error';
import type { HeldRemoteLease } from './remote-lease';

/**
 * Keeps a remote lease alive while a long run writes: renews it every `everyMs` (a third of its
 * ttl is a good choice, so two renewals can fail to a slow remote before it expires), and tells
 * the run at once when the lease is lost so it stops writing. A renewal that fails for a passing
 * network reason is retried at the next tick; only `lease.lost`, or the lease actually running out
 * without a successful renewal, counts as lost.
 */
export interface LeaseKeeper {
  /** Stops renewing; waits for a renewal in flight so `release` never races it. */
  stop(): Promise<void>;
}

export function keepLeaseAlive(
  held: HeldRemoteLease,
  options: { everyMs: number; onLost: (error: FerryError | Error) => void; clock?: () => Date },
): LeaseKeeper {
  const clock = options.clock ?? (() => new Date());
  let stopped = false;
  let inFlight: Promise<void> | null = null;
  const tick = async (): Promise<void> => {
    try {
      await held.renew();
    } catch (error) {
      if (stopped) return;
      const lost = isFerryError(error) && error.code === 'lease.lost';
      const ranOut = Date.parse(held.record.expiresAt) <= clock().getTime();
      if (lost || ranOut) {
        stopped = true;
        clearInterval(timer);
        options.onLost(error instanceof Error ? error : new Error(String(error)));
      }
    }
  };
  const timer = setInterval(() => {
    // A renewal still waiting on a slow remote is not joined by another.
    if (stopped || inFlight !== null) return;
    inFlight = tick().finally(() => {
      inFlight = null;
    });
  }, options.everyMs);
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      if (inFlight !== null) await inFlight;
    },
  };
}
