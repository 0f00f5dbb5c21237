import { z } from 'zod';
import { planSchema, gateResultSchema } from './plan';
import {
  journalEntrySchema,
  promotionProgressSchema,
  runResultSchema,
  runSummarySchema,
} from '../promotion/engine/run-records';
import { environmentPolicySchema } from '../promotion/policy';

/** Wire schemas of the identity, approval and promotion channels. */

export const signingIdentityWireSchema = z.object({
  keyId: z.string(),
  owner: z.string(),
  publicKey: z.string(),
});
export type SigningIdentityWire = z.infer<typeof signingIdentityWireSchema>;

export const approvalWireSchema = z.object({
  file: z.string(),
  status: z.string(),
  counts: z.boolean(),
  reason: z.string(),
  keyId: z.string(),
  owner: z.string().nullable(),
  decision: z.enum(['approved', 'rejected']).nullable(),
  comment: z.string().nullable(),
  approvedAt: z.string().nullable(),
  signedDigest: z.string().nullable(),
  currentDigest: z.string(),
});
export type ApprovalWire = z.infer<typeof approvalWireSchema>;

export const promotionPreviewWireSchema = z.object({
  plan: planSchema,
  passed: z.boolean(),
  overriddenGates: z.array(z.string()),
  gates: z.array(gateResultSchema),
  approvals: z.array(approvalWireSchema),
  policy: environmentPolicySchema,
  changeControlMarkdown: z.string(),
});
export type PromotionPreviewWire = z.infer<typeof promotionPreviewWireSchema>;

export const runDetailWireSchema = z.object({
  id: z.string(),
  plan: planSchema,
  result: runResultSchema.nullable(),
  journal: z.array(journalEntrySchema),
  /** The change-control document of the run, when one was written. */
  changeControlMarkdown: z.string().nullable(),
});
export type RunDetailWire = z.infer<typeof runDetailWireSchema>;

export { promotionProgressSchema, runResultSchema, runSummarySchema };
