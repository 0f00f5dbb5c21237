import { z } from 'zod';

export const IN_TOTO_STATEMENT_TYPE = 'https://in-toto.io/Statement/v1';

export const resourceDescriptorSchema = z.object({
  name: z.string().min(1).max(300),
  digest: z
    .record(z.string().regex(/^[a-z0-9-]{1,32}$/), z.string().regex(/^[0-9a-f]+$/, 'must be lower-case hex'))
    .refine((digest) => Object.keys(digest).length > 0, 'needs at least one digest'),
});
export type ResourceDescriptor = z.infer<typeof resourceDescriptorSchema>;

/** Predicate types are versioned URIs (`https://ferry.dev/approval/v1`), so a reader knows what it holds. */
export const predicateTypeSchema = z
  .string()
  .regex(/^https:\/\/[^\s]+\/v\d+$/, 'must be an https URI ending in a version (/v1)');

export const statementSchema = z.object({
  _type: z.literal(IN_TOTO_STATEMENT_TYPE),
  subject: z.array(resourceDescriptorSchema).min(1, 'needs at least one subject'),
  predicateType: predicateTypeSchema,
  predicate: z.record(z.string(), z.unknown()),
});
export type Statement = z.infer<typeof statementSchema>;

/** A statement schema for one predicate type, with that predicate's own schema. */
export function statementOf<P extends z.ZodType>(predicateType: string, predicate: P) {
  return statementSchema.extend({ predicateType: z.literal(predicateType), predicate });
}
