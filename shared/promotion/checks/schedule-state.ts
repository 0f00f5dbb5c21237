import { parseRrule, weekdayOf, type RecurrenceRule } from '../../schedule/rrule';
import { DAY_MS, localOf } from '../time-zone';

/**
 * Whether a schedule group is open at an instant, as Genesys Cloud decides it.
 *
 * Genesys semantics (Architect's "Evaluate Schedule Group" and the call routing that uses it): a
 * schedule group has open, closed and holiday schedules and one time zone. Each schedule has a
 * start and an end as local date-times WITHOUT a zone (`2024-01-01T08:00:00.000`) and optionally
 * an RFC 5545 recurrence rule; the group's time zone gives them their instants, so "08:00" stays
 * 08:00 on the wall across summer time. At a given moment:
 *   1. if any holiday schedule is active, the group is in its HOLIDAY state (closed);
 *   2. else if any closed schedule is active, it is CLOSED;
 *   3. else if any open schedule is active, it is OPEN;
 *   4. else (no schedule covers the moment) it is CLOSED.
 * So holiday overrides closed, which overrides open. An occurrence covers [start, start + length),
 * its length being end − start of the schedule's first occurrence (which may cross midnight: an
 * overnight closure from 20:00 to 08:00). A schedule without a rule is active only in its one window.
 */

export interface ScheduleWindow {
  name: string;
  /** Local date-time, `YYYY-MM-DDTHH:mm:ss(.sss)`. */
  start: string;
  end: string;
  rrule?: string | null;
}

export interface ScheduleGroupDefinition {
  name: string;
  timeZone: string;
  open: readonly ScheduleWindow[];
  closed: readonly ScheduleWindow[];
  holiday: readonly ScheduleWindow[];
}

export type ScheduleGroupState = 'open' | 'closed' | 'holiday';

export interface ScheduleGroupEvaluation {
  state: ScheduleGroupState;
  /** The schedules active at the instant, by kind. */
  active: { open: string[]; closed: string[]; holiday: string[] };
  /** The wall-clock time the schedules were read at, `2026-12-07 14:05` in the group's zone. */
  localTime: string;
}

/** Refuses what cannot be evaluated (a bad date-time or rule), naming the schedule. */
export class ScheduleEvaluationError extends Error {}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?$/;

/** A local date-time as a "local number" (see time-zone.ts): wall-clock time written as UTC ms. */
export function localNumber(text: string): number | null {
  const match = LOCAL.exec(text.trim());
  if (match === null) return null;
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => Number(part ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const value = Date.UTC(year, month - 1, day, hour, minute, second);
  const date = new Date(value);
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day || hour > 23 || minute > 59) return null;
  return value;
}

function dayOf(local: number): number {
  return Math.floor(local / DAY_MS);
}

function parts(day: number): { year: number; month: number; day: number } {
  const date = new Date(day * DAY_MS);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** UNTIL as a local number: a date means the whole day; a `Z` time is moved into the group's zone. */
function untilLocal(until: string, timeZone: string): number {
  const match = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z)?)?$/.exec(until);
  if (match === null) return Number.POSITIVE_INFINITY;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (match[4] === undefined) return Date.UTC(year, month - 1, day, 23, 59, 59);
  const value = Date.UTC(year, month - 1, day, Number(match[4]), Number(match[5]), Number(match[6]));
  return match[7] === 'Z' ? localOf(value, timeZone) : value;
}

/** Whether `weekday` in position `ordinal` (1 first, -1 last) of the days `from..to` (day numbers) is `day`. */
function nthWeekdayMatches(
  dayNumber: number,
  ordinal: number | undefined,
  from: number,
  to: number,
): boolean {
  if (ordinal === undefined) return true;
  if (ordinal > 0) return Math.floor((dayNumber - from) / 7) + 1 === ordinal;
  return -(Math.floor((to - dayNumber) / 7) + 1) === ordinal;
}

function monthDayMatches(day: number, monthLength: number, list: readonly number[]): boolean {
  return list.some((wanted) => (wanted > 0 ? wanted === day : monthLength + wanted + 1 === day));
}

