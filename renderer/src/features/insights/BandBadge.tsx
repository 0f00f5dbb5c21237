import type { DoraBand } from '../../../../shared/insights/insights-report';
import { BAND_LABELS } from './insights-model';

/** A figure's DORA band in words (the colour only repeats it), or why it has none. */
export function BandBadge({ band }: { band: DoraBand | null }) {
  if (band === null) {
    return (
      <span className="insights-band band-none" data-testid="dora-band" data-band="none">
        No band: nothing measured
      </span>
    );
  }
  return (
    <span className={`insights-band band-${band}`} data-testid="dora-band" data-band={band}>
      DORA band: {BAND_LABELS[band]}
    </span>
  );
}
