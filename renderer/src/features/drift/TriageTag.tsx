import type { TriageOutcome } from './drift-store';

const LABELS: Readonly<Record<TriageOutcome['action'], string>> = {
  accepted: 'accepted',
  reverted: 'revert drafted',
  ignored: 'ignored',
};

/** A drifted row's outcome at a glance, so a long list shows what is still to triage. */
export function TriageTag({ outcome }: { outcome: TriageOutcome | undefined }) {
  if (!outcome) return null;
  return (
    <span className={`triage-tag triage-${outcome.action}`} data-testid="triage-tag">
      {LABELS[outcome.action]}
    </span>
  );
}
