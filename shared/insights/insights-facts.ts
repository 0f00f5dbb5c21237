import { z } from 'zod';
import { tierSchema } from '../model/environment';
import { runKindSchema, runStatusSchema } from '../promotion/engine/run-records';

/**
 * What Insights computes from (issue 19): the facts the workspace's records hold, each taken only
 * from a record whose signature verified against the trust root pinned on this machine. The reader
 * (`electron/services/insights/`) builds them; `compute-insights.ts` turns them into figures and
 * never reads a file. A record that did not verify is not a fact: it is listed in `unverified`, so
 * the figures can say how much of the history they leave out and why.
 *
 * These are also what the reader's verification cache stores on this machine, so they have schemas.
 */

const at = z.iso.datetime();

/** An object a run wrote: `[type, key]` (a key may hold `/`, a flow's `INBOUNDCALL/Main Menu`). */
export const objectRefSchema = z.tuple([z.string(), z.string()]);
export type ObjectRef = z.infer<typeof objectRefSchema>;

/**
 * One finished run, from its signed plan and result statements and its result.json (whose bytes
 * the result statement signs). A run without a result (interrupted, running, incomplete) is not a
 * fact: it has no outcome yet.
 */
export const runFactSchema = z.object({
  runId: z.string(),
  kind: runKindSchema,
  /** For a rollback: the run it undoes. */
  rollbackOf: z.string().nullable(),
  changesetId: z.string(),
  /** The changeset digest the promoter signed the plan for. */
  changesetDigest: z.string(),
  environment: z.string(),
  tier: tierSchema,
  startedAt: at,
  finishedAt: at,
  status: runStatusSchema,
  /** An emergency override: its reason and who gave it (the promoter's key owner as trust names it). */
  override: z.object({ reason: z.string(), by: z.string().nullable() }).nullable(),
  /** The gates the run passed or overrode, by name (`window`, `approvals`, …). */
  overriddenGates: z.array(z.string()),
  /** Objects the run wrote (steps done, or done and then undone). */
  objects: z.array(objectRefSchema),
  promoterKeyId: z.string(),
});
export type RunFact = z.infer<typeof runFactSchema>;

/** An approval whose signature verified with a key trusted as an approver when it was signed. */
export const approvalFactSchema = z.object({
  keyId: z.string(),
  owner: z.string(),
  decision: z.enum(['approved', 'rejected']),
  approvedAt: at,
  /** The changeset digest it signed (`sha256:<hex>`): a run promoted that digest or another. */
  signedDigest: z.string(),
  /** The environments it covers; null for approvals made before approvals named them. */
  environments: z.array(z.string()).nullable(),
});
export type ApprovalFact = z.infer<typeof approvalFactSchema>;

/** A changeset as its signatures vouch for it. */
export const changesetFactSchema = z.object({
  changesetId: z.string(),
  title: z.string(),
  /** Its current digest (`sha256:<hex>`). */
  digest: z.string(),
  /**
   * When it was created: the document's `createdAt`, believed only when a verified signature covers
   * the current digest (its author's or an approver's); null otherwise (lead time unmeasured).
   */
  createdAt: at.nullable(),
  /** When its author signed the current version; null when no author signature verified. */
  authorSignedAt: at.nullable(),
  authorKeyId: z.string().nullable(),
  /** Where it came from (`drift prod` for a drift revert), for people. */
  origin: z.string().nullable(),
  approvals: z.array(approvalFactSchema),
});
export type ChangesetFact = z.infer<typeof changesetFactSchema>;

/**
 * An audit entry whose hash and signature verified with its actor's trusted key. Only the actions
 * Insights reads are kept (`insights-audit.ts`); `details` is parsed there, per action.
 */
export const auditFactSchema = z.object({
  actorKeyId: z.string(),
  /** The actor's name as the trust root gives it. */
  actor: z.string(),
  at,
  action: z.string(),
  subject: z.string(),
  details: z.record(z.string(), z.unknown()),
});
export type AuditFact = z.infer<typeof auditFactSchema>;

/** When an environment's latest snapshot was taken (its commit's time: git history, not signed). */
export const snapshotFactSchema = z.object({ environment: z.string(), takenAt: at.nullable() });
export type SnapshotFact = z.infer<typeof snapshotFactSchema>;

export const environmentFactSchema = z.object({ name: z.string(), tier: tierSchema.nullable() });
export type EnvironmentFact = z.infer<typeof environmentFactSchema>;

export const recordKindSchema = z.enum(['run', 'changeset', 'approval', 'audit']);
export type RecordKind = z.infer<typeof recordKindSchema>;

/** A record left out because it did not verify: which file, and why in a sentence. */
export const unverifiedRecordSchema = z.object({
  kind: recordKindSchema,
  /** Workspace-relative path of the file that failed. */
  file: z.string(),
  reason: z.string(),
});
export type UnverifiedRecord = z.infer<typeof unverifiedRecordSchema>;

/** How many records of each kind were read, and how many of them were facts. */
export const recordCountsSchema = z.object({
  read: z.number().int().min(0),
  verified: z.number().int().min(0),
  /** Signed by no one (a changeset its author never signed, an unsigned run): not counted as unverified. */
  unsigned: z.number().int().min(0),
  unverified: z.number().int().min(0),
});
export type RecordCounts = z.infer<typeof recordCountsSchema>;

export interface InsightsInput {
  environments: EnvironmentFact[];
  runs: RunFact[];
  changesets: ChangesetFact[];
  audit: AuditFact[];
  snapshots: SnapshotFact[];
  counts: Record<RecordKind, RecordCounts>;
  unverified: UnverifiedRecord[];
}
