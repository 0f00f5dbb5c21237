import { z } from 'zod';
import { tierSchema } from '../../model/environment';
import { apiCallSchema, gateResultSchema, stepActionSchema } from '../../model/plan';
import { checkResultSchema } from '../checks/post-promotion-check';

/**
 * What a run leaves in `runs/<run-id>/`: the journal, one JSON entry per line, written ahead of
 * every write, and `result.json` at the end. Both are read back after a crash or by another
 * Ferry, so both have schemas.
 */

const canonicalSchema = z.record(z.string(), z.unknown());
const atSchema = z.iso.datetime();

/** The object as it was before a write: the API's shape for people, the canonical one to restore from. */
export const objectStateSchema = z.object({
  api: z.record(z.string(), z.unknown()).nullable(),
  canonical: canonicalSchema.nullable(),
});
export type ObjectStateRecord = z.infer<typeof objectStateSchema>;

export const runPhaseSchema = z.enum(['forward', 'undo']);
export type RunPhase = z.infer<typeof runPhaseSchema>;

export const runKindSchema = z.enum(['promote', 'rollback']);
export type RunKind = z.infer<typeof runKindSchema>;

export const overrideSchema = z.object({
  reason: z.string().trim().min(1, 'an override needs a reason'),
  by: z.string().optional(),
  /** Issue 20: the hours its retrospective approval may take, as the policy said when it was used. */
  followUpHours: z.number().int().min(1).optional(),
});
export type Override = z.infer<typeof overrideSchema>;

const errorSchema = z.object({ code: z.string(), message: z.string() });

export const journalEntrySchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('run-started'),
    seq: z.number().int().min(0),
    at: atSchema,
    runId: z.string(),
    runKind: runKindSchema,
    rollbackOf: z.string().nullable(),
    changesetId: z.string(),
    environment: z.string(),
    fingerprint: z.string(),
    steps: z.number().int().min(0),
    override: overrideSchema.nullable(),
    /** Whose process writes: a run whose writer is gone and left no result was interrupted. */
    pid: z.number().int(),
    host: z.string(),
  }),
  z.object({
    kind: z.literal('resumed'),
    seq: z.number().int().min(0),
    at: atSchema,
    pid: z.number().int(),
    host: z.string(),
    action: z.enum(['resume', 'rollback']),
  }),
  z.object({
    kind: z.literal('step-started'),
    seq: z.number().int().min(0),
    at: atSchema,
    phase: runPhaseSchema,
    /** The plan step the object belongs to (an undo names the step it undoes). */
    step: z.number().int().min(0),
    type: z.string(),
    key: z.string(),
    id: z.string().nullable(),
    before: objectStateSchema,
    calls: z.array(apiCallSchema),
  }),
  z.object({
    kind: z.literal('step-done'),
    seq: z.number().int().min(0),
    at: atSchema,
    phase: runPhaseSchema,
    step: z.number().int().min(0),
    id: z.string().nullable(),
    /** The object as the step left it (canonical), null when it left it absent. */
    after: canonicalSchema.nullable(),
  }),
  z.object({
    kind: z.literal('step-failed'),
    seq: z.number().int().min(0),
    at: atSchema,
    phase: runPhaseSchema,
    step: z.number().int().min(0),
    error: errorSchema,
    /** The target refused the step's first call (a 4xx, not retried): nothing of it was written, so nothing is undone. */
    nothingApplied: z.literal(true).optional(),
  }),
  z.object({
    kind: z.literal('rollback-started'),
    seq: z.number().int().min(0),
    at: atSchema,
    reason: z.string(),
  }),
  /** Issue 20: the post-promotion checks, after a verify that passed. */
  z.object({
    kind: z.literal('checked'),
    seq: z.number().int().min(0),
    at: atSchema,
    ok: z.boolean(),
    results: z.array(checkResultSchema),
  }),
  z.object({
    kind: z.literal('verified'),
    seq: z.number().int().min(0),
    at: atSchema,
    ok: z.boolean(),
    checked: z.number().int().min(0),
    mismatches: z.number().int().min(0),
  }),
]);
export type JournalEntry = z.infer<typeof journalEntrySchema>;
/** An entry before the journal numbers and dates it. */
export type JournalEntryInput = JournalEntry extends infer E
  ? E extends JournalEntry
    ? Omit<E, 'seq' | 'at'>
    : never
  : never;

