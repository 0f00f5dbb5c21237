import { FIGURE_TITLES } from '../../../../shared/insights/figure-explanations';
import { hoursText, percentText, plural } from '../../../../shared/insights/insights-format';
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

/**
 * The unit a chart of durations is drawn in, from its longest value: seconds, minutes, hours or days, so
 * an axis reads "45 min" rather than "0.75 h". Only the drawing is scaled; tables and tooltips say
 * each duration in words.
 */
export interface DurationScale {
  unit: string;
  /** Hours per unit. */
  hours: number;
}

export function durationScale(values: readonly (number | null)[]): DurationScale {
  const longest = Math.max(0, ...values.filter((value): value is number => value !== null));
  if (longest < 1 / 60) return { unit: 's', hours: 1 / 3600 };
  if (longest < 1) return { unit: 'min', hours: 1 / 60 };
  if (longest < 48) return { unit: 'h', hours: 1 };
  return { unit: 'd', hours: 24 };
}

/** A duration in a scale's unit, rounded for the drawing; null stays a gap. */
export function scaled(hours: number | null, scale: DurationScale): number | null {
  return hours === null ? null : Math.round((hours / scale.hours) * 100) / 100;
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
  /** The median in the chart's unit, for the drawing. */
  median: number | null;
}

export function leadTimeRows(report: InsightsReport): { rows: DurationRow[]; scale: DurationScale } {
  const scale = durationScale(report.leadTime.series.map((point) => point.medianHours));
  const rows = report.leadTime.series.map((point) => ({
    label: bucketLabel(point.start, report.period.bucket),
    start: point.start,
    count: point.count,
    medianHours: point.medianHours,
    median: scaled(point.medianHours, scale),
  }));
  return { rows, scale };
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
  authoring: FIGURE_TITLES.leadTimeAuthoring,
  approval: FIGURE_TITLES.leadTimeApproval,
  waiting: FIGURE_TITLES.leadTimeWaiting,
  promotion: FIGURE_TITLES.leadTimePromotion,
} as const;

export interface StageRow {
  stage: string;
  medianHours: number | null;
  median: number | null;
  count: number;
}

export function stageRows(report: InsightsReport): { rows: StageRow[]; scale: DurationScale } {
  const stages = report.leadTime.stages;
  const keys = Object.keys(STAGE_LABELS) as (keyof typeof STAGE_LABELS)[];
  const scale = durationScale(keys.map((key) => stages[key].medianHours));
  const rows = keys.map((key) => ({
    stage: STAGE_LABELS[key],
    medianHours: stages[key].medianHours,
    median: scaled(stages[key].medianHours, scale),
    count: stages[key].count,
  }));
  return { rows, scale };
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
