import type { Bucket } from './insights-report';

/**
 * How a period's series are grouped (issue 19): by day for a period up to 31 days, by week up to
 * 26 weeks, else by month. Weeks start on Monday 00:00 UTC, months on the 1st 00:00 UTC. Every
 * bucket from the one holding `from` to the one holding the instant before `to` is listed, empty or
 * not, so a chart's axis is continuous.
 */

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;
const MAX_DAY_BUCKET_DAYS = 31;
const MAX_WEEK_BUCKET_DAYS = 26 * 7;

export function bucketFor(from: Date, to: Date): Bucket {
  const days = (to.getTime() - from.getTime()) / DAY_MS;
  if (days <= MAX_DAY_BUCKET_DAYS) return 'day';
  if (days <= MAX_WEEK_BUCKET_DAYS) return 'week';
  return 'month';
}

/** Midnight UTC of the Monday on or before `time` (1970-01-01 was a Thursday). */
export function mondayOnOrBefore(time: number): number {
  const dayNumber = Math.floor(time / DAY_MS);
  const weekday = (dayNumber + 3) % 7; // 0 = Monday
  return (dayNumber - weekday) * DAY_MS;
}

export interface Buckets {
  bucket: Bucket;
  /** Each bucket's start, in milliseconds, ascending. */
  starts: number[];
  /** Which bucket a time in `[from, to)` falls in. */
  indexOf(time: number): number;
}

export function makeBuckets(bucket: Bucket, from: Date, to: Date): Buckets {
  const fromMs = from.getTime();
  const toMs = to.getTime();
  if (bucket === 'month') {
    const firstMonth = from.getUTCFullYear() * 12 + from.getUTCMonth();
    const last = new Date(toMs - 1);
    const lastMonth = last.getUTCFullYear() * 12 + last.getUTCMonth();
    const starts: number[] = [];
    for (let month = firstMonth; month <= lastMonth; month += 1) {
      starts.push(Date.UTC(Math.floor(month / 12), month % 12, 1));
    }
    return {
      bucket,
      starts,
      indexOf: (time) => {
        const date = new Date(time);
        return date.getUTCFullYear() * 12 + date.getUTCMonth() - firstMonth;
      },
    };
  }
  const size = bucket === 'day' ? DAY_MS : WEEK_MS;
  const first = bucket === 'day' ? Math.floor(fromMs / DAY_MS) * DAY_MS : mondayOnOrBefore(fromMs);
  const starts: number[] = [];
  for (let start = first; start < toMs; start += size) starts.push(start);
  return { bucket, starts, indexOf: (time) => Math.floor((time - first) / size) };
}
