import {
  isCalendarDate,
  normalizeRule,
  weekdayOf,
  type Frequency,
  type RecurrenceRule,
  type Weekday,
  type WeekdayRule,
} from '../../../../../shared/schedule/rrule';

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?$/;

/**
 * A canonical local date-time (`2024-01-06T09:00:00.000`) as a `datetime-local` input value
 * (`2024-01-06T09:00:00`). Seconds are always shown, since schedules end at 23:59:59;
 * milliseconds only when there are some. Text that is not a local date-time gives "".
 */
export function canonicalToDateTimeInput(value: string | undefined): string {
  const match = LOCAL_DATE_TIME.exec(value ?? '');
  if (match === null) return '';
  const [, year, month, day, hours, minutes, seconds = '00', fraction = ''] = match;
  const ms = fraction.padEnd(3, '0');
  return `${year}-${month}-${day}T${hours}:${minutes}:${seconds}${ms === '000' ? '' : `.${ms}`}`;
}

/**
 * A `datetime-local` value (which drops zero seconds: `2024-01-06T09:00`) in the canonical form,
 * always with seconds and milliseconds. "" (cleared) and anything else gives undefined.
 */
export function dateTimeInputToCanonical(value: string): string | undefined {
  const match = LOCAL_DATE_TIME.exec(value);
  if (match === null) return undefined;
  const [, year, month, day, hours, minutes, seconds = '00', fraction = ''] = match;
  if (!isCalendarDate(Number(year), Number(month), Number(day))) return undefined;
  return `${year}-${month}-${day}T${hours}:${minutes}:${seconds}.${fraction.padEnd(3, '0')}`;
}

interface LocalDate {
  year: number;
  month: number;
  day: number;
}

function startDate(start: string | undefined): LocalDate | undefined {
  const match = LOCAL_DATE_TIME.exec(start ?? '');
  if (match === null) return undefined;
  const date = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  return isCalendarDate(date.year, date.month, date.day) ? date : undefined;
}

/**
 * The rule after choosing a frequency in the builder. The day choices start afresh from the
 * schedule's start (weekly on its weekday, yearly on its date…), since those of another
 * frequency rarely mean anything in the new one; interval and end are kept.
 */
export function ruleForFrequency(
  freq: Frequency,
  previous: RecurrenceRule | undefined,
  start: string | undefined,
): RecurrenceRule {
  const date = startDate(start);
  const rule: RecurrenceRule = {
    freq,
    interval: previous?.interval ?? 1,
    byDay: [],
    byMonthDay: [],
    byMonth: [],
  };
  if (previous?.count !== undefined) rule.count = previous.count;
  if (previous?.until !== undefined) rule.until = previous.until;
  if (date === undefined) return rule;
  if (freq === 'WEEKLY') rule.byDay = [{ weekday: weekdayOf(date.year, date.month, date.day) }];
  if (freq === 'MONTHLY') rule.byMonthDay = [date.day];
  if (freq === 'YEARLY') {
    rule.byMonth = [date.month];
    rule.byMonthDay = [date.day];
  }
  return rule;
}

/**
 * The position ("first", "last"…) every BYDAY entry shares, which the builder edits as one
 * choice; `mixed` when entries differ (1MO,-1FR), which only the raw text can edit.
 */
export type SharedPosition = { mixed: false; ordinal: number | undefined } | { mixed: true };

export function sharedPosition(byDay: readonly WeekdayRule[]): SharedPosition {
  const ordinals = new Set(byDay.map((day) => day.ordinal));
  if (ordinals.size > 1) return { mixed: true };
  return { mixed: false, ordinal: byDay[0]?.ordinal };
}

export function withWeekday(
  rule: RecurrenceRule,
  weekday: Weekday,
  selected: boolean,
  ordinal: number | undefined,
): RecurrenceRule {
  const others = rule.byDay.filter((day) => day.weekday !== weekday);
  const added: WeekdayRule[] = selected ? [ordinal === undefined ? { weekday } : { weekday, ordinal }] : [];
  return normalizeRule({ ...rule, byDay: [...others, ...added] });
}

export function withPosition(rule: RecurrenceRule, ordinal: number | undefined): RecurrenceRule {
  return normalizeRule({
    ...rule,
    byDay: rule.byDay.map(({ weekday }) => (ordinal === undefined ? { weekday } : { weekday, ordinal })),
  });
}

export function withMonth(rule: RecurrenceRule, month: number, selected: boolean): RecurrenceRule {
  const others = rule.byMonth.filter((existing) => existing !== month);
  return normalizeRule({ ...rule, byMonth: selected ? [...others, month] : others });
}

/** COUNT and UNTIL exclude each other: setting one clears the other. */
export function withCount(rule: RecurrenceRule, count: number | undefined): RecurrenceRule {
  const next = { ...rule };
  delete next.count;
  if (count === undefined) return next;
  delete next.until;
  return { ...next, count };
}

export function withUntil(rule: RecurrenceRule, until: string | undefined): RecurrenceRule {
  const next = { ...rule };
  delete next.until;
  if (until === undefined) return next;
  delete next.count;
  return { ...next, until };
}

/** `20241231T235959` (or `20241231`) as a `date` input value, `2024-12-31`. */
export function untilToDateInput(until: string | undefined): string {
  const match = /^(\d{4})(\d{2})(\d{2})/.exec(until ?? '');
  return match === null ? '' : `${match[1]}-${match[2]}-${match[3]}`;
}

/**
 * A `date` input value as UNTIL. The time of the previous UNTIL is kept; a new one runs to the
 * end of that day (local, like the schedule's start), so occurrences on the day itself count.
 */
export function dateInputToUntil(date: string, previous: string | undefined): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (match === null) return undefined;
  if (!isCalendarDate(Number(match[1]), Number(match[2]), Number(match[3]))) return undefined;
  const time = previous !== undefined && previous.length > 8 ? previous.slice(8) : 'T235959';
  return `${match[1]}${match[2]}${match[3]}${time}`;
}
