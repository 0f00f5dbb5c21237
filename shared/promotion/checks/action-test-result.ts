import { z } from 'zod';

/**
 * The reply of `POST /api/v2/integrations/actions/{actionId}/test` (`TestExecutionResult` in the
 * Platform API): the action's execution step by step, the translated output (`finalResult`) and
 * whether it worked. Genesys answers 200 when the action fails too; `success` says which.
 */
const errorBodySchema = z
  .object({
    message: z.string().nullish(),
    code: z.string().nullish(),
    status: z.number().nullish(),
  })
  .loose();

export const testExecutionResultSchema = z
  .object({
    operations: z
      .array(
        z
          .object({
            step: z.number().nullish(),
            name: z.string().nullish(),
            success: z.boolean().nullish(),
            result: z.unknown().optional(),
            error: errorBodySchema.nullish(),
          })
          .loose(),
      )
      .nullish(),
    error: errorBodySchema.nullish(),
    finalResult: z.unknown().optional(),
    success: z.boolean().nullish(),
  })
  .loose();
export type TestExecutionResult = z.infer<typeof testExecutionResultSchema>;
