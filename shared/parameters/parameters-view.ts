import { z } from 'zod';
import { parameterTypeSchema } from './parameter-types';

/** One parameter as hosts show it: a secret's value never, only whether this machine has it. */
export const parameterViewSchema = z.object({
  name: z.string(),
  type: parameterTypeSchema,
  /** As a person reads it (`authorization.division:Customer Care`); absent for a secret. */
  value: z.string().optional(),
  /** A secret: whether this machine's vault (or the pipeline) holds its value. */
  hasValue: z.boolean(),
  setBy: z.string().optional(),
  setAt: z.string().optional(),
});
export type ParameterView = z.infer<typeof parameterViewSchema>;

export const mappingViewSchema = z.object({ type: z.string(), from: z.string(), to: z.string() });
export type MappingView = z.infer<typeof mappingViewSchema>;

export const parametersViewSchema = z.object({
  environment: z.string(),
  parameters: z.array(parameterViewSchema),
  mappings: z.array(mappingViewSchema),
});
export type ParametersView = z.infer<typeof parametersViewSchema>;
