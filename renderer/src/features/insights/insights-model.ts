import { FIGURE_TITLES, type DoraKey } from '../../../../shared/insights/figure-explanations';
import { hoursText, percentText, plural, timeText, trim } from '../../../../shared/insights/insights-format';
import type {
  Bucket,
  DoraBand,
  EvidenceItem,
  EvidenceList,
  InsightsReport,
} from '../../../../shared/insights/insights-report';

/**
 * Shapes the computed report for people and charts: words for durations and rates, rows for
 * recharts, and a sentence per chart for those who cannot see it. No figure is computed here;
 * every number comes from `insights.metrics` as it is (production's deployments beside the band are
 * the report's own per-environment rows, added up).
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

/** Weeks in an average month (a Gregorian year over twelve). */
const WEEKS_PER_MONTH = 365.25 / 12 / 7;

/** `2.3 a week`; a rate that rounds to nothing but is not zero says so rather than reading "0". */
function rateText(rate: number, unit: 'week' | 'month'): string {
  return rate > 0 && trim(rate) === '0' ? `under 0.1 a ${unit}` : `${trim(rate)} a ${unit}`;
}

/**
 * A rate of deployments in the unit a person reads it in: a week, or a month when that is under
 * half a week, so one deployment a year reads "0.1 a month" rather than "0 a week". `like` is
 * another rate whose unit this one is said in, so two rates side by side compare at a glance.
 */
export function frequencyText(perWeek: number, like = perWeek): string {
  return like === 0 || like >= 0.5 ? rateText(perWeek, 'week') : rateText(perWeek * WEEKS_PER_MONTH, 'month');
}

/**
 * What the deployment-frequency band rates, said beside it: the value counts every environment
 * selected, the band only the production-tier ones among them (all selected when none is).
 */
export function deploymentBandBasis(report: InsightsReport): string {
  const selected = report.environments.filter((environment) => environment.selected);
  const production = selected
    .filter((environment) => environment.tier === 'prod')
    .map((environment) => environment.name);
  if (production.length === 0) {
    return 'No production environment is selected, so the band rates the deployments of all those selected.';
  }
  const rows = report.deploymentFrequency.byEnvironment.filter((row) => production.includes(row.environment));
  const count = rows.reduce((sum, row) => sum + row.deployments, 0);
  const perWeek = rows.reduce((sum, row) => sum + row.perWeek, 0);
  const which = production.length === 1 ? 'production' : 'the production environments';
  const rate = frequencyText(perWeek, report.deploymentFrequency.perWeek);
  return `The band rates ${which} only (${production.join(', ')}): ${rate}, ${plural(count, 'deployment')}.`;
}

/** What an evidence item is, under its link: `prod · 2026-03-02 07:00 UTC · rolled back by run …`. */
export function evidenceMeta(item: EvidenceItem): string {
  return [item.environment, item.at === null ? null : timeText(item.at), item.note]
    .filter((part) => part !== null && part !== '')
    .join(' · ');
}

export interface Headline {
  figure: DoraKey;
  value: string;
  detail: string;
  /** What the band is of, when that differs from what the value counts. */
  bandBasis: string | null;
  band: DoraBand | null;
  evidence: EvidenceList;
  evidenceLabel: string;
}

/** `to dev, uat, prod` for the environments a figure covers; nothing when it covers none. */
function toEnvironments(names: readonly string[]): string {
  return names.length === 0 ? '' : ` to ${names.join(', ')}`;
}

/** The four keys as the report computed them: each figure's value in words, what it is of, and its band. */
export function headlines(report: InsightsReport): Headline[] {
  const { deploymentFrequency: frequency, leadTime, changeFailureRate: failures, timeToRestore } = report;
  const selected = report.environments.filter((e) => e.selected).map((e) => e.name);
  const days = plural(Number(trim(report.period.days)), 'day');
  const unmeasured =
    leadTime.unmeasured > 0 ? `; ${leadTime.unmeasured} not measured (no signed creation time)` : '';
  const open = timeToRestore.open > 0 ? `; ${timeToRestore.open} not restored yet` : '; none left open';
  return [
    {
      figure: 'deploymentFrequency',
      value: frequencyText(frequency.perWeek),
      detail: `${plural(frequency.total, 'successful promotion')} in ${days}${toEnvironments(selected)}`,
      bandBasis: deploymentBandBasis(report),
      band: frequency.band,
      evidence: frequency.evidence,
      evidenceLabel: 'Promotions counted',
    },
    {
      figure: 'leadTime',
      value: hoursText(leadTime.overall.medianHours),
      detail: `median of ${plural(leadTime.overall.count, 'deployment')}${toEnvironments(leadTime.environments)}; 90th percentile ${hoursText(leadTime.overall.p90Hours)}${unmeasured}`,
      bandBasis: null,
      band: leadTime.band,
      evidence: leadTime.evidence,
      evidenceLabel: 'Deployments measured',
    },
    {
      figure: 'changeFailureRate',
      value: percentText(failures.rate),
      detail: `${failures.failures} of ${plural(failures.deployments, 'promotion')}: ${failures.byCause.failedRun} failed, ${failures.byCause.rolledBack} rolled back, ${failures.byCause.followUpFix} fixed by a later change`,
      bandBasis: null,
      band: failures.band,
      evidence: failures.evidence,
      evidenceLabel: 'Failed promotions',
    },
    {
      figure: 'timeToRestore',
      value: hoursText(timeToRestore.restored.medianHours),
      detail: `median of ${plural(timeToRestore.restored.count, 'restored failure')}${open}`,
      bandBasis: null,
      band: timeToRestore.band,
      evidence: timeToRestore.evidence,
      evidenceLabel: 'Failures and their restores',
    },
  ];
}

/** The period the figures are of, as `[from, to)`: the end is the first moment not counted. */
export function periodText(report: InsightsReport): string {
  const { from, to, days, bucket } = report.period;
  return `${timeText(from)} to ${timeText(to)} (${plural(Number(trim(days)), 'day')}, grouped by ${bucket})`;
}

/** More items than this and a list starts folded away, so hundreds of them do not bury the page. */
export const OPEN_LIST_LIMIT = 5;

/** Under approvals per change: what the median is of, or why there is none. */
export function approvalsDetail(report: InsightsReport): string {
  const { changes, mean } = report.governance.approvalsPerChange;
  if (changes === 0) return 'No change was deployed in the period, so there are no approvals to count.';
  return `median over ${plural(changes, 'deployed change')}${mean === null ? '' : `; mean ${trim(mean)}`}`;
}

/** Under time to first approval: what the median is of, or why there is none. */
export function firstApprovalDetail(report: InsightsReport): string {
  const { count, p90Hours } = report.governance.timeToFirstApproval;
  if (count === 0) return 'No changeset created in the period has a verified approval yet.';
  return `median of ${plural(count, 'changeset')} created in the period; 90th percentile ${hoursText(p90Hours)}`;
}
