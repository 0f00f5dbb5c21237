/**
 * The subset of RFC 5545 recurrence rules that Genesys Cloud schedules use: FREQ, INTERVAL, BYDAY
 * (with positions such as 1MO or -1FR), BYMONTHDAY, BYMONTH, COUNT and UNTIL. Anything else is
 * refused rather than dropped, so a rule the builder cannot show is never rewritten without it.
 */

export const FREQUENCIES = ['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'] as const;
export type Frequency = (typeof FREQUENCIES)[number];

/** In RFC order, which is also the order they are written and described in. */
export const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export const WEEKDAY_NAMES: Readonly<Record<Weekday, string>> = {
  MO: 'Monday',
  TU: 'Tuesday',
  WE: 'Wednesday',
  TH: 'Thursday',
  FR: 'Friday',
  SA: 'Saturday',
  SU: 'Sunday',
};

export const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

/** One BYDAY entry: a weekday, optionally its position in the month or year (1 = first, -1 = last). */
export interface WeekdayRule {
  weekday: Weekday;
  ordinal?: number;
}

/**
 * A parsed rule. The lists are sorted and free of duplicates, so two rules meaning the same thing
 * compare equal; optional parts are absent rather than undefined, for the same reason.
 */
export interface RecurrenceRule {
  freq: Frequency;
  /** 1 when the text has no INTERVAL. */
  interval: number;
  byDay: WeekdayRule[];
  /** 1 to 31, or -31 to -1 counting from the end of the month. */
  byMonthDay: number[];
  /** 1 to 12. */
  byMonth: number[];
  count?: number;
  /** As RFC 5545 writes it: `YYYYMMDD` or `YYYYMMDDTHHMMSS`, optionally ending in `Z`. */
  until?: string;
}

export type ParseResult = { ok: true; rule: RecurrenceRule } | { ok: false; error: string };

/** The order parts are written in; changing it here changes every rule Ferry writes. */
const PART_ORDER = ['FREQ', 'INTERVAL', 'BYDAY', 'BYMONTH', 'BYMONTHDAY', 'COUNT', 'UNTIL'] as const;
type PartName = (typeof PART_ORDER)[number];

// A month holds at most five of any weekday; a year at most 53.
const MAX_ORDINAL: Readonly<Record<Frequency, number>> = { DAILY: 0, WEEKLY: 0, MONTHLY: 5, YEARLY: 53 };

class RuleError extends Error {}

export function parseRrule(text: string): ParseResult {
  try {
    return { ok: true, rule: readRule(text) };
  } catch (error) {
    if (error instanceof RuleError) return { ok: false, error: error.message };
    throw error;
  }
}

function readRule(text: string): RecurrenceRule {
  let body = text.trim();
  if (/^RRULE:/i.test(body)) body = body.slice('RRULE:'.length);
  // A trailing separator is a common slip and changes nothing.
  if (body.endsWith(';')) body = body.slice(0, -1);
  if (body === '') throw new RuleError('the rule is empty');

  const values = new Map<PartName, string>();
  for (const part of body.split(';')) {
    const equals = part.indexOf('=');
    if (equals <= 0) throw new RuleError(`"${part}" is not NAME=VALUE`);
    const name = part.slice(0, equals).trim().toUpperCase();
    const value = part.slice(equals + 1).trim();
    if (!isPartName(name)) {
      throw new RuleError(`"${name}" is not supported (only ${PART_ORDER.join(', ')})`);
    }
    if (values.has(name)) throw new RuleError(`${name} appears twice`);
    if (value === '') throw new RuleError(`${name} has no value`);
    values.set(name, value);
  }

  const freqText = values.get('FREQ');
  if (freqText === undefined) throw new RuleError('FREQ is missing');
  const freq = readFrequency(freqText);
  const rule: RecurrenceRule = {
    freq,
    interval: 1,
    byDay: [],
    byMonthDay: [],
    byMonth: [],
  };
  const interval = values.get('INTERVAL');
  if (interval !== undefined) rule.interval = readPositive('INTERVAL', interval);
  const byDay = values.get('BYDAY');
  if (byDay !== undefined) rule.byDay = readByDay(byDay, freq);
  const byMonthDay = values.get('BYMONTHDAY');
  if (byMonthDay !== undefined) {
    if (freq === 'WEEKLY') throw new RuleError('BYMONTHDAY cannot be used with FREQ=WEEKLY');
    rule.byMonthDay = readList('BYMONTHDAY', byMonthDay, readMonthDay, compareMonthDays);
  }
  const byMonth = values.get('BYMONTH');
  if (byMonth !== undefined) rule.byMonth = readList('BYMONTH', byMonth, readMonth, (a, b) => a - b);
  const count = values.get('COUNT');
  const until = values.get('UNTIL');
  if (count !== undefined && until !== undefined) {
    throw new RuleError('COUNT and UNTIL cannot both be set');
  }
  if (count !== undefined) rule.count = readPositive('COUNT', count);
  if (until !== undefined) rule.until = readUntil(until);
  return rule;
}

