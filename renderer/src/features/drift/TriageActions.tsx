import { displayKey } from '../compare/flow-diff-model';
import { useState } from 'react';
import { useDriftStore } from './drift-store';
import { objectId, singularTypeLabel, type ObjectDiffWire } from '../compare/diff-model';
import { describeProvenance, provenanceIndex } from './drift-model';
import { IgnoreDriftDialog } from './IgnoreDriftDialog';
import { TriageOutcomeNotice } from './TriageOutcomeNotice';

/** Accept / Revert / Ignore for the opened drifted object, and what came of it. */
export function TriageActions({ object }: { object: ObjectDiffWire }) {
  const { environment, acting, accept, revert, ignore } = useDriftStore();
  const outcome = useDriftStore((state) => state.triage[objectId(object)]);
  const report = useDriftStore((state) => state.report);
  const provenance = report ? provenanceIndex(report.provenance).get(objectId(object)) : undefined;
  const [askingReason, setAskingReason] = useState(false);
  const busy = acting !== null;
  const thisBusy = acting === objectId(object);

  return (
    <div className="triage">
      {report && (
        <p className="drift-provenance small" data-testid="drift-provenance">
          {describeProvenance(object, provenance, report.environment)}
        </p>
      )}
      <div className="triage-buttons">
        <button
          type="button"
          disabled={busy || outcome !== undefined}
          onClick={() => void accept(object)}
          title={`Take what ${environment} has now as its baseline: rewrites this object in the last snapshot, as one commit`}
          data-testid="drift-accept"
        >
          Accept into baseline
        </button>
        <button
          type="button"
          disabled={busy || outcome !== undefined}
          onClick={() => void revert(object)}
          title="Write a changeset that puts the object back the way the baseline has it; nothing is sent to the org"
          data-testid="drift-revert"
        >
          Revert
        </button>
        <button
          type="button"
          disabled={busy || outcome !== undefined}
          onClick={() => setAskingReason(true)}
          title="Stop reporting drift on this object, with a reason the team can read"
          data-testid="drift-ignore"
        >
          Ignore…
        </button>
        {thisBusy && <span className="muted small">Working…</span>}
      </div>
      {outcome && <TriageOutcomeNotice outcome={outcome} />}
      {outcome === undefined && object.status === 'changed' && (
        <p className="muted small triage-help">
          Revert drafts a changeset only; {environment} changes when it is promoted.
        </p>
      )}
      {askingReason && (
        <IgnoreDriftDialog
          title={`Ignore drift of ${singularTypeLabel(object.type).toLowerCase()} “${displayKey(object.type, object.key)}”`}
          busy={busy}
          onSave={(reason) => ignore(object, reason)}
          onClose={() => setAskingReason(false)}
        />
      )}
    </div>
  );
}
