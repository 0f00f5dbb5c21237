import type { TriageOutcome } from '../../stores/drift-store';
import { shortCommit } from '../environments/environment-format';

export function TriageOutcomeNotice({ outcome }: { outcome: TriageOutcome }) {
  return (
    <div className={`triage-outcome triage-${outcome.action}`} role="status" data-testid="triage-outcome">
      {outcome.action === 'accepted' &&
        (outcome.commit ? (
          <>
            Accepted into the baseline · commit <code>{shortCommit(outcome.commit)}</code>
          </>
        ) : (
          outcome.message
        ))}
      {outcome.action === 'reverted' && (
        <>
          Changeset <code data-testid="changeset-id">{outcome.changesetId}</code> written to{' '}
          <code>{outcome.file}</code> · commit <code>{shortCommit(outcome.commit)}</code>
        </>
      )}
      {outcome.action === 'ignored' && <>Ignored: {outcome.reason}</>}
    </div>
  );
}
