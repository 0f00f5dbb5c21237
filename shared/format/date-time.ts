/**
 * One way to write a moment for people: `2026-12-06 14:03 UTC`. Year first with a 24-hour clock,
 * so no reader mistakes 12/6 for 6 December or 2 pm for 2 am, and the time zone always named,
 * since workspaces are shared between people in different zones.
 */
export function formatDateTime(moment: string | number | Date, timeZone?: string): string {
  const date = moment instanceof Date ? moment : new Date(moment);
  if (Number.isNaN(date.getTime())) return String(moment);
  const parts = new Intl.DateTimeFormat('en-GB', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
    ...(timeZone === undefined ? {} : { timeZone }),
  }).formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((item) => item.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')} ${part('timeZoneName')}`;
}
