import { planSchema, type Plan } from '../../../../shared/model/plan';
import {
  runResultSchema,
  type RunResult,
  type RunSummary,
} from '../../../../shared/promotion/engine/run-records';
import type { StageRun } from '../../../../shared/promotion/pipeline/pipeline-status';
import { parseStrictJson } from '../../../../shared/signing/strict-json';
import type { TrustedKey } from '../../../../shared/model/trust';
import { verifyRunFiles, type RunFiles } from '../../promotion/run-verifier';

/** A run that counts as pipeline evidence: its files verified, its plan and result as signed. */
export interface VerifiedStageRun extends StageRun {
  environment: string;
  plan: Plan;
  result: RunResult | null;
}

export interface StageEvidenceDeps {
  runs(): Promise<RunSummary[]>;
  readFiles(runId: string): Promise<RunFiles>;
  findKey(keyId: string): Promise<TrustedKey | null>;
  now: Date;
}

/**
 * The runs of `changesetId`'s current digest into `environments` whose plan, journal and result
 * verify against the trust root (run-verifier.ts; keys judged when they signed, as history is).
 * Anything else in the workspace — unsigned, forged, edited, another digest — is left out
 * without a word: it is not progress. Runs still without a result are returned apart, as running.
 */
export async function stageEvidence(
  deps: StageEvidenceDeps,
  changesetId: string,
  digest: string,
  environments: ReadonlySet<string>,
): Promise<{ runs: Map<string, VerifiedStageRun[]>; running: RunSummary[] }> {
  const runs = new Map<string, VerifiedStageRun[]>();
  const running: RunSummary[] = [];
  for (const summary of await deps.runs()) {
    if (summary.changesetId !== changesetId || !environments.has(summary.environment)) continue;
    if (summary.status === 'running' || summary.status === 'interrupted') {
      running.push(summary);
      continue;
    }
    const verified = await verifiedRun(deps, summary.id, digest);
    if (verified === null) continue;
    const list = runs.get(verified.environment) ?? [];
    list.push(verified);
    runs.set(verified.environment, list);
  }
  return { runs, running };
}

async function verifiedRun(deps: StageEvidenceDeps, runId: string, digest: string) {
  let files: RunFiles;
  try {
    files = await deps.readFiles(runId);
    const verified = await verifyRunFiles(files, {
      find: (keyId) => deps.findKey(keyId),
      now: deps.now,
      historical: true,
    });
    if (verified.plan.changesetDigest !== digest || files.result === null) return null;
    const plan = planSchema.safeParse(parseStrictJson(files.plan));
    const result = runResultSchema.safeParse(parseStrictJson(files.result));
    if (!plan.success || !result.success) return null;
    if (result.data.runId !== runId || result.data.changesetDigest !== digest) return null;
    const checks = result.data.checks;
    const run: VerifiedStageRun = {
      id: runId,
      kind: verified.plan.runKind,
      rollbackOf: verified.plan.rollbackOf,
      status: result.data.status,
      startedAt: verified.plan.startedAt,
      finishedAt: result.data.finishedAt,
      checksPassed:
        checks === undefined || checks.length === 0 ? null : checks.every((check) => check.passed),
      environment: verified.plan.environment,
      plan: plan.data,
      result: result.data,
    };
    return run;
  } catch {
    // A folder that does not verify or parse (run.unverified, run.not-found, bad JSON) is not evidence.
    return null;
  }
}
