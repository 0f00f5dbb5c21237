import { z } from 'zod';

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
  report: packageReportSchema,
});
export type PackageImport = z.infer<typeof packageImportSchema>;
