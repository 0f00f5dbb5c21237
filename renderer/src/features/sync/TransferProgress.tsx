import type { SyncProgress } from '../../../../shared/sync/sync-wire';
import { progressPercent, progressText } from './sync-model';

interface TransferProgressProps {
  label: string;
  progress: SyncProgress | null;
  cancelling: boolean;
  onCancel: () => void;
  testId: string;
}

/** A running transfer: what git is doing, how far, and the way to stop it. */
export function TransferProgress({ label, progress, cancelling, onCancel, testId }: TransferProgressProps) {
  const percent = progressPercent(progress);
  return (
    <div className="sync-transfer" data-testid={testId} role="status" aria-live="polite">
      <div className="sync-transfer-head">
        <strong>{label}…</strong>
        <span className="muted small" data-testid={`${testId}-text`}>
          {progressText(progress)}
        </span>
        <button type="button" onClick={onCancel} disabled={cancelling} data-testid={`${testId}-cancel`}>
          {cancelling ? 'Cancelling…' : 'Cancel'}
        </button>
      </div>
      <div
        className="progress-track"
        role="progressbar"
        aria-label={`${label} progress`}
        aria-valuemin={0}
        aria-valuemax={100}
        {...(percent !== null ? { 'aria-valuenow': percent } : {})}
      >
        <div
          className={percent === null ? 'progress-fill sync-indeterminate' : 'progress-fill'}
          style={{ width: `${Math.max(percent ?? 30, 2)}%` }}
        />
      </div>
    </div>
  );
}
