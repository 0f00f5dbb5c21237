export const SCHEDULE_LISTS = [
  { field: 'openSchedules', label: 'Open schedules' },
  { field: 'closedSchedules', label: 'Closed schedules' },
  { field: 'holidaySchedules', label: 'Holiday schedules' },
] as const;

let zones: readonly string[] | undefined;

/** The IANA time zones this runtime knows, sorted; computed once. */
export function timeZones(): readonly string[] {
  zones ??= [...Intl.supportedValuesOf('timeZone')].sort();
  return zones;
}

/**
 * Whether the runtime accepts `name` as a time zone. Wider than `timeZones()`: that list holds
 * canonical names only, while an org may use an alias such as `UTC` or `Europe/Kiev`.
 */
export function isKnownTimeZone(name: string): boolean {
  if (name === '' || name.trim() !== name) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/**
 * How to store a typed time zone: the listed spelling when it matches one ignoring case (the
 * runtime accepts `europe/london`, Genesys may not), else the text itself when the runtime
 * knows it, else undefined.
 */
export function typedTimeZone(text: string): string | undefined {
  const lower = text.toLowerCase();
  const listed = timeZones().find((zone) => zone.toLowerCase() === lower);
  if (listed !== undefined) return listed;
  return isKnownTimeZone(text) ? text : undefined;
}
