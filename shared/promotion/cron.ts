import { FerryError } from '../api/api-error';
import {
  DAY_MS,
  HOUR_MS,
  instantOf,
  MINUTE_MS,
  offsetAt,
  wallClockAt,
  wallClockOfLocal,
  zoneAbbreviation,
} from './time-zone';

/**
 * Five-field cron (minute hour day-of-month month day-of-week) for deny windows, and the
 * questions a gate asks of a window: is it active now, until when, and when does it next start.
 */

export const CRON_FIELDS = ['minute', 'hour', 'day-of-month', 'month', 'day-of-week'] as const;
export type CronField = (typeof CRON_FIELDS)[number];

export const CRON_INVALID = 'cron.invalid';

export interface CronSchedule {
  expression: string;
  minutes: readonly number[];
  hours: readonly number[];
  daysOfMonth: readonly number[];
  /** 1 to 12. */
  months: readonly number[];
  /** 0 = Sunday … 6 = Saturday; 7 in the text is Sunday too. */
  daysOfWeek: readonly number[];
  /**
   * Whether the day fields start with `*`. As in Vixie cron (and cronie, and every cron people
   * have tested their expressions against): when both day fields are restricted a day matches
   * either of them, otherwise it must match both.
   */
  dayOfMonthStar: boolean;
  dayOfWeekStar: boolean;
}

/** What activeWindow and nextWindowStart need of a deny window. */
export interface WindowTiming {
  cron: string;
  durationMinutes: number;
  timeZone: string;
}

export interface WindowSpan {
  start: Date;
  end: Date;
}

interface FieldSpec {
  field: CronField;
  min: number;
  max: number;
  names?: readonly string[];
  /** What a valid value looks like, for errors. */
  expected: string;
}

const MONTH_NAMES = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

const specs: readonly FieldSpec[] = [
  { field: 'minute', min: 0, max: 59, expected: '0–59' },
  { field: 'hour', min: 0, max: 23, expected: '0–23' },
  { field: 'day-of-month', min: 1, max: 31, expected: '1–31' },
  { field: 'month', min: 1, max: 12, names: MONTH_NAMES, expected: '1–12 or JAN–DEC' },
  { field: 'day-of-week', min: 0, max: 7, names: DAY_NAMES, expected: '0–7 or SUN–SAT' },
];

class FieldProblem extends Error {}

/** `details.problem` is the message without the expression, for callers that name it themselves. */
function cronError(expression: string, problem: string, field?: CronField): FerryError {
  return new FerryError(CRON_INVALID, `cron "${expression}": ${problem}`, {
    expression,
    problem,
    ...(field ? { field } : {}),
  });
}

/** Parses a five-field cron expression; errors name the field and the part that is wrong. */
export function parseCron(expression: string): CronSchedule {
  const fields = expression.trim().split(/\s+/).filter(Boolean);
  if (fields.length !== 5) {
    const extra = fields.length > 5 ? ' (seconds and years are not supported)' : '';
    throw cronError(
      expression,
      `it has ${fields.length} field${fields.length === 1 ? '' : 's'}${extra}; ` +
        `it needs 5: minute hour day-of-month month day-of-week`,
    );
  }
  const values = fields.map((text, index) => {
    const spec = specs[index] as FieldSpec;
    try {
      return parseField(text, spec);
    } catch (error) {
      if (!(error instanceof FieldProblem)) throw error;
      throw cronError(expression, `the ${spec.field} field "${text}" ${error.message}`, spec.field);
    }
  }) as [number[], number[], number[], number[], number[]];
  return {
    expression,
    minutes: values[0],
    hours: values[1],
    daysOfMonth: values[2],
    months: values[3],
    daysOfWeek: [...new Set(values[4].map((day) => day % 7))].sort((a, b) => a - b),
    dayOfMonthStar: (fields[2] as string).startsWith('*'),
    dayOfWeekStar: (fields[4] as string).startsWith('*'),
  };
}

