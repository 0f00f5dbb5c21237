import type { Pipeline, PipelineStage } from '../../../../shared/promotion/pipeline/pipeline';

/**
 * The Trust page's list of signed pipelines (issue 20), in words: each stage with the rules for
 * entering it, and, when none is signed, how one comes to be. Shaped here so it is unit-tested.
 */

export const NO_PIPELINE_TEXT =
  'No pipeline is signed in this workspace, so changesets move between environments one promotion at a time. An admin signs one with `ferry pipeline set pipeline.json` (the README shows an example); each changeset page then shows where the change stands and advances it stage by stage.';

function hoursText(hours: number): string {
  return hours === 1 ? '1 hour' : `${hours} hours`;
}

/** `prod: after 1 hour in uat, only inside Off-peak, its run there unchanged since` */
export function stageText(stage: PipelineStage, previous: PipelineStage | undefined): string {
  if (previous === undefined) return `${stage.environment}: first, needs only validation and its gates`;
  const rules = [`after a succeeded run in ${previous.environment}`];
  if (stage.soakHours !== undefined && stage.soakHours > 0) {
    rules.push(`${hoursText(stage.soakHours)} of soak there`);
  }
  if (stage.requireChecksPassed !== false) rules.push('its checks passed');
  if (stage.requireNoDrift !== false) rules.push('no drift since');
  if (stage.windows !== undefined && stage.windows.length > 0) {
    rules.push(`only inside ${stage.windows.map((window) => window.name).join(' or ')}`);
  }
  return `${stage.environment}: ${rules.join(', ')}`;
}

export interface PipelineLine {
  name: string;
  path: string;
  description: string | null;
  stages: string[];
}

export function pipelineLines(pipelines: readonly Pipeline[]): PipelineLine[] {
  return pipelines.map((pipeline) => ({
    name: pipeline.name,
    path: pipeline.stages.map((stage) => stage.environment).join(' → '),
    description: pipeline.description ?? null,
    stages: pipeline.stages.map((stage, index) => stageText(stage, pipeline.stages[index - 1])),
  }));
}
