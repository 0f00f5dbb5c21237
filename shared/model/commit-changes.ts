import { z } from 'zod';

/** What one workspace commit changed: the History page opens a commit into these. */

/** A full commit id, as History lists them; never a ref name or a path. */
export const commitIdSchema = z.string().regex(/^[0-9a-f]{40}$/, 'is not a commit id');

/** A file's path inside the workspace: relative, `/`-separated, never leaving it. */
export const workspaceFilePathSchema = z
  .string()
  .min(1)
  .max(1000)
  .refine(
    (path) =>
      !path.startsWith('/') &&
      !path.includes('\\') &&
      !path.includes('\u0000') &&
      path.split('/').every((part) => part !== '' && part !== '.' && part !== '..'),
    'is not a file path inside the workspace',
  );

export const commitFileChangeSchema = z.object({
  path: z.string(),
  change: z.enum(['added', 'modified', 'deleted']),
});
export type CommitFileChange = z.infer<typeof commitFileChangeSchema>;

export const commitChangesSchema = z.object({
  commit: z.string(),
  /** The first parent the commit is compared with; null for the first commit. */
  parent: z.string().nullable(),
  message: z.string(),
  author: z.string(),
  timestamp: z.iso.datetime(),
  files: z.array(commitFileChangeSchema),
  /** More files changed than are listed (a large snapshot); the count is exact. */
  totalFiles: z.number().int().min(0),
});
export type CommitChanges = z.infer<typeof commitChangesSchema>;

export const commitFileTextsSchema = z.object({
  /** The file before the commit (at its parent); null when the commit added it. */
  before: z.string().nullable(),
  /** The file after the commit; null when the commit deleted it. */
  after: z.string().nullable(),
  /** A side was too large to show; it is null then. */
  tooLarge: z.boolean(),
});
export type CommitFileTexts = z.infer<typeof commitFileTextsSchema>;
