import type { SnapshotProgress } from '../../../../shared/model/snapshot';
import { findObjectType } from '../../../../shared/model/object-types/registry';
import type { SnapshotJob } from './snapshot-jobs-store';

/** 0–1; writing counts as the last step so the bar does not sit full while files are committed. */
export function progressFraction(progress: SnapshotProgress | null): number {
  if (progress === null || progress.typesTotal === 0) return 0;
  if (progress.phase === 'done') return 1;
  const steps = progress.typesTotal + 1;
  const done = progress.phase === 'writing' ? progress.typesTotal : progress.typesDone;
  return Math.min(1, done / steps);
}

export function describePhase(job: SnapshotJob): string {
  const progress = job.progress;
  if (job.error !== null) return 'Snapshot failed';
  if (progress === null) return 'Starting…';
  switch (progress.phase) {
    case 'connecting':
      return 'Connecting…';
    case 'listing':
      return progress.type
        ? `Reading ${findObjectType(progress.type)?.pluralLabel ?? progress.type}`
        : 'Reading…';
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
