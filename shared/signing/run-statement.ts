import { z } from 'zod';
import { sha256Hex } from '../model/canonical/sha256';
import { auditHeadSchema } from './audit-head';
import { statementOf } from './in-toto-statement';
import { keyIdSchema } from './key-id';

/**
 * What a promoter signs about a run (DESIGN §7b: "runs (plan + journal) are signed"):
 *
 * - `runs/<id>/plan.dsse.json`: a DSSE envelope over an in-toto Statement whose subject is
 *   plan.json and whose predicate says which run, changeset and environment it is for.
 * - every line of `journal.jsonl`: the entry plus `keyId`, `prev` (the hash of the line before it,
 *   the first line's being the plan statement's) and `sig`, so no line can be edited, removed,
 *   reordered or inserted without breaking a signature or the chain.
 * - `runs/<id>/result.dsse.json`: the same over result.json, naming the journal's length and last
 *   line, so a finished run's journal cannot be cut or extended either.
 */
export const RUN_PLAN_PREDICATE_TYPE = 'https://ferry.dev/run-plan/v1';
export const RUN_RESULT_PREDICATE_TYPE = 'https://ferry.dev/run-result/v1';
/** The DSSE payload type a journal line's signature is bound to (never valid as an envelope's). */
export const RUN_JOURNAL_ENTRY_PAYLOAD_TYPE = 'application/vnd.ferry.run-journal-entry+json';

export const PLAN_ENVELOPE_FILE = 'plan.dsse.json';
export const RESULT_ENVELOPE_FILE = 'result.dsse.json';

/** `sha256:<hex>`: how the run's chain names a line or a statement. */
export const chainHashSchema = z.string().regex(/^sha256:[0-9a-f]{64}$/, 'must be sha256:<64 hex digits>');

export function chainHash(bytes: Uint8Array): string {
  return `sha256:${sha256Hex(bytes)}`;
}

const sha256Subject = z.object({
  name: z.string().min(1).max(300),
  digest: z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be a sha256 in hex') }),
});

export const runPlanPredicateSchema = z.object({
  runId: z.string().min(1).max(200),
  runKind: z.enum(['promote', 'rollback']),
  rollbackOf: z.string().max(200).nullable(),
  changesetId: z.string().min(1).max(100),
  changesetDigest: z.string().min(1).max(200),
  environment: z.string().min(1).max(100),
  fingerprint: z.string().min(1).max(200),
  promoter: z.object({ keyId: keyIdSchema }),
  startedAt: z.iso.datetime(),
  /** The promoter's audit chain head when she started: anchors that chain (issue 11, point 6). */
  auditHead: auditHeadSchema.nullable(),
});
export type RunPlanPredicate = z.infer<typeof runPlanPredicateSchema>;

export const runPlanStatementSchema = statementOf(RUN_PLAN_PREDICATE_TYPE, runPlanPredicateSchema).extend({
  subject: z.array(sha256Subject).length(1, 'a run plan statement names exactly one plan'),
});
export type RunPlanStatement = z.infer<typeof runPlanStatementSchema>;

export const runResultPredicateSchema = z.object({
  runId: z.string().min(1).max(200),
  status: z.string().min(1).max(50),
  /** The plan statement this result closes (its payload's hash, the journal's first `prev`). */
  plan: chainHashSchema,
  /** How many lines the journal had at the end, and the hash of the last one. */
  journal: z.object({ entries: z.number().int().min(1), head: chainHashSchema }),
  signer: z.object({ keyId: keyIdSchema }),
  finishedAt: z.iso.datetime(),
  auditHead: auditHeadSchema.nullable(),
});
export type RunResultPredicate = z.infer<typeof runResultPredicateSchema>;

export const runResultStatementSchema = statementOf(
  RUN_RESULT_PREDICATE_TYPE,
  runResultPredicateSchema,
).extend({
  subject: z.array(sha256Subject).length(1, 'a run result statement names exactly one result'),
});
export type RunResultStatement = z.infer<typeof runResultStatementSchema>;

/** The signed fields every journal line carries besides its entry. */
export const journalSignatureFieldsSchema = z.object({
  keyId: keyIdSchema,
  prev: chainHashSchema,
  sig: z.string().min(1).max(200),
});
export type JournalSignatureFields = z.infer<typeof journalSignatureFieldsSchema>;

/** The subject name of a run file: its path in the workspace. */
export function runFileSubjectName(runId: string, file: string): string {
  return `runs/${runId}/${file}`;
}
