import './follow-ups.css';
import { useEffect } from 'react';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useWorkspaceStore } from '../../stores/workspace-store';
import { followUpsView, type FollowUpRow } from './follow-ups-model';
import { useFollowUpsStore } from './follow-ups-store';

function Row({ row }: { row: FollowUpRow }) {
  return (
    <li className="follow-up" data-testid="follow-up" data-run-id={row.runId}>
      <p className="follow-up-title">
        <strong>{row.title}</strong> <span className="follow-up-due">{row.due}</span>
      </p>
      <p className="follow-up-overridden">{row.overridden}</p>
      <p className="follow-up-message">{row.message}</p>
      <p className="follow-up-message" data-testid="follow-up-in-app">
        {row.inApp}
      </p>
    </li>
  );
}

/** Emergency overrides owed a retrospective approval: overdue ones as an alert, pending ones below. */
export function FollowUpsPanel() {
  const head = useWorkspaceStore((state) => state.current?.head);
  const followUps = useFollowUpsStore((state) => state.followUps);
  const loadedAt = useFollowUpsStore((state) => state.loadedAt);
  const error = useFollowUpsStore((state) => state.error);
  const dismissError = useFollowUpsStore((state) => state.dismissError);

  // A commit (a run, an approval pulled in) may open or close a follow-up.
  useEffect(() => {
    void useFollowUpsStore.getState().load();
  }, [head]);

  if (error) return <ErrorBanner message={error} onDismiss={dismissError} />;
  if (loadedAt === null) return null;
  const view = followUpsView(followUps, loadedAt);
  if (view.overdue.length === 0 && view.pending.length === 0) return null;
  return (
    <div className="follow-ups" data-testid="follow-ups">
      {view.overdue.length > 0 && (
        <section
          className="follow-ups-overdue"
          role="alert"
          aria-labelledby="follow-ups-overdue-heading"
          data-testid="follow-ups-overdue"
        >
          <h2 id="follow-ups-overdue-heading">{view.overdueHeading}</h2>
          <ul>
            {view.overdue.map((row) => (
              <Row key={row.runId} row={row} />
            ))}
          </ul>
        </section>
      )}
      {view.pending.length > 0 && (
        <section
          className="follow-ups-pending"
          aria-labelledby="follow-ups-pending-heading"
          data-testid="follow-ups-pending"
        >
          <h2 id="follow-ups-pending-heading">{view.pendingHeading}</h2>
          <ul>
            {view.pending.map((row) => (
              <Row key={row.runId} row={row} />
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
