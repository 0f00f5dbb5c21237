import { z } from 'zod';
import { parameterFieldSchema } from '../changeset/parameter-fields';
import { fieldChangeWireSchema } from './compare';
import { changesetSchema } from './changeset';
import { tierSchema } from './environment';
import { riskAssessmentSchema } from '../promotion/risk/risk-assessment';

/** Wire schemas of the changeset channels: what crosses between main and the renderer. */

export const changesetIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{2,80}$/, 'is not a changeset id');

export const changesetDocumentSchema = z.object({
  changeset: changesetSchema,
  digest: z.string(),
  file: z.string(),
});
export type ChangesetDocument = z.infer<typeof changesetDocumentSchema>;

export const changesetSummarySchema = z.object({
  id: z.string(),
  file: z.string(),
  title: z.string().nullable(),
  ticket: z.string().nullable(),
  author: z.string().nullable(),
  createdAt: z.string().nullable(),
  operations: z.number().int(),
  digest: z.string().nullable(),
  problem: z.string().nullable(),
});
export type ChangesetSummaryWire = z.infer<typeof changesetSummarySchema>;

export const validationFindingSchema = z.object({
  severity: z.enum(['error', 'warning']),
  code: z.string(),
  operation: z.number().int().nullable(),
  path: z.string(),
  message: z.string(),
  hint: z.string(),
});
export type ValidationFindingWire = z.infer<typeof validationFindingSchema>;

export const blastRadiusSchema = z.object({
  touched: z.array(
    z.object({
      operation: z.number().int(),
      op: z.enum(['create', 'update', 'delete']),
      type: z.string(),
      key: z.string(),
      dependents: z.array(z.object({ type: z.string(), key: z.string(), path: z.string() })),
      sentence: z.string(),
    }),
  ),
  dependentCount: z.number().int(),
  risk: z.object({ level: z.enum(['low', 'medium', 'high', 'critical']), reasons: z.array(z.string()) }),
});
export type BlastRadiusWire = z.infer<typeof blastRadiusSchema>;

export const changesetCheckSchema = z.object({
  digest: z.string(),
  target: z.object({ environment: z.string(), tier: tierSchema, commit: z.string() }).nullable(),
  valid: z.boolean(),
  findings: z.array(validationFindingSchema),
  order: z.array(z.number().int()),
  blastRadius: blastRadiusSchema.nullable(),
  /**
   * The governed risk by the same rules a plan uses (assessRisk), judged against the target's last
   * snapshot with its signed tier and policy: the editor and the plan speak one risk. Absent
   * without a target.
   */
  risk: riskAssessmentSchema.nullable().optional(),
});
export type ChangesetCheck = z.infer<typeof changesetCheckSchema>;

export const changesetVersionSchema = z.object({
  commit: z.string(),
  at: z.string(),
  author: z.string(),
  message: z.string(),
  /** The changeset's digest at that commit; null when the file was deleted or unreadable there. */
  digest: z.string().nullable(),
});
export type ChangesetVersion = z.infer<typeof changesetVersionSchema>;

/** One object picked in a compare: whole, or only some of its field changes. */
export const comparePickSchema = z
  .object({
    type: z.string().max(100),
    key: z.string().max(1000),
    previousKey: z.string().max(1000).optional(),
    /** Absent: the whole object; present: only these field changes (an update). */
    changes: z.array(fieldChangeWireSchema).min(1).max(10_000).optional(),
  })
  .strict();
export type ComparePick = z.infer<typeof comparePickSchema>;

export const dependencyChoiceSchema = z
  .object({
    type: z.string().max(100),
    key: z.string().max(1000),
    /** Bring the object along from side b, or require it to exist in the target already. */
    choice: z.enum(['bring', 'require']),
  })
  .strict();
export type DependencyChoice = z.infer<typeof dependencyChoiceSchema>;

export const missingDependencyWireSchema = z.object({
  type: z.string(),
  key: z.string(),
  referencedBy: z.array(
    z.object({ operation: z.number().int(), type: z.string(), key: z.string(), path: z.string() }),
  ),
  /** It exists on side b, so it can be brought along. */
  available: z.boolean(),
});
export type MissingDependencyWire = z.infer<typeof missingDependencyWireSchema>;

export const picksRequestSchema = z
  .object({
    a: z.string().max(200),
    b: z.string().max(200),
    picks: z.array(comparePickSchema).min(1).max(10_000),
    choices: z.array(dependencyChoiceSchema).max(10_000).optional(),
    /** An existing changeset to add to; a new one is created with `title` otherwise. */
    changesetId: changesetIdSchema.optional(),
    title: z.string().trim().min(1).max(200).optional(),
    /** Picked fields written as `{"$param": name}` instead of the source's value (issue 15). */
    parameters: z.array(parameterFieldSchema).max(10_000).optional(),
  })
  .strict();
export type PicksRequest = z.infer<typeof picksRequestSchema>;

/** The editor's context: what the target holds, for pickers and for the object being edited. */
export const targetCatalogSchema = z.object({
  environment: z.string(),
  commit: z.string(),
  keys: z.record(z.string(), z.array(z.string())),
});
export type TargetCatalog = z.infer<typeof targetCatalogSchema>;
