import { useDriftStore } from './drift-store';
import { useNavigationStore } from '../../stores/navigation-store';

/** Every revert drafted in this check, each a link to its changeset (to review, approve, promote). */
export function DraftedReverts() {
  const triage = useDriftStore((state) => state.triage);
  const openChangeset = useNavigationStore((state) => state.openChangeset);
  const drafted = Object.values(triage).flatMap((outcome) =>
    outcome.action === 'reverted' ? [outcome] : [],
  );
  if (drafted.length === 0) return null;
  return (
    <section className="card drafted-reverts" aria-label="Drafted reverts" data-testid="drafted-reverts">
      <h2>Drafted reverts</h2>
      <p className="muted small">
        Nothing changes in the org until a revert is approved and promoted: open one to review it, then plan
        its promotion.
      </p>
      <ul>
        {drafted.map((outcome) => (
          <li key={outcome.changesetId}>
            <button
              type="button"
              className="link-button"
              onClick={() => openChangeset(outcome.changesetId)}
              data-testid="drafted-revert-link"
            >
              {outcome.changesetId}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
