import { printableText } from '../parameters/printable-text';
import { bandsInWords, FIGURE_EXPLANATIONS, FIGURE_TITLES, type FigureId } from './figure-explanations';
import { dateText, plural, timeText } from './insights-format';
import type { DoraBand, InsightsReport } from './insights-report';
import {
  approvalsPerChangeText,
  changeFailureRateText,
  deploymentFrequencyText,
  deploymentsByEnvironmentText,
  driftText,
  gateRefusalsText,
  leadTimeText,
  overridesText,
  recordsText,
  snapshotAgeText,
  statsText,
  timeToRestoreText,
} from './insights-summary';

/**
 * `ferry metrics` without `--json`: a few lines per figure, its value, its band and what it means.
 * Names and reasons people typed are printed with control characters replaced, so an override
 * reason cannot move the cursor or recolour a terminal.
 */

const MAX_LISTED = 5;

/** Control characters (C0, DEL, C1) become spaces: text for a terminal, not instructions to it. */
/** Record text as a terminal may print it: no escape sequences, no bidi overrides (shown as `\\uXXXX`). */
function plain(text: string): string {
  return printableText(text);
}

function bandText(band: DoraBand | null): string {
  return band === null ? '' : ` [${band}]`;
}

export function describeInsights(report: InsightsReport): string {
  const lines: string[] = [];
  const figure = (id: FigureId, value: string, band?: DoraBand | null) => {
    lines.push(`${FIGURE_TITLES[id]}: ${plain(value)}${band === undefined ? '' : bandText(band)}`);
    lines.push(`  ${FIGURE_EXPLANATIONS[id]}`);
  };
  const selected = report.environments.filter((environment) => environment.selected).map(({ name }) => name);

  lines.push(
    `Insights from ${timeText(report.period.from)} to ${timeText(report.period.to)} (${plural(Math.round(report.period.days * 10) / 10, 'day')})`,
  );
  lines.push(plain(`Environments: ${selected.length === 0 ? 'none' : selected.join(', ')}`));
  lines.push(`Fix window: ${plural(report.fixWindowDays, 'day')}`);
  lines.push('');

  figure('deploymentFrequency', deploymentFrequencyText(report), report.deploymentFrequency.band);
  lines.push(plain(`  By environment: ${deploymentsByEnvironmentText(report)}`));
  lines.push(`  Bands: ${bandsInWords('deploymentFrequency')}`);

  figure('leadTime', leadTimeText(report), report.leadTime.band);
  const stages: [FigureId, keyof InsightsReport['leadTime']['stages']][] = [
    ['leadTimeAuthoring', 'authoring'],
    ['leadTimeApproval', 'approval'],
    ['leadTimeWaiting', 'waiting'],
    ['leadTimePromotion', 'promotion'],
  ];
  for (const [id, stage] of stages) {
    lines.push(
      `  ${FIGURE_TITLES[id]}: ${statsText(report.leadTime.stages[stage])}. ${FIGURE_EXPLANATIONS[id]}`,
    );
  }
  lines.push(`  Bands (median): ${bandsInWords('leadTime')}`);

  figure('changeFailureRate', changeFailureRateText(report), report.changeFailureRate.band);
  for (const item of report.changeFailureRate.evidence.items.slice(0, MAX_LISTED)) {
    lines.push(plain(`  - run ${item.id} (${item.environment ?? '?'}, ${timeText(item.at)}): ${item.note}`));
  }
  more(lines, report.changeFailureRate.evidence.total);
  lines.push(`  Bands: ${bandsInWords('changeFailureRate')}`);

  figure('timeToRestore', timeToRestoreText(report), report.timeToRestore.band);
  lines.push(`  Bands (median): ${bandsInWords('timeToRestore')}`);
  lines.push('');

  figure('approvalsPerChange', approvalsPerChangeText(report));
  figure('timeToFirstApproval', statsText(report.governance.timeToFirstApproval));
  figure('overrides', overridesText(report));
  for (const item of report.governance.overrides.items.slice(0, MAX_LISTED)) {
    lines.push(
      plain(
        `  - run ${item.runId} (${item.environment}, ${timeText(item.at)}) by ${item.by ?? 'unknown'}: ${item.reason}`,
      ),
    );
  }
  more(lines, report.governance.overrides.count);
  figure('gateRefusals', gateRefusalsText(report));
  figure('drift', driftText(report));
  figure('snapshotAge', report.governance.snapshots.length === 0 ? 'no environments' : 'per environment');
  for (const snapshot of report.governance.snapshots) {
    const taken = snapshot.takenAt === null ? '' : ` (taken ${dateText(snapshot.takenAt)})`;
    lines.push(plain(`  - ${snapshot.environment}: ${snapshotAgeText(snapshot.ageHours)}${taken}`));
  }
  lines.push('');

  figure('unverifiedRecords', recordsText(report));
  for (const record of report.records.unverified.items.slice(0, MAX_LISTED)) {
    lines.push(plain(`  - ${record.kind} ${record.file}: ${record.reason}`));
  }
  more(lines, report.records.unverified.total);
  return `${lines.join('\n')}\n`;
}

function more(lines: string[], total: number): void {
  if (total > MAX_LISTED) lines.push(`  … and ${total - MAX_LISTED} more (--json lists up to 200)`);
}
