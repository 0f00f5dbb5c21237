import type { DurationStats } from './insights-report';

/**
 * Count, median, 90th percentile and mean of some durations in hours, sorting a copy once.
 * Median: the middle value, or the mean of the two middle ones for an even count. 90th percentile:
 * nearest rank (the smallest value with at least 90 % of the values at or below it), so it is
 * always one of the measured durations.
 */
export function durationStats(hours: readonly number[]): DurationStats {
  const count = hours.length;
  if (count === 0) return { count: 0, medianHours: null, p90Hours: null, meanHours: null };
  const sorted = Float64Array.from(hours).sort();
  let sum = 0;
  for (const value of sorted) sum += value;
  return {
    count,
    medianHours: middleOf(sorted),
    p90Hours: sorted[Math.max(0, Math.ceil(count * 0.9) - 1)] ?? null,
    meanHours: sum / count,
  };
}

/** The median of some counts (approvals per change), or null when there are none. */
export function median(values: readonly number[]): number | null {
  return values.length === 0 ? null : middleOf(Float64Array.from(values).sort());
}

function middleOf(sorted: Float64Array): number {
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length % 2 === 1) return sorted[middle] ?? 0;
  return ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}
