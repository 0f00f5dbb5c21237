import { FerryError } from '../../../shared/api/api-error';
import type { RunResult } from '../../../shared/promotion/engine/run-records';
import { activeSpan } from '../../../shared/promotion/cron';
import { GATE } from '../../../shared/promotion/gates';
import {
  pipelineListSchema,
  type Pipeline,
  type PipelineStatus,
} from '../../../shared/promotion/pipeline/pipeline';
import {
  canAdvance,
  computePipelineStatus,
  stageProgress,
  type NextStageFacts,
} from '../../../shared/promotion/pipeline/pipeline-status';
import type { ChangesetService } from '../authoring/changeset-service';
import type { ChangesetStore } from '../changesets/changeset-store';
import type { EnvironmentService } from '../environments/environment-service';
import type { IdentityServices } from '../identity/identity-services';
import type { PromotionEngine } from '../promotion/promotion-engine';
import { RunStore } from '../promotion/run-store';
import type { WorkspaceService } from '../workspace/workspace-service';
import { stageDrift } from './pipelines/stage-drift';
import { stageEvidence, type VerifiedStageRun } from './pipelines/stage-evidence';
import type { PromotionService } from './promotion-service';
import { withPipelineAdvanceLock } from './pipeline-advance-lock';

/**
 * Promotion pipelines (issue 20): where a change stands on its signed path (dev → uat → prod) and
 * an explicit, audited `advance` one stage on when the rules allow. No daemon: a person, a
 * scheduler or CI calls advance; every promotion goes through PromotionService (gates, the
 * environment lock and lease, the signed run).
 */
export interface PipelineAdvanceOptions {
  pipeline?: string;
  /** Break the environment's expired lease on the shared remote, for this reason (audited). */
  breakLease?: string;
  /** From a host that asks for it (the desktop app): a production stage must be named exactly. */
  typedConfirmation?: { typed: string | undefined };
}

export interface PipelineAdvanceResult {
  /** The stage it moved into. */
  environment: string;
  result: RunResult;
  status: PipelineStatus;
}

export interface PipelineServiceApi {
  list(): Promise<Pipeline[]>;
  status(changesetId: string, options?: { pipeline?: string }): Promise<PipelineStatus>;
  advance(changesetId: string, options?: PipelineAdvanceOptions): Promise<PipelineAdvanceResult>;
}

export interface PipelineServiceDeps {
  workspace: WorkspaceService;
  environments: EnvironmentService;
  changesets: ChangesetStore;
  authoring: ChangesetService;
  engine: PromotionEngine;
  promotions: PromotionService;
  identity: IdentityServices;
  /** The app's data folder: where the lock that keeps advances of other processes apart lives. */
  dataDir?: string;
}

/** An example a person can copy when no pipeline is signed yet. */
const EXAMPLE =
  '[{"name": "main", "stages": [{"environment": "dev"}, {"environment": "uat"}, {"environment": "prod", "soakHours": 24}]}]';

/**
 * Advances of one workspace, one at a time in this process: the second of two simultaneous calls
 * re-reads the status after the first and sees its stage done. Across machines the environment
 * lock and lease in the engine keep two promotions apart.
 */
const advancing = new Map<string, Promise<unknown>>();

export class PipelineService implements PipelineServiceApi {
  private readonly store: RunStore;

  constructor(private readonly deps: PipelineServiceDeps) {
    // Reads run folders only; it never writes or signs.
    this.store = new RunStore(deps.workspace, { signing: null, dataDir: null });
  }

  async list(): Promise<Pipeline[]> {
    return (await this.deps.identity.trust.root())?.pipelines ?? [];
  }

  /**
   * Signs `raw` as the workspace's pipelines into the next trust root version, once every stage
   * names an environment of this workspace. `source` (a file) is named in every error.
   */
  async set(raw: unknown, source = 'the request') {
    const parsed = pipelineListSchema.safeParse(raw);
    if (parsed.success) {
      const names = (await this.deps.environments.configs()).map((environment) => environment.name);
      parsed.data.forEach((pipeline, index) => {
        pipeline.stages.forEach((stage, stageIndex) => {
          if (!names.includes(stage.environment)) {
            throw new FerryError(
              'pipeline.invalid',
              `The pipelines in ${source} are not valid: [${index}].stages[${stageIndex}].environment "${stage.environment}" is not an environment of this workspace (${names.join(', ') || 'none yet'}); add it with \`ferry env add\` or correct the name`,
              { source, path: [index, 'stages', stageIndex, 'environment'] },
            );
          }
        });
      });
    }
    return this.deps.identity.trust.setPipelines(raw, source);
  }