/**
 * The same rule with its lists sorted and duplicates dropped, as `parseRrule` returns rules; for
 * rules assembled piece by piece (a builder toggling weekdays).
 */
export function normalizeRule(rule: RecurrenceRule): RecurrenceRule {
  const normalized: RecurrenceRule = {
    freq: rule.freq,
    interval: rule.interval,
    byDay: uniqueSorted(
      rule.byDay.map(({ weekday, ordinal }) => (ordinal === undefined ? { weekday } : { weekday, ordinal })),
      compareWeekdayRules,
    ),
    byMonthDay: uniqueSorted(rule.byMonthDay, compareMonthDays),
    byMonth: uniqueSorted(rule.byMonth, (left, right) => left - right),
  };
  if (rule.count !== undefined) normalized.count = rule.count;
  if (rule.until !== undefined) normalized.until = rule.until;
  return normalized;
}

function uniqueSorted<T>(items: readonly T[], compare: (left: T, right: T) => number): T[] {
  const unique: T[] = [];
  for (const item of items) if (!unique.some((seen) => compare(seen, item) === 0)) unique.push(item);
  return unique.sort(compare);
}

/** A list of days of the month as a person types it: `1, 15, -1` (commas or spaces). */
export function parseMonthDayList(text: string): { ok: true; days: number[] } | { ok: false; error: string } {
  const items = text.split(/[\s,]+/).filter((item) => item !== '');
  try {
    return { ok: true, days: uniqueSorted(items.map(readMonthDay), compareMonthDays) };
  } catch (error) {
    if (error instanceof RuleError) return { ok: false, error: error.message };
    throw error;
  }
}

function isPartName(name: string): name is PartName {
  return (PART_ORDER as readonly string[]).includes(name);
}

function readFrequency(text: string): Frequency {
  const upper = text.toUpperCase();
  const found = FREQUENCIES.find((freq) => freq === upper);
  if (found === undefined) {
    throw new RuleError(`FREQ: "${text}" is not supported (only ${FREQUENCIES.join(', ')})`);
  }
  return found;
}

function readPositive(part: PartName, text: string): number {
  if (!/^\d+$/.test(text) || Number(text) < 1 || !Number.isSafeInteger(Number(text))) {
    throw new RuleError(`${part}: "${text}" is not a whole number of at least 1`);
  }
  return Number(text);
}

function readList<T>(
  part: PartName,
  text: string,
  readOne: (item: string) => T,
  compare: (left: T, right: T) => number,
): T[] {
  const items = text.split(',').map((item) => {
    const trimmed = item.trim();
    if (trimmed === '') throw new RuleError(`${part}: an empty item in "${text}"`);
    return readOne(trimmed);
  });
  return uniqueSorted(items, compare);
}

