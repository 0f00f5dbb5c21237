/**
 * UTF-8 that also carries lone surrogates (WTF-8): JavaScript strings may hold them, names read
 * from JSON may contain them, and the file-name codec must round-trip every string. Written out
 * here because `TextEncoder` replaces lone surrogates with U+FFFD, which is not reversible.
 */
export function encodeWtf8(text: string): Uint8Array {
  const bytes: number[] = [];
  for (const char of text) {
    const point = char.codePointAt(0) ?? 0;
    if (point < 0x80) {
      bytes.push(point);
    } else if (point < 0x800) {
      bytes.push(0xc0 | (point >> 6), 0x80 | (point & 0x3f));
    } else if (point < 0x10000) {
      bytes.push(0xe0 | (point >> 12), 0x80 | ((point >> 6) & 0x3f), 0x80 | (point & 0x3f));
    } else {
      bytes.push(
        0xf0 | (point >> 18),
        0x80 | ((point >> 12) & 0x3f),
        0x80 | ((point >> 6) & 0x3f),
        0x80 | (point & 0x3f),
      );
    }
  }
  return Uint8Array.from(bytes);
}

/** The inverse of `encodeWtf8`; `undefined` for malformed or overlong sequences. */
export function decodeWtf8(bytes: ArrayLike<number>): string | undefined {
  let text = '';
  let index = 0;
  while (index < bytes.length) {
    const lead = bytes[index] ?? 0;
    const sequenceLength = sequenceLengthOf(lead);
    if (sequenceLength === 0 || index + sequenceLength > bytes.length) return undefined;
    let point = sequenceLength === 1 ? lead : lead & (0xff >> (sequenceLength + 1));
    for (let next = 1; next < sequenceLength; next += 1) {
      const byte = bytes[index + next] ?? 0;
      if ((byte & 0xc0) !== 0x80) return undefined;
      point = (point << 6) | (byte & 0x3f);
    }
    const smallest = [0, 0, 0x80, 0x800, 0x10000][sequenceLength] ?? 0;
    if (point < smallest || point > 0x10ffff) return undefined;
    text += String.fromCodePoint(point);
    index += sequenceLength;
  }
  return text;
}

/** 0 for bytes that cannot start a sequence (continuation bytes, 0xc0/0xc1, 0xf5 and up). */
function sequenceLengthOf(lead: number): number {
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead < 0xe0) return 2;
  if (lead >= 0xe0 && lead < 0xf0) return 3;
  if (lead >= 0xf0 && lead < 0xf5) return 4;
  return 0;
}
