import { z } from 'zod';
import { environmentPolicySchema } from '../promotion/policy';
import { approverGroupSchema } from '../promotion/risk/risk-policy';
import { keyIdSchema } from '../signing/key-id';
import { environmentNameSchema, tierSchema } from './environment';
import { trustRoleSchema } from './trust';

/**
 * Wire schemas of the trust and authorship channels (DESIGN §7b). They carry public material only:
 * key ids, owners, roles, fingerprints, summaries. A private key or a passphrase has no field here.
 */

const at = z.string();

export const trustedKeyWireSchema = z.object({
  keyId: z.string(),
  owner: z.string(),
  roles: z.array(trustRoleSchema),
  /** Empty: every environment. */
  environments: z.array(z.string()),
  notBefore: at.optional(),
  notAfter: at.optional(),
  revokedAt: at.optional(),
  revokedReason: z.string().optional(),
  /** Issue 20: approver groups such as "cab". */
  groups: z.array(z.string()).optional(),
});
export type TrustedKeyWire = z.infer<typeof trustedKeyWireSchema>;

export const trustProposalWireSchema = z.object({
  version: z.number().int(),
  file: z.string(),
  summary: z.string(),
  /** What it changes, computed from the documents: what an admin signs, whatever the summary says. */
  changes: z.array(z.string()),
  /** Key id of the admin who proposed it. */
  proposedBy: z.string(),
  createdAt: at,
  /** Admin key ids whose signatures verify so far. */
  signedBy: z.array(z.string()),
  /** What is still needed, in words ("1 more admin signature of version 2 (Rita)"). */
  needs: z.string(),
  /** False when the root moved on since it was proposed: it can only be withdrawn. */
  applicable: z.boolean(),
});
export type TrustProposalWire = z.infer<typeof trustProposalWireSchema>;

export const trustStatusWireSchema = z.object({
  state: z.enum(['none', 'verified']),
  version: z.number().int().nullable(),
  fingerprint: z.string().nullable(),
  pinned: z
    .object({ version: z.number().int(), fingerprint: z.string(), confirmed: z.boolean(), pinnedAt: at })
    .nullable(),
  /** True when this very read pinned the root (trust on first use): the page says so. */
  pinnedNow: z.boolean(),
  adminThreshold: z.number().int().nullable(),
  admins: z.array(z.object({ keyId: z.string(), owner: z.string() })),
  keys: z.array(trustedKeyWireSchema),
  environments: z.record(z.string(), z.object({ tier: tierSchema, policy: environmentPolicySchema })),
  proposals: z.array(trustProposalWireSchema),
});
export type TrustStatusWire = z.infer<typeof trustStatusWireSchema>;

/** What a proposal did: applied at once (every threshold met) or waiting for `needs`. */
export const trustProposeResultWireSchema = z.object({
  version: z.number().int(),
  applied: z.boolean(),
  file: z.string(),
  commit: z.string(),
  summary: z.string(),
  needs: z.string().nullable(),
});
export type TrustProposeResultWire = z.infer<typeof trustProposeResultWireSchema>;

export const addTrustedKeyRequestSchema = z
  .object({
    /** The teammate's public key as SPKI PEM text; the service recomputes its id from it. */
    publicKey: z.string().trim().min(1, 'paste the public key').max(1000),
    owner: z.string().trim().min(1, 'name who holds the key').max(200),
    roles: z.array(trustRoleSchema).min(1, 'choose at least one role').max(4),
    /** Empty: every environment. */
    environments: z.array(environmentNameSchema).max(100),
    notBefore: z.iso.datetime().optional(),
    notAfter: z.iso.datetime().optional(),
    /** Issue 20: approver groups such as "cab"; absent or empty: none. */
    groups: z.array(approverGroupSchema).max(20).optional(),
  })
  .strict();

export const revokeKeyRequestSchema = z
  .object({ keyId: keyIdSchema, reason: z.string().trim().min(1, 'a reason is required').max(500) })
  .strict();

const versionNumber = z.number().int().min(1).max(999_999);
export const trustVersionRequestSchema = z.object({ version: versionNumber }).strict();

export const authorSignatureWireSchema = z.object({
  file: z.string(),
  status: z.enum(['valid', 'stale', 'untrusted', 'revoked', 'not-author', 'invalid']),
  reason: z.string(),
  keyId: z.string(),
  owner: z.string().nullable(),
  signedAt: z.string().nullable(),
});
export type AuthorSignatureWire = z.infer<typeof authorSignatureWireSchema>;

export const authorshipWireSchema = z.object({
  /** The digest of the changeset as it is now: what a valid signature covers. */
  digest: z.string(),
  authors: z.array(z.object({ keyId: z.string(), owner: z.string(), signedAt: z.string() })),
  signatures: z.array(authorSignatureWireSchema),
});
export type AuthorshipWire = z.infer<typeof authorshipWireSchema>;

/** The vault as the page may know it: nothing secret, only what to ask a person for. */
export const vaultStatusWireSchema = z.object({
  unlocked: z.boolean(),
  exists: z.boolean(),
  sealedWith: z.enum(['safe-storage', 'passphrase', 'plain-text']).nullable(),
  canUnlock: z.boolean(),
});
export type VaultStatusWire = z.infer<typeof vaultStatusWireSchema>;

/** Rita, the demo approver of the demo workspace (never present in a real workspace). */
export const demoApproverWireSchema = z.object({
  available: z.boolean(),
  enabled: z.boolean(),
  owner: z.string(),
  keyId: z.string().nullable(),
});
export type DemoApproverWire = z.infer<typeof demoApproverWireSchema>;
