import { z } from 'zod';

/** The `ferry.json` format this build reads and writes. A newer one is refused, never rewritten. */
export const WORKSPACE_FORMAT_VERSION = 1;
export const WORKSPACE_CONFIG_FILE = 'ferry.json';

export const workspaceNameSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(100, 'must be at most 100 characters')
  .refine(
    (name) => ![...name].some((char) => char.charCodeAt(0) < 0x20),
    'must not contain control characters',
  );

/**
 * `ferry.json`. Environments and policies grow with later issues; unknown top-level keys are
 * kept so that a file written by a sibling build of the same format survives a round trip.
 */
export const workspaceConfigSchema = z
  .object({
    formatVersion: z.number().int().min(1),
    /** Keys secrets in the local vault to this workspace; optional for hand-made files. */
    id: z.string().min(1).max(100).optional(),
    name: workspaceNameSchema,
    createdAt: z.iso.datetime(),
    environments: z.array(z.record(z.string(), z.unknown())).default([]),
    policies: z.record(z.string(), z.unknown()).default({}),
    /**
     * Issue 20: promotion pipelines and standard change templates the first admin adopts into the
     * trust root when creating it (parsed strictly then); afterwards only signed changes count.
     */
    pipelines: z.array(z.unknown()).optional(),
    standardChanges: z.array(z.unknown()).optional(),
  })
  .loose();
export type WorkspaceConfig = z.infer<typeof workspaceConfigSchema>;

export const absolutePathSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(4096, 'is too long')
  .refine((value) => !value.includes('\u0000'), 'must not contain NUL')
  .refine((value) => value.startsWith('/') || /^[A-Za-z]:[\\/]/.test(value) || value.startsWith('\\\\'), {
    message: 'must be an absolute path',
  });

export const workspaceInfoSchema = z.object({
  path: z.string(),
  name: z.string(),
  formatVersion: z.number().int(),
  head: z.string().nullable(),
  environmentCount: z.number().int().min(0),
});
export type WorkspaceInfo = z.infer<typeof workspaceInfoSchema>;

export const recentWorkspaceSchema = z.object({
  path: z.string(),
  name: z.string(),
  openedAt: z.iso.datetime(),
  /** False when the folder has gone since it was last opened. */
  available: z.boolean(),
});
export type RecentWorkspace = z.infer<typeof recentWorkspaceSchema>;

export const commitSummarySchema = z.object({
  oid: z.string(),
  message: z.string(),
  author: z.string(),
  timestamp: z.iso.datetime(),
});
export type CommitSummary = z.infer<typeof commitSummarySchema>;