function readByDay(text: string, freq: Frequency): WeekdayRule[] {
  return readList(
    'BYDAY',
    text,
    (item) => {
      const match = /^([+-]?\d{1,2})?([A-Za-z]{2})$/.exec(item);
      const weekday = WEEKDAYS.find((day) => day === match?.[2]?.toUpperCase());
      if (match === null || weekday === undefined) throw new RuleError(`BYDAY: "${item}" is not a weekday`);
      const ordinalText = match[1];
      if (ordinalText === undefined) return { weekday };
      const ordinal = Number(ordinalText);
      const max = MAX_ORDINAL[freq];
      if (max === 0) {
        throw new RuleError(`BYDAY: "${item}" has a position, which only MONTHLY and YEARLY rules allow`);
      }
      if (ordinal === 0 || Math.abs(ordinal) > max) {
        throw new RuleError(`BYDAY: "${item}": the position must be 1 to ${max} or -${max} to -1`);
      }
      return { weekday, ordinal };
    },
    compareWeekdayRules,
  );
}

function compareWeekdayRules(left: WeekdayRule, right: WeekdayRule): number {
  return (
    WEEKDAYS.indexOf(left.weekday) - WEEKDAYS.indexOf(right.weekday) ||
    ordinalRank(left.ordinal) - ordinalRank(right.ordinal)
  );
}

// "Every Monday" first, then first, second… and the ones counted from the end last.
function ordinalRank(ordinal: number | undefined): number {
  if (ordinal === undefined) return 0;
  return ordinal > 0 ? ordinal : 100 - ordinal;
}

function readMonthDay(item: string): number {
  const day = /^[+-]?\d{1,2}$/.test(item) ? Number(item) : NaN;
  if (!Number.isInteger(day) || day === 0 || Math.abs(day) > 31) {
    throw new RuleError(`BYMONTHDAY: "${item}" is not a day of the month (1 to 31, or -31 to -1)`);
  }
  return day;
}

/** Days from the start of the month first, then the ones counted from its end (-2 before -1). */
export function compareMonthDays(left: number, right: number): number {
  return monthDayRank(left) - monthDayRank(right);
}

function monthDayRank(day: number): number {
  return day > 0 ? day : 64 + day;
}

function readMonth(item: string): number {
  const month = /^\d{1,2}$/.test(item) ? Number(item) : NaN;
  if (!Number.isInteger(month) || month < 1 || month > 12) {
    throw new RuleError(`BYMONTH: "${item}" is not a month (1 to 12)`);
  }
  return month;
}

function readUntil(text: string): string {
  const upper = text.toUpperCase();
  const match = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})Z?)?$/.exec(upper);
  const invalid = () =>
    new RuleError(`UNTIL: "${text}" is not a date (YYYYMMDD or YYYYMMDDTHHMMSS, optionally ending in Z)`);
  if (match === null) throw invalid();
  const [, year, month, day, hours = '00', minutes = '00', seconds = '00'] = match;
  if (!isCalendarDate(Number(year), Number(month), Number(day))) throw invalid();
  if (Number(hours) > 23 || Number(minutes) > 59 || Number(seconds) > 59) throw invalid();
  return upper;
}

/** Whether the year, month (1–12) and day name a day that exists. */
export function isCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

function daysInMonth(year: number, month: number): number {
  // Day 0 of the next month is the last day of this one; UTC keeps the host's zone out of it.
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function formatRrule(rule: RecurrenceRule): string {
  const values: Record<PartName, string | undefined> = {
    FREQ: rule.freq,
    INTERVAL: rule.interval === 1 ? undefined : String(rule.interval),
    BYDAY: joinOrSkip(rule.byDay.map(({ weekday, ordinal }) => `${ordinal ?? ''}${weekday}`)),
    BYMONTHDAY: joinOrSkip(rule.byMonthDay.map(String)),
    BYMONTH: joinOrSkip(rule.byMonth.map(String)),
    COUNT: rule.count === undefined ? undefined : String(rule.count),
    UNTIL: rule.until,
  };
  return PART_ORDER.flatMap((name) => {
    const value = values[name];
    return value === undefined ? [] : [`${name}=${value}`];
  }).join(';');
}

function joinOrSkip(items: readonly string[]): string | undefined {
  return items.length === 0 ? undefined : items.join(',');
}

/** The parts of a local date-time such as `2024-01-06T09:00:00.000`, or undefined if it is not one. */
function readStart(start: string | undefined): { year: number; month: number; day: number } | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(start ?? '');
  if (match === null) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return isCalendarDate(year, month, day) ? { year, month, day } : undefined;
}

