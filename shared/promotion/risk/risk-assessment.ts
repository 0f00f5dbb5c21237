import { z } from 'zod';
import { riskLevelSchema } from './risk-policy';

/**
 * A risk assessment as the plan, the change-control document and the hosts show it (issue 20):
 * the level, the points that made it, each with the rule and the reason in words. Plans carry it
 * (signed with the run), so it has a schema.
 */

/** The documented rules, one id each (risk-rules.ts says what each does and why). */
export const RISK_RULES = [
  'tier',
  'deletes',
  'referenced-deletes',
  'sensitive-types',
  'blast-radius',
  'critical-objects',
  'deny-window-near',
  'size',
] as const;
export const riskRuleSchema = z.enum(RISK_RULES);
export type RiskRule = z.infer<typeof riskRuleSchema>;

export const riskPointSchema = z
  .object({
    rule: riskRuleSchema,
    /** 0 is allowed: a rule that looked and found nothing can still say so. */
    points: z.number().int().min(0),
    /** `it deletes queue "Billing", which 3 flows refer to` */
    reason: z.string(),
  })
  .strict();
export type RiskPoint = z.infer<typeof riskPointSchema>;

export const riskAssessmentSchema = z
  .object({
    level: riskLevelSchema,
    score: z.number().int().min(0),
    points: z.array(riskPointSchema),
    /** Distinct objects in the target depending on what the changeset touches. */
    dependentCount: z.number().int().min(0),
    /** `live` at plan time (what gates use); `snapshot` for the editor's check. */
    basis: z.enum(['live', 'snapshot']),
  })
  .strict();
export type RiskAssessment = z.infer<typeof riskAssessmentSchema>;

/** Score thresholds of each level: low below 2, medium below 4, high below 6, critical from 6. */
export const RISK_THRESHOLDS = { medium: 2, high: 4, critical: 6 } as const;
