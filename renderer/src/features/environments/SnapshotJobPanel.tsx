import { isFinished, useSnapshotJobsStore, type SnapshotJob } from './snapshot-jobs-store';
import { countOf, shortCommit } from './environment-format';
import { describePhase, progressFraction, skippedTypeLabels } from './snapshot-progress-format';

export function SnapshotJobPanel({ job }: { job: SnapshotJob }) {
  const { cancel, dismiss } = useSnapshotJobsStore();
  const progress = job.progress;
  const finished = isFinished(job);
  const outcome = job.error !== null ? 'failed' : (progress?.phase ?? 'connecting');
  const percent = Math.round(progressFraction(progress) * 100);

  return (
    <div
      className={`snapshot-job ${finished ? outcome : 'running'}`}
      data-testid="snapshot-job"
      role="status"
    >
      <div className="snapshot-job-head">
        <strong data-testid="snapshot-phase">{describePhase(job)}</strong>
        {progress && (
          <span className="muted small" data-testid="snapshot-counters">
            {progress.typesDone}/{progress.typesTotal} types · {countOf(progress.objects, 'object')} ·{' '}
            {countOf(progress.requests, 'request')}
            {progress.rateLimitWaits > 0 && ` · ${countOf(progress.rateLimitWaits, 'rate-limit wait')}`}
          </span>
        )}
        <span className="snapshot-job-actions">
          {finished ? (
            <button type="button" className="link-button" onClick={() => dismiss(job.environment)}>
              Dismiss
            </button>
          ) : (
            <button
              type="button"
              onClick={() => void cancel(job.environment)}
              disabled={job.jobId === null || job.cancelling}
              data-testid="cancel-snapshot"
            >
              {job.cancelling ? 'Cancelling…' : 'Cancel'}
            </button>
          )}
        </span>
      </div>
      {!finished && (
        <div
          className="progress-track"
          role="progressbar"
          aria-label="Snapshot progress"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
          data-testid="snapshot-progress"
        >
          <div className="progress-fill" style={{ width: `${Math.max(percent, 2)}%` }} />
        </div>
      )}
      {finished && (
        <p className="snapshot-result" data-testid="snapshot-result">
          {job.error ?? progress?.message ?? describePhase(job)}
          {progress?.commit && (
            <>
              {' '}
              <code className="muted">{shortCommit(progress.commit)}</code>
            </>
          )}
        </p>
      )}
      {progress && progress.skippedTypes.length > 0 && (
        <p className="small warning-text" data-testid="snapshot-skipped">
          Skipped (these credentials may not read them): {skippedTypeLabels(progress).join(', ')}
        </p>
      )}
    </div>
  );
}
