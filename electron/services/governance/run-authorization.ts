import { FerryError } from '../../../shared/api/api-error';
import { planSchema } from '../../../shared/model/plan';
import type { RiskAssessment } from '../../../shared/promotion/risk/risk-assessment';
import type { TrustedKey } from '../../../shared/model/trust';
import type { GateDecision } from '../../../shared/promotion/gates';
import { unverified, verifyRunFiles, type RunFiles, type VerifiedRun } from '../promotion/run-verifier';

export interface RunAuthorizationDeps {
  /** trust-store.ts `find`: its own refusals (`trust.unverified`) pass through. */
  findKey(keyId: string): Promise<TrustedKey | null>;
  /** The changeset's digest as the workspace holds it now (changeset-store.ts `get`). */
  changesetDigest(changesetId: string): Promise<string>;
  /**
   * The gates of a changeset for an environment, judged now (promotion-service.ts `judge`) on the
   * risk the run's signed plan recorded (issue 20): its live read at plan time, before any write.
   */
  gates(
    changesetId: string,
    environment: string,
    overrideReason: string | undefined,
    risk: RiskAssessment | null,
  ): Promise<GateDecision>;
  now: Date;
}

/**
 * Whether a run may be resumed or rolled back (issue 11, point 4): its files signed by trusted,
 * valid keys (run-verifier.ts), its changeset still the one its plan was signed for, and, to resume
 * it, the gates passing now as they would for a new promotion. A resume writes the plan's values
 * and a rollback the journal's before-states: both must be a trusted promoter's, never a file's
 * that arrived by pull. Throws `run.unverified`; reads only.
 */
export async function authorizeRun(
  deps: RunAuthorizationDeps,
  files: RunFiles,
  action: 'resume' | 'rollback',
): Promise<VerifiedRun> {
  const verified = await verifyRunFiles(files, { find: (keyId) => deps.findKey(keyId), now: deps.now });
  const { runId } = files;
  const { changesetId, changesetDigest, environment } = verified.plan;
  const changesetFile = `changesets/${changesetId}.json`;
  let digest: string;
  try {
    digest = await deps.changesetDigest(changesetId);
  } catch (error) {
    if (error instanceof FerryError && error.code.startsWith('changeset.')) {
      throw unverified(
        runId,
        changesetFile,
        `${changesetFile}, the changeset its plan was signed for, ${error.code === 'changeset.not-found' ? 'is not in this workspace' : 'cannot be read'}`,
        `Restore ${changesetFile} as it was when the run was planned (git log -- ${changesetFile})`,
      );
    }
    throw error;
  }
  if (digest !== changesetDigest) {
    throw unverified(
      runId,
      changesetFile,
      `${changesetFile} changed since the run was planned (it is ${digest}, the plan was signed for ${changesetDigest})`,
      `Restore ${changesetFile} as it was when the run was planned (git log -- ${changesetFile}), or roll the run back and promote the new version`,
    );
  }
  if (action === 'resume') {
    const decision = await deps.gates(
      changesetId,
      environment,
      verified.started.override?.reason,
      signedRisk(files.plan),
    );
    if (!decision.passed) {
      const failed = decision.gates.filter((gate) => !gate.passed);
      throw unverified(
        runId,
        changesetFile,
        `the gates of ${environment} no longer pass (${failed.map((gate) => `${gate.gate}: ${gate.reason}`).join('; ')})`,
        `Resuming writes the rest of the changeset, so it needs what a new promotion needs; roll the run back instead (\`ferry rollback ${runId}\`), or get the approvals and resume`,
      );
    }
  }
  return verified;
}

/**
 * The risk the run's plan recorded (issue 20). The plan's bytes are the ones its signature was
 * verified over; a plan from before issue 20 has none, and its gates need `approvalsRequired`.
 */
function signedRisk(planText: string): RiskAssessment | null {
  return planSchema.parse(JSON.parse(planText)).risk ?? null;
}
