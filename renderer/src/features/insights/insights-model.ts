import {
  CHANGE_FAILURE_RATE_BANDS,
  DEPLOYMENT_FREQUENCY_BANDS,
  LEAD_TIME_BANDS,
  TIME_TO_RESTORE_BANDS,
} from '../../../../shared/insights/dora-bands';
import { hoursText, percentText, plural, trim } from '../../../../shared/insights/insights-format';
import type { Bucket, DoraBand, InsightsReport } from '../../../../shared/insights/insights-report';

/**
 * Shapes the computed report for people and charts: words for durations and rates, rows for
 * recharts, and a sentence per chart for those who cannot see it. No figure is computed here;
 * every number comes from `insights.metrics` as it is.
 */

export const BAND_LABELS: Readonly<Record<DoraBand, string>> = {
  elite: 'Elite',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
};

/** A bucket's start as a short axis label: the day, the Monday a week starts, or the month. */
export function bucketLabel(start: string, bucket: Bucket): string {
  const day = start.slice(0, 10);
  if (bucket === 'month') return day.slice(0, 7);
  return bucket === 'week' ? `wk ${day.slice(5)}` : day.slice(5);
}

/** Deployments per day as words: "1 a day", "once every 7 days". */
function perDayWords(perDay: number): string {
  return perDay >= 1 ? `${trim(perDay)} a day` : `once every ${trim(1 / perDay)} days`;
}

export interface BandLegendRow {
  band: DoraBand;
  deployments: string;
  leadTime: string;
  failures: string;
  restore: string;
}

/** The band thresholds (shared/insights/dora-bands.ts) as words, one row per band, for the legend. */
export function bandLegend(): BandLegendRow[] {
  const graded = (['elite', 'high', 'medium'] as const).map((band) => ({
    band,
    deployments: `at least ${perDayWords(DEPLOYMENT_FREQUENCY_BANDS[band])}`,
    leadTime: `under ${hoursText(LEAD_TIME_BANDS[band])}`,
    failures: `${percentText(CHANGE_FAILURE_RATE_BANDS[band])} or less`,
    restore: `under ${hoursText(TIME_TO_RESTORE_BANDS[band])}`,
  }));
  const low: BandLegendRow = {
    band: 'low',
    deployments: `less than ${perDayWords(DEPLOYMENT_FREQUENCY_BANDS.medium)}`,
    leadTime: `${hoursText(LEAD_TIME_BANDS.medium)} or more`,
    failures: `over ${percentText(CHANGE_FAILURE_RATE_BANDS.medium)}`,
    restore: `${hoursText(TIME_TO_RESTORE_BANDS.medium)} or more`,
  };
  return [...graded, low];
}

/**
 * The colours series are drawn in, in order: the app's palette variables, which dark mode redefines,
 * so a chart follows the theme. Each series is also named in the legend and the table.
 */
export const SERIES_COLOURS = [
  'var(--accent)',
  'var(--warn)',
  'var(--success)',
  'var(--purple)',
  'var(--danger)',
  'var(--muted)',
] as const;

export function seriesColour(index: number): string {
  return SERIES_COLOURS[index % SERIES_COLOURS.length] ?? SERIES_COLOURS[0];
}

export interface DeploymentRow {
  label: string;
  start: string;
  total: number;
  counts: Record<string, number>;
}

/** Deployments per bucket, one count per environment (stacked), and the environments drawn. */
export function deploymentRows(report: InsightsReport): { rows: DeploymentRow[]; environments: string[] } {
  const bucket = report.period.bucket;
  const environments = report.environments.filter((e) => e.selected).map((e) => e.name);
  const rows = report.deploymentFrequency.series.map((point) => {
    const counts: Record<string, number> = {};
    let total = 0;
    for (const name of environments) {
      const count = point.counts[name] ?? 0;
      counts[name] = count;
      total += count;
    }
    return { label: bucketLabel(point.start, bucket), start: point.start, total, counts };
  });
  return { rows, environments };
}

/** Recharts reads each stacked value from a key of the row: the counts flattened beside the label. */
export function stackedRow(row: DeploymentRow): Record<string, number | string> {
  return { label: row.label, ...row.counts };
}