/** The weekday of a calendar date. */
export function weekdayOf(year: number, month: number, day: number): Weekday {
  // getUTCDay counts from Sunday; WEEKDAYS starts on Monday.
  const sundayFirst = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return WEEKDAYS[(sundayFirst + 6) % 7] ?? 'MO';
}

/**
 * The rule in plain English, e.g. "Every week on Monday to Friday" or "Every year on 25 December".
 * `start` (the schedule's local start date-time) fills in the day a rule leaves implicit: a weekly
 * rule without BYDAY repeats on the start's weekday.
 */
export function describeRrule(rule: RecurrenceRule, start?: string): string {
  const startDate = readStart(start);
  const byDay = rule.byDay;
  const byMonthDay = rule.byMonthDay;
  const byMonth = rule.byMonth;
  let text = `Every ${unitText(rule.freq, rule.interval)}`;

  switch (rule.freq) {
    case 'DAILY':
    case 'WEEKLY': {
      const days =
        byDay.length > 0
          ? byDay
          : rule.freq === 'WEEKLY' && startDate !== undefined
            ? [{ weekday: weekdayOf(startDate.year, startDate.month, startDate.day) }]
            : [];
      if (days.length > 0) text += ` on ${weekdayList(days)}`;
      if (byMonthDay.length > 0) text += `, on the ${joinWords(byMonthDay.map(monthDayOrdinal))}`;
      if (byMonth.length > 0) text += `, in ${monthList(byMonth)}`;
      break;
    }
    case 'MONTHLY': {
      const monthDays =
        byMonthDay.length === 0 && byDay.length === 0 && startDate !== undefined
          ? [startDate.day]
          : byMonthDay;
      text += onDaysText(byDay, monthDays, '');
      if (byMonth.length > 0) text += `, in ${monthList(byMonth)}`;
      break;
    }
    case 'YEARLY':
      text += yearlyDays(rule, startDate);
      break;
  }

  if (rule.count !== undefined) text += rule.count === 1 ? ', once' : `, ${rule.count} times`;
  if (rule.until !== undefined) text += `, until ${untilText(rule.until)}`;
  return text;
}

function unitText(freq: Frequency, interval: number): string {
  const unit = { DAILY: 'day', WEEKLY: 'week', MONTHLY: 'month', YEARLY: 'year' }[freq];
  if (interval === 1) return unit;
  return `${interval} ${unit}s`;
}

function yearlyDays(rule: RecurrenceRule, startDate: ReturnType<typeof readStart>): string {
  const { byDay, byMonthDay, byMonth } = rule;
  if (byDay.length === 0 && byMonthDay.length > 0 && byMonth.length > 0) {
    // The common holiday shape reads as a date: "on 25 December", "on 1 and 15 January".
    if (byMonthDay.every((day) => day > 0)) {
      return ` on ${joinWords(byMonthDay.map(String))} ${monthList(byMonth)}`;
    }
    return ` on the ${joinWords(byMonthDay.map(monthDayOrdinal))} of ${monthList(byMonth)}`;
  }
  if (byDay.length === 0 && byMonthDay.length === 0) {
    if (startDate === undefined) return byMonth.length > 0 ? ` in ${monthList(byMonth)}` : '';
    const months = byMonth.length > 0 ? byMonth : [startDate.month];
    return ` on ${startDate.day} ${monthList(months)}`;
  }
  const positioned = byDay.some((day) => day.ordinal !== undefined);
  if (byMonth.length > 0) {
    const months = monthList(byMonth);
    return onDaysText(
      byDay,
      byMonthDay,
      positioned || byMonthDay.length > 0 ? ` of ${months}` : ` in ${months}`,
    );
  }
  // Without BYMONTH a position counts through the whole year ("the 20th Monday of the year"),
  // while days of the month repeat in every month.
  if (positioned) return onDaysText(byDay, byMonthDay, ' of the year');
  return onDaysText(byDay, byMonthDay, byMonthDay.length > 0 ? ' of every month' : '');
}

