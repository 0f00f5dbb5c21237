import { z } from 'zod';
import { environmentNameSchema } from '../../model/environment';
import { riskLevelSchema } from '../risk/risk-policy';

/**
 * Standard changes (issue 20, ITIL's pre-authorised changes): templates admins sign into the
 * trust root, such as "add a wrap-up code to any queue". A changeset whose every operation one
 * template allows passes with that template's approvals (often none) instead of its risk's;
 * deny windows, the promoter's trust and every other gate still apply.
 */

export const standardChangeIdSchema = z
  .string({ error: 'must be text such as "add-queue-wrapup-code"' })
  .regex(/^[a-z][a-z0-9-]{0,63}$/, 'must be lowercase letters, digits and dashes');

/**
 * How an update may change list fields: `add` only adds items (nothing removed or changed),
 * `change` only changes existing items (none added or removed, matched by their key), `any`
 * anything.
 */
export const listChangeSchema = z.enum(['add', 'change', 'any']);

export const standardChangeRuleSchema = z
  .object({
    op: z.enum(['create', 'update', 'delete'], { error: 'must be "create", "update" or "delete"' }),
    /** An object type id such as "routing.queue". */
    type: z.string().min(1).max(100),
    /** Natural keys the rule covers; absent: any object of the type. */
    keys: z.array(z.string().min(1).max(400)).min(1).max(500).optional(),
    /**
     * For updates: the top-level fields the changes may touch (a change's path starts with one,
     * e.g. "wrapupCodes" or "rows"); absent: any field.
     */
    fields: z.array(z.string().min(1).max(200)).min(1).max(100).optional(),
    /** For updates of list fields; absent: `any`. */
    lists: listChangeSchema.optional(),
  })
  .strict();
export type StandardChangeRule = z.infer<typeof standardChangeRuleSchema>;

export const standardChangeTemplateSchema = z
  .object({
    id: standardChangeIdSchema,
    name: z.string().trim().min(1).max(200),
    description: z.string().max(2000).optional(),
    /** Environments it may be used for; absent or empty: all. */
    environments: z.array(environmentNameSchema).optional(),
    /** Approvals a matching changeset needs instead of its risk's (default 0). */
    approvals: z.number().int().min(0).max(20).optional(),
    /** A change riskier than this is not standard whatever it does (default "medium"). */
    maxRisk: riskLevelSchema.optional(),
    /** At most this many operations (default 20): a template covers a small change, not a batch. */
    maxOperations: z.number().int().min(1).max(500).optional(),
    allow: z.array(standardChangeRuleSchema).min(1).max(50),
  })
  .strict();
export type StandardChangeTemplate = z.infer<typeof standardChangeTemplateSchema>;

export const standardChangeListSchema = z
  .array(standardChangeTemplateSchema)
  .max(200)
  .superRefine((templates, context) => {
    const seen = new Set<string>();
    templates.forEach((template, index) => {
      if (seen.has(template.id)) {
        context.addIssue({ code: 'custom', path: [index, 'id'], message: 'appears twice' });
      }
      seen.add(template.id);
    });
  });

/** Which template applied to a plan, or why none did: shown in the plan and the document. */
export const standardChangeMatchSchema = z
  .object({
    /** The template that applied, null when none did. */
    applied: z.object({ id: z.string(), name: z.string(), approvals: z.number().int().min(0) }).nullable(),
    /** Per template considered and not applied: why, in words (the first operation it does not allow). */
    notApplied: z.array(z.object({ id: z.string(), name: z.string(), reason: z.string() })),
  })
  .strict();
export type StandardChangeMatch = z.infer<typeof standardChangeMatchSchema>;