export interface DurationRow {
  label: string;
  start: string;
  count: number;
  medianHours: number | null;
}

export function leadTimeRows(report: InsightsReport): DurationRow[] {
  return report.leadTime.series.map((point) => ({
    label: bucketLabel(point.start, report.period.bucket),
    start: point.start,
    count: point.count,
    medianHours: point.medianHours,
  }));
}

export interface FailureRow {
  label: string;
  start: string;
  deployments: number;
  failures: number;
  /** In percent for the axis; null where nothing was deployed. */
  ratePercent: number | null;
}

export function failureRows(report: InsightsReport): FailureRow[] {
  return report.changeFailureRate.series.map((point) => ({
    label: bucketLabel(point.start, report.period.bucket),
    start: point.start,
    deployments: point.deployments,
    failures: point.failures,
    ratePercent: point.rate === null ? null : Math.round(point.rate * 1000) / 10,
  }));
}

export const STAGE_LABELS = {
  authoring: 'Authoring',
  approval: 'Waiting for approval',
  waiting: 'Waiting for a window',
  promotion: 'Promotion',
} as const;

export interface StageRow {
  stage: string;
  medianHours: number | null;
  count: number;
}

export function stageRows(report: InsightsReport): StageRow[] {
  const stages = report.leadTime.stages;
  return (Object.keys(STAGE_LABELS) as (keyof typeof STAGE_LABELS)[]).map((key) => ({
    stage: STAGE_LABELS[key],
    medianHours: stages[key].medianHours,
    count: stages[key].count,
  }));
}

export const DRIFT_OUTCOMES = ['found', 'accepted', 'reverted', 'ignored'] as const;
export type DriftOutcome = (typeof DRIFT_OUTCOMES)[number];

export interface DriftRow {
  label: string;
  start: string;
  checks: number;
  found: number;
  accepted: number;
  reverted: number;
  ignored: number;
}

export function driftRows(report: InsightsReport): DriftRow[] {
  return report.governance.drift.weeks.map((week) => ({ ...week, label: bucketLabel(week.start, 'week') }));
}

/** Whether the period holds nothing to measure: no promotion finished in it, in any environment. */
export function periodIsEmpty(report: InsightsReport): boolean {
  return report.changeFailureRate.deployments === 0 && report.deploymentFrequency.total === 0;
}

/** One sentence per chart for screen readers, saying what the picture shows. */
export function deploymentSummary(report: InsightsReport): string {
  const { total, byEnvironment } = report.deploymentFrequency;
  const parts = byEnvironment.map((item) => `${item.environment} ${item.deployments}`);
  return `${plural(total, 'successful deployment')} in the period, by ${report.period.bucket}${parts.length > 0 ? `: ${parts.join(', ')}` : ''}.`;
}

export function leadTimeSummary(report: InsightsReport): string {
  const measured = report.leadTime.series.filter((point) => point.medianHours !== null);
  if (measured.length === 0) return 'No lead time was measured in the period.';
  const longest = measured.reduce((a, b) => ((b.medianHours ?? 0) > (a.medianHours ?? 0) ? b : a));
  return `Median lead time per ${report.period.bucket}; overall ${hoursText(report.leadTime.overall.medianHours)}, longest ${hoursText(longest.medianHours)} (${bucketLabel(longest.start, report.period.bucket)}).`;
}

export function failureSummary(report: InsightsReport): string {
  const { failures, deployments, rate } = report.changeFailureRate;
  return `${failures} of ${plural(deployments, 'promotion')} failed in the period (${percentText(rate)}), shown per ${report.period.bucket}.`;
}

export function stageSummary(rows: readonly StageRow[]): string {
  return `Median time per stage: ${rows.map((row) => `${row.stage.toLowerCase()} ${hoursText(row.medianHours)}`).join(', ')}.`;
}

export function driftSummary(report: InsightsReport): string {
  const totals = report.governance.drift.totals;
  return `${plural(totals.checks, 'drift check')} found ${plural(totals.found, 'drifted object')}: ${totals.accepted} accepted, ${totals.reverted} reverted, ${totals.ignored} ignored.`;
}
