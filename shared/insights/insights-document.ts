import type { Block, Inline, ReportDocument, Section } from '../promotion/report-document';
import { BANDS_SOURCE, FIGURE_EXPLANATIONS, FIGURE_TITLES, type FigureId } from './figure-explanations';
import { BAND_TONES, dateText, hoursText, plural, timeText } from './insights-format';
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
 * The change advisory board's one-page report of a period (issue 19): the four keys with their
 * bands, where lead time went, what failed, what overrode or was refused, drift and snapshot age,
 * and how much history was left out as unverified. Built on the change-control record's document
 * model, so Markdown and HTML say the same and nothing typed by a person becomes markup. Tables stop
 * at a few rows ("and N more") so a typical period fits one A4 page; the JSON has the rest.
 */

const MAX_ROWS = 8;
const MAX_UNVERIFIED_ROWS = 5;

function band(value: DoraBand | null): Inline[] {
  return value === null ? [] : [' ', { badge: value, tone: BAND_TONES[value] }];
}

function more(total: number, shown: number, what: string): Block[] {
  return total > shown ? [{ kind: 'paragraph', text: [`… and ${total - shown} more ${what}.`] }] : [];
}

function explained(id: FigureId, value: Inline[]): [string, Inline[]] {
  return [FIGURE_TITLES[id], [...value, ` — ${FIGURE_EXPLANATIONS[id]}`]];
}

export function buildInsightsDocument(report: InsightsReport): ReportDocument {
  const selected = report.environments.filter((environment) => environment.selected).map(({ name }) => name);
  const subtitle: Inline[] = [
    `${timeText(report.period.from)} to ${timeText(report.period.to)} (${plural(Math.round(report.period.days * 10) / 10, 'day')}) · environments: ${selected.length === 0 ? 'none' : selected.join(', ')} · generated ${timeText(report.generatedAt)}`,
  ];
  return {
    title: 'Change process report',
    subtitle,
    sections: [
      fourKeys(report),
      leadTimeStages(report),
      failures(report),
      governance(report),
      driftAndSnapshots(report),
      records(report),
    ],
  };
}

function fourKeys(report: InsightsReport): Section {
  return {
    title: 'The four keys',
    blocks: [
      {
        kind: 'facts',
        rows: [
          [
            FIGURE_TITLES.deploymentFrequency,
            [
              `${deploymentFrequencyText(report)} (${deploymentsByEnvironmentText(report)})`,
              ...band(report.deploymentFrequency.band),
            ],
          ],
          [FIGURE_TITLES.leadTime, [leadTimeText(report), ...band(report.leadTime.band)]],
          [
            FIGURE_TITLES.changeFailureRate,
            [changeFailureRateText(report), ...band(report.changeFailureRate.band)],
          ],
          [FIGURE_TITLES.timeToRestore, [timeToRestoreText(report), ...band(report.timeToRestore.band)]],
        ],
      },
      {
        kind: 'paragraph',
        text: [
          `A failure is a promotion that ended other than succeeded, was rolled back later, or was followed within ${plural(report.fixWindowDays, 'day')} by another changeset writing the same objects. ${BANDS_SOURCE}`,
        ],
      },
    ],
  };
}

function leadTimeStages(report: InsightsReport): Section {
  const stages = report.leadTime.stages;
  const row = (id: FigureId, stats: (typeof stages)['authoring']): Inline[][] => [
    [FIGURE_TITLES[id]],
    [hoursText(stats.medianHours)],
    [hoursText(stats.p90Hours)],
    [String(stats.count)],
    [FIGURE_EXPLANATIONS[id]],
  ];
  return {
    title: 'Where lead time went',
    blocks: [
      {
        kind: 'table',
        head: ['Stage', 'Median', '90th percentile', 'Measured', 'From → to'],
        rows: [
          row('leadTimeAuthoring', stages.authoring),
          row('leadTimeApproval', stages.approval),
          row('leadTimeWaiting', stages.waiting),
          row('leadTimePromotion', stages.promotion),
        ],
      },
    ],
  };
}

