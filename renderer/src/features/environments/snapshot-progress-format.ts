import type { SnapshotProgress } from '../../../../shared/model/snapshot';
import { findObjectType } from '../../../../shared/model/object-types/registry';
import type { SnapshotJob } from './snapshot-jobs-store';

/** 0–1; writing counts as the last step so the bar does not sit full while files are committed. */
export function progressFraction(progress: SnapshotProgress | null): number {
  if (progress === null || progress.typesTotal === 0) return 0;
  if (progress.phase === 'done') return 1;
  const steps = progress.typesTotal + 1;
  const done = progress.phase === 'writing' ? progress.typesTotal : progress.typesDone;
  // A type exported object by object (flows) moves the bar within its own step.
  const within =
    progress.phase === 'listing' && progress.exports !== null && progress.exports.total > 0
      ? progress.exports.done / progress.exports.total
      : 0;
  return Math.min(1, (done + within) / steps);
}

export function describePhase(job: SnapshotJob): string {
  const progress = job.progress;
  if (job.error !== null) return 'Snapshot failed';
  if (progress === null) return 'Starting…';
  switch (progress.phase) {
    case 'connecting':
      return 'Connecting…';
    case 'listing': {
      if (!progress.type) return 'Reading…';
      const label = findObjectType(progress.type)?.pluralLabel ?? progress.type;
      return progress.exports === null
        ? `Reading ${label}`
        : `Exporting ${label}: ${progress.exports.done} of ${progress.exports.total}`;
    }
    case 'writing':
      return 'Writing and committing files…';
    case 'done':
      return 'Snapshot taken';
    case 'failed':
      return 'Snapshot failed';
    case 'cancelled':
      return 'Snapshot cancelled';
  }
}

export function skippedTypeLabels(progress: SnapshotProgress): string[] {
  return progress.skippedTypes.map((type) => findObjectType(type)?.pluralLabel ?? type);
}