function parseField(text: string, spec: FieldSpec): number[] {
  const chosen = new Set<number>();
  for (const item of text.split(',')) {
    if (item === '') throw new FieldProblem('has an empty item in its list');
    const [range, step, ...rest] = item.split('/');
    if (rest.length > 0) throw new FieldProblem(`has more than one "/" in "${item}"`);
    const stepBy = step === undefined ? 1 : parseStep(step, spec);
    const [first, last] = parseRange(range as string, spec, step !== undefined);
    for (let value = first; value <= last; value += stepBy) chosen.add(value);
  }
  return [...chosen].sort((a, b) => a - b);
}

function parseStep(text: string, spec: FieldSpec): number {
  if (!/^\d+$/.test(text)) throw new FieldProblem(`has a step "${text}" that is not a whole number`);
  const step = Number(text);
  const span = spec.max - spec.min + 1;
  if (step < 1 || step > span) {
    throw new FieldProblem(`has a step of ${step}; it must be between 1 and ${span}`);
  }
  return step;
}

function parseRange(text: string, spec: FieldSpec, stepped: boolean): [number, number] {
  if (text === '*') return [spec.min, spec.max];
  const bounds = text.split('-');
  if (bounds.length > 2 || bounds.some((bound) => bound === '')) {
    throw new FieldProblem(`has "${text}", which is neither a value nor a range like 1-5`);
  }
  const first = parseValue(bounds[0] as string, spec);
  // `5/15` is "from 5 to the end, every 15", as Vixie cron reads it.
  if (bounds.length === 1) return [first, stepped ? spec.max : first];
  let last = parseValue(bounds[1] as string, spec);
  // SAT-SUN: Sunday closes a week that starts on Monday, so it counts as 7 at the end of a range.
  if (spec.field === 'day-of-week' && last === 0 && first > 0) last = 7;
  if (first > last) {
    throw new FieldProblem(`has the range "${text}", which runs backwards`);
  }
  return [first, last];
}

function parseValue(text: string, spec: FieldSpec): number {
  if (/^\d+$/.test(text)) {
    const value = Number(text);
    if (value < spec.min || value > spec.max) {
      throw new FieldProblem(`has ${value}, which is outside ${spec.expected}`);
    }
    return value;
  }
  const index = spec.names?.indexOf(text.toUpperCase()) ?? -1;
  if (index >= 0) return index + (spec.field === 'month' ? 1 : 0);
  throw new FieldProblem(`has "${text}", which is not ${spec.expected}`);
}

/** Lookup tables for the scans below, built once per expression. */
interface Matcher {
  schedule: CronSchedule;
  minutes: boolean[];
  hours: boolean[];
  daysOfMonth: boolean[];
  months: boolean[];
  daysOfWeek: boolean[];
  /** For each minute, the latest allowed minute at or before it in the same hour, or -1. */
  previousMinute: number[];
  /** For each minute, the earliest allowed minute at or after it in the same hour, or 60. */
  nextMinute: number[];
}

function flags(values: readonly number[], size: number): boolean[] {
  const result = new Array<boolean>(size).fill(false);
  for (const value of values) result[value] = true;
  return result;
}

const matchers = new Map<string, Matcher>();
const MATCHER_CACHE_LIMIT = 256;

function matcherFor(expression: string): Matcher {
  const cached = matchers.get(expression);
  if (cached !== undefined) return cached;
  const schedule = parseCron(expression);
  const minutes = flags(schedule.minutes, 60);
  const previousMinute: number[] = [];
  const nextMinute: number[] = new Array<number>(60).fill(60);
  let latest = -1;
  for (let minute = 0; minute < 60; minute += 1) {
    if (minutes[minute]) latest = minute;
    previousMinute.push(latest);
  }
  let earliest = 60;
  for (let minute = 59; minute >= 0; minute -= 1) {
    if (minutes[minute]) earliest = minute;
    nextMinute[minute] = earliest;
  }
  const matcher: Matcher = {
    schedule,
    minutes,
    hours: flags(schedule.hours, 24),
    daysOfMonth: flags(schedule.daysOfMonth, 32),
    months: flags(schedule.months, 13),
    daysOfWeek: flags(schedule.daysOfWeek, 7),
    previousMinute,
    nextMinute,
  };
  if (matchers.size >= MATCHER_CACHE_LIMIT) matchers.clear();
  matchers.set(expression, matcher);
  return matcher;
}

