/** What came of one environment's snapshot in a "Snapshot all" round. */
export type SnapshotAllOutcome = 'done' | 'failed' | 'cancelled';

/** "Snapshotting uat (2 of 3)…" while running; afterwards what came of each, and what to do. */
export function snapshotAllText(
  queue: readonly string[],
  position: number,
  outcomes: Readonly<Record<string, SnapshotAllOutcome>>,
  running: boolean,
): string {
  if (running) {
    const environment = queue[position];
    return environment === undefined
      ? 'Starting…'
      : `Snapshotting ${environment} (${position + 1} of ${queue.length})…`;
  }
  const done = queue.filter((name) => outcomes[name] === 'done');
  const failed = queue.filter((name) => outcomes[name] === 'failed');
  const notTaken = queue.filter((name) => outcomes[name] === undefined || outcomes[name] === 'cancelled');
  if (done.length === queue.length) {
    return `Snapshots taken of all ${queue.length} environment${queue.length === 1 ? '' : 's'}: ${done.join(', ')}.`;
  }
  const parts = [`${done.length} of ${queue.length} snapshots taken`];
  if (failed.length > 0)
    parts.push(`failed: ${failed.join(', ')} (see the row for why, then snapshot it again)`);
  if (notTaken.length > 0) parts.push(`stopped before: ${notTaken.join(', ')}`);
  return `${parts.join('; ')}.`;
}
