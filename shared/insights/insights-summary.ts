import { hoursText, percentText, plural, trim } from './insights-format';
import type { DurationStats, InsightsReport } from './insights-report';

/**
 * Each figure's value in one short phrase, shared by the CAB report and the CLI's text so both
 * state a number the same way. The phrases hold names people chose (environments, gates): callers
 * escape them for their medium (the document renderers do; the CLI strips control characters).
 */

export function statsText(stats: DurationStats): string {
  if (stats.count === 0) return 'not measured';
  return `median ${hoursText(stats.medianHours)}, 90th percentile ${hoursText(stats.p90Hours)} (${plural(stats.count, 'measurement')})`;
}

export function deploymentFrequencyText(report: InsightsReport): string {
  const figure = report.deploymentFrequency;
  return `${plural(figure.total, 'deployment')}, ${trim(figure.perWeek)} a week`;
}

export function deploymentsByEnvironmentText(report: InsightsReport): string {
  const rows = report.deploymentFrequency.byEnvironment;
  return rows.length === 0
    ? 'no environments'
    : rows.map((row) => `${row.environment} ${row.deployments}`).join(', ');
}

export function leadTimeText(report: InsightsReport): string {
  const figure = report.leadTime;
  const unmeasured =
    figure.unmeasured > 0 ? `; ${figure.unmeasured} with no signed creation time left out` : '';
  const where = figure.environments.length === 0 ? '' : ` to ${figure.environments.join(', ')}`;
  return `${statsText(figure.overall)}${where}${unmeasured}`;
}

export function changeFailureRateText(report: InsightsReport): string {
  const figure = report.changeFailureRate;
  if (figure.deployments === 0) return 'no promotions finished in the period';
  const causes = [
    figure.byCause.failedRun > 0 ? `${figure.byCause.failedRun} failed` : null,
    figure.byCause.rolledBack > 0 ? `${figure.byCause.rolledBack} rolled back` : null,
    figure.byCause.followUpFix > 0 ? `${figure.byCause.followUpFix} fixed by a later change` : null,
  ].filter((cause) => cause !== null);
  const why = causes.length === 0 ? '' : `: ${causes.join(', ')}`;
  return `${percentText(figure.rate)} (${figure.failures} of ${plural(figure.deployments, 'promotion')}${why})`;
}

export function timeToRestoreText(report: InsightsReport): string {
  const figure = report.timeToRestore;
  const open = figure.open > 0 ? `; ${figure.open} not restored yet` : '';
  if (figure.restored.count === 0) return `nothing restored in the period${open}`;
  return `${statsText(figure.restored)}${open}`;
}

export function approvalsPerChangeText(report: InsightsReport): string {
  const figure = report.governance.approvalsPerChange;
  if (figure.changes === 0 || figure.mean === null) return 'no deployments in the period';
  return `mean ${trim(figure.mean)}, median ${trim(figure.median ?? 0)} over ${plural(figure.changes, 'deployment')}`;
}

export function overridesText(report: InsightsReport): string {
  const count = report.governance.overrides.count;
  return count === 0 ? 'none' : plural(count, 'override');
}

export function gateRefusalsText(report: InsightsReport): string {
  const figure = report.governance.gateRefusals;
  if (figure.count === 0) return 'none';
  return `${plural(figure.count, 'refusal')}: ${figure.byGate.map((row) => `${row.gate} ${row.count}`).join(', ')}`;
}

export function driftText(report: InsightsReport): string {
  const totals = report.governance.drift.totals;
  if (totals.checks === 0) return 'no drift checks in the period';
  return `${plural(totals.checks, 'check')} found ${plural(totals.found, 'drifted object')}; ${totals.accepted} accepted, ${totals.reverted} reverted, ${totals.ignored} ignored`;
}

export function snapshotAgeText(ageHours: number | null): string {
  return ageHours === null ? 'no snapshot' : `${hoursText(ageHours)} old`;
}

export function recordsText(report: InsightsReport): string {
  const counts = Object.values(report.records.counts);
  const read = counts.reduce((sum, count) => sum + count.read, 0);
  const unsigned = counts.reduce((sum, count) => sum + count.unsigned, 0);
  const unverified = report.records.unverified.total;
  return `${plural(read, 'record')} read; ${unverified} left out as unverified, ${unsigned} unsigned`;
}
