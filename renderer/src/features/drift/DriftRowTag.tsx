import type { ObjectProvenance } from '../../../../shared/model/object-provenance';
import type { TriageOutcome } from './drift-store';
import { formatDayUtc, formatWhenUtc } from './drift-model';
import { TriageTag } from './TriageTag';

/**
 * At the end of a drifted row: the day it changed in the org (who and the exact time in the
 * title) while it is to triage, then its outcome instead; the row's name keeps the room.
 */
export function DriftRowTag({
  outcome,
  provenance,
}: {
  outcome: TriageOutcome | undefined;
  provenance: ObjectProvenance | undefined;
}) {
  const at = provenance?.dateModified ?? null;
  const by = provenance?.modifiedBy ?? null;
  return (
    <>
      {at !== null && outcome === undefined && (
        <span
          className="drift-row-when small"
          title={`Changed ${formatWhenUtc(at)}${by !== null ? ` by ${by}` : ' (the org does not say by whom)'}`}
          data-testid="drift-row-when"
        >
          {formatDayUtc(at)}
        </span>
      )}
      <TriageTag outcome={outcome} />
    </>
  );
}
