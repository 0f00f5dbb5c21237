import type { AuditFact, InsightsInput, UnverifiedRecord } from '../../../shared/insights/insights-facts';
import { isRunId } from '../promotion/run-store';

/**
 * The audit actions that name a finished run (promotion-service.ts `recordRun`): subject
 * `run/<id>`, written after the run's result. The audit reader keeps these when they verify so the
 * reader can cross-check the run folders against them.
 */
export const RUN_AUDIT_ACTIONS: readonly string[] = ['promote', 'rollback', 'resume'];

/**
 * Cross-checks the runs folder against the signed audit log (issue 19, threat model DESIGN §7b):
 * a teammate who controls the workspace can delete a failed run's whole folder, or its result,
 * and the run would simply not be read. The promoter's signed, hash-chained audit entry for that
 * run remains (removing it breaks the chain), so each run a verified entry names whose folder holds
 * no result is an UnverifiedRecord, counted, telling a person to restore it from git history.
 * The run's figures are not rebuilt from the entry: its details are the promoter's summary, not
 * the signed run, so the run is left out and said to be left out.
 *
 * `present` is every run id whose folder holds a result (verified or not: one that does not verify
 * is already counted). Removes the run entries from `input.audit`, which holds only what compute
 * reads, and adds one record per missing run to `input.unverified` and the run counts.
 */
export function checkMissingRuns(input: InsightsInput, present: ReadonlySet<string>): void {
  const named = new Map<string, AuditFact>();
  const kept: AuditFact[] = [];
  for (const fact of input.audit) {
    if (!RUN_AUDIT_ACTIONS.includes(fact.action)) {
      kept.push(fact);
      continue;
    }
    const runId = fact.subject.startsWith('run/') ? fact.subject.slice('run/'.length) : '';
    // An id that is not a run id names no folder (a path, `..`): nothing to look for.
    if (!isRunId(runId) || present.has(runId) || named.has(runId)) continue;
    named.set(runId, fact);
  }
  input.audit = kept;
  if (named.size === 0) return;
  const missing: UnverifiedRecord[] = [...named].map(([runId, fact]) => ({
    kind: 'run',
    file: `runs/${runId}`,
    reason: `the signed audit log records this run (${fact.action} by ${fact.actor} on ${fact.at}${statusOf(fact)}) but its folder is missing from the workspace or holds no result; restore it from git history (git log --all -- runs/${runId})`,
  }));
  input.unverified.push(...missing);
  input.unverified.sort(
    (left, right) => compare(left.file, right.file) || compare(left.reason, right.reason),
  );
  input.counts.run.read += missing.length;
  input.counts.run.unverified += missing.length;
}

/** The status the entry recorded, when it names one, for the person restoring the run. */
function statusOf(fact: AuditFact): string {
  const status = fact.details.status;
  return typeof status === 'string' && /^[a-z-]{1,40}$/.test(status) ? `, status ${status}` : '';
}

function compare(left: string, right: string): number {
  return left < right ? -1 : left > right ? 1 : 0;
}