/** Whether `rule` (with its first occurrence on `first`) has an occurrence starting on day `day`. */
function ruleHitsDay(rule: RecurrenceRule, first: number, day: number): boolean {
  if (day < first) return false;
  const date = parts(day);
  const start = parts(first);
  const weekday = weekdayOf(date.year, date.month, date.day);
  const monthLength = daysInMonth(date.year, date.month);
  if (rule.byMonth.length > 0 && !rule.byMonth.includes(date.month)) return false;
  const byDayPlain = (from: number, to: number) =>
    rule.byDay.some((entry) => entry.weekday === weekday && nthWeekdayMatches(day, entry.ordinal, from, to));
  const monthFrom = day - (date.day - 1);
  const monthTo = monthFrom + monthLength - 1;
  switch (rule.freq) {
    case 'DAILY':
      if ((day - first) % rule.interval !== 0) return false;
      if (rule.byMonthDay.length > 0 && !monthDayMatches(date.day, monthLength, rule.byMonthDay))
        return false;
      return rule.byDay.length === 0 || byDayPlain(monthFrom, monthTo);
    case 'WEEKLY': {
      // Weeks start on Monday (WKST=MO, the RFC's default); day 0 (1970-01-01) was a Thursday.
      const weekOf = (value: number) => Math.floor((value + 3) / 7);
      if ((weekOf(day) - weekOf(first)) % rule.interval !== 0) return false;
      if (rule.byDay.length === 0) return weekday === weekdayOf(start.year, start.month, start.day);
      return rule.byDay.some((entry) => entry.weekday === weekday);
    }
    case 'MONTHLY': {
      const months = (date.year - start.year) * 12 + (date.month - start.month);
      if (months % rule.interval !== 0) return false;
      if (rule.byMonthDay.length === 0 && rule.byDay.length === 0) return date.day === start.day;
      if (rule.byMonthDay.length > 0 && !monthDayMatches(date.day, monthLength, rule.byMonthDay))
        return false;
      return rule.byDay.length === 0 || byDayPlain(monthFrom, monthTo);
    }
    case 'YEARLY': {
      if ((date.year - start.year) % rule.interval !== 0) return false;
      if (rule.byMonth.length === 0 && rule.byMonthDay.length === 0 && rule.byDay.length === 0)
        return date.month === start.month && date.day === start.day;
      if (rule.byMonthDay.length > 0 && !monthDayMatches(date.day, monthLength, rule.byMonthDay))
        return false;
      if (rule.byDay.length > 0) {
        // An ordinal counts within the month when BYMONTH is given, else within the year.
        const yearFrom = Math.floor(Date.UTC(date.year, 0, 1) / DAY_MS);
        const yearTo = Math.floor(Date.UTC(date.year, 11, 31) / DAY_MS);
        return rule.byMonth.length > 0 ? byDayPlain(monthFrom, monthTo) : byDayPlain(yearFrom, yearTo);
      }
      if (rule.byMonthDay.length === 0 && rule.byMonth.length > 0) return date.day === start.day;
      return rule.byMonthDay.length > 0 || date.month === start.month;
    }
  }
}

// COUNT is honoured by counting occurrences from the first; a schedule older than this is not counted.
const MAX_COUNTED_DAYS = 366 * 100;

/** Whether `schedule` has an occurrence covering `local` (the instant on the group's wall clock). */
export function scheduleActiveAt(schedule: ScheduleWindow, local: number, timeZone: string): boolean {
  const start = localNumber(schedule.start);
  const end = localNumber(schedule.end);
  if (start === null || end === null) {
    throw new ScheduleEvaluationError(
      `schedule "${schedule.name}" has a start or end that is not a local date-time ("${schedule.start}", "${schedule.end}")`,
    );
  }
  const length = end - start;
  if (length <= 0) return false;
  const rrule = schedule.rrule?.trim() ?? '';
  if (rrule === '') return local >= start && local < end;
  const parsed = parseRrule(rrule);
  if (!parsed.ok) {
    throw new ScheduleEvaluationError(
      `schedule "${schedule.name}" has a rule Ferry cannot read: ${parsed.error}`,
    );
  }
  const rule = parsed.rule;
  const timeOfDay = start - dayOf(start) * DAY_MS;
  const first = dayOf(start);
  const until = rule.until === undefined ? Number.POSITIVE_INFINITY : untilLocal(rule.until, timeZone);
  // Occurrences starting on the days that could still be running at `local`.
  const spanDays = Math.ceil(length / DAY_MS);
  for (let day = dayOf(local) - spanDays; day <= dayOf(local); day += 1) {
    const occurrence = day * DAY_MS + timeOfDay;
    if (occurrence > local || local >= occurrence + length) continue;
    if (occurrence > until) continue;
    if (!ruleHitsDay(rule, first, day)) continue;
    if (rule.count !== undefined && occurrenceNumber(rule, first, day) > rule.count) continue;
    return true;
  }
  return false;
}

/** 1 for the first occurrence (the schedule's own start counts as one, as RFC 5545 says). */
function occurrenceNumber(rule: RecurrenceRule, first: number, day: number): number {
  let count = 1;
  const last = Math.min(day, first + MAX_COUNTED_DAYS);
  for (let current = first + 1; current <= last; current += 1) {
    if (ruleHitsDay(rule, first, current)) count += 1;
  }
  return count;
}

/** The group's state at `instant` (ms since the epoch), by the rules in this file's comment. */
export function evaluateScheduleGroup(
  group: ScheduleGroupDefinition,
  instant: number,
): ScheduleGroupEvaluation {
  const local = localOf(instant, group.timeZone);
  const activeOf = (list: readonly ScheduleWindow[]) =>
    list
      .filter((schedule) => scheduleActiveAt(schedule, local, group.timeZone))
      .map((schedule) => schedule.name);
  const active = {
    open: activeOf(group.open),
    closed: activeOf(group.closed),
    holiday: activeOf(group.holiday),
  };
  const state: ScheduleGroupState =
    active.holiday.length > 0
      ? 'holiday'
      : active.closed.length > 0
        ? 'closed'
        : active.open.length > 0
          ? 'open'
          : 'closed';
  const wall = new Date(local).toISOString();
  return { state, active, localTime: `${wall.slice(0, 10)} ${wall.slice(11, 16)}` };
}
