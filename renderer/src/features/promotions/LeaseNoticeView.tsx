import type { LeaseNotice } from './lease-notice';
import { useLeaseBreakStore } from './lease-break-store';

interface LeaseNoticeViewProps {
  notice: LeaseNotice;
  /** A run is under way: nothing may be started from here. */
  busy: boolean;
}

/**
 * Why the run did not start: another machine holds the environment's lease on the team's remote.
 * Who, for which run, until when; an expired lease can be broken, through a dialog asking why.
 */
export function LeaseNoticeView({ notice, busy }: LeaseNoticeViewProps) {
  const ask = useLeaseBreakStore((state) => state.ask);
  return (
    <div
      className="error-banner lease-notice"
      role="alert"
      data-testid="lease-notice"
      data-kind={notice.kind}
    >
      <span data-testid="lease-notice-text">{notice.text}</span>
      {notice.canBreak && (
        <button
          type="button"
          className="danger-outline"
          disabled={busy}
          onClick={ask}
          data-testid="break-lease"
        >
          Break the lease…
        </button>
      )}
    </div>
  );
}