/**
 * " on the first Monday", " on the 1st and 15th", " on the 13th, if it is a Friday", and for
 * weekdays without a position " on every Monday": within a month, "on Monday" would read as one day.
 */
function onDaysText(byDay: readonly WeekdayRule[], byMonthDay: readonly number[], within: string): string {
  const monthDays = byMonthDay.length > 0 ? `the ${joinWords(byMonthDay.map(monthDayOrdinal))}` : '';
  if (byDay.length === 0) return monthDays === '' ? '' : ` on ${monthDays}${within}`;
  if (monthDays !== '') return ` on ${monthDays}${within}, if it is a ${weekdayList(byDay, 'or')}`;
  const every = byDay.every((day) => day.ordinal === undefined) ? 'every ' : '';
  return ` on ${every}${weekdayList(byDay)}${within}`;
}

/**
 * Weekdays in order, runs of three or more shortened: "Monday to Friday", "Saturday and Sunday",
 * "the first Monday", "every Monday and the last Friday".
 */
function weekdayList(days: readonly WeekdayRule[], conjunction = 'and'): string {
  const positioned = days.some((day) => day.ordinal !== undefined);
  if (positioned) {
    const words = days.map(({ weekday, ordinal }) =>
      ordinal === undefined
        ? `every ${WEEKDAY_NAMES[weekday]}`
        : `the ${positionWord(ordinal)} ${WEEKDAY_NAMES[weekday]}`,
    );
    return joinWords(words, conjunction);
  }
  const indices = days.map((day) => WEEKDAYS.indexOf(day.weekday));
  const pieces: string[] = [];
  for (let at = 0; at < indices.length;) {
    let end = at;
    while (end + 1 < indices.length && indices[end + 1] === (indices[end] ?? 0) + 1) end += 1;
    const first = WEEKDAY_NAMES[WEEKDAYS[indices[at] ?? 0] ?? 'MO'];
    const last = WEEKDAY_NAMES[WEEKDAYS[indices[end] ?? 0] ?? 'MO'];
    if (end - at >= 2) pieces.push(`${first} to ${last}`);
    else
      for (let index = at; index <= end; index += 1)
        pieces.push(WEEKDAY_NAMES[WEEKDAYS[indices[index] ?? 0] ?? 'MO']);
    at = end + 1;
  }
  return joinWords(pieces, conjunction);
}

function positionWord(ordinal: number): string {
  const words = ['first', 'second', 'third', 'fourth', 'fifth'];
  if (ordinal === -1) return 'last';
  if (ordinal < 0) return `${positionWord(-ordinal)} to last`;
  return words[ordinal - 1] ?? englishOrdinal(ordinal);
}

function monthDayOrdinal(day: number): string {
  if (day === -1) return 'last day';
  if (day < 0) return `${englishOrdinal(-day)} to last day`;
  return englishOrdinal(day);
}

/** 1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st… */
function englishOrdinal(value: number): string {
  const lastTwo = value % 100;
  if (lastTwo >= 11 && lastTwo <= 13) return `${value}th`;
  const suffix = { 1: 'st', 2: 'nd', 3: 'rd' }[value % 10] ?? 'th';
  return `${value}${suffix}`;
}

function monthList(months: readonly number[]): string {
  return joinWords(months.map((month) => MONTH_NAMES[month - 1] ?? String(month)));
}

function joinWords(words: readonly string[], conjunction = 'and'): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} ${conjunction} ${words.at(-1) ?? ''}`;
}

function untilText(until: string): string {
  const year = Number(until.slice(0, 4));
  const month = Number(until.slice(4, 6));
  const day = Number(until.slice(6, 8));
  const date = `${day} ${MONTH_NAMES[month - 1] ?? month} ${year}`;
  const time = until.length > 8 ? `${until.slice(9, 11)}:${until.slice(11, 13)}` : '';
  const utc = until.endsWith('Z') ? ' UTC' : '';
  // Ending at the last second of a day is ending with that day; any other time is worth saying.
  if (time === '' || (utc === '' && until.slice(9, 15) === '235959')) return date;
  return `${date} ${time}${utc}`;
}
