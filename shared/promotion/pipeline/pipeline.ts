import { z } from 'zod';
import { environmentNameSchema } from '../../model/environment';
import { denyWindowSchema } from '../policy';

/**
 * Promotion pipelines (issue 20): the path a change takes (dev → uat → prod) and the rules
 * between stages, signed into the trust root by admins like every policy. Nothing runs on its
 * own: `ferry pipeline advance` (a person, a scheduler or CI) moves a change one stage when the
 * rules allow, as an audited promotion.
 */

export const pipelineNameSchema = z
  .string({ error: 'must be text such as "main"' })
  .regex(/^[a-z][a-z0-9-]{0,63}$/, 'must be lowercase letters, digits and dashes, such as "main"');

/** An allowed window: the same shape as a deny window, read the other way round. */
export const allowWindowSchema = denyWindowSchema;

export const pipelineStageSchema = z
  .object({
    environment: environmentNameSchema,
    /**
     * The rules for entering this stage (the first stage has no previous one). Every rule absent
     * means: the changeset validates against this environment, and the gates of its policy pass.
     */
    /** Hours the change must have run in the previous stage (since its run there finished). */
    soakHours: z
      .number()
      .min(0)
      .max(24 * 90)
      .optional(),
    /** The previous stage's post-promotion checks passed and nothing rolled it back since (default true). */
    requireChecksPassed: z.boolean().optional(),
    /** The objects the change wrote in the previous stage still read as its run left them (default true). */
    requireNoDrift: z.boolean().optional(),
    /** When set, advancing into this stage happens only inside one of these windows. */
    windows: z.array(allowWindowSchema).max(20).optional(),
  })
  .strict();
export type PipelineStage = z.infer<typeof pipelineStageSchema>;

export const pipelineSchema = z
  .object({
    name: pipelineNameSchema,
    description: z.string().max(2000).optional(),
    stages: z.array(pipelineStageSchema).min(1).max(10),
  })
  .strict()
  .superRefine((pipeline, context) => {
    const seen = new Set<string>();
    pipeline.stages.forEach((stage, index) => {
      if (seen.has(stage.environment)) {
        context.addIssue({
          code: 'custom',
          path: ['stages', index, 'environment'],
          message: 'appears twice in the pipeline',
        });
      }
      seen.add(stage.environment);
    });
  });
export type Pipeline = z.infer<typeof pipelineSchema>;

export const pipelineListSchema = z
  .array(pipelineSchema)
  .max(50)
  .superRefine((pipelines, context) => {
    const seen = new Set<string>();
    pipelines.forEach((pipeline, index) => {
      if (seen.has(pipeline.name)) {
        context.addIssue({ code: 'custom', path: [index, 'name'], message: 'appears twice' });
      }
      seen.add(pipeline.name);
    });
  });

/** One thing a stage waits for, in words, with when it will be met if that is known. */
export const pipelineWaitSchema = z
  .object({
    rule: z.enum(['previous-stage', 'validation', 'soak', 'checks', 'drift', 'window', 'gates', 'running']),
    /** `soaking in uat until Tue 8 Dec 14:00 (3 h 12 min left)` */
    message: z.string(),
    /** When the wait ends by itself (soak, window), ISO; null when a person must act. */
    until: z.string().nullable(),
  })
  .strict();
export type PipelineWait = z.infer<typeof pipelineWaitSchema>;

export const stageStateSchema = z.enum([
  /** The changeset as it is now reached this stage: a succeeded run of its digest. */
  'done',
  /** The next stage, and every rule allows it now: `advance` would promote into it. */
  'ready',
  /** The next stage, waiting for what `waits` says. */
  'waiting',
  /** The latest run into this stage failed: a person must look. */
  'failed',
  /**
   * The latest run into this stage succeeded and was then rolled back on purpose: the stage holds
   * what it had before that run. Not a failure; the next step is to promote again (or a new change).
   */
  'rolled-back',
  /** A later stage: the ones before it come first. */
  'pending',
]);
export type StageState = z.infer<typeof stageStateSchema>;

export const stageStatusSchema = z
  .object({
    environment: z.string(),
    state: stageStateSchema,
    /** The latest run of this changeset's current digest into the stage, if any. */
    run: z
      .object({
        id: z.string(),
        status: z.string(),
        finishedAt: z.string().nullable(),
        checksPassed: z.boolean().nullable(),
      })
      .nullable(),
    waits: z.array(pipelineWaitSchema),
  })
  .strict();
export type StageStatus = z.infer<typeof stageStatusSchema>;

export const pipelineStatusSchema = z
  .object({
    pipeline: z.string(),
    changesetId: z.string(),
    changesetDigest: z.string(),
    stages: z.array(stageStatusSchema),
    /** The stage `advance` moves into next; null when the change reached the last stage. */
    next: z.string().nullable(),
    /** One sentence: where the change stands and what it waits for. */
    summary: z.string(),
    checkedAt: z.string(),
  })
  .strict();
export type PipelineStatus = z.infer<typeof pipelineStatusSchema>;