export const runStatusSchema = z.enum([
  /** Every step done and read back as expected. */
  'succeeded',
  /** Every step done, but an object read back differs from what the plan expected. */
  'verify-failed',
  /** A step failed and the run stopped as asked (`onFailure: 'stop'`): the steps done remain. */
  'stopped',
  /** A step failed and every write was undone. */
  'rolled-back',
  /** A step failed and undoing it failed too: the target needs a look. */
  'rollback-failed',
  /**
   * Issue 20: every step done and verified, but a post-promotion check failed and the policy
   * says stop (with `rollback`, the run is undone and ends `rolled-back`).
   */
  'checks-failed',
]);
export type RunStatus = z.infer<typeof runStatusSchema>;

export const runStepStatusSchema = z.enum([
  'done',
  'noop',
  'failed',
  'not-run',
  'rolled-back',
  'rollback-failed',
]);
export type RunStepStatus = z.infer<typeof runStepStatusSchema>;

export const runStepResultSchema = z.object({
  index: z.number().int().min(0),
  type: z.string(),
  key: z.string(),
  action: stepActionSchema,
  status: runStepStatusSchema,
  /** The object's id in the target after the run (a re-created object's new id), null when absent. */
  id: z.string().nullable(),
  message: z.string().optional(),
});
export type RunStepResult = z.infer<typeof runStepResultSchema>;

export const verifyMismatchSchema = z.object({ type: z.string(), key: z.string(), message: z.string() });
export type VerifyMismatch = z.infer<typeof verifyMismatchSchema>;

export const runResultSchema = z.object({
  formatVersion: z.literal(1),
  runId: z.string(),
  kind: runKindSchema,
  /** For a rollback: the run it undoes. */
  rollbackOf: z.string().nullable(),
  changesetId: z.string(),
  changesetDigest: z.string(),
  environment: z.string(),
  tier: tierSchema,
  startedAt: atSchema,
  finishedAt: atSchema,
  status: runStatusSchema,
  /** True when the run was interrupted and then resumed or rolled back by a later start. */
  recovered: z.boolean(),
  /** The summary line, also the commit message's first line. */
  message: z.string(),
  override: overrideSchema.nullable(),
  gates: z.array(gateResultSchema),
  steps: z.array(runStepResultSchema),
  failure: z.object({ step: z.number().int().nullable(), code: z.string(), message: z.string() }).nullable(),
  verify: z
    .object({ checked: z.number().int().min(0), mismatches: z.array(verifyMismatchSchema) })
    .nullable(),
  snapshot: z
    .object({ commit: z.string().nullable(), message: z.string(), error: z.string().nullable() })
    .nullable(),
  /** Issue 20: the post-promotion checks' results, in the policy's order; absent when none ran. */
  checks: z.array(checkResultSchema).optional(),
  requests: z.number().int().min(0),
  rateLimitWaits: z.number().int().min(0),
  /** What a person should know about how the run went, e.g. a dead process's environment lock taken over. */
  notes: z.array(z.string()).optional(),
  /** The commit recording the run folder; only in the value returned, the file cannot name its own commit. */
  commit: z.string().nullable().optional(),
});
export type RunResult = z.infer<typeof runResultSchema>;

export const promotionProgressSchema = z.object({
  runId: z.string(),
  /** The plan step this is about, null for the run as a whole. */
  step: z.number().int().min(0).nullable(),
  /** Steps that write, and how many of them have finished. */
  total: z.number().int().min(0),
  done: z.number().int().min(0),
  status: z.enum(['running', 'done', 'failed', 'rolled-back', 'waiting']),
  phase: z.enum(['checking', 'writing', 'rolling-back', 'verifying', 'snapshot', 'finished']),
  type: z.string().nullable(),
  key: z.string().nullable(),
  message: z.string(),
});
export type PromotionProgress = z.infer<typeof promotionProgressSchema>;

export const runSummarySchema = z.object({
  id: z.string(),
  kind: runKindSchema,
  /** For a rollback: the run it undoes, so a list can tell which runs are already undone. */
  rollbackOf: z.string().nullable(),
  changesetId: z.string(),
  environment: z.string(),
  startedAt: atSchema.nullable(),
  finishedAt: atSchema.nullable(),
  /**
   * Runs without a result. `interrupted`: this machine started it and its writer is gone;
   * `running`: its writer is still at it; `incomplete`: it came from another machine (by pull), so
   * it is history: shown, never offered for resuming. `corrupt`: its result.json is there but not
   * a run result (the message names it), so whether it finished is unknown.
   */
  status: z.union([runStatusSchema, z.enum(['interrupted', 'running', 'incomplete', 'corrupt'])]),
  message: z.string().nullable(),
});
export type RunSummary = z.infer<typeof runSummarySchema>;
