import { printableText } from '../../parameters/printable-text';
import type { FollowUp, FollowUpState } from './follow-up';

/**
 * Override follow-ups as a terminal shows them (`ferry runs`, `ferry followups`). Reasons and
 * names come from the workspace, so control and bidi characters print as `\uXXXX`: a planted
 * reason cannot rewrite the lines around it.
 */

const LABEL: Readonly<Record<FollowUpState, string>> = {
  overdue: 'OVERDUE',
  pending: 'pending',
  resolved: 'resolved',
  'resolved-late': 'resolved late',
};

/** Overdue first (the oldest due first), then pending by due time, then resolved ones newest first. */
export function followUpsInDisplayOrder(followUps: readonly FollowUp[]): FollowUp[] {
  const rank: Readonly<Record<FollowUpState, number>> = {
    overdue: 0,
    pending: 1,
    'resolved-late': 2,
    resolved: 2,
  };
  return [...followUps].sort((left, right) => {
    const byRank = rank[left.state] - rank[right.state];
    if (byRank !== 0) return byRank;
    return rank[left.state] < 2
      ? Date.parse(left.dueAt) - Date.parse(right.dueAt)
      : Date.parse(right.overriddenAt) - Date.parse(left.overriddenAt);
  });
}

/** The follow-ups that still need someone: overdue and pending. */
export function openFollowUps(followUps: readonly FollowUp[]): FollowUp[] {
  return followUps.filter((followUp) => followUp.state === 'overdue' || followUp.state === 'pending');
}

export function describeFollowUp(followUp: FollowUp): string[] {
  const who = printableText(followUp.overriddenBy.owner);
  return [
    `  ${LABEL[followUp.state].padEnd(13)} ${printableText(followUp.changesetId)} → ${printableText(followUp.environment)}  overridden by ${who} on ${followUp.overriddenAt} (run ${printableText(followUp.runId)}), due ${followUp.dueAt}`,
    `                reason: ${printableText(followUp.reason)}`,
    `                ${printableText(followUp.message)}`,
  ];
}

/** The block `ferry runs` prints after the runs (open ones only); empty when there is none. */
export function describeOpenFollowUps(followUps: readonly FollowUp[]): string[] {
  const open = followUpsInDisplayOrder(openFollowUps(followUps));
  if (open.length === 0) return [];
  const overdue = open.filter((followUp) => followUp.state === 'overdue').length;
  return [
    '',
    `Follow-ups of emergency overrides: ${overdue} overdue, ${open.length - overdue} pending`,
    ...open.flatMap(describeFollowUp),
  ];
}

/** Every follow-up, for `ferry followups`. */
export function describeAllFollowUps(followUps: readonly FollowUp[]): string {
  if (followUps.length === 0) return 'No emergency overrides, so no follow-ups.';
  const count = (state: FollowUpState) => followUps.filter((followUp) => followUp.state === state).length;
  return [
    `Follow-ups of emergency overrides: ${count('overdue')} overdue, ${count('pending')} pending, ${count('resolved')} resolved, ${count('resolved-late')} resolved late`,
    ...followUpsInDisplayOrder(followUps).flatMap(describeFollowUp),
  ].join('\n');
}
