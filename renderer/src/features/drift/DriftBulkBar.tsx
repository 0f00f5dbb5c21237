import { useState } from 'react';
import { useDriftStore } from './drift-store';
import { triageCounts, triageCountsText } from './drift-model';
import { IgnoreDriftDialog } from './IgnoreDriftDialog';

const VERBS = { accept: 'Accepting', revert: 'Drafting reverts', ignore: 'Ignoring' } as const;

/** The tally of the check (updated as objects are triaged) and actions on every ticked object. */
export function DriftBulkBar() {
  const report = useDriftStore((state) => state.report);
  const triage = useDriftStore((state) => state.triage);
  const selected = useDriftStore((state) => state.selected);
  const bulk = useDriftStore((state) => state.bulk);
  const acting = useDriftStore((state) => state.acting);
  const { selectUntriaged, clearSelection, acceptSelected, revertSelected, ignoreSelected } =
    useDriftStore.getState();
  const [askingReason, setAskingReason] = useState(false);
  const objects = report?.result.objects ?? [];
  const counts = triageCounts(objects, triage);
  const ticked = Object.keys(selected).length;
  const busy = bulk !== null || acting !== null;

  return (
    <div className="drift-bulk" data-testid="drift-bulk">
      <p className="drift-counts" role="status" data-testid="drift-counts">
        {bulk ? `${VERBS[bulk.action]}: ${bulk.done} of ${bulk.total} done…` : triageCountsText(counts)}
      </p>
      {counts.open > 0 && (
        <button
          type="button"
          className="link-button"
          onClick={selectUntriaged}
          disabled={busy}
          data-testid="tick-untriaged"
        >
          {ticked > 0 && ticked >= counts.open ? 'Untick all' : 'Tick all to triage'}
        </button>
      )}
      {ticked > 0 && (
        <div className="drift-bulk-actions" role="group" aria-label={`Act on ${ticked} ticked`}>
          <span className="small" data-testid="drift-ticked">
            {ticked} ticked
          </span>
          <button
            type="button"
            disabled={busy}
            onClick={() => void acceptSelected()}
            data-testid="bulk-accept"
          >
            Accept into baseline
          </button>
          <button
            type="button"
            disabled={busy}
            onClick={() => void revertSelected()}
            data-testid="bulk-revert"
          >
            Draft reverts
          </button>
          <button
            type="button"
            disabled={busy}
            onClick={() => setAskingReason(true)}
            data-testid="bulk-ignore"
          >
            Ignore…
          </button>
          <button type="button" className="link-button" disabled={busy} onClick={clearSelection}>
            Clear
          </button>
        </div>
      )}
      {askingReason && (
        <IgnoreDriftDialog
          title={`Ignore drift of ${ticked} object${ticked === 1 ? '' : 's'}`}
          busy={busy}
          onSave={ignoreSelected}
          onClose={() => setAskingReason(false)}
        />
      )}
    </div>
  );
}