function failures(report: InsightsReport): Section {
  const evidence = report.changeFailureRate.evidence;
  if (evidence.total === 0) {
    return {
      title: 'Failures',
      blocks: [{ kind: 'paragraph', text: ['No promotion in the period failed.'] }],
    };
  }
  const restores = new Map(report.timeToRestore.evidence.items.map((item) => [item.id, item.hours ?? null]));
  const shown = evidence.items.slice(0, MAX_ROWS);
  return {
    title: 'Failures',
    blocks: [
      {
        kind: 'table',
        head: ['Run', 'Environment', 'Finished', 'What happened', 'Restored in'],
        rows: shown.map((item) => {
          const hours = restores.get(item.id);
          return [
            [{ code: item.id }],
            [item.environment ?? '—'],
            [timeText(item.at)],
            [item.note],
            [hours === undefined || hours === null ? 'not yet' : hoursText(hours)],
          ];
        }),
      },
      ...more(evidence.total, shown.length, 'failures'),
    ],
  };
}

function governance(report: InsightsReport): Section {
  const { overrides, gateRefusals } = report.governance;
  const blocks: Block[] = [
    {
      kind: 'facts',
      rows: [
        explained('approvalsPerChange', [approvalsPerChangeText(report)]),
        explained('timeToFirstApproval', [statsText(report.governance.timeToFirstApproval)]),
        explained('overrides', [overridesText(report)]),
        explained('gateRefusals', [gateRefusalsText(report)]),
      ],
    },
  ];
  if (overrides.count > 0) {
    const shown = overrides.items.slice(0, MAX_ROWS);
    blocks.push(
      { kind: 'heading', text: ['Emergency overrides'] },
      {
        kind: 'table',
        head: ['Run', 'Environment', 'When', 'By', 'Reason'],
        rows: shown.map((item) => [
          [{ code: item.runId }],
          [item.environment],
          [timeText(item.at)],
          [item.by ?? 'unknown'],
          [item.reason],
        ]),
      },
      ...more(overrides.count, shown.length, 'overrides'),
    );
  }
  if (gateRefusals.count > 0) {
    const shown = gateRefusals.items.slice(0, MAX_ROWS);
    blocks.push(
      { kind: 'heading', text: ['Refused by gates'] },
      {
        kind: 'table',
        head: ['Changeset', 'Environment', 'When', 'Gates and why'],
        rows: shown.map((item) => [
          [{ code: item.changesetId }],
          [item.environment],
          [timeText(item.at)],
          [item.gates.map((gate) => `${gate.gate}: ${gate.reason}`).join('; ')],
        ]),
      },
      ...more(gateRefusals.count, shown.length, 'refusals'),
    );
  }
  return { title: 'Governance', blocks };
}

function driftAndSnapshots(report: InsightsReport): Section {
  const snapshots = report.governance.snapshots.slice(0, MAX_ROWS);
  return {
    title: 'Drift and snapshots',
    blocks: [
      { kind: 'facts', rows: [explained('drift', [driftText(report)])] },
      {
        kind: 'table',
        head: ['Environment', 'Latest snapshot', 'Age'],
        rows: snapshots.map((snapshot) => [
          [snapshot.environment],
          [snapshot.takenAt === null ? '—' : dateText(snapshot.takenAt)],
          [snapshotAgeText(snapshot.ageHours)],
        ]),
      },
      ...more(report.governance.snapshots.length, snapshots.length, 'environments'),
    ],
  };
}

function records(report: InsightsReport): Section {
  const unverified = report.records.unverified;
  const shown = unverified.items.slice(0, MAX_UNVERIFIED_ROWS);
  return {
    title: 'Records behind these figures',
    blocks: [
      { kind: 'paragraph', text: [`${recordsText(report)}. ${FIGURE_EXPLANATIONS.unverifiedRecords}`] },
      ...(shown.length === 0
        ? []
        : [
            {
              kind: 'list' as const,
              items: shown.map((record): Inline[] => [
                { code: record.file },
                ` (${record.kind}): ${record.reason}`,
              ]),
            },
          ]),
      ...more(unverified.total, shown.length, 'unverified records'),
    ],
  };
}
