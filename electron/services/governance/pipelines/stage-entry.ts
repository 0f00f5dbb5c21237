import type { Plan } from '../../../../shared/model/plan';
import type { Pipeline, PipelineWait } from '../../../../shared/promotion/pipeline/pipeline';
import {
  stageEntryWaits,
  stageProgress,
  type StageEntryFacts,
} from '../../../../shared/promotion/pipeline/pipeline-status';
import { stageEvidence, type StageEvidenceDeps } from './stage-evidence';

/** One signed pipeline's verdict on entering an environment: no waits means its rules are met. */
export interface PipelineEntry {
  pipeline: string;
  waits: PipelineWait[];
}

/**
 * The pipeline rules for entering `environment`, for the promotion gate (issue 20): null when no
 * signed pipeline has it as a later stage (the first stage needs only validation and gates, which
 * the promotion judges itself), else one entry per pipeline that does.
 */
export type PipelineWaits = (
  changesetId: string,
  digest: string,
  environment: string,
) => Promise<PipelineEntry[] | null>;

export interface StageEntryDeps extends Omit<StageEvidenceDeps, 'now'> {
  /** The signed pipelines (the trust root's), never a workspace file's. */
  pipelines(): Promise<Pipeline[]>;
  now(): Date;
  /** Objects a run wrote that no longer read live as it left them (stage-drift.ts). */
  drift(environment: string, plan: Plan): Promise<string[]>;
}

/** Built from the pipeline pieces the status view uses, so `advance` and the gate agree. */
export function pipelineWaitsFrom(deps: StageEntryDeps): PipelineWaits {
  return async (changesetId, digest, environment) => {
    const entered = (await deps.pipelines())
      .map((pipeline) => ({
        pipeline,
        index: pipeline.stages.findIndex((stage) => stage.environment === environment),
      }))
      .filter(({ index }) => index > 0);
    if (entered.length === 0) return null;
    const now = deps.now();
    const entries: PipelineEntry[] = [];
    for (const { pipeline, index } of entered) {
      const stage = pipeline.stages[index];
      const previous = pipeline.stages[index - 1]?.environment ?? '';
      const evidence = await stageEvidence({ ...deps, now }, changesetId, digest, new Set([previous]));
      const progress = stageProgress(pipeline, evidence.runs);
      const before = progress.stages[index - 1];
      const run =
        before?.done === true
          ? ((evidence.runs.get(previous) ?? []).find((candidate) => candidate.id === before.latest?.id) ??
            null)
          : null;
      const facts: StageEntryFacts = {
        // A run in progress is the environment lock's business, not the pipeline's.
        running: null,
        drift:
          stage?.requireNoDrift === false || run === null
            ? null
            : await driftOf(deps, run.environment, run.plan),
      };
      entries.push({
        pipeline: pipeline.name,
        waits: stageEntryWaits(pipeline, index, progress.stages, facts, now),
      });
    }
    return entries;
  };
}

async function driftOf(
  deps: StageEntryDeps,
  environment: string,
  plan: Plan,
): Promise<StageEntryFacts['drift']> {
  try {
    return { differences: await deps.drift(environment, plan), error: null };
  } catch (error) {
    return { differences: [], error: error instanceof Error ? error.message : String(error) };
  }
}