function dayMatches(matcher: Matcher, dayOfMonth: number, weekday: number): boolean {
  const byMonthDay = matcher.daysOfMonth[dayOfMonth] === true;
  const byWeekday = matcher.daysOfWeek[weekday] === true;
  const { dayOfMonthStar, dayOfWeekStar } = matcher.schedule;
  return dayOfMonthStar || dayOfWeekStar ? byMonthDay && byWeekday : byMonthDay || byWeekday;
}

/** Whether a wall-clock minute (a local number, see time-zone.ts) is one the expression names. */
export function cronMatchesLocal(expression: string, local: number): boolean {
  const matcher = matcherFor(expression);
  const clock = wallClockOfLocal(local);
  return (
    matcher.months[clock.month] === true &&
    dayMatches(matcher, clock.day, clock.weekday) &&
    matcher.hours[clock.hour] === true &&
    matcher.minutes[clock.minute] === true
  );
}

function startOfDay(local: number): number {
  return local - (((local % DAY_MS) + DAY_MS) % DAY_MS);
}

function startOfHour(local: number): number {
  return local - (((local % HOUR_MS) + HOUR_MS) % HOUR_MS);
}

/**
 * The latest matching local minute at or before `from` and not before `lowest`, or null. Whole
 * months, days and hours that cannot match are stepped over, so a scan costs a few dozen steps
 * whatever the window's length.
 */
function previousMatch(matcher: Matcher, from: number, lowest: number): number | null {
  let at = from - (((from % MINUTE_MS) + MINUTE_MS) % MINUTE_MS);
  while (at >= lowest) {
    const date = new Date(at);
    const dayStart = startOfDay(at);
    if (!matcher.months[date.getUTCMonth() + 1]) {
      at = dayStart - (date.getUTCDate() - 1) * DAY_MS - MINUTE_MS;
      continue;
    }
    if (!dayMatches(matcher, date.getUTCDate(), date.getUTCDay())) {
      at = dayStart - MINUTE_MS;
      continue;
    }
    const hourStart = startOfHour(at);
    const minute = matcher.hours[date.getUTCHours()]
      ? (matcher.previousMinute[date.getUTCMinutes()] ?? -1)
      : -1;
    if (minute < 0) {
      at = hourStart - MINUTE_MS;
      continue;
    }
    const found = hourStart + minute * MINUTE_MS;
    return found >= lowest ? found : null;
  }
  return null;
}

/** The earliest matching local minute at or after `from` and not after `highest`, or null. */
function nextMatch(matcher: Matcher, from: number, highest: number): number | null {
  const remainder = ((from % MINUTE_MS) + MINUTE_MS) % MINUTE_MS;
  let at = remainder === 0 ? from : from - remainder + MINUTE_MS;
  while (at <= highest) {
    const date = new Date(at);
    const dayStart = startOfDay(at);
    if (!matcher.months[date.getUTCMonth() + 1]) {
      at = Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
      continue;
    }
    if (!dayMatches(matcher, date.getUTCDate(), date.getUTCDay())) {
      at = dayStart + DAY_MS;
      continue;
    }
    const hourStart = startOfHour(at);
    const minute = matcher.hours[date.getUTCHours()] ? (matcher.nextMinute[date.getUTCMinutes()] ?? 60) : 60;
    if (minute > 59) {
      at = hourStart + HOUR_MS;
      continue;
    }
    const found = hourStart + minute * MINUTE_MS;
    return found <= highest ? found : null;
  }
  return null;
}

function offsetRange(instants: readonly number[], timeZone: string): { low: number; high: number } {
  const offsets = instants.map((instant) => offsetAt(instant, timeZone));
  return { low: Math.min(...offsets), high: Math.max(...offsets) };
}

