import { createHash } from 'node:crypto';
import { z } from 'zod';
import { stableStringify } from '../../../shared/model/canonical/stable-stringify';
import { auditHashSchema } from '../../../shared/signing/audit-head';
import { isCanonicalBase64 } from '../../../shared/signing/base64';
import { keyIdSchema } from '../../../shared/signing/key-id';

export const AUDIT_FOLDER = 'audit';

/**
 * One line of `audit/<actor key id>.jsonl`. Strict: a field added by hand would not be covered by
 * the hash, so an entry with one is refused rather than silently believed.
 */
export const auditEntrySchema = z.strictObject({
  seq: z.number().int().min(1),
  at: z.iso.datetime(),
  actor: keyIdSchema,
  /** One lower-case word or hyphenated words: `approve`, `promote`, `trust-propose`, `policy-propose`. */
  action: z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, 'must be a lower-case word such as "approve"'),
  subject: z.string().max(300),
  details: z.record(z.string(), z.unknown()),
  prev: auditHashSchema.nullable(),
  hash: auditHashSchema,
  sig: z.string().min(1).refine(isCanonicalBase64, 'must be standard padded base64').optional(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export type UnhashedAuditEntry = Omit<AuditEntry, 'hash' | 'sig'>;

/**
 * sha256 of the entry's canonical JSON without `hash` and `sig`. The signature signs this hash, so
 * it sits outside what is hashed; `prev` sits inside, which is what chains the entries.
 */
export function auditEntryHash(entry: UnhashedAuditEntry): string {
  const { seq, at, actor, action, subject, details, prev } = entry;
  const canonical = stableStringify({ seq, at, actor, action, subject, details, prev });
  return `sha256:${createHash('sha256').update(canonical, 'utf8').digest('hex')}`;
}

/** What the actor's key signs: the UTF-8 bytes of the `sha256:<hex>` hash text. */
export function auditSignedBytes(hash: string): Uint8Array {
  return new TextEncoder().encode(hash);
}

/** One line, fields in a fixed order so files read the same wherever they were written. */
export function serializeAuditEntry(entry: AuditEntry): string {
  const { seq, at, actor, action, subject, details, prev, hash, sig } = entry;
  return `${JSON.stringify({ seq, at, actor, action, subject, details, prev, hash, ...(sig !== undefined ? { sig } : {}) })}\n`;
}

export function auditFileName(actorKeyId: string): string {
  return `${AUDIT_FOLDER}/${actorKeyId}.jsonl`;
}
