/** A chunk of a WAV built by hand. */
export interface WavChunk {
  id: string;
  body: Uint8Array;
  /** A size field other than the body's length, for headers that lie. */
  size?: number;
}

/** A WAV built by hand, chunk by chunk (padded to even lengths), so each test can break one thing. */
export function buildWav(chunks: WavChunk[], riffSize?: number): Uint8Array {
  const length = 12 + chunks.reduce((sum, c) => sum + 8 + c.body.length + (c.body.length % 2), 0);
  const bytes = new Uint8Array(length);
  const view = new DataView(bytes.buffer);
  const text = (offset: number, value: string) => {
    for (let i = 0; i < 4; i += 1) bytes[offset + i] = value.charCodeAt(i);
  };
  text(0, 'RIFF');
  view.setUint32(4, riffSize ?? length - 8, true);
  text(8, 'WAVE');
  let offset = 12;
  for (const chunk of chunks) {
    text(offset, chunk.id);
    view.setUint32(offset + 4, chunk.size ?? chunk.body.length, true);
    bytes.set(chunk.body, offset + 8);
    offset += 8 + chunk.body.length + (chunk.body.length % 2);
  }
  return bytes;
}

/** A `fmt ` chunk's body: PCM, mono, 8 kHz, 16-bit unless told otherwise; byte rate to match. */
export function fmtBody(
  options: { format?: number; channels?: number; rate?: number; bits?: number; byteRate?: number } = {},
): Uint8Array {
  const body = new Uint8Array(16);
  const view = new DataView(body.buffer);
  const channels = options.channels ?? 1;
  const rate = options.rate ?? 8000;
  const bits = options.bits ?? 16;
  view.setUint16(0, options.format ?? 1, true);
  view.setUint16(2, channels, true);
  view.setUint32(4, rate, true);
  view.setUint32(8, options.byteRate ?? (rate * channels * bits) / 8, true);
  view.setUint16(12, (channels * bits) / 8, true);
  view.setUint16(14, bits, true);
  return body;
}
