import type {
  DoraBand,
  EvidenceList as Evidence,
  InsightsReport,
} from '../../../../shared/insights/insights-report';
import { hoursText, percentText, plural, trim } from '../../../../shared/insights/insights-format';
import { BandBadge } from './BandBadge';
import { EvidenceList } from './EvidenceList';
import { BAND_LABELS, bandLegend } from './insights-model';
import { FIGURE_EXPLANATIONS, type HeadlineFigure } from './figure-text';

interface Headline {
  figure: HeadlineFigure;
  title: string;
  value: string;
  detail: string;
  band: DoraBand | null;
  evidence: Evidence;
  evidenceLabel: string;
}

/** The four keys as the report computed them: each figure's value, its band, what it means. */
function headlines(report: InsightsReport): Headline[] {
  const { deploymentFrequency: frequency, leadTime, changeFailureRate: failures, timeToRestore } = report;
  return [
    {
      figure: 'deploymentFrequency',
      title: 'Deployment frequency',
      value: `${trim(frequency.perWeek)} a week`,
      detail: `${plural(frequency.total, 'successful promotion')} in ${plural(report.period.days, 'day')}`,
      band: frequency.band,
      evidence: frequency.evidence,
      evidenceLabel: 'Promotions counted',
    },
    {
      figure: 'leadTime',
      title: 'Lead time for changes',
      value: hoursText(leadTime.overall.medianHours),
      detail: `median of ${plural(leadTime.overall.count, 'deployment')}${leadTime.environments.length > 0 ? ` to ${leadTime.environments.join(', ')}` : ''}; 90th percentile ${hoursText(leadTime.overall.p90Hours)}${leadTime.unmeasured > 0 ? `; ${leadTime.unmeasured} not measured` : ''}`,
      band: leadTime.band,
      evidence: leadTime.evidence,
      evidenceLabel: 'Deployments measured',
    },
    {
      figure: 'changeFailureRate',
      title: 'Change failure rate',
      value: percentText(failures.rate),
      detail: `${failures.failures} of ${plural(failures.deployments, 'promotion')}: ${failures.byCause.failedRun} failed, ${failures.byCause.rolledBack} rolled back, ${failures.byCause.followUpFix} fixed by a later change`,
      band: failures.band,
      evidence: failures.evidence,
      evidenceLabel: 'Failed promotions',
    },
    {
      figure: 'timeToRestore',
      title: 'Time to restore',
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
            <h3 id={`insights-card-${headline.figure}`}>{headline.title}</h3>
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

/** What each band means for each key, so a badge is read against its thresholds. */
function BandLegend() {
  return (
    <details className="card insights-legend" data-testid="dora-legend" open>
      <summary>DORA bands: what Elite, High, Medium and Low mean</summary>
      <p className="muted small">
        From DORA&rsquo;s State of DevOps 2021, made contiguous. For orientation only: your own trend says
        more than a band.
      </p>
      <table className="insights-table">
        <thead>
          <tr>
            <th scope="col">Band</th>
            <th scope="col">Deployment frequency (production)</th>
            <th scope="col">Lead time (median)</th>
            <th scope="col">Change failure rate</th>
            <th scope="col">Time to restore (median)</th>
          </tr>
        </thead>
        <tbody>
          {bandLegend().map((row) => (
            <tr key={row.band}>
              <th scope="row">{BAND_LABELS[row.band]}</th>
              <td>{row.deployments}</td>
              <td>{row.leadTime}</td>
              <td>{row.failures}</td>
              <td>{row.restore}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
