import type { TrustedKey } from '../../../../shared/model/trust';
import type { OverrideRun } from '../../../../shared/promotion/follow-ups/derive-follow-up';
import { isRunId } from '../../promotion/run-store';
import type { AuditEntry } from '../../audit/audit-entry';
import { auditActors } from './verified-audit';

/**
 * Override runs as the signed, chained audit log records them (issue 20): the `promote` (or
 * `resume`) entry of a run that used an override names its run, changeset digest and environment,
 * signed by the promoter's key. The run folder is the first source (override-runs.ts), but it is a
 * file its promoter can delete or edit (a run that no longer verifies is skipped): without this, an
 * overrider could make an overdue follow-up vanish with `git rm -r runs/<id>`. The audit entry
 * cannot be taken out without breaking the chain that `ferry audit verify` and the signed anchors
 * check.
 *
 * The override counts from the promoter's `override` entry for that changeset and environment
 * just before (recorded before the run started), else from the run's own entry.
 */
export async function auditedOverrideRuns(
  workspaceDir: string,
  trusted: readonly TrustedKey[],
  auditOf: (keyId: string) => Promise<AuditEntry[]>,
): Promise<OverrideRun[]> {
  const owners = new Map(trusted.map((key) => [key.keyId, key.owner]));
  const found = new Map<string, OverrideRun>();
  for (const actor of await auditActors(workspaceDir)) {
    const owner = owners.get(actor);
    if (owner === undefined) continue;
    const entries = await auditOf(actor);
    for (const [index, entry] of entries.entries()) {
      const run = overrideRunOf(entry, entries.slice(0, index), { keyId: actor, owner });
      // The first entry of a run is its start (a later `resume` entry repeats it).
      if (run !== null && !found.has(run.runId)) found.set(run.runId, run);
    }
  }
  return [...found.values()];
}

function overrideRunOf(
  entry: AuditEntry,
  earlier: readonly AuditEntry[],
  overrider: { keyId: string; owner: string },
): OverrideRun | null {
  if (entry.action !== 'promote' && entry.action !== 'resume') return null;
  const runId = entry.subject.startsWith('run/') ? entry.subject.slice('run/'.length) : '';
  const { changesetId, changesetDigest, environment, override } = entry.details;
  if (
    !isRunId(runId) ||
    typeof changesetId !== 'string' ||
    typeof changesetDigest !== 'string' ||
    typeof environment !== 'string' ||
    typeof override !== 'string'
  ) {
    return null;
  }
  const started = earlier.findLast(
    (candidate) =>
      candidate.action === 'override' &&
      candidate.subject === `changeset/${changesetId}` &&
      candidate.details.environment === environment,
  );
  const hours = started?.details.followUpHours;
  return {
    runId,
    changesetId,
    changesetDigest,
    environment,
    reason: override,
    overrider,
    startedAt: (started ?? entry).at,
    ...(typeof hours === 'number' && Number.isInteger(hours) && hours >= 1 ? { followUpHours: hours } : {}),
  };
}
