import { z } from 'zod';
import { keyIdFromPem, keyIdSchema } from '../signing/key-id';
import { environmentNameSchema } from './environment';

export const TRUST_FILE = 'trust.json';
export const TRUST_FORMAT_VERSION = 1;

/**
 * `admin` keys sign new versions of the trust root (keys, roles, policy); `author` keys sign
 * changesets; `approver` keys sign approvals; `promoter` keys sign runs.
 */
export const trustRoleSchema = z.enum(['admin', 'author', 'approver', 'promoter']);
export type TrustRole = z.infer<typeof trustRoleSchema>;

const timestamp = z.iso.datetime();

function unique<T>(items: readonly T[]): boolean {
  return new Set(items).size === items.length;
}

export const trustedKeySchema = z
  .object({
    keyId: keyIdSchema,
    algorithm: z.literal('ed25519'),
    /** SPKI PEM. The key id is recomputed from this and must match: it is never taken on trust. */
    publicKey: z.string().max(1000),
    owner: z.string().trim().min(1, 'must name who holds the key').max(200),
    roles: z.array(trustRoleSchema).min(1, 'needs at least one role').refine(unique, 'lists a role twice'),
    /** Environments the key may act for; empty means all of them. */
    environments: z.array(environmentNameSchema).refine(unique, 'lists an environment twice'),
    /**
     * Named approver groups the key belongs to (issue 20), e.g. ["cab"]: a risk level may need
     * approvals from a group. Signed with the key in the root, so only admins grant them.
     */
    groups: z
      .array(z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, 'must be lowercase letters, digits and dashes'))
      .max(20)
      .refine(unique, 'lists a group twice')
      .optional(),
    notBefore: timestamp.optional(),
    notAfter: timestamp.optional(),
    revokedAt: timestamp.optional(),
    revokedReason: z.string().trim().min(1).max(500).optional(),
  })
  .superRefine((key, context) => {
    const recomputed = keyIdFromPem(key.publicKey);
    if (recomputed === null) {
      context.addIssue({
        code: 'custom',
        path: ['publicKey'],
        message: 'is not an Ed25519 public key in SPKI PEM form',
      });
    } else if (recomputed !== key.keyId) {
      context.addIssue({
        code: 'custom',
        path: ['keyId'],
        message: `does not match the public key (whose id is ${recomputed})`,
      });
    }
    if (key.notBefore && key.notAfter && Date.parse(key.notBefore) >= Date.parse(key.notAfter)) {
      context.addIssue({ code: 'custom', path: ['notAfter'], message: 'must be later than notBefore' });
    }
    if ((key.revokedAt === undefined) !== (key.revokedReason === undefined)) {
      context.addIssue({
        code: 'custom',
        path: ['revokedReason'],
        message: 'a revocation needs both revokedAt and revokedReason',
      });
    }
  });
export type TrustedKey = z.infer<typeof trustedKeySchema>;

export const trustFileSchema = z
  .object({
    formatVersion: z.literal(TRUST_FORMAT_VERSION),
    keys: z.array(trustedKeySchema),
  })
  .superRefine((file, context) => {
    const seen = new Set<string>();
    file.keys.forEach((key, index) => {
      if (seen.has(key.keyId)) {
        context.addIssue({ code: 'custom', path: ['keys', index, 'keyId'], message: 'appears twice' });
      }
      seen.add(key.keyId);
    });
  });
export type TrustFile = z.infer<typeof trustFileSchema>;

export function emptyTrustFile(): TrustFile {
  return { formatVersion: TRUST_FORMAT_VERSION, keys: [] };
}

export type KeyValidity =
  | { state: 'valid' }
  | { state: 'revoked'; at: string; reason: string }
  | { state: 'not-yet-valid'; from: string }
  | { state: 'expired'; at: string };

/**
 * Whether a key may be believed at `at`. A revocation counts whenever it happened: a timestamp the
 * signer wrote cannot prove a signature predates a compromise.
 */
export function keyValidity(key: TrustedKey, at: Date): KeyValidity {
  if (key.revokedAt !== undefined) {
    return { state: 'revoked', at: key.revokedAt, reason: key.revokedReason ?? '' };
  }
  if (key.notBefore !== undefined && at.getTime() < Date.parse(key.notBefore)) {
    return { state: 'not-yet-valid', from: key.notBefore };
  }
  if (key.notAfter !== undefined && at.getTime() > Date.parse(key.notAfter)) {
    return { state: 'expired', at: key.notAfter };
  }
  return { state: 'valid' };
}

/** True when the key holds `role` and, if an environment is named, may act for it. */
export function keyAllows(key: TrustedKey, role: TrustRole, environment?: string): boolean {
  if (!key.roles.includes(role)) return false;
  return environment === undefined || key.environments.length === 0 || key.environments.includes(environment);
}
