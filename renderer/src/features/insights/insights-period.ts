import type { InsightsQuery } from '../../../../shared/insights/insights-query';

/**
 * The period a person picks on the Insights page, and the query it becomes. The figures themselves
 * come computed from `insights.metrics`; this only turns the picker's choice into `[from, to)`.
 */

/** The quick choices: the last week, month, quarter and year. */
export const PERIOD_PRESETS = [7, 30, 90, 365] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];

export type PeriodChoice =
  | { kind: 'preset'; days: PeriodPreset }
  /** Whole UTC days, both inclusive as a person reads "from 1 to 7 December": `YYYY-MM-DD`. */
  | { kind: 'custom'; from: string; to: string };

export const DEFAULT_PERIOD: PeriodChoice = { kind: 'preset', days: 30 };

const DAY_MS = 24 * 60 * 60 * 1000;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

export function presetLabel(days: PeriodPreset): string {
  return `Last ${days} days`;
}

/** A `YYYY-MM-DD` as the UTC midnight that starts it; null when it is not a real date. */
function utcDay(text: string): Date | null {
  if (!DATE_ONLY.test(text)) return null;
  const day = new Date(`${text}T00:00:00.000Z`);
  return Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== text ? null : day;
}

/** The date part of an instant, in UTC, as a date input shows it. */
export function dateInputValue(moment: Date): string {
  return moment.toISOString().slice(0, 10);
}

/**
 * The query for a choice, or why a custom choice cannot be asked: a preset ends now, a custom
 * period runs from the first day's start to the end of the last day, as the `[from, to)` of the
 * query.
 */
export function periodQuery(
  choice: PeriodChoice,
  now: Date,
): { query: Pick<InsightsQuery, 'from' | 'to'> } | { problem: string } {
  if (choice.kind === 'preset') {
    // Both ends from one clock reading, so the period is exactly that many days long.
    return {
      query: { from: new Date(now.getTime() - choice.days * DAY_MS).toISOString(), to: now.toISOString() },
    };
  }
  const from = utcDay(choice.from);
  const last = utcDay(choice.to);
  if (from === null || last === null) {
    return { problem: 'Pick both dates (year-month-day), then press "Show these dates" again.' };
  }
  if (last.getTime() < from.getTime()) {
    return { problem: 'The "to" date is before the "from" date: swap them or pick another day.' };
  }
  return { query: { from: from.toISOString(), to: new Date(last.getTime() + DAY_MS).toISOString() } };
}

/**
 * The environments to ask about after one is ticked or unticked, from those the workspace has and
 * those asked about now (null: all); null again when all are ticked, the default.
 */
export function toggledEnvironments(
  all: readonly string[],
  current: readonly string[] | null,
  name: string,
): string[] | null {
  const chosen = current ?? all;
  const next = chosen.includes(name) ? chosen.filter((item) => item !== name) : [...chosen, name];
  // An empty list would mean "all" to the service: the last one ticked stays ticked instead.
  if (next.length === 0) return [...chosen];
  const ordered = all.filter((item) => next.includes(item));
  return ordered.length === all.length ? null : ordered;
}

/** Whether an environment is asked about now. */
export function isChosen(current: readonly string[] | null, name: string): boolean {
  return current === null || current.includes(name);
}

/** The custom dates a picker starts with: the 30 days up to today, both inclusive. */
export function defaultCustomDates(now: Date): { from: string; to: string } {
  return { from: dateInputValue(new Date(now.getTime() - 30 * DAY_MS)), to: dateInputValue(now) };
}

/** The follow-up fix windows offered, in days (0: a later fix never counts as one). */
export const FIX_WINDOW_CHOICES = [0, 1, 2, 3, 5, 7, 14] as const;
