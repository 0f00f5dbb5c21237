/**
 * Signing standard change templates and promotion pipelines into the next root version (issue
 * 20): like a policy, they take effect only once a threshold of admins signed them. Apart from
 * environment-policy.ts because they belong to no one environment; each replaces the whole list,
 * so what an admin signs is exactly what applies.
 */
import type { z } from 'zod';
import { FerryError } from '../../../../shared/api/api-error';
import { describeIssues, toFieldIssues } from '../../../../shared/api/issues';
import { pipelineListSchema, type Pipeline } from '../../../../shared/promotion/pipeline/pipeline';
import {
  standardChangeListSchema,
  type StandardChangeTemplate,
} from '../../../../shared/promotion/standard-changes/standard-change';
import { proposeChange } from './propose-version';
import type { ProposeResult, TrustContext } from './trust-types';

function parseList<T>(
  schema: z.ZodType<T>,
  raw: unknown,
  code: 'pipeline.invalid' | 'standard-change.invalid',
  what: string,
  source: string,
): T {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const issues = toFieldIssues(result.error);
  throw new FerryError(code, `The ${what} in ${source} are not valid: ${describeIssues(issues)}`, { issues });
}

export async function setStandardChanges(
  context: TrustContext,
  raw: unknown,
  source = 'the request',
): Promise<ProposeResult & { standardChanges: StandardChangeTemplate[] }> {
  const standardChanges = parseList(
    standardChangeListSchema,
    raw,
    'standard-change.invalid',
    'standard change templates',
    source,
  );
  const result = await proposeChange(
    context,
    () => ({
      standardChanges,
      summary: `standard changes: ${standardChanges.length === 0 ? 'none' : standardChanges.map((template) => template.id).join(', ')}`,
    }),
    'standard-changes-propose',
  );
  return { ...result, standardChanges };
}

export async function setPipelines(
  context: TrustContext,
  raw: unknown,
  source = 'the request',
): Promise<ProposeResult & { pipelines: Pipeline[] }> {
  const pipelines = parseList(pipelineListSchema, raw, 'pipeline.invalid', 'pipelines', source);
  const result = await proposeChange(
    context,
    () => ({
      pipelines,
      summary: `pipelines: ${pipelines.length === 0 ? 'none' : pipelines.map((pipeline) => `${pipeline.name} (${pipeline.stages.map((stage) => stage.environment).join(' → ')})`).join(', ')}`,
    }),
    'pipelines-propose',
  );
  return { ...result, pipelines };
}
