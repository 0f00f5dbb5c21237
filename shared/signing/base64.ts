/**
 * Standard padded base64 (RFC 4648 §4) written by hand: `shared/` also runs in the renderer, and
 * Node's `Buffer.from(text, 'base64')` silently skips characters it does not know, so two different
 * texts could stand for the same signature. Decoding here accepts exactly one text per byte string.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const CANONICAL_SHAPE = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

const VALUES = new Map([...ALPHABET].map((char, index) => [char, index]));

export function encodeBase64(bytes: Uint8Array): string {
  let out = '';
  for (let index = 0; index < bytes.length; index += 3) {
    const a = bytes[index] ?? 0;
    const b = bytes[index + 1] ?? 0;
    const c = bytes[index + 2] ?? 0;
    const remaining = bytes.length - index;
    out += ALPHABET[a >> 2];
    out += ALPHABET[((a & 0x03) << 4) | (b >> 4)];
    out += remaining > 1 ? ALPHABET[((b & 0x0f) << 2) | (c >> 6)] : '=';
    out += remaining > 2 ? ALPHABET[c & 0x3f] : '=';
  }
  return out;
}

/** The bytes, or null unless `text` is exactly what `encodeBase64` would write for them. */
export function decodeCanonicalBase64(text: string): Uint8Array | null {
  if (!CANONICAL_SHAPE.test(text)) return null;
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const bytes = new Uint8Array((text.length / 4) * 3 - padding);
  let written = 0;
  for (let index = 0; index < text.length; index += 4) {
    const sextets = [0, 1, 2, 3].map((offset) => VALUES.get(text[index + offset] ?? '=') ?? 0);
    const [s0 = 0, s1 = 0, s2 = 0, s3 = 0] = sextets;
    const triple = (s0 << 18) | (s1 << 12) | (s2 << 6) | s3;
    for (const shift of [16, 8, 0]) {
      if (written < bytes.length) bytes[written++] = (triple >> shift) & 0xff;
    }
  }
  // Padding leaves spare low bits in the last character; a non-zero spare bit is a second
  // spelling of the same bytes ("QR==" vs "QQ=="), which canonical decoding must refuse.
  if (padding > 0) {
    const last = VALUES.get(text[text.length - padding - 1] ?? 'A') ?? 0;
    const spareMask = padding === 2 ? 0x0f : 0x03;
    if ((last & spareMask) !== 0) return null;
  }
  return bytes;
}

export function isCanonicalBase64(text: string): boolean {
  return decodeCanonicalBase64(text) !== null;
}