/**
 * The occurrence of `window` that covers `now`: the latest start t, a matching wall-clock minute
 * in the window's time zone, with t ≤ now < t + duration. Null when none does. The duration is
 * elapsed time, so a window that spans a summer-time change ends an hour later or earlier on the
 * clock; starts that fall in a skipped hour move forward with the clock (see `instantOf`).
 */
export function activeWindow(window: WindowTiming, now: Date): WindowSpan | null {
  const matcher = matcherFor(window.cron);
  const nowMs = now.getTime();
  const duration = window.durationMinutes * MINUTE_MS;
  const earliest = nowMs - duration;
  const offsets = offsetRange([nowMs + DAY_MS, nowMs, earliest, earliest - DAY_MS], window.timeZone);
  const spread = offsets.high - offsets.low;
  let lowest = earliest + offsets.low - MINUTE_MS;
  let local = nowMs + offsets.high;
  let best: number | null = null;
  for (;;) {
    const candidate = previousMatch(matcher, local, lowest);
    if (candidate === null) break;
    const start = instantOf(candidate, window.timeZone);
    if (start <= nowMs && start > earliest) {
      // Local order and instant order differ by at most the offset change, so past that
      // distance below the first hit nothing can start later.
      if (best === null) lowest = Math.max(lowest, candidate - spread);
      if (best === null || start > best) best = start;
    }
    local = candidate - MINUTE_MS;
  }
  return best === null ? null : { start: new Date(best), end: new Date(best + duration) };
}

const MAX_SPAN_STEPS = 400;

/**
 * Like activeWindow, but when occurrences overlap or touch (a window that starts again before the
 * last one ends) the span runs to the end of the last of them: that is when a refused promotion
 * can go ahead. Bounded to a year past `now`.
 */
export function activeSpan(window: WindowTiming, now: Date): WindowSpan | null {
  const first = activeWindow(window, now);
  if (first === null) return null;
  const horizon = now.getTime() + 366 * DAY_MS;
  let end = first.end;
  for (let step = 0; step < MAX_SPAN_STEPS && end.getTime() < horizon; step += 1) {
    const next = activeWindow(window, end);
    if (next === null || next.end.getTime() <= end.getTime()) break;
    end = next.end;
  }
  return { start: first.start, end };
}

/** The first start of `window` at or after `from`, looking at most a year ahead; null if none. */
export function nextWindowStart(window: WindowTiming, from: Date): Date | null {
  const matcher = matcherFor(window.cron);
  const fromMs = from.getTime();
  const limit = fromMs + 366 * DAY_MS;
  const near = offsetRange([fromMs - DAY_MS, fromMs, fromMs + DAY_MS], window.timeZone);
  let local = fromMs + near.low - MINUTE_MS;
  let highest = limit + offsetAt(limit, window.timeZone);
  let best: number | null = null;
  for (;;) {
    const candidate = nextMatch(matcher, local, highest);
    if (candidate === null) break;
    const start = instantOf(candidate, window.timeZone);
    if (start >= fromMs && start <= limit) {
      if (best === null) {
        const around = offsetRange([start - DAY_MS, start + DAY_MS], window.timeZone);
        highest = Math.min(highest, candidate + around.high - around.low);
      }
      if (best === null || start < best) best = start;
    }
    local = candidate + MINUTE_MS;
  }
  return best === null ? null : new Date(best);
}

/* ---- Words ---------------------------------------------------------------------------------- */

const SHORT_DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const SHORT_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

function clockText(hour: number, minute: number): string {
  return `${pad(hour)}:${pad(minute)}`;
}

/** `Mon–Fri`, `Sat, Sun`, `Mon, Wed–Fri`: weeks start on Monday, runs of three or more use a dash. */
function weekdaysText(days: readonly number[]): string {
  const order = [1, 2, 3, 4, 5, 6, 0].filter((day) => days.includes(day));
  const runs: number[][] = [];
  for (const day of order) {
    const run = runs[runs.length - 1];
    const previous = run?.[run.length - 1];
    if (run !== undefined && previous !== undefined && (previous + 1) % 7 === day) run.push(day);
    else runs.push([day]);
  }
  return runs
    .flatMap((run) =>
      run.length >= 3
        ? [`${SHORT_DAYS[run[0] as number]}–${SHORT_DAYS[run[run.length - 1] as number]}`]
        : run.map((day) => SHORT_DAYS[day] as string),
    )
    .join(', ');
}

