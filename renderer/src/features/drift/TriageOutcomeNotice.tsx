import type { TriageOutcome } from './drift-store';
import { useNavigationStore } from '../../stores/navigation-store';
import { shortCommit } from '../environments/environment-format';

export function TriageOutcomeNotice({ outcome }: { outcome: TriageOutcome }) {
  const openChangeset = useNavigationStore((state) => state.openChangeset);
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
          Revert drafted as changeset{' '}
          <button
            type="button"
            className="link-button inline-link"
            onClick={() => openChangeset(outcome.changesetId)}
            title={`Open ${outcome.file}`}
            data-testid="changeset-id"
          >
            {outcome.changesetId}
          </button>{' '}
          · commit <code>{shortCommit(outcome.commit)}</code>. Open it to review, approve and promote it.
        </>
      )}
      {outcome.action === 'ignored' && <>Ignored: {outcome.reason}</>}
    </div>
  );
}
