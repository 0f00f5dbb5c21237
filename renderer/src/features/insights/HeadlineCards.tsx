import type {
  DoraBand,
  EvidenceList as Evidence,
  InsightsReport,
} from '../../../../shared/insights/insights-report';
import { hoursText, percentText, plural, trim } from '../../../../shared/insights/insights-format';
import { BandBadge } from './BandBadge';
import { EvidenceList } from './EvidenceList';
import {
  BAND_THRESHOLDS_IN_WORDS,
  BANDS_SOURCE,
  FIGURE_EXPLANATIONS,
  FIGURE_TITLES,
  type DoraKey,
} from '../../../../shared/insights/figure-explanations';
import { BAND_LABELS } from './insights-model';

interface Headline {
  figure: DoraKey;
  value: string;
  detail: string;
  band: DoraBand | null;
  evidence: Evidence;
  evidenceLabel: string;
}

/**
 * The band rates production deployments only; the value counts every environment selected. Says
 * which environments the band is of, with their count, when some selected are production-tier.
 */
function productionLine(report: InsightsReport): string {
  const production = report.environments
    .filter((environment) => environment.selected && environment.tier === 'prod')
    .map((environment) => environment.name);
  if (production.length === 0) return '';
  const count = report.deploymentFrequency.byEnvironment
    .filter((item) => production.includes(item.environment))
    .reduce((sum, item) => sum + item.deployments, 0);
  return `; the band rates production (${production.join(', ')}): ${plural(count, 'deployment')}`;
}

/** The four keys as the report computed them: each figure's value, its band, what it means. */
function headlines(report: InsightsReport): Headline[] {
  const { deploymentFrequency: frequency, leadTime, changeFailureRate: failures, timeToRestore } = report;
  return [
    {
      figure: 'deploymentFrequency',
      value: `${trim(frequency.perWeek)} a week`,
      detail: `${plural(frequency.total, 'successful promotion')} in ${trim(report.period.days)} days${productionLine(report)}`,
      band: frequency.band,
      evidence: frequency.evidence,
      evidenceLabel: 'Promotions counted',
    },
    {
      figure: 'leadTime',
      value: hoursText(leadTime.overall.medianHours),
      detail: `median of ${plural(leadTime.overall.count, 'deployment')}${leadTime.environments.length > 0 ? ` to ${leadTime.environments.join(', ')}` : ''}; 90th percentile ${hoursText(leadTime.overall.p90Hours)}${leadTime.unmeasured > 0 ? `; ${leadTime.unmeasured} not measured` : ''}`,
      band: leadTime.band,
      evidence: leadTime.evidence,
      evidenceLabel: 'Deployments measured',
    },
    {
      figure: 'changeFailureRate',
      value: percentText(failures.rate),
      detail: `${failures.failures} of ${plural(failures.deployments, 'promotion')}: ${failures.byCause.failedRun} failed, ${failures.byCause.rolledBack} rolled back, ${failures.byCause.followUpFix} fixed by a later change`,
      band: failures.band,
      evidence: failures.evidence,
      evidenceLabel: 'Failed promotions',
    },
    {
      figure: 'timeToRestore',
      value: hoursText(timeToRestore.restored.medianHours),
      detail: `median of ${plural(timeToRestore.restored.count, 'restored failure')}; ${timeToRestore.open} not restored yet`,
      band: timeToRestore.band,
      evidence: timeToRestore.evidence,
      evidenceLabel: 'Failures and their restores',
    },
  ];
}

export function HeadlineCards({ report }: { report: InsightsReport }) {
  return (
    <section aria-labelledby="insights-keys-heading" className="insights-keys">
      <h2 id="insights-keys-heading">The four keys</h2>
      <div className="insights-cards">
        {headlines(report).map((headline) => (
          <article
            key={headline.figure}
            className="card insights-card"
            aria-labelledby={`insights-card-${headline.figure}`}
            data-testid="insights-card"
            data-figure={headline.figure}
          >
            <h3 id={`insights-card-${headline.figure}`}>{FIGURE_TITLES[headline.figure]}</h3>
            <p className="insights-value" data-testid="insights-value">
              {headline.value}
            </p>
            <BandBadge band={headline.band} />
            <p className="muted small" data-testid="insights-detail">
              {headline.detail}
            </p>
            <p className="insights-explanation" data-testid="insights-explanation">
              {FIGURE_EXPLANATIONS[headline.figure]}
            </p>
            <EvidenceList evidence={headline.evidence} label={headline.evidenceLabel} />
          </article>
        ))}
      </div>
      <BandLegend />
    </section>
  );
}

const LEGEND_KEYS: readonly DoraKey[] = [
  'deploymentFrequency',
  'leadTime',
  'changeFailureRate',
  'timeToRestore',
];
const BANDS: readonly DoraBand[] = ['elite', 'high', 'medium', 'low'];

/** What each band means for each key, so a badge is read against its thresholds. */
function BandLegend() {
  return (
    <details className="card insights-legend" data-testid="dora-legend" open>
      <summary>DORA bands: what Elite, High, Medium and Low mean</summary>
      <p className="muted small">{BANDS_SOURCE}</p>
      <table className="insights-table">
        <thead>
          <tr>
            <th scope="col">Band</th>
            {LEGEND_KEYS.map((key) => (
              <th key={key} scope="col">
                {FIGURE_TITLES[key]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {BANDS.map((band) => (
            <tr key={band}>
              <th scope="row">{BAND_LABELS[band]}</th>
              {LEGEND_KEYS.map((key) => (
                <td key={key}>{BAND_THRESHOLDS_IN_WORDS[key][band]}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
