import { z } from 'zod';
import { decodeCanonicalBase64, encodeBase64, isCanonicalBase64 } from './base64';

const canonicalBase64 = z
  .string()
  .refine(isCanonicalBase64, 'must be standard padded base64 with nothing else in it');

/** `keyid` is optional in DSSE and never authenticated: it only says which trusted key to try first. */
export const dsseSignatureSchema = z.object({
  keyid: z.string().max(256).optional(),
  sig: canonicalBase64.refine((text) => text.length > 0, 'must not be empty'),
});
export type DsseSignature = z.infer<typeof dsseSignatureSchema>;

/** Unknown fields are dropped, as the DSSE spec asks; what is signed is rebuilt from these three. */
export const dsseEnvelopeSchema = z.object({
  payload: canonicalBase64,
  payloadType: z.string().min(1).max(256),
  signatures: z.array(dsseSignatureSchema).min(1, 'needs at least one signature').max(32),
});
export type DsseEnvelope = z.infer<typeof dsseEnvelopeSchema>;

export const IN_TOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json';

export function buildEnvelope(
  payloadType: string,
  payload: Uint8Array,
  signatures: readonly { keyid: string; sig: Uint8Array }[],
): DsseEnvelope {
  return {
    payload: encodeBase64(payload),
    payloadType,
    signatures: signatures.map((signature) => ({ keyid: signature.keyid, sig: encodeBase64(signature.sig) })),
  };
}

/** The payload bytes of an envelope that passed the schema (whose base64 is therefore canonical). */
export function envelopePayload(envelope: DsseEnvelope): Uint8Array {
  const bytes = decodeCanonicalBase64(envelope.payload);
  if (bytes === null) throw new Error('the envelope payload is not canonical base64');
  return bytes;
}

export function signatureBytes(signature: DsseSignature): Uint8Array {
  const bytes = decodeCanonicalBase64(signature.sig);
  if (bytes === null) throw new Error('the signature is not canonical base64');
  return bytes;
}
