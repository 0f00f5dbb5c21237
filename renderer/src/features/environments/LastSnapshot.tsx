import type { SnapshotSummary } from '../../../../shared/model/environment';
import { countOf, formatCount, shortCommit, timeAgo, totalObjects, typeCounts } from './environment-format';

export function LastSnapshot({ summary }: { summary: SnapshotSummary | null }) {
  if (summary === null) {
    return (
      <dd className="muted" data-testid="last-snapshot">
        None yet
      </dd>
    );
  }
  return (
    <>
      <dd data-testid="last-snapshot">
        <span title={new Date(summary.takenAt).toLocaleString()}>{timeAgo(summary.takenAt)}</span>
        <span className="muted">
          {' '}
          · {countOf(totalObjects(summary), 'object')} · <code>{shortCommit(summary.commit)}</code>
        </span>
      </dd>
      <dd className="type-counts">
        {typeCounts(summary).map(({ type, label, count }) => (
          <span key={type} className="type-count" title={type}>
            {label} <strong>{formatCount(count)}</strong>
          </span>
        ))}
      </dd>
    </>
  );
}
