import { z } from 'zod';

/**
 * The signed policy's side of risk (issue 20): how many approvals each risk level needs, from
 * whom, and the team's inputs to the rules (objects they flag as business-critical, how close
 * to a deny window a change becomes riskier). The rules themselves are code, documented in
 * risk-rules.ts, so a policy can tune them but a changeset cannot.
 */

export const RISK_LEVELS = ['low', 'medium', 'high', 'critical'] as const;
export const riskLevelSchema = z.enum(RISK_LEVELS, {
  error: 'must be one of low, medium, high, critical',
});
export type RiskLevel = z.infer<typeof riskLevelSchema>;

/** A named group of approvers (`groups` on a trusted key in the signed root), e.g. "cab". */
export const approverGroupSchema = z
  .string({ error: 'must be text such as "cab"' })
  .regex(/^[a-z][a-z0-9-]{0,39}$/, 'must be lowercase letters, digits and dashes, such as "cab"');

const approvalCount = z
  .number({ error: 'must be a number' })
  .int('must be a whole number')
  .min(0, 'must be 0 or more')
  .max(20, 'must be at most 20');

/** What one risk level needs: a number of distinct approvers, some of them from a named group. */
export const riskRequirementSchema = z.union(
  [
    approvalCount,
    z
      .object({
        approvals: approvalCount,
        /** At least `fromGroupCount` (default 1) of the counted approvers hold this group. */
        fromGroup: approverGroupSchema.optional(),
        fromGroupCount: z
          .number({ error: 'must be a number' })
          .int('must be a whole number')
          .min(1, 'must be at least 1')
          .optional(),
      })
      .strict(),
  ],
  { error: 'must be a number of approvals or { "approvals": 2, "fromGroup": "cab" }' },
);
export type RiskRequirementSetting = z.infer<typeof riskRequirementSchema>;

export const approvalsByRiskSchema = z
  .object(
    {
      low: riskRequirementSchema.optional(),
      medium: riskRequirementSchema.optional(),
      high: riskRequirementSchema.optional(),
      critical: riskRequirementSchema.optional(),
    },
    { error: 'must be an object such as { "low": 0, "medium": 1, "high": 2 }' },
  )
  .strict();
export type ApprovalsByRisk = z.infer<typeof approvalsByRiskSchema>;

/** `routing.queue/Billing`, `architect.flow/INBOUNDCALL/Main Menu`: an object type and its natural key. */
export const objectRefTextSchema = z
  .string({ error: 'must be text such as "routing.queue/Billing"' })
  .regex(/^[a-z]+\.[a-z]+\/.+$/, 'must be "<type>/<key>", such as "routing.queue/Billing"')
  .max(400, 'must be at most 400 characters');

export const riskSettingsSchema = z
  .object(
    {
      /** Objects the team flags as business-critical; touching one raises the risk. */
      criticalObjects: z.array(objectRefTextSchema, { error: 'must be a list' }).max(500).optional(),
      /** Object types whose change is riskier in itself; absent: DEFAULT_SENSITIVE_TYPES (risk-rules.ts). */
      sensitiveTypes: z.array(z.string().min(1).max(100), { error: 'must be a list' }).max(100).optional(),
      /** A deny window starting within this many hours raises the risk; absent: 4, 0 turns the rule off. */
      denyWindowLeadHours: z
        .number({ error: 'must be a number of hours' })
        .min(0, 'must be 0 or more')
        .max(168, 'must be at most 168 hours')
        .optional(),
    },
    { error: 'must be an object such as { "criticalObjects": ["routing.queue/Billing"] }' },
  )
  .strict();
export type RiskSettings = z.infer<typeof riskSettingsSchema>;

/** What a level needs, resolved: the policy's setting for the level, else `approvalsRequired`. */
export interface ApprovalRequirement {
  approvals: number;
  fromGroup?: string;
  /** How many of the counted approvers must hold `fromGroup` (only with it). */
  fromGroupCount?: number;
  /** Where the number came from, for the gate's sentence. */
  source: 'risk' | 'policy' | 'standard-change';
}