  async status(changesetId: string, options: { pipeline?: string } = {}): Promise<PipelineStatus> {
    return (await this.evaluate(changesetId, options.pipeline)).status;
  }

  async advance(changesetId: string, options: PipelineAdvanceOptions = {}): Promise<PipelineAdvanceResult> {
    // Judged first outside the queue, so a refusal does not wait behind someone else's promotion.
    const intended = await this.refuseUnlessReady(changesetId, options.pipeline);
    const key = this.deps.workspace.requirePath();
    const before = advancing.get(key) ?? Promise.resolve();
    const mine = before.catch(() => undefined).then(() => this.advanceNow(changesetId, options, intended));
    const settled = mine.catch(() => undefined);
    advancing.set(key, settled);
    try {
      return await mine;
    } finally {
      if (advancing.get(key) === settled) advancing.delete(key);
    }
  }

  /** The stage `advance` would move into now; throws finished or waiting otherwise. */
  private async refuseUnlessReady(changesetId: string, name: string | undefined) {
    const { pipeline, status } = await this.evaluate(changesetId, name);
    if (status.next === null) {
      throw new FerryError(
        'pipeline.finished',
        `${changesetId} has reached ${pipeline.stages[pipeline.stages.length - 1]?.environment}, the last stage of pipeline ${pipeline.name}: there is nothing left to advance`,
        { pipeline: pipeline.name, changesetId },
      );
    }
    if (!canAdvance(status)) {
      const waits = status.stages.find((candidate) => candidate.environment === status.next)?.waits ?? [];
      throw new FerryError(
        'pipeline.waiting',
        `${changesetId} cannot enter ${status.next} yet (pipeline ${pipeline.name}); it waits for: ${waits.map((wait) => wait.message).join('; ')}. Nothing was written; \`ferry pipeline status ${changesetId}\` shows it again`,
        { pipeline: pipeline.name, changesetId, next: status.next, waits },
      );
    }
    return { pipeline, status, next: status.next };
  }

  private async advanceNow(
    changesetId: string,
    options: PipelineAdvanceOptions,
    intended: { next: string },
  ): Promise<PipelineAdvanceResult> {
    const { dataDir, workspace } = this.deps;
    if (dataDir === undefined) return this.advanceLocked(changesetId, options, intended);
    // Other processes of this machine too (pipeline-advance-lock.ts): one advance at a time.
    return withPipelineAdvanceLock(
      dataDir,
      workspace.requirePath(),
      changesetId,
      () => workspace.now(),
      () => this.advanceLocked(changesetId, options, intended),
    );
  }

  private async advanceLocked(
    changesetId: string,
    options: PipelineAdvanceOptions,
    intended: { next: string },
  ): Promise<PipelineAdvanceResult> {
    // Again inside the queue: an advance that ran meanwhile may have moved the change already.
    const { pipeline, status, next } = await this.refuseUnlessReady(changesetId, options.pipeline);
    if (next !== intended.next) {
      throw new FerryError(
        'pipeline.waiting',
        `Another advance moved ${changesetId} into ${intended.next} while this one waited; nothing was written. Run \`ferry pipeline advance ${changesetId}\` again to move it on to ${next}`,
        { pipeline: pipeline.name, changesetId, next, waits: [] },
      );
    }
    const index = pipeline.stages.findIndex((candidate) => candidate.environment === next);
    const from = index > 0 ? (pipeline.stages[index - 1]?.environment ?? null) : null;
    const actor = await this.deps.identity.keys.requireIdentity();
    await this.deps.identity.audit.append(actor.keyId, {
      action: 'pipeline-advance',
      subject: `changeset/${changesetId}`,
      details: {
        pipeline: pipeline.name,
        changesetId,
        digest: status.changesetDigest,
        from,
        to: next,
      },
    });
    const { result } = await this.deps.promotions.promote(changesetId, next, {
      ...(options.typedConfirmation !== undefined ? { typedConfirmation: options.typedConfirmation } : {}),
      ...(options.breakLease !== undefined ? { breakLease: options.breakLease } : {}),
    });
    return {
      environment: next,
      result,
      status: (await this.evaluate(changesetId, pipeline.name)).status,
    };
  }

