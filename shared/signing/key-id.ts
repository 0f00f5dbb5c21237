import { z } from 'zod';
import { sha256Hex } from '../model/canonical/sha256';
import { decodeCanonicalBase64, encodeBase64 } from './base64';

/** sha256 of the SPKI DER, lower-case hex: also a file name (`audit/<key id>.jsonl`), hence no prefix. */
export const keyIdSchema = z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lower-case hex digits (a key id)');

/** Every Ed25519 SPKI DER is this fixed ASN.1 header followed by the 32-byte public key (RFC 8410). */
const ED25519_SPKI_PREFIX = Uint8Array.from([
  0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00,
]);
const ED25519_SPKI_LENGTH = ED25519_SPKI_PREFIX.length + 32;

const PEM_HEADER = '-----BEGIN PUBLIC KEY-----';
const PEM_FOOTER = '-----END PUBLIC KEY-----';

export function keyIdFromSpkiDer(der: Uint8Array): string {
  return sha256Hex(der);
}

export function isEd25519SpkiDer(der: Uint8Array): boolean {
  return (
    der.length === ED25519_SPKI_LENGTH && ED25519_SPKI_PREFIX.every((byte, index) => der[index] === byte)
  );
}

/**
 * The DER inside an Ed25519 `PUBLIC KEY` PEM, or null when the text is anything else. Strict on
 * purpose: the trust root is shared through git, and a key that parses two ways could carry two ids.
 */
export function ed25519SpkiDerFromPem(pem: string): Uint8Array | null {
  const lines = pem.replace(/\r\n/g, '\n').trim().split('\n');
  if (lines.length < 3 || lines[0] !== PEM_HEADER || lines[lines.length - 1] !== PEM_FOOTER) return null;
  const der = decodeCanonicalBase64(lines.slice(1, -1).join(''));
  return der !== null && isEd25519SpkiDer(der) ? der : null;
}

export function pemFromSpkiDer(der: Uint8Array): string {
  const body = encodeBase64(der).match(/.{1,64}/g) ?? [];
  return `${[PEM_HEADER, ...body, PEM_FOOTER].join('\n')}\n`;
}

/** The key id of an Ed25519 public key PEM, or null when it is not one. */
export function keyIdFromPem(pem: string): string | null {
  const der = ed25519SpkiDerFromPem(pem);
  return der === null ? null : keyIdFromSpkiDer(der);
}
