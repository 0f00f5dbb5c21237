import { formatDateTime } from '../../../../shared/format/date-time';
import type { FollowUp } from '../../../../shared/promotion/follow-ups/follow-up';
import { followUpsInDisplayOrder } from '../../../../shared/promotion/follow-ups/follow-up-text';

/**
 * What the Promotions page shows of emergency overrides' follow-ups (issue 20): the overdue ones
 * in an alert, the pending ones with their due time and how long is left. Everything the panel
 * says is shaped here, from the list the host judged; the panel only lays it out.
 */

export interface FollowUpRow {
  runId: string;
  /** "cs-storm → prod" */
  title: string;
  /** "Overridden by Ada on 2026-11-23 10:00 UTC: INC-7 storm" */
  overridden: string;
  /** "Due 2026-11-24 10:00 UTC (in 3 hours)" or "Was due … (5 hours ago)" */
  due: string;
  /** What to do, from the host's judgement. */
  message: string;
  /** The same in the app: the host's message names the command only. */
  inApp: string;
}

export interface FollowUpsView {
  overdue: FollowUpRow[];
  pending: FollowUpRow[];
  /** "2 emergency overrides are overdue for a retrospective approval" */
  overdueHeading: string;
  pendingHeading: string;
}

const HOUR_MS = 3_600_000;

/** "3 hours", "1 hour", "under an hour", "2 days". */
export function spanInWords(ms: number): string {
  const hours = Math.round(Math.abs(ms) / HOUR_MS);
  if (hours < 1) return 'under an hour';
  if (hours < 48) return `${hours} hour${hours === 1 ? '' : 's'}`;
  const days = Math.round(hours / 24);
  return `${days} days`;
}

function row(followUp: FollowUp, now: Date): FollowUpRow {
  const left = Date.parse(followUp.dueAt) - now.getTime();
  const when = formatDateTime(followUp.dueAt);
  return {
    runId: followUp.runId,
    title: `${followUp.changesetId} → ${followUp.environment}`,
    overridden: `Overridden by ${followUp.overriddenBy.owner} on ${formatDateTime(followUp.overriddenAt)}: ${followUp.reason}`,
    due: left >= 0 ? `Due ${when} (in ${spanInWords(left)})` : `Was due ${when} (${spanInWords(left)} ago)`,
    message: followUp.message,
    inApp: `In the app: that approver chooses this changeset and ${followUp.environment} under New promotion, plans it and presses Approve.`,
  };
}

export function followUpsView(followUps: readonly FollowUp[], now: Date): FollowUpsView {
  const ordered = followUpsInDisplayOrder(followUps);
  const overdue = ordered.filter((followUp) => followUp.state === 'overdue').map((item) => row(item, now));
  const pending = ordered.filter((followUp) => followUp.state === 'pending').map((item) => row(item, now));
  return {
    overdue,
    pending,
    overdueHeading:
      overdue.length === 1
        ? '1 emergency override is overdue for a retrospective approval'
        : `${overdue.length} emergency overrides are overdue for a retrospective approval`,
    pendingHeading:
      pending.length === 1
        ? '1 emergency override awaits its retrospective approval'
        : `${pending.length} emergency overrides await their retrospective approval`,
  };
}
