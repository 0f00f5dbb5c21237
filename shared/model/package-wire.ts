import { z } from 'zod';
import { parameterNameSchema } from '../parameters/parameter-name';
import { audioDescriptorSchema } from './prompt-audio';
import { parameterTypeSchema } from '../parameters/parameter-types';

/**
 * Wire shapes of signed change packages (issue #7) as they cross to the renderer and the CLI's
 * `--json`: the package file itself is defined in `shared/packages/`.
 */

export const packageCheckSchema = z.object({
  /** Stable name of the check, e.g. `size`, `duplicate-keys`, `author-signature`, `artifact:changeset.json`. */
  check: z.string(),
  passed: z.boolean(),
  /** What was found, in a sentence; for a failure, what is wrong and where. */
  detail: z.string(),
});
export type PackageCheck = z.infer<typeof packageCheckSchema>;

/**
 * A parameter a packaged changeset needs from each target (issue 15): its name and type, never a
 * value, not even a harmless one: values belong to each target, and a package is read by people
 * who run other environments. Strict, so a statement that carries a value is refused.
 */
export const declaredParameterSchema = z
  .object({ name: parameterNameSchema, type: parameterTypeSchema })
  .strict();
export type DeclaredParameter = z.infer<typeof declaredParameterSchema>;

/** Names the changeset refers to that the exporting workspace maps in some environment. */
export const declaredMappingSchema = z
  .object({
    type: z.string().min(1).max(100),
    names: z.array(z.string().min(1).max(512)).min(1).max(200),
  })
  .strict();
export type DeclaredMapping = z.infer<typeof declaredMappingSchema>;

/** What one environment of the importing workspace still lacks for a package's changeset. */
export const environmentNeedsSchema = z.object({
  environment: z.string(),
  /** Parameters the environment does not have. */
  missing: z.array(declaredParameterSchema),
  /** Parameters it has, with another type than the package declares. */
  wrongType: z.array(declaredParameterSchema.extend({ actual: parameterTypeSchema })),
  /** Secret parameters it declares whose value this machine's vault (or pipeline) does not hold. */
  secretsNotHere: z.array(z.string()),
  /** Mapped names it does not map: they must exist there as they are named. */
  unmapped: z.array(z.object({ type: z.string(), name: z.string() })),
});
export type EnvironmentNeeds = z.infer<typeof environmentNeedsSchema>;

export const packageSignerSchema = z.object({
  keyId: z.string(),
  owner: z.string().nullable(),
  role: z.enum(['author', 'approver']),
  trusted: z.boolean(),
  /** For approvers: the decision and when. */
  decision: z.string().nullable(),
  at: z.string().nullable(),
  comment: z.string().nullable(),
});
export type PackageSigner = z.infer<typeof packageSignerSchema>;

export const packageReportSchema = z.object({
  ok: z.boolean(),
  /** What the package says it carries; null fields when it could not be read that far. */
  summary: z.object({
    changesetId: z.string().nullable(),
    title: z.string().nullable(),
    changesetDigest: z.string().nullable(),
    operations: z.number().int().nullable(),
    sourceEnvironment: z.string().nullable(),
    sourceCommit: z.string().nullable(),
    targetEnvironments: z.array(z.string()),
    createdAt: z.string().nullable(),
    expiresAt: z.string().nullable(),
    /** Parameters each target supplies (names and types only); absent in packages made before them. */
    parameters: z.array(declaredParameterSchema).optional(),
    /** Names the changeset relies on targets mapping; absent when none or in older packages. */
    mappings: z.array(declaredMappingSchema).optional(),
    /**
     * The prompt audio the changeset writes, which the package carries (issue 17), each with the
     * first operation naming it; absent when there is none.
     */
    audio: z.array(audioDescriptorSchema.extend({ writtenBy: z.string() })).optional(),
  }),
  signers: z.array(packageSignerSchema),
  checks: z.array(packageCheckSchema),
  /** The changeset is already in this workspace with the same digest (importing changes nothing). */
  alreadyImported: z.boolean(),
  /** A run already applied this changeset digest to one of the targets. */
  alreadyApplied: z.array(z.string()),
});
export type PackageReport = z.infer<typeof packageReportSchema>;

export const packageExportRequestSchema = z
  .object({
    changesetId: z.string().regex(/^[a-z0-9][a-z0-9-]{2,80}$/),
    /** Environments the package is meant for; approvals are counted against their policies. */
    targets: z
      .array(z.string().regex(/^[a-z][a-z0-9-]{0,31}$/))
      .min(1)
      .max(20),
    /** The environment whose snapshot the changeset was built and tested against. */
    source: z
      .string()
      .regex(/^[a-z][a-z0-9-]{0,31}$/)
      .optional(),
    expiresInDays: z.number().int().min(1).max(365).optional(),
  })
  .strict();
export type PackageExportRequest = z.infer<typeof packageExportRequestSchema>;

export const packageExportSchema = z.object({
  fileName: z.string(),
  /** The whole package file, to save where the user chooses. */
  text: z.string(),
  report: packageReportSchema,
});
export type PackageExport = z.infer<typeof packageExportSchema>;

export const packageImportSchema = z.object({
  changesetId: z.string(),
  /** False when the same changeset (same digest) and approvals were already here. */
  changed: z.boolean(),
  approvalsImported: z.number().int().min(0),
  /** Prompt audio files written to `changesets/<id>.audio/` (absent from older replies). */
  audioImported: z.number().int().min(0).optional(),
  report: packageReportSchema,
  /**
   * For each environment of this workspace, what it still needs before the changeset can be
   * planned there: parameters missing or of another type, secrets not on this machine.
   */
  needs: z.array(environmentNeedsSchema),
});
export type PackageImport = z.infer<typeof packageImportSchema>;
