import { z } from 'zod';
import { keyIdSchema } from './key-id';

/** The hash of one audit entry, as `audit/<key id>.jsonl` records it. */
export const auditHashSchema = z.string().regex(/^sha256:[0-9a-f]{64}$/, 'must be sha256:<64 hex digits>');

/**
 * The last entry of one actor's audit chain. Whoever signs a document (an approval, a changeset's
 * author statement, a run's plan or result, a trust root version) puts her current head in it, so
 * the document anchors her chain: a later removal of those entries, or of the whole file, leaves
 * a signed record that they existed. Strict, because it travels inside signed payloads.
 */
export const auditHeadSchema = z.strictObject({
  keyId: keyIdSchema,
  seq: z.number().int().min(1),
  hash: auditHashSchema,
});
export type AuditHead = z.infer<typeof auditHeadSchema>;

/**
 * The audit heads a decoded signed payload carries: an in-toto statement's `predicate.auditHead`
 * and a plain document's top-level `auditHead`. A value that is not a well-formed head is skipped:
 * it anchors nothing, and the checks of that document's own kind report it.
 */
export function auditHeadsInPayload(payload: unknown): AuditHead[] {
  if (!isRecord(payload)) return [];
  const candidates = [
    payload.auditHead,
    isRecord(payload.predicate) ? payload.predicate.auditHead : undefined,
  ];
  const heads: AuditHead[] = [];
  for (const candidate of candidates) {
    const parsed = auditHeadSchema.safeParse(candidate);
    if (parsed.success) heads.push(parsed.data);
  }
  return heads;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
