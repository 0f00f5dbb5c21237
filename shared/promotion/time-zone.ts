/**
 * Wall-clock time in an IANA time zone, computed with `Intl` alone so the same code runs in the
 * main process, the CLI and the renderer without a time-zone database of our own.
 *
 * A "local" number here is a wall-clock time written as if it were UTC milliseconds
 * (`Date.UTC(year, month, day, hour, minute)` of the time a clock on the wall shows). It is not
 * an instant; it exists so calendar arithmetic (start of day, weekday) is plain integer maths.
 */

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

const IANA_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/;

// Formatters are costly to build (tens of microseconds) and cheap to reuse.
const wallClockFormatters = new Map<string, Intl.DateTimeFormat>();

/**
 * Whether `name` is a time-zone name `Intl` knows. Offsets such as `+01:00` are refused even where
 * `Intl` takes them: a deny window follows a place's clock, summer time included.
 */
export function isTimeZone(name: string): boolean {
  if (!IANA_NAME.test(name)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

function wallClockFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = wallClockFormatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    wallClockFormatters.set(timeZone, formatter);
  }
  return formatter;
}

function floorTo(value: number, unit: number): number {
  return value - (((value % unit) + unit) % unit);
}

/** The local number of `instant` in `timeZone`, to the second. */
export function localOf(instant: number, timeZone: string): number {
  const fields = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const part of wallClockFormatter(timeZone).formatToParts(instant)) {
    if (part.type in fields) fields[part.type as keyof typeof fields] = Number(part.value);
  }
  return Date.UTC(fields.year, fields.month - 1, fields.day, fields.hour, fields.minute, fields.second);
}

/** How far `timeZone`'s clock is ahead of UTC at `instant`, in milliseconds. */
export function offsetAt(instant: number, timeZone: string): number {
  return localOf(instant, timeZone) - floorTo(instant, 1000);
}

/**
 * The instant a wall clock in `timeZone` shows `local`. Where summer time repeats an hour, the
 * first of the two instants; where it skips one, the time is moved forward by the length of the
 * gap (01:30 on the morning London skips to BST becomes 02:30 BST). That is what people mean by
 * "at 01:30" on those days, and it is how Temporal's `compatible` disambiguation behaves.
 */
export function instantOf(local: number, timeZone: string): number {
  // No zone moves its clock by a day, so the offsets a day either side bracket any transition.
  const before = offsetAt(local - DAY_MS, timeZone);
  const after = offsetAt(local + DAY_MS, timeZone);
  if (before === after) return local - before;
  const candidates = [local - after, local - before]
    .filter((instant) => instant + offsetAt(instant, timeZone) === local)
    .sort((left, right) => left - right);
  return candidates[0] ?? local - before;
}

export interface WallClock {
  year: number;
  /** 1 to 12. */
  month: number;
  day: number;
  hour: number;
  minute: number;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
}

export function wallClockOfLocal(local: number): WallClock {
  const date = new Date(local);
  return {
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    hour: date.getUTCHours(),
    minute: date.getUTCMinutes(),
    weekday: date.getUTCDay(),
  };
}

export function wallClockAt(instant: number, timeZone: string): WallClock {
  return wallClockOfLocal(localOf(instant, timeZone));
}

/*
 * English abbreviations such as WAT, BST or IST exist in ICU only under the locale of the country
 * that uses them (WAT under en-NG), so the locales of the places Ferry's users work in are tried in
 * turn; without a match the `GMT+1` form is kept.
 */
const abbreviationLocales = [
  'en-US',
  'en-GB',
  'en-IE',
  'en-NG',
  'en-GH',
  'en-ZA',
  'en-KE',
  'en-IN',
  'en-SG',
  'en-PH',
  'en-AU',
  'en-NZ',
  'en-CA',
] as const;
const abbreviationFormatters = new Map<string, Intl.DateTimeFormat>();

function abbreviationIn(locale: string, instant: number, timeZone: string): string {
  const id = `${locale} ${timeZone}`;
  let formatter = abbreviationFormatters.get(id);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'short' });
    abbreviationFormatters.set(id, formatter);
  }
  return formatter.formatToParts(instant).find((part) => part.type === 'timeZoneName')?.value ?? '';
}

/** `WAT`, `BST`, `EST`; `GMT+5:45` where no English abbreviation is known. */
export function zoneAbbreviation(instant: number, timeZone: string): string {
  let fallback = '';
  for (const locale of abbreviationLocales) {
    const name = abbreviationIn(locale, instant, timeZone);
    if (/^[A-Z]{2,5}$/.test(name)) return name;
    if (fallback === '') fallback = name;
  }
  return fallback || timeZone;
}
