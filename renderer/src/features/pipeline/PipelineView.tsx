import './pipeline.css';
import { useEffect, useId } from 'react';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useWorkspaceStore } from '../../stores/workspace-store';
import { AdvanceDialog } from './AdvanceDialog';
import { advanceOffer, stageRows, summaryText, textSegments, type StageRow } from './pipeline-model';
import { usePipelineStore } from './pipeline-store';

/**
 * Where a changeset stands in its signed pipeline (issue 20): each stage as a step with its state,
 * the run that got it there and what it waits for, and the one explicit, audited way forward.
 * Nothing here moves by itself: a stage is entered only when a person (or CI) advances.
 */
export function PipelineView({
  changesetId,
  digest,
  dirty = false,
}: {
  changesetId: string;
  digest: string;
  /** Unsaved edits in the editor: advancing promotes the saved changeset, so it waits for a save. */
  dirty?: boolean;
}) {
  const head = useWorkspaceStore((state) => state.current?.head);
  const { pipelines, chosen, status, loading, error, asking, advancing, outcome } = usePipelineStore();
  const { load, choose, askAdvance, dismissOutcome } = usePipelineStore.getState();
  const headingId = useId();
  const pickerId = useId();

  // A saved edit is a new digest: the stages reached by the old one no longer count. Any commit (an
  // approval pulled in, a run from elsewhere) may move a stage too.
  useEffect(() => {
    void load(changesetId);
  }, [load, changesetId, digest, head]);

  // A workspace without pipelines is not told about them on every changeset.
  if (pipelines.length === 0 && error === null) return null;
  const rows = status ? stageRows(status) : [];
  const offer = status ? advanceOffer(status) : null;

  return (
    <section
      className="card pipeline-view"
      aria-labelledby={headingId}
      aria-busy={loading || advancing}
      data-testid="pipeline-view"
    >
      <header className="pipeline-header">
        <h2 id={headingId}>
          Pipeline
          {status ? (
            <>
              {' '}
              <code data-testid="pipeline-name">{status.pipeline}</code>
            </>
          ) : null}
        </h2>
        {pipelines.length > 1 && (
          <label className="pipeline-picker" htmlFor={pickerId}>
            <span>Follow</span>
            <select
              id={pickerId}
              value={chosen ?? ''}
              onChange={(event) => void choose(event.target.value === '' ? null : event.target.value)}
              data-testid="pipeline-picker"
            >
              <option value="">the one that applies</option>
              {pipelines.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
          </label>
        )}
        <button
          type="button"
          className="link-button"
          onClick={() => void load(changesetId)}
          disabled={loading || advancing}
          data-testid="pipeline-refresh"
        >
          {loading ? 'Checking…' : 'Check again'}
        </button>
      </header>
      {error && <ErrorBanner message={error} />}
      {status && (
        <>
          <p className="pipeline-summary" data-testid="pipeline-summary">
            <Words text={summaryText(status)} />
          </p>
          <ol className="pipeline-stages" data-testid="pipeline-stages">
            {rows.map((row) => (
              <StageItem key={row.environment} row={row} total={rows.length} />
            ))}
          </ol>
        </>
      )}
      {offer?.kind === 'finished' && (
        <p className="muted" data-testid="pipeline-finished">
          {offer.message}
        </p>
      )}
      {offer?.kind === 'advance' && (
        <div className="pipeline-advance">
          <button
            type="button"
            className="primary"
            onClick={() => void askAdvance(offer.environment)}
            disabled={advancing || dirty}
            aria-describedby={`${headingId}-hint`}
            data-testid="pipeline-advance"
            data-environment={offer.environment}
          >
            {advancing ? `Advancing to ${offer.environment}…` : `${offer.label}…`}
          </button>
          <span className="muted small" id={`${headingId}-hint`} data-testid="pipeline-advance-hint">
            {dirty ? 'Save first: advancing promotes the saved changeset.' : offer.hint}
          </span>
        </div>
      )}
      {outcome && (
        <div
          className={`pipeline-outcome ${outcome.tone}`}
          role={outcome.tone === 'success' ? 'status' : 'alert'}
          data-testid="pipeline-outcome"
          data-tone={outcome.tone}
        >
          <span>
            <Words text={outcome.message} />
          </span>
          <button type="button" className="link-button" onClick={dismissOutcome}>
            Dismiss
          </button>
        </div>
      )}
      {asking && <AdvanceDialog />}
    </section>
  );
}

const STATE_MARKS = {
  done: '✓',
  ready: '→',
  waiting: '…',
  failed: '✗',
  'rolled-back': '↺',
  pending: '·',
} as const;

function StageItem({ row, total }: { row: StageRow; total: number }) {
  const openRun = usePipelineStore((state) => state.openRun);
  return (
    <li
      className={`pipeline-stage stage-${row.state}${row.isNext ? ' next' : ''}`}
      data-testid="pipeline-stage"
      data-environment={row.environment}
      data-state={row.state}
      aria-current={row.isNext ? 'step' : undefined}
    >
      <span className="pipeline-stage-mark" aria-hidden="true">
        {STATE_MARKS[row.state]}
      </span>
      <div className="pipeline-stage-body">
        <div className="pipeline-stage-title">
          <strong>{row.environment}</strong>
          <span className="muted small">
            stage {row.position} of {total}
          </span>
          <span className={`badge stage-badge stage-badge-${row.state}`} data-testid="pipeline-stage-state">
            {row.stateLabel}
          </span>
        </div>
        <p className="pipeline-stage-run small" data-testid="pipeline-stage-run">
          {row.run}
          {row.runId !== null && (
            <>
              {' '}
              <button
                type="button"
                className="link-button"
                onClick={() => openRun(row.runId ?? '')}
                aria-label={`Open run ${row.runId} on the Promotions page`}
              >
                Open run
              </button>
            </>
          )}
        </p>
        {row.waits.length > 0 && (
          <ul className="pipeline-waits" aria-label={`What ${row.environment} waits for`}>
            {row.waits.map((wait, index) => (
              <li key={index} data-testid="pipeline-wait">
                <span data-testid="pipeline-wait-text">
                  <Words text={wait.text} />
                </span>{' '}
                <span className="muted small" data-testid="pipeline-wait-ends">
                  {wait.until !== null ? <time dateTime={wait.until}>{wait.ends}</time> : wait.ends}
                </span>
              </li>
            ))}
          </ul>
        )}
      </div>
    </li>
  );
}

/** A service sentence with the commands it names shown as code. */
function Words({ text }: { text: string }) {
  return (
    <>
      {textSegments(text).map((segment, index) =>
        segment.code ? <code key={index}>{segment.text}</code> : <span key={index}>{segment.text}</span>,
      )}
    </>
  );
}
