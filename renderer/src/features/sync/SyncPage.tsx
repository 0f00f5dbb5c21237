import './sync.css';
import { useEffect, useRef } from 'react';
import { formatDateTime } from '../../../../shared/format/date-time';
import { ErrorBanner } from '../../components/ErrorBanner';
import { ConflictDialog } from './ConflictDialog';
import { LastPull } from './LastPull';
import { RemotesPanel } from './RemotesPanel';
import { OPERATION_WORDS, statusSentence } from './sync-model';
import { useSyncStore } from './sync-store';
import { TransferProgress } from './TransferProgress';

/** Sharing the workspace with the team: remotes, where it stands, pull/push/sync, and what came in. */
export function SyncPage() {
  const {
    remotes,
    status,
    statusError,
    history,
    transfer,
    progress,
    notice,
    error,
    conflicts,
    refreshStatus,
    pull,
    push,
    sync,
    cancel,
    openConflicts,
    dismiss,
  } = useSyncStore();
  const load = useSyncStore((state) => state.load);
  const heading = useRef<HTMLHeadingElement>(null);
  const hasRemote = (remotes ?? []).length > 0;

  // Opening the page asks the remote once (a fetch); the sidebar only ever counts offline.
  useEffect(() => {
    void load().then(() => refreshStatus(true));
  }, [load, refreshStatus]);

  const busy = transfer !== null;
  const waiting = status?.unpushedApprovals ?? [];

  return (
    <div className="sync-page" data-testid="sync-page">
      <header className="page-header">
        <div>
          <h1 ref={heading} tabIndex={-1}>
            Sync
          </h1>
          <p className="muted page-intro">
            Share this workspace with your team through a git remote: pull what teammates did, push your
            changesets and approvals.
          </p>
        </div>
      </header>
      {error !== null && <ErrorBanner message={error} onDismiss={dismiss} />}
      {notice !== null && (
        <p className="info-notice" role="status" data-testid="sync-notice">
          {notice}
        </p>
      )}
      {hasRemote && (
        <section className="card" aria-labelledby="sync-status-heading" data-testid="sync-status">
          <h2 id="sync-status-heading">Status</h2>
          {status !== null ? (
            <p data-testid="sync-status-text" data-ahead={status.ahead} data-behind={status.behind}>
              {statusSentence(status)}
            </p>
          ) : (
            <p className="muted">Counting…</p>
          )}
          {statusError !== null && (
            <p className="warning-text" data-testid="sync-status-error">
              {statusError}
            </p>
          )}
          <div className="button-row">
            <button
              type="button"
              className="primary"
              onClick={() => void pull()}
              disabled={busy}
              data-testid="sync-pull"
            >
              Pull
            </button>
            <button
              type="button"
              className="primary"
              onClick={() => void push()}
              disabled={busy}
              data-testid="sync-push"
            >
              Push
            </button>
            <button type="button" onClick={() => void sync()} disabled={busy} data-testid="sync-sync">
              Sync (pull, then push)
            </button>
            <button
              type="button"
              onClick={() => void refreshStatus(true)}
              disabled={busy}
              data-testid="sync-check"
            >
              Check for changes
            </button>
            <button
              type="button"
              onClick={() => void openConflicts()}
              disabled={busy}
              data-testid="sync-open-conflicts"
            >
              Conflicts…
            </button>
          </div>
          {transfer !== null && (
            <TransferProgress
              label={OPERATION_WORDS[transfer.operation]}
              progress={progress}
              cancelling={transfer.cancelling}
              onCancel={() => void cancel()}
              testId="sync-transfer"
            />
          )}
        </section>
      )}
      {waiting.length > 0 && (
        <section
          className="card sync-waiting"
          aria-labelledby="sync-waiting-heading"
          data-testid="sync-waiting"
        >
          <h2 id="sync-waiting-heading">Teammates are waiting</h2>
          <p>
            {waiting.length === 1 ? 'This approval was' : 'These approvals were'} made here and not pushed
            yet: nobody else can see {waiting.length === 1 ? 'it' : 'them'} until you push.
          </p>
          <ul>
            {waiting.map((approval) => (
              <li
                key={`${approval.changesetId}:${approval.approver}:${approval.environment ?? ''}`}
                data-testid="sync-unpushed-approval"
              >
                <strong>{approval.title}</strong> approved by {approval.approver}
                {approval.environment !== null ? ` for ${approval.environment}` : ''}
              </li>
            ))}
          </ul>
        </section>
      )}
      <LastPull />
      <RemotesPanel />
      {hasRemote && (
        <section className="card" aria-labelledby="sync-history-heading" data-testid="sync-history">
          <h2 id="sync-history-heading">Pulls and pushes on this machine</h2>
          {history.length === 0 ? (
            <p className="muted">None yet.</p>
          ) : (
            <ol className="sync-history-list">
              {history.map((entry) => (
                <li
                  key={`${entry.at}:${entry.operation}`}
                  data-testid="sync-history-entry"
                  data-outcome={entry.outcome}
                >
                  <span className="muted small">{formatDateTime(entry.at)}</span>{' '}
                  <strong>{entry.operation}</strong> {entry.remote}
                  {entry.outcome === 'failed' ? (
                    <>
                      {' '}
                      <span className="badge warn">failed</span>
                    </>
                  ) : null}
                  <div>{entry.summary}</div>
                </li>
              ))}
            </ol>
          )}
        </section>
      )}
      {conflicts !== null && <ConflictDialog />}
    </div>
  );
}
