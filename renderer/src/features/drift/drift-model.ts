import type { ObjectProvenance } from '../../../../shared/model/object-provenance';
import type { TriageOutcome } from './triage-outcome';
import { objectId, type ObjectDiffWire } from '../compare/diff-model';

/** Unambiguous everywhere: day, month name, year, 24-hour time, and the zone it is in. */
const WHEN = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZone: 'UTC',
  timeZoneName: 'short',
});

const DAY = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});

/** The day alone ("6 Dec 2026"), for a row with little room; the full time goes in its title. */
export function formatDayUtc(iso: string): string {
  const time = Date.parse(iso);
  return Number.isNaN(time) ? iso : DAY.format(new Date(time));
}

export function formatWhenUtc(iso: string): string {
  const time = Date.parse(iso);
  return Number.isNaN(time) ? iso : WHEN.format(new Date(time));
}

/** object id → who and when, for the rows of one drift report. */
export function provenanceIndex(entries: readonly ObjectProvenance[]): Map<string, ObjectProvenance> {
  return new Map(entries.map((entry) => [objectId(entry), entry]));
}

/** The sentence under a drifted object: who changed it in the org and when, or that the org does not say. */
export function describeProvenance(
  object: ObjectDiffWire,
  provenance: ObjectProvenance | undefined,
  environment: string,
): string {
  if (object.status === 'removed') {
    return `Deleted from ${environment}; a deleted object has no record left to say who or when: look in the org's audit log.`;
  }
  const by = provenance?.modifiedBy ?? null;
  const at = provenance?.dateModified ?? null;
  if (by !== null && at !== null) return `Changed in ${environment} by ${by} on ${formatWhenUtc(at)}.`;
  if (at !== null) {
    return `Changed in ${environment} on ${formatWhenUtc(at)}; the org does not say by whom for this type (look in its audit log).`;
  }
  if (by !== null) return `Changed in ${environment} by ${by}; the org does not say when.`;
  return `The org does not say who changed it or when: look in ${environment}'s audit log.`;
}

export interface TriageCounts {
  total: number;
  accepted: number;
  reverted: number;
  ignored: number;
  /** Still to decide. */
  open: number;
}

export function triageCounts(
  objects: readonly ObjectDiffWire[],
  triage: Readonly<Record<string, TriageOutcome>>,
): TriageCounts {
  const counts: TriageCounts = { total: objects.length, accepted: 0, reverted: 0, ignored: 0, open: 0 };
  for (const object of objects) {
    const outcome = triage[objectId(object)];
    if (outcome === undefined) counts.open += 1;
    else counts[outcome.action] += 1;
  }
  return counts;
}

/** "4 drifted: 1 accepted, 1 revert drafted, 2 to triage". */
export function triageCountsText(counts: TriageCounts): string {
  if (counts.total === 0) return 'Nothing has drifted.';
  const parts = [
    counts.accepted > 0 ? `${counts.accepted} accepted` : '',
    counts.reverted > 0 ? `${counts.reverted} revert${counts.reverted === 1 ? '' : 's'} drafted` : '',
    counts.ignored > 0 ? `${counts.ignored} ignored` : '',
    counts.open > 0 ? `${counts.open} to triage` : 'all triaged',
  ].filter(Boolean);
  return `${counts.total} drifted: ${parts.join(', ')}`;
}
