/**
 * The pipelines and standard change templates ferry.json declares (issue 20), read only when the
 * first admin creates the root, which adopts them by signing exactly as it adopts the declared
 * policies (declared-environments.ts). Afterwards hand edits of ferry.json decide nothing: admins
 * change them with `ferry pipeline set` and `ferry standard-changes set`.
 */
import { FerryError } from '../../../../shared/api/api-error';
import { describeIssues, toFieldIssues } from '../../../../shared/api/issues';
import { pipelineListSchema, type Pipeline } from '../../../../shared/promotion/pipeline/pipeline';
import {
  standardChangeListSchema,
  type StandardChangeTemplate,
} from '../../../../shared/promotion/standard-changes/standard-change';
import type { TrustContext } from './trust-types';

export interface DeclaredGovernance {
  pipelines?: Pipeline[];
  standardChanges?: StandardChangeTemplate[];
}

/** What ferry.json declares, parsed strictly; `environments` are the ones the root adopts. */
export async function declaredGovernance(
  context: TrustContext,
  environments: readonly string[],
): Promise<DeclaredGovernance> {
  const config = await context.workspace.readConfig();
  const declared: DeclaredGovernance = {};
  if (config.pipelines !== undefined) {
    const parsed = pipelineListSchema.safeParse(config.pipelines);
    if (!parsed.success) {
      const issues = toFieldIssues(parsed.error);
      throw new FerryError(
        'pipeline.invalid',
        `The pipelines in ferry.json are not valid: ${describeIssues(issues)}`,
        { issues },
      );
    }
    parsed.data.forEach((pipeline, index) =>
      pipeline.stages.forEach((stage, stageIndex) => {
        if (!environments.includes(stage.environment)) {
          throw new FerryError(
            'pipeline.invalid',
            `The pipelines in ferry.json are not valid: pipelines[${index}].stages[${stageIndex}].environment "${stage.environment}" is not an environment ferry.json declares with a tier (${environments.join(', ') || 'none'})`,
          );
        }
      }),
    );
    declared.pipelines = parsed.data;
  }
  if (config.standardChanges !== undefined) {
    const parsed = standardChangeListSchema.safeParse(config.standardChanges);
    if (!parsed.success) {
      const issues = toFieldIssues(parsed.error);
      throw new FerryError(
        'standard-change.invalid',
        `The standard changes in ferry.json are not valid: ${describeIssues(issues)}`,
        { issues },
      );
    }
    declared.standardChanges = parsed.data;
  }
  return declared;
}
