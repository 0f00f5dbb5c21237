import { displayKey } from '../compare/flow-diff-model';
import { usePromotionRunStore } from './promotion-run-store';
import { singularTypeLabel } from '../compare/diff-model';

const PHASE_LABELS = {
  checking: 'Checking the target',
  writing: 'Writing',
  'rolling-back': 'Rolling back',
  verifying: 'Reading back',
  snapshot: 'Taking a snapshot',
  finished: 'Finished',
} as const;

/** The run as it happens: writes done of all, each step's state, and any waits for the rate limit. */
export function RunProgress() {
  const running = usePromotionRunStore((state) => state.running);
  const latest = usePromotionRunStore((state) => state.latest);
  const counts = usePromotionRunStore((state) => state.counts);
  const rows = usePromotionRunStore((state) => state.rows);
  const waits = usePromotionRunStore((state) => state.waits);
  if (running === null && latest === null) return null;
  const percent = counts && counts.total > 0 ? Math.round((counts.done / counts.total) * 100) : 0;

  return (
    <div className="run-progress" data-testid="run-progress" aria-live="polite">
      <div className="run-progress-head">
        <strong>{latest ? PHASE_LABELS[latest.phase] : 'Starting…'}</strong>
        {counts && (
          <span data-testid="progress-count">
            {counts.done} of {counts.total} write{counts.total === 1 ? '' : 's'}
            {counts.phase === 'rolling-back' ? ' undone' : ' done'}
          </span>
        )}
        {latest && <span className="muted small">{latest.message}</span>}
      </div>
      <div className="progress-track">
        <div className="progress-fill" style={{ width: `${running === null ? 100 : percent}%` }} />
      </div>
      {rows.length > 0 && (
        <ol className="progress-steps">
          {rows.map((row) => (
            <li
              key={row.id}
              className={`progress-step progress-${row.status}`}
              data-testid="progress-step"
              data-status={row.status}
            >
              <span className="progress-step-status">{row.status}</span>
              <span>
                {row.phase === 'rolling-back' ? 'undo ' : ''}step {row.step + 1}
              </span>
              <span title={row.type ?? ''}>{row.type ? singularTypeLabel(row.type) : ''}</span>
              <strong>{row.type && row.key ? displayKey(row.type, row.key) : row.key}</strong>
              <span className="muted small">{row.message}</span>
            </li>
          ))}
        </ol>
      )}
      {waits.length > 0 && (
        <p className="warning-text small" data-testid="rate-limit-waits">
          Rate limit: {waits[waits.length - 1]}
        </p>
      )}
    </div>
  );
}
