import { useSnapshotAllStore } from './snapshot-all-store';
import { snapshotAllText } from './snapshot-all-format';

/** Where "Snapshot all" reports: which environment is under way, then what came of each. */
export function SnapshotAllBar() {
  const { queue, position, outcomes, running, stopping, stop, dismiss } = useSnapshotAllStore();
  if (queue.length === 0) return null;
  const percent = Math.round((Math.min(position, queue.length) / queue.length) * 100);
  return (
    <div
      className={`snapshot-all ${running ? 'running' : 'finished'}`}
      data-testid="snapshot-all"
      data-running={String(running)}
    >
      <p className="snapshot-all-text" role="status" data-testid="snapshot-all-status">
        {snapshotAllText(queue, position, outcomes, running)}
      </p>
      {running && (
        <div
          className="progress-track"
          role="progressbar"
          aria-label="Snapshot all progress"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
        >
          <div className="progress-fill" style={{ width: `${Math.max(percent, 2)}%` }} />
        </div>
      )}
      {running ? (
        <button type="button" onClick={() => void stop()} disabled={stopping} data-testid="stop-snapshot-all">
          {stopping ? 'Stopping…' : 'Stop'}
        </button>
      ) : (
        <button type="button" className="link-button" onClick={dismiss}>
          Dismiss
        </button>
      )}
    </div>
  );
}
