import { z } from 'zod';

/**
 * A changeset: reusable, environment-independent changes (DESIGN §5). `before` values are
 * preconditions and make every operation exactly invertible. Authoring grows this; drift's
 * "revert" already writes it.
 */
export const CHANGESET_FORMAT_VERSION = 1;

const jsonValue: z.ZodType<unknown> = z.unknown();

export const fieldChangeSchema = z
  .object({ path: z.string().min(1), before: jsonValue.optional(), after: jsonValue.optional() })
  .strict();

export const operationSchema = z.discriminatedUnion('op', [
  z
    .object({
      op: z.literal('create'),
      type: z.string(),
      key: z.string(),
      body: z.record(z.string(), jsonValue),
    })
    .strict(),
  z
    .object({
      op: z.literal('update'),
      type: z.string(),
      key: z.string(),
      changes: z.array(fieldChangeSchema).min(1),
    })
    .strict(),
  z
    .object({
      op: z.literal('delete'),
      type: z.string(),
      key: z.string(),
      before: z.record(z.string(), jsonValue),
    })
    .strict(),
]);
export type ChangesetOperation = z.infer<typeof operationSchema>;

export const changesetSchema = z
  .object({
    formatVersion: z.literal(CHANGESET_FORMAT_VERSION),
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{2,80}$/),
    title: z.string().min(1).max(200),
    description: z.string().max(20_000).default(''),
    ticket: z.string().max(200).default(''),
    author: z.string().max(200),
    /** The author's signing key when they had one: policy refuses self-approval by key, not by name. */
    authorKeyId: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .optional(),
    createdAt: z.iso.datetime(),
    /** Where it came from, e.g. `drift prod` — for people, not for logic. */
    origin: z.string().max(200).optional(),
    operations: z.array(operationSchema),
    /**
     * Objects the changeset refers to but does not carry: they must already exist in the target.
     * Chosen per missing dependency when picking from a compare ("require it in the target").
     */
    requires: z.array(z.object({ type: z.string(), key: z.string() }).strict()).optional(),
  })
  .strict();
export type Changeset = z.infer<typeof changesetSchema>;
