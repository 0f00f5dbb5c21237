import { z } from 'zod';
import { tierSchema } from './environment';
import { parameterTypeSchema } from '../parameters/parameter-types';
import { riskAssessmentSchema } from '../promotion/risk/risk-assessment';
import { standardChangeMatchSchema } from '../promotion/standard-changes/standard-change';

/**
 * A plan (DESIGN §5): a changeset × the target's current state → ordered steps, each with the
 * exact API calls it will make. Nothing is written to an environment without one; it is stored
 * as `runs/<run-id>/plan.json` and read back by the executor, so it has a schema.
 */

export const stepActionSchema = z.enum(['create', 'update', 'delete', 'noop', 'conflict', 'blocked']);
export type StepAction = z.infer<typeof stepActionSchema>;

export const apiCallSchema = z.object({
  method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']),
  /** Path under the org's API base, e.g. `/api/v2/routing/queues/<id>`; ids still unknown are `{id of <type> "<key>"}`. */
  path: z.string(),
  body: z.unknown().optional(),
});
export type ApiCall = z.infer<typeof apiCallSchema>;

const canonicalObjectSchema = z.record(z.string(), z.unknown());

export const planStepSchema = z.object({
  /** Position in execution order, from 0. */
  index: z.number().int().min(0),
  /** The changeset operation it comes from. */
  operation: z.number().int().min(0),
  action: stepActionSchema,
  type: z.string(),
  key: z.string(),
  /** The object's id in the target, when it exists there (null for a create until it runs). */
  id: z.string().nullable(),
  /** Dependency level: steps of one level may run concurrently; deletes come after every other level. */
  level: z.number().int().min(0),
  /** Why a step is a noop, a conflict or blocked, in words. */
  reason: z.string().optional(),
  calls: z.array(apiCallSchema),
  /** The object in the target as planned (canonical), null when absent. */
  current: canonicalObjectSchema.nullable(),
  /** The object as the step leaves it (canonical), null for a delete. */
  expected: canonicalObjectSchema.nullable(),
});
export type PlanStep = z.infer<typeof planStepSchema>;

export const gateResultSchema = z.object({
  gate: z.string(),
  passed: z.boolean(),
  reason: z.string(),
});
export type GateResult = z.infer<typeof gateResultSchema>;

/** Where a value of the plan came from (issue 15): a parameter of the target, or a name mapping. */
export const valueSourceSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('parameter'),
      operation: z.number().int().min(0),
      at: z.string(),
      parameter: z.string(),
      type: parameterTypeSchema,
      environment: z.string(),
      value: z.string().optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('mapping'),
      operation: z.number().int().min(0),
      at: z.string(),
      type: z.string(),
      from: z.string(),
      to: z.string(),
      environment: z.string(),
    })
    .strict(),
]);

export const planSchema = z.object({
  formatVersion: z.literal(1),
  changesetId: z.string(),
  changesetDigest: z.string(),
  environment: z.string(),
  tier: tierSchema,
  createdAt: z.iso.datetime(),
  steps: z.array(planStepSchema),
  gates: z.array(gateResultSchema),
  /** sha256 over the `current` of every step: the executor re-reads the target and refuses if it moved. */
  fingerprint: z.string(),
  summary: z.record(stepActionSchema, z.number().int().min(0)),
  /** Values that depend on the target: parameters and mapped names. Secrets by name only. */
  values: z.array(valueSourceSchema).optional(),
  /**
   * Secret parameters whose values the steps hold as `{"$secret": name}`: the executor reveals
   * them from this machine's vault just before it writes, and nothing it records holds them.
   */
  secrets: z.array(z.string()).optional(),
  /**
   * Issue 20: the risk of this change to this target, judged by the rules against the live read
   * at plan time, what it requires, and the standard change that applied (if any).
   */
  risk: riskAssessmentSchema.optional(),
  requirement: z
    .object({
      approvals: z.number().int().min(0),
      fromGroup: z.string().optional(),
      fromGroupCount: z.number().int().min(1).optional(),
      source: z.enum(['risk', 'policy', 'standard-change']),
    })
    .strict()
    .optional(),
  standardChange: standardChangeMatchSchema.optional(),
});
export type Plan = z.infer<typeof planSchema>;
