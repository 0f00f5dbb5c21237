import { z } from 'zod';

/**
 * An emergency override's follow-up (issue 20): within the policy's window someone other than
 * the overrider and the author approves the changeset retrospectively. Derived, never stored:
 * from the signed run that used the override and the signed approvals of its changeset.
 */

export const followUpStateSchema = z.enum([
  /** Within the window, no retrospective approval yet. */
  'pending',
  /** A valid retrospective approval was signed within the window. */
  'resolved',
  /** The window passed with none: blocks the overrider's next override until resolved. */
  'overdue',
  /** Approved, but after the window: no longer blocks, stays marked late in the record. */
  'resolved-late',
]);
export type FollowUpState = z.infer<typeof followUpStateSchema>;

export const followUpSchema = z
  .object({
    runId: z.string(),
    changesetId: z.string(),
    changesetDigest: z.string(),
    environment: z.string(),
    /** The override's reason as the signed run holds it. */
    reason: z.string(),
    /** The key that promoted with the override (signed the run) and its owner in the trust root. */
    overriddenBy: z.object({ keyId: z.string(), owner: z.string() }),
    overriddenAt: z.string(),
    dueAt: z.string(),
    state: followUpStateSchema,
    /** Who approved retrospectively, and when (resolved states). */
    approvedBy: z.object({ owner: z.string(), keyId: z.string(), at: z.string() }).nullable(),
    /** What to do now, for a person: `ask an approver to run: ferry approve cs-… --environment prod`. */
    message: z.string(),
  })
  .strict();
export type FollowUp = z.infer<typeof followUpSchema>;
