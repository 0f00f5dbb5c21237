import type { DoraBand } from './insights-report';

/**
 * The DORA performance bands, in one place (issue 19). Source: the DORA "Accelerate State of
 * DevOps" report 2021, whose bands leave gaps between them (e.g. lead time "one day to one week"
 * then "one month to six months"); here each band starts where the one above ends, so every value
 * has exactly one band. They are for orientation only: a team's own trend says more than its band.
 */

const HOURS_PER_DAY = 24;

/** Deployments per day, at least: elite one a day, high one a week, medium one a month (30 days). */
export const DEPLOYMENT_FREQUENCY_BANDS = {
  elite: 1,
  high: 1 / 7,
  medium: 1 / 30,
} as const;

/** Median lead time in hours, below: elite one hour, high one week, medium six months (183 days). */
export const LEAD_TIME_BANDS = {
  elite: 1,
  high: 7 * HOURS_PER_DAY,
  medium: 183 * HOURS_PER_DAY,
} as const;

/** Change failure rate, at most: elite 15 %, high 30 %, medium 45 %. */
export const CHANGE_FAILURE_RATE_BANDS = {
  elite: 0.15,
  high: 0.3,
  medium: 0.45,
} as const;

/** Median time to restore in hours, below: elite one hour, high one day, medium one week. */
export const TIME_TO_RESTORE_BANDS = {
  elite: 1,
  high: HOURS_PER_DAY,
  medium: 7 * HOURS_PER_DAY,
} as const;

/** Production deployments per day → band: more often is better, each threshold inclusive. */
export function deploymentFrequencyBand(perDay: number): DoraBand {
  if (perDay >= DEPLOYMENT_FREQUENCY_BANDS.elite) return 'elite';
  if (perDay >= DEPLOYMENT_FREQUENCY_BANDS.high) return 'high';
  if (perDay >= DEPLOYMENT_FREQUENCY_BANDS.medium) return 'medium';
  return 'low';
}

/** Median lead time in hours → band: shorter is better, each threshold exclusive. */
export function leadTimeBand(medianHours: number): DoraBand {
  if (medianHours < LEAD_TIME_BANDS.elite) return 'elite';
  if (medianHours < LEAD_TIME_BANDS.high) return 'high';
  if (medianHours < LEAD_TIME_BANDS.medium) return 'medium';
  return 'low';
}

/** Change failure rate (0–1) → band: lower is better, each threshold inclusive. */
export function changeFailureRateBand(rate: number): DoraBand {
  if (rate <= CHANGE_FAILURE_RATE_BANDS.elite) return 'elite';
  if (rate <= CHANGE_FAILURE_RATE_BANDS.high) return 'high';
  if (rate <= CHANGE_FAILURE_RATE_BANDS.medium) return 'medium';
  return 'low';
}

/** Median time to restore in hours → band: shorter is better, each threshold exclusive. */
export function timeToRestoreBand(medianHours: number): DoraBand {
  if (medianHours < TIME_TO_RESTORE_BANDS.elite) return 'elite';
  if (medianHours < TIME_TO_RESTORE_BANDS.high) return 'high';
  if (medianHours < TIME_TO_RESTORE_BANDS.medium) return 'medium';
  return 'low';
}
