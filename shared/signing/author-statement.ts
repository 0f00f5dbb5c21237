import { z } from 'zod';
import { statementOf } from './in-toto-statement';
import { auditHeadSchema } from './audit-head';
import { keyIdSchema } from './key-id';

export const AUTHOR_PREDICATE_TYPE = 'https://ferry.dev/changeset-author/v1';

/**
 * "I wrote this version of the changeset": signed by the author's key over the changeset digest.
 * Self-approval is judged from these signatures, never from the changeset's `author` text.
 */
export const authorPredicateSchema = z.object({
  changesetId: z.string().min(1).max(100),
  signedAt: z.iso.datetime(),
  /** What the signer claims; a verifier believes only the key that checks the signature. */
  author: z.object({ keyId: keyIdSchema, owner: z.string().max(200) }),
  /** The signer's audit chain head when signing (anchoring, DESIGN §7b). */
  auditHead: auditHeadSchema.nullable().optional(),
});
export type AuthorPredicate = z.infer<typeof authorPredicateSchema>;

export const authorStatementSchema = statementOf(AUTHOR_PREDICATE_TYPE, authorPredicateSchema).extend({
  subject: z
    .array(
      z.object({
        name: z.string().min(1).max(300),
        digest: z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be a sha256 in hex') }),
      }),
    )
    .length(1, 'an author statement names exactly one changeset'),
});
export type AuthorStatement = z.infer<typeof authorStatementSchema>;

/** Author signatures of a changeset: one file per key, beside its approvals. */
export function authorsFolder(changesetId: string): string {
  return `changesets/${changesetId}.authors`;
}
