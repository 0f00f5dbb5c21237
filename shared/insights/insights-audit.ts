import { z } from 'zod';

/**
 * The audit entries Insights reads besides runs (issue 19): what a gate refused, what a drift
 * check found and how each drifted object was triaged. The services that act write them through
 * the signed, hash-chained audit log; these schemas are the one statement of their `details`, for
 * the writers and for `compute-insights.ts`, which ignores an entry whose details do not parse.
 */

export const GATE_REFUSED_ACTION = 'gate-refused';
export const DRIFT_CHECK_ACTION = 'drift-check';
export const DRIFT_ACCEPT_ACTION = 'drift-accept';
export const DRIFT_REVERT_ACTION = 'drift-revert';
export const DRIFT_IGNORE_ACTION = 'drift-ignore';

export const INSIGHTS_AUDIT_ACTIONS: readonly string[] = [
  GATE_REFUSED_ACTION,
  DRIFT_CHECK_ACTION,
  DRIFT_ACCEPT_ACTION,
  DRIFT_REVERT_ACTION,
  DRIFT_IGNORE_ACTION,
];

/** subject `changeset/<id>`: a promotion the gates (or the promoter role) refused. */
export const gateRefusedDetailsSchema = z.object({
  environment: z.string(),
  changesetDigest: z.string().optional(),
  /** Each gate that did not pass, with the reason it gave. `promoter` when the key may not promote. */
  gates: z.array(z.object({ gate: z.string(), reason: z.string() })).min(1),
});
export type GateRefusedDetails = z.infer<typeof gateRefusedDetailsSchema>;

/** subject `environment/<env>`: one drift check and what it found (ignored objects left out). */
export const driftCheckDetailsSchema = z.object({
  environment: z.string(),
  added: z.number().int().min(0),
  changed: z.number().int().min(0),
  removed: z.number().int().min(0),
  /** Drifted objects that someone had chosen to ignore, not counted above. */
  ignored: z.number().int().min(0),
});
export type DriftCheckDetails = z.infer<typeof driftCheckDetailsSchema>;

/** subject `environment/<env>`: one drifted object triaged: accepted, reverted by a changeset, or ignored. */
export const driftTriageDetailsSchema = z.object({
  environment: z.string(),
  type: z.string(),
  key: z.string(),
  /** The revert's changeset. */
  changesetId: z.string().optional(),
  /** Why it was ignored. */
  reason: z.string().optional(),
});
export type DriftTriageDetails = z.infer<typeof driftTriageDetailsSchema>;