/** `10 hours`, `1 hour 30 minutes`, `2 days`. */
export function durationText(minutes: number): string {
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  const parts: string[] = [];
  if (days > 0) parts.push(`${days} day${days === 1 ? '' : 's'}`);
  if (hours > 0) parts.push(`${hours} hour${hours === 1 ? '' : 's'}`);
  if (rest > 0) parts.push(`${rest} minute${rest === 1 ? '' : 's'}`);
  return parts.join(' ');
}

function daysText(schedule: CronSchedule): string | null {
  const everyMonth = schedule.months.length === 12;
  const monthsPart = everyMonth
    ? ''
    : ` in ${schedule.months.map((month) => SHORT_MONTHS[month - 1]).join(', ')}`;
  const everyMonthDay = schedule.daysOfMonth.length === 31;
  const everyWeekday = schedule.daysOfWeek.length === 7;
  if (schedule.dayOfMonthStar && everyMonthDay) {
    return `${everyWeekday ? 'daily' : weekdaysText(schedule.daysOfWeek)}${monthsPart}`;
  }
  if (schedule.dayOfWeekStar && everyWeekday) {
    const plural = schedule.daysOfMonth.length === 1 ? 'day' : 'days';
    return `on ${plural} ${schedule.daysOfMonth.join(', ')} of the month${monthsPart}`;
  }
  return null;
}

/**
 * A window in words: `Mon–Fri 08:00–18:00 Africa/Lagos`, `daily 22:00–02:00 (next day) Europe/London`,
 * `Sat from 00:00 for 2 days UTC`; anything cron cannot say briefly keeps its expression.
 */
export function describeWindow(window: WindowTiming): string {
  const schedule = matcherFor(window.cron).schedule;
  const days = daysText(schedule);
  const hour = schedule.hours.length === 1 ? schedule.hours[0] : undefined;
  const minute = schedule.minutes.length === 1 ? schedule.minutes[0] : undefined;
  if (days === null || hour === undefined || minute === undefined) {
    return `cron "${window.cron}" for ${durationText(window.durationMinutes)} ${window.timeZone}`;
  }
  const startText = clockText(hour, minute);
  if (window.durationMinutes >= 1440) {
    return `${days} from ${startText} for ${durationText(window.durationMinutes)} ${window.timeZone}`;
  }
  const endMinutes = hour * 60 + minute + window.durationMinutes;
  const endText = clockText(Math.floor(endMinutes / 60) % 24, endMinutes % 60);
  const nextDay = endMinutes > 1440 ? ' (next day)' : '';
  return `${days} ${startText}–${endText}${nextDay} ${window.timeZone}`;
}

/**
 * A moment as a person near `reference` reads it on the window's clock: `18:00 WAT` the same day,
 * `Sat 02:00 WAT` within the week, `2025-04-01 02:00 WAT` beyond.
 */
export function localMomentText(instant: Date, timeZone: string, reference: Date): string {
  const clock = wallClockAt(instant.getTime(), timeZone);
  const base = wallClockAt(reference.getTime(), timeZone);
  const time = `${clockText(clock.hour, clock.minute)} ${zoneAbbreviation(instant.getTime(), timeZone)}`;
  const dayOf = (value: typeof clock) => Date.UTC(value.year, value.month - 1, value.day) / DAY_MS;
  const days = dayOf(clock) - dayOf(base);
  if (days === 0) return time;
  if (days > 0 && days < 7) return `${SHORT_DAYS[clock.weekday]} ${time}`;
  return `${clock.year}-${pad(clock.month)}-${pad(clock.day)} ${time}`;
}
