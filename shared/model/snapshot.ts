import { z } from 'zod';

/** One line of progress for a running snapshot (per type while listing, then writing). */
export const snapshotProgressSchema = z.object({
  jobId: z.string(),
  environment: z.string(),
  phase: z.enum(['connecting', 'listing', 'writing', 'done', 'failed', 'cancelled']),
  /** The type being listed, when listing. */
  type: z.string().nullable(),
  typesDone: z.number().int().min(0),
  typesTotal: z.number().int().min(0),
  objects: z.number().int().min(0),
  /**
   * While the type's objects are exported one by one after listing them (flows' configurations,
   * an export job each): how many of how many are done. Null otherwise.
   */
  exports: z.object({ done: z.number().int().min(0), total: z.number().int().min(0) }).nullable(),
  requests: z.number().int().min(0),
  rateLimitWaits: z.number().int().min(0),
  /** Set when done, failed or cancelled: the commit message, or what went wrong. */
  message: z.string().nullable(),
  /** Types skipped because the credentials may not read them (403). */
  skippedTypes: z.array(z.string()),
  commit: z.string().nullable(),
});
export type SnapshotProgress = z.infer<typeof snapshotProgressSchema>;

export const snapshotTreeSchema = z.object({
  environment: z.string(),
  commit: z.string().nullable(),
  types: z.array(
    z.object({
      type: z.string(),
      label: z.string(),
      objects: z.array(z.object({ key: z.string(), file: z.string() })),
    }),
  ),
});
export type SnapshotTree = z.infer<typeof snapshotTreeSchema>;

export const snapshotObjectSchema = z.object({ key: z.string(), text: z.string() });
export type SnapshotObject = z.infer<typeof snapshotObjectSchema>;
