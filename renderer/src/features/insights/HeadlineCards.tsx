import type { DoraBand, InsightsReport } from '../../../../shared/insights/insights-report';
import { BandBadge } from './BandBadge';
import { EvidenceList } from './EvidenceList';
import {
  BAND_THRESHOLDS_IN_WORDS,
  BANDS_SOURCE,
  FIGURE_EXPLANATIONS,
  FIGURE_TITLES,
  type DoraKey,
} from '../../../../shared/insights/figure-explanations';
import { BAND_LABELS, headlines } from './insights-model';

/**
 * The four keys, a card each: the value and what it counts, then its band and, where the band rates
 * something narrower than the value (deployment frequency), what it rates.
 */
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
            <p className="muted small" data-testid="insights-detail">
              {headline.detail}
            </p>
            <BandBadge band={headline.band} />
            {headline.bandBasis !== null && (
              <p className="insights-band-basis" data-testid="insights-band-basis">
                {headline.bandBasis}
              </p>
            )}
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
