import { z } from 'zod';
import { statementOf } from './in-toto-statement';
import { environmentNameSchema } from '../model/environment';
import { auditHeadSchema } from './audit-head';
import { keyIdSchema } from './key-id';

export const APPROVAL_PREDICATE_TYPE = 'https://ferry.dev/approval/v1';

export const approvalDecisionSchema = z.enum(['approved', 'rejected']);
export type ApprovalDecision = z.infer<typeof approvalDecisionSchema>;

export const approvalPredicateSchema = z.object({
  changesetId: z.string().min(1).max(100),
  decision: approvalDecisionSchema,
  comment: z.string().max(4000),
  /** RFC 3339 in UTC (`Z`), as in-toto asks of timestamps. */
  approvedAt: z.iso.datetime(),
  /** What the signer claims; a verifier believes only the key that checks the signature. */
  approver: z.object({ keyId: keyIdSchema, owner: z.string().max(200) }),
  /**
   * The environments the approval covers. Absent in approvals made before it existed: those cover
   * no environment and must be given again.
   */
  environments: z.array(environmentNameSchema).min(1).max(50).optional(),
  /** The approver's audit chain head when signing (anchoring, DESIGN §7b). */
  auditHead: auditHeadSchema.nullable().optional(),
});
export type ApprovalPredicate = z.infer<typeof approvalPredicateSchema>;

export const approvalStatementSchema = statementOf(APPROVAL_PREDICATE_TYPE, approvalPredicateSchema).extend({
  subject: z
    .array(
      z.object({
        name: z.string().min(1).max(300),
        digest: z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be a sha256 in hex') }),
      }),
    )
    .length(1, 'an approval names exactly one changeset'),
});
export type ApprovalStatement = z.infer<typeof approvalStatementSchema>;

/** The subject name of a changeset: its path in the workspace. */
export function changesetSubjectName(changesetId: string): string {
  return `changesets/${changesetId}.json`;
}
