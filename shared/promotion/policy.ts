import { z } from 'zod';
import { FerryError, isFerryError } from '../api/api-error';
import { parseCron } from './cron';
import { isTimeZone } from './time-zone';
import { plainIssueMessage } from '../errors/schema-issues';
import { approvalsByRiskSchema, riskSettingsSchema } from './risk/risk-policy';
import { postPromotionCheckSchema } from './checks/post-promotion-check';

/**
 * An environment's promotion policy (DESIGN §5), as `ferry.json` holds it under each
 * environment's `policy`. Every field has a default, so `{}` is the policy of an environment
 * nobody has governed yet: no approvals, no deny windows, overrides allowed.
 */

export const POLICY_INVALID = 'policy.invalid';

/** The longest window a cron start can open: one week, the longest period a 5-field cron repeats on. */
export const MAX_WINDOW_MINUTES = 10_080;

export const denyWindowSchema = z
  .object(
    {
      name: z
        .string({ error: 'must be text' })
        .trim()
        .min(1, 'must not be empty')
        .max(100, 'must be at most 100 characters'),
      cron: z.string({ error: 'must be text such as "0 8 * * 1-5"' }).superRefine((cron, context) => {
        try {
          parseCron(cron);
        } catch (error) {
          if (!isFerryError(error)) throw error;
          const problem = typeof error.details?.problem === 'string' ? error.details.problem : error.message;
          context.addIssue({ code: 'custom', message: `is not a valid cron expression: ${problem}` });
        }
      }),
      durationMinutes: z
        .number({ error: 'must be a number of minutes' })
        .int('must be a whole number of minutes')
        .min(1, 'must be at least 1 minute')
        .max(MAX_WINDOW_MINUTES, `must be at most ${MAX_WINDOW_MINUTES} minutes (one week)`),
      timeZone: z.string({ error: 'must be text such as "Africa/Lagos"' }).refine(isTimeZone, {
        error: (issue) => `${JSON.stringify(issue.input)} is not an IANA time zone such as Africa/Lagos`,
      }),
    },
    { error: 'must be an object with name, cron, durationMinutes and timeZone' },
  )
  .strict();
export type DenyWindow = z.infer<typeof denyWindowSchema>;

export const emergencyOverrideSchema = z
  .object(
    {
      allowed: z.boolean({ error: 'must be true or false' }).default(true),
      /** When set, an override still needs one valid approval from someone other than the author. */
      requiresApproval: z.boolean({ error: 'must be true or false' }).default(false),
      /**
       * Issue 20: an override is time-bounded. Within this many hours of the override someone
       * other than the overrider and the author must approve the changeset retrospectively;
       * absent: 24 (FOLLOW_UP_DEFAULT_HOURS). An overdue follow-up blocks that person's next
       * override.
       */
      followUpHours: z
        .number({ error: 'must be a number of hours' })
        .int('must be a whole number of hours')
        .min(1, 'must be at least 1 hour')
        .max(24 * 90, 'must be at most 2160 hours (90 days)')
        .optional(),
    },
    { error: 'must be an object such as { "allowed": true }' },
  )
  .strict();
export type EmergencyOverridePolicy = z.infer<typeof emergencyOverrideSchema>;

/** Hours an override's retrospective approval may take when the policy does not say. */
export const FOLLOW_UP_DEFAULT_HOURS = 24;

export function followUpHoursOf(policy: EnvironmentPolicy): number {
  return policy.emergencyOverride.followUpHours ?? FOLLOW_UP_DEFAULT_HOURS;
}

export const environmentPolicySchema = z
  .object(
    {
      /** Distinct people with trusted approver keys; 0 means no approval is needed. */
      approvalsRequired: z
        .number({ error: 'must be a number' })
        .int('must be a whole number')
        .min(0, 'must be 0 or more')
        .default(0),
      allowSelfApproval: z.boolean({ error: 'must be true or false' }).default(false),
      denyWindows: z.array(denyWindowSchema, { error: 'must be a list' }).default([]),
      // prefault, not default: the defaults inside still apply when the whole block is missing.
      emergencyOverride: emergencyOverrideSchema.prefault({}),
      /** How old an approval may be and still count; absent: approvals do not age. */
      maxApprovalAgeDays: z
        .number({ error: 'must be a number of days' })
        .int('must be a whole number of days')
        .min(1, 'must be at least 1')
        .max(3650, 'must be at most 3650')
        .optional(),
      /**
       * Issue 20: approvals per risk level (risk-rules.ts). A level not listed needs
       * `approvalsRequired`, or the nearest lower listed level's when that is more. E.g. `{ "low": 0, "medium": 1, "high": { "approvals": 2,
       * "fromGroup": "cab" } }`.
       */
      approvalsByRisk: approvalsByRiskSchema.optional(),
      /** Issue 20: the team's inputs to the risk rules for this environment (risk-rules.ts). */
      risk: riskSettingsSchema.optional(),
      /** Issue 20: checks run after verify (post-promotion-check.ts), in order. Absent: none. */
      postPromotionChecks: z
        .array(postPromotionCheckSchema, { error: 'must be a list' })
        .max(50, 'must list at most 50 checks')
        .optional(),
      /** What a failed post-promotion check does to the run: undo it (the default) or stop. */
      onCheckFailure: z.enum(['rollback', 'stop'], { error: 'must be "rollback" or "stop"' }).optional(),
      /** How old an imported change package may be before it is refused. */
      maxPackageAgeDays: z
        .number({ error: 'must be a number of days' })
        .int('must be a whole number of days')
        .min(1, 'must be at least 1')
        .optional(),
    },
    { error: 'must be an object of settings such as { "approvalsRequired": 1 }' },
  )
  .strict();
export type EnvironmentPolicy = z.infer<typeof environmentPolicySchema>;

/** `denyWindows[0].timeZone` */
function pathText(path: readonly PropertyKey[]): string {
  return path
    .map((part, index) =>
      typeof part === 'number' ? `[${part}]` : `${index === 0 ? '' : '.'}${String(part)}`,
    )
    .join('');
}

function issueText(issue: z.core.$ZodIssue): { field: string; message: string } {
  if (issue.code === 'unrecognized_keys') {
    const field = pathText([...issue.path, issue.keys[0] ?? '']);
    const others = issue.keys.length > 1 ? ` (and ${issue.keys.slice(1).join(', ')})` : '';
    return { field, message: `is not a policy setting${others}` };
  }
  return { field: pathText(issue.path), message: plainIssueMessage(issue) };
}

/**
 * Reads a policy, naming in the error where it came from (`where`, e.g. `environment "prod" in
 * ferry.json`) and every field that is wrong.
 */
export function parseEnvironmentPolicy(raw: unknown, where: string): EnvironmentPolicy {
  const result = environmentPolicySchema.safeParse(raw ?? {});
  if (result.success) return result.data;
  const problems = result.error.issues.map(issueText);
  const text = problems
    .map((problem) => (problem.field === '' ? problem.message : `${problem.field} ${problem.message}`))
    .join('; ');
  throw new FerryError(POLICY_INVALID, `The policy of ${where} is invalid: ${text}.`, {
    where,
    fields: problems.map((problem) => problem.field),
    problems,
  });
}