  /** The pipeline `name` names, or the only one there is. */
  private async choose(name: string | undefined): Promise<Pipeline> {
    const pipelines = await this.list();
    if (name !== undefined) {
      const found = pipelines.find((pipeline) => pipeline.name === name);
      if (found) return found;
      throw new FerryError(
        'pipeline.not-found',
        `There is no pipeline "${name}" in the signed trust root (${pipelines.length === 0 ? 'it has none' : `it has ${pipelines.map((pipeline) => pipeline.name).join(', ')}`}); \`ferry pipeline list\` shows them`,
        { pipeline: name },
      );
    }
    if (pipelines.length === 1) return pipelines[0] as Pipeline;
    if (pipelines.length === 0) {
      throw new FerryError(
        'pipeline.not-found',
        `No pipeline is signed into this workspace's trust root. An admin signs one: write a file such as ${EXAMPLE} and run \`ferry pipeline set <file>\``,
      );
    }
    throw new FerryError(
      'pipeline.ambiguous',
      `The trust root has ${pipelines.length} pipelines (${pipelines.map((pipeline) => pipeline.name).join(', ')}); name the one you mean with --pipeline <name>`,
      { pipelines: pipelines.map((pipeline) => pipeline.name) },
    );
  }

  private async evaluate(changesetId: string, name: string | undefined) {
    const pipeline = await this.choose(name);
    const { digest } = await this.deps.changesets.get(changesetId);
    const now = this.deps.workspace.now();
    const environments = new Set(pipeline.stages.map((stage) => stage.environment));
    const evidence = await stageEvidence(
      {
        runs: () => this.deps.engine.runs(),
        readFiles: (runId) => this.store.readFiles(runId),
        findKey: (keyId) => this.deps.identity.trust.find(keyId),
        now,
      },
      changesetId,
      digest,
      environments,
    );
    const progress = stageProgress(pipeline, evidence.runs);
    let facts: NextStageFacts | null = null;
    if (progress.next !== null) {
      const stage = pipeline.stages[progress.next];
      const previous = progress.next > 0 ? progress.stages[progress.next - 1] : undefined;
      const environment = stage?.environment ?? '';
      const running = evidence.running.find((run) => run.environment === environment) ?? null;
      const previousRun =
        previous?.latest === null || previous === undefined
          ? null
          : ((evidence.runs.get(previous.environment) ?? []).find((run) => run.id === previous.latest?.id) ??
            null);
      facts = {
        running: running === null ? null : { runId: running.id, status: running.status },
        validation: await this.validation(changesetId, environment),
        gates: await this.gates(changesetId, environment),
        drift: stage?.requireNoDrift === false || previousRun === null ? null : await this.drift(previousRun),
      };
    }
    const status = computePipelineStatus({
      pipeline,
      changesetId,
      changesetDigest: digest,
      progress,
      facts,
      now,
    });
    return { pipeline, status };
  }

  private async validation(changesetId: string, environment: string): Promise<NextStageFacts['validation']> {
    try {
      const check = await this.deps.authoring.check({ id: changesetId }, environment);
      return {
        valid: check.valid,
        problems: check.findings
          .filter((finding) => finding.severity === 'error')
          .map((finding) => finding.message),
      };
    } catch (error) {
      return { valid: false, problems: [error instanceof Error ? error.message : String(error)] };
    }
  }

  /** The next stage's gates as a promotion would judge them now (PromotionService.plan). */
  private async gates(changesetId: string, environment: string): Promise<NextStageFacts['gates']> {
    try {
      const preview = await this.deps.promotions.plan(changesetId, environment);
      // The pipeline gate is this pipeline's own rules again (stage-entry.ts): its waits are
      // listed one by one already, so the gate is left out rather than said twice.
      const failed = preview.decision.gates
        .filter((gate) => !gate.passed && gate.gate !== GATE.pipeline)
        .map((gate) => ({ gate: gate.gate, reason: gate.reason }));
      const now = this.deps.workspace.now();
      const ends = (preview.policy.denyWindows ?? [])
        .map((window) => activeSpan(window, now)?.end ?? null)
        .filter((end): end is Date => end !== null)
        .sort((a, b) => b.getTime() - a.getTime());
      return {
        passed: failed.length === 0,
        failed,
        risk: preview.plan.risk?.level ?? null,
        denyUntil: ends[0]?.toISOString() ?? null,
      };
    } catch (error) {
      return {
        passed: false,
        failed: [{ gate: 'plan', reason: error instanceof Error ? error.message : String(error) }],
      };
    }
  }

  private async drift(run: VerifiedStageRun): Promise<NonNullable<NextStageFacts['drift']>> {
    try {
      const connector = await this.deps.environments.connector(run.environment);
      return { differences: await stageDrift(connector, run.plan), error: null };
    } catch (error) {
      return { differences: [], error: error instanceof Error ? error.message : String(error) };
    }
  }
}
