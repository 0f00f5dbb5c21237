import type { SnapshotProgress } from '../../../../shared/model/snapshot';
import { findObjectType } from '../../../../shared/model/object-types/registry';

/**
 * What Compare says while a `live:` side is read (a flow export each: minutes for a big org), from
 * the `live.progress` events; null once the read is over, when the compare itself takes over.
 */
export function liveProgressText(progress: SnapshotProgress | null): string | null {
  if (progress === null) return null;
  const where = `Reading ${progress.environment} live`;
  const steps =
    progress.typesTotal > 0
      ? ` (type ${Math.min(progress.typesDone + 1, progress.typesTotal)} of ${progress.typesTotal})`
      : '';
  switch (progress.phase) {
    case 'connecting':
      return `${where}: connecting…`;
    case 'listing': {
      if (!progress.type) return `${where}…`;
      const label = findObjectType(progress.type)?.pluralLabel ?? progress.type;
      return progress.exports === null
        ? `${where}: ${label}${steps}`
        : `${where}: exporting ${label}, ${progress.exports.done} of ${progress.exports.total}${steps}`;
    }
    default:
      return null;
  }
}
