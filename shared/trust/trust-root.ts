import { z } from 'zod';
import { sha256Hex } from '../model/canonical/sha256';
import { stableStringify } from '../model/canonical/stable-stringify';
import { environmentNameSchema, tierSchema } from '../model/environment';
import { trustedKeySchema, keyValidity, type TrustedKey } from '../model/trust';
import { environmentPolicySchema, type EnvironmentPolicy } from '../promotion/policy';
import { auditHeadSchema } from '../signing/audit-head';
import { keyIdSchema } from '../signing/key-id';
import { standardChangeListSchema } from '../promotion/standard-changes/standard-change';
import { pipelineListSchema } from '../promotion/pipeline/pipeline';

/**
 * The signed trust root (DESIGN §7b): who is trusted, for what, and under which policy. Each
 * version is a DSSE envelope in `trust/root/<version>.json` whose payload is this document as
 * canonical JSON; it takes effect only when signed by `adminThreshold` admins of the version
 * before it and by its own threshold of admins (TUF's root rotation). Proposals waiting for
 * signatures live in `trust/proposals/<version>.json` and decide nothing.
 */

export const TRUST_FOLDER = 'trust';
export const TRUST_ROOT_FOLDER = 'trust/root';
export const TRUST_PROPOSALS_FOLDER = 'trust/proposals';
export const TRUST_ROOT_PAYLOAD_TYPE = 'application/vnd.ferry.trust-root+json';
export const TRUST_ROOT_TYPE = 'https://ferry.dev/trust-root/v1';

/** A version file is a few keys and policies; anything much bigger is not one. */
export const MAX_TRUST_ROOT_BYTES = 512 * 1024;

const sha256Digest = z.string().regex(/^sha256:[0-9a-f]{64}$/, 'must be sha256:<64 hex digits>');

export const signedEnvironmentSchema = z.strictObject({
  /** The tier that decides what a missing setting defaults to; signed, so a hand edit of ferry.json cannot lower it. */
  tier: tierSchema,
  policy: environmentPolicySchema,
});
export type SignedEnvironment = z.infer<typeof signedEnvironmentSchema>;

export const trustRootDocumentSchema = z
  .strictObject({
    _type: z.literal(TRUST_ROOT_TYPE),
    version: z.number().int().min(1),
    /** The digest of the previous version's payload; null only for version 1. */
    previous: sha256Digest.nullable(),
    createdAt: z.iso.datetime(),
    /** Who proposed this version, and why: shown to the admins asked to sign it. */
    proposedBy: keyIdSchema,
    summary: z.string().trim().min(1).max(500),
    /** How many distinct admin keys must sign the next version (and this one). */
    adminThreshold: z.number().int().min(1).max(32),
    keys: z.array(trustedKeySchema).max(500),
    environments: z.record(environmentNameSchema, signedEnvironmentSchema),
    /** Issue 20: pre-authorised change templates (standard-change.ts); absent: none. */
    standardChanges: standardChangeListSchema.optional(),
    /** Issue 20: promotion pipelines (pipeline.ts); absent: none. */
    pipelines: pipelineListSchema.optional(),
    /** The proposer's audit chain head when proposing (DESIGN §7b anchoring); null before any entry. */
    auditHead: auditHeadSchema.nullable().optional(),
  })
  .superRefine((document, context) => {
    if ((document.version === 1) !== (document.previous === null)) {
      context.addIssue({
        code: 'custom',
        path: ['previous'],
        message: 'must be null for version 1 and the previous version digest after it',
      });
    }
    const seen = new Set<string>();
    document.keys.forEach((key, index) => {
      if (seen.has(key.keyId)) {
        context.addIssue({ code: 'custom', path: ['keys', index, 'keyId'], message: 'appears twice' });
      }
      seen.add(key.keyId);
    });
    const admins = activeAdmins(document.keys).length;
    if (document.adminThreshold > admins) {
      context.addIssue({
        code: 'custom',
        path: ['adminThreshold'],
        message: `is ${document.adminThreshold} but only ${admins} admin key${admins === 1 ? '' : 's'} can sign`,
      });
    }
  });
export type TrustRootDocument = z.infer<typeof trustRootDocumentSchema>;

/** Admin keys that may sign: holding the role and not revoked (validity dates are checked at use). */
export function activeAdmins(keys: readonly TrustedKey[]): TrustedKey[] {
  return keys.filter((key) => key.roles.includes('admin') && key.revokedAt === undefined);
}

/** Admins whose key is valid at `at` (not revoked, inside its validity dates). */
export function signingAdmins(document: TrustRootDocument, at: Date): TrustedKey[] {
  return activeAdmins(document.keys).filter((key) => keyValidity(key, at).state === 'valid');
}

/** The exact bytes signed: canonical JSON, so every machine derives the same digest. */
export function trustRootPayload(document: TrustRootDocument): Uint8Array {
  return new TextEncoder().encode(stableStringify(document));
}

export function trustRootDigest(payload: Uint8Array): string {
  return `sha256:${sha256Hex(payload)}`;
}

/** A digest as people compare it out of band: 16 groups of four hex digits. */
export function fingerprintText(digest: string): string {
  const hex = digest.startsWith('sha256:') ? digest.slice('sha256:'.length) : digest;
  return (hex.match(/.{1,4}/g) ?? []).join(' ');
}

/** Accepts a fingerprint however it was typed or pasted: spaces, colons, dashes, a `sha256:` prefix. */
export function normaliseFingerprint(text: string): string | null {
  const hex = text
    .trim()
    .toLowerCase()
    .replace(/^sha256:/, '')
    .replace(/[\s:-]/g, '');
  return /^[0-9a-f]{64}$/.test(hex) ? `sha256:${hex}` : null;
}

export function rootVersionFile(version: number): string {
  return `${TRUST_ROOT_FOLDER}/${version}.json`;
}

export function proposalFile(version: number): string {
  return `${TRUST_PROPOSALS_FOLDER}/${version}.json`;
}

/**
 * What an environment with no signed policy gets: the prod default, whatever ferry.json claims
 * its tier is (that claim is unsigned). One approval by someone other than the author, approvals
 * no older than 30 days, an emergency override only with a recorded reason.
 */
export function securePolicy(): EnvironmentPolicy {
  return environmentPolicySchema.parse({
    approvalsRequired: 1,
    allowSelfApproval: false,
    maxApprovalAgeDays: 30,
    emergencyOverride: { allowed: true, requiresApproval: false },
  });
}

export interface EffectivePolicy {
  tier: SignedEnvironment['tier'];
  policy: EnvironmentPolicy;
  /** `signed`: from the verified root; `default`: nothing signed for it, the secure default applies. */
  source: 'signed' | 'default';
  /** Why this policy, for the plan and the change-control document. */
  reason: string;
}

export function effectivePolicy(root: TrustRootDocument | null, environment: string): EffectivePolicy {
  const signed = root?.environments[environment];
  if (signed) {
    return {
      tier: signed.tier,
      policy: signed.policy,
      source: 'signed',
      reason: `signed policy of trust root version ${root.version}`,
    };
  }
  return {
    tier: 'prod',
    policy: securePolicy(),
    source: 'default',
    reason:
      root === null
        ? 'this workspace has no signed trust root, so the secure default applies (run `ferry trust init`)'
        : `no policy for "${environment}" is signed in trust root version ${root.version}, so the secure default applies (an admin can sign one with \`ferry policy set ${environment} <file>\`)`,
  };
}
