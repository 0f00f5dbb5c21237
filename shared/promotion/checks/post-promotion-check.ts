import { z } from 'zod';

/**
 * Post-promotion checks (issue 20): per environment, in the signed policy, run after verify
 * against the live target. Each asks whether the contact centre still works, not whether the
 * objects read back as written (verify does that). A failed check rolls the run back, or stops
 * it, as the policy's `onCheckFailure` says.
 */

const name = z
  .string({ error: 'must be text' })
  .trim()
  .min(1, 'must not be empty')
  .max(200, 'must be at most 200 characters');

/** A name people read in the document; absent, the check's kind and subject say what it is. */
const label = name.optional();

/**
 * A record of a check's values, input or expected output. A `__proto__` key would be dropped
 * silently by zod's record (the check would then assert less than the admin signed), and the
 * other two reach prototypes when copied: refused, naming the field, as the strict reader of
 * signed files refuses them.
 */
const FORBIDDEN_KEYS = ['__proto__', 'constructor', 'prototype'];
function safeRecord<T extends z.ZodType>(value: T) {
  return z
    .unknown()
    .superRefine((raw, context) => {
      if (typeof raw !== 'object' || raw === null) return;
      for (const key of FORBIDDEN_KEYS) {
        if (Object.hasOwn(raw, key)) {
          context.addIssue({ code: 'custom', path: [key], message: 'is not allowed as a key' });
        }
      }
    })
    .pipe(z.record(z.string(), value));
}

export const postPromotionCheckSchema = z.discriminatedUnion(
  'kind',
  [
    /** Every queue the changeset creates or updates has at least `min` member groups (default 1). */
    z
      .object({
        kind: z.literal('queue-member-groups'),
        label,
        min: z.number().int().min(1).max(1000).optional(),
      })
      .strict(),
    /** The schedule group is open (or closed) at the moment the check runs, by its schedules. */
    z
      .object({
        kind: z.literal('schedule-group-open'),
        label,
        scheduleGroup: name,
        expect: z.enum(['open', 'closed']).optional(),
      })
      .strict(),
    /** The data table has a row with this key (and, when given, these column values). */
    z
      .object({
        kind: z.literal('data-table-row'),
        label,
        table: name,
        key: name,
        values: safeRecord(z.union([z.string(), z.number(), z.boolean()])).optional(),
      })
      .strict(),
    /**
     * A data-action test call through the API's test endpoint (`POST
     * /api/v2/integrations/actions/{actionId}/test`): it must succeed and, when given, its output
     * must hold these values (top-level keys of the translated result).
     */
    z
      .object({
        kind: z.literal('data-action-test'),
        label,
        action: name,
        input: safeRecord(z.unknown()).optional(),
        expect: safeRecord(z.union([z.string(), z.number(), z.boolean(), z.null()])).optional(),
      })
      .strict(),
    /** A field of one object of the target equals a value (`path` as a changeset's field changes name it). */
    z
      .object({
        kind: z.literal('object-field'),
        label,
        type: name,
        key: name,
        path: name,
        equals: z.unknown(),
      })
      .strict(),
  ],
  { error: 'must be a check with a "kind" such as "queue-member-groups" or "data-action-test"' },
);
export type PostPromotionCheck = z.infer<typeof postPromotionCheckSchema>;
export type PostPromotionCheckKind = PostPromotionCheck['kind'];

export const checkResultSchema = z
  .object({
    /** Position in the policy's list. */
    index: z.number().int().min(0),
    kind: z.string(),
    /** `queue "Billing" has at least 1 member group` — the check in words. */
    title: z.string(),
    passed: z.boolean(),
    /** What was found, in words; on failure what is wrong and where. */
    message: z.string(),
    /** The check could not be made (a read failed): counts as failed. */
    error: z.boolean().optional(),
  })
  .strict();
export type CheckResult = z.infer<typeof checkResultSchema>;
