import { formatDateTime } from '../../../../shared/format/date-time';
import type { EnvironmentView } from '../../../../shared/model/environment';

/**
 * The snapshot a check reads, named by what it is: the environment's last snapshot, when it was
 * taken, and the commit that took it (not the workspace's latest commit, which may be anything).
 */
export function snapshotLabel(environment: string, environments: readonly EnvironmentView[]): string {
  const snapshot = environments.find((view) => view.config.name === environment)?.lastSnapshot ?? null;
  if (snapshot === null) return `${environment}'s latest snapshot`;
  return `${environment}'s snapshot of ${formatDateTime(snapshot.takenAt)} (commit ${snapshot.commit.slice(0, 7)})`;
}
