/**
 * A strict reader of the RIFF/WAVE header, for prompt audio.
 *
 * Hand-written rather than taken from a library on purpose: Ferry only needs to know that a file
 * is a WAV, where its samples are and how long it plays, and the file comes from an untrusted
 * place (a workspace a teammate pushed, a file a person picked, an org's download). A few dozen
 * lines that check every length against the buffer are easier to audit than a decoder that also
 * parses samples, metadata and formats Genesys never plays. It never decodes audio.
 */

/** What a WAV header says; `durationSeconds` is null when the format gives no byte rate. */
export interface WavInfo {
  /** 1 PCM, 3 float, 6 A-law, 7 µ-law, 0xFFFE extensible, … as the `fmt ` chunk says. */
  readonly audioFormat: number;
  readonly channels: number;
  readonly sampleRate: number;
  readonly bitsPerSample: number;
  readonly byteRate: number;
  /** Bytes of sample data (the `data` chunk's length). */
  readonly dataBytes: number;
  readonly durationSeconds: number | null;
}

export type WavParse = { ok: true; info: WavInfo } | { ok: false; reason: string };

/** RIFF allows many chunks; a header that needs more than this to reach `data` is not a prompt. */
const MAX_CHUNKS = 64;

/**
 * Formats whose samples are plain bytes (PCM, float, A-law, µ-law): their byte rate follows from
 * the rest of the header, so one that does not is a header that lies (a length computed from it
 * would be anything from zero to months).
 */
const LINEAR_FORMATS = new Set([1, 3, 6, 7]);

/** Reads the header of `bytes`; never throws, says why when the bytes are not a usable WAV. */
export function parseWavHeader(bytes: Uint8Array): WavParse {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < 12) return fail('the file is shorter than a WAV header');
  if (ascii(bytes, 0) !== 'RIFF' || ascii(bytes, 8) !== 'WAVE') {
    return fail('the file is not a WAV (no RIFF/WAVE header)');
  }
  const riffSize = view.getUint32(4, true);
  if (riffSize + 8 > bytes.byteLength)
    return fail('the file is cut short: its RIFF header promises more bytes');
  const end = riffSize + 8;
  let format: Omit<WavInfo, 'dataBytes' | 'durationSeconds'> | null = null;
  let offset = 12;
  for (let chunk = 0; chunk < MAX_CHUNKS; chunk += 1) {
    if (offset + 8 > end) break;
    const id = ascii(bytes, offset);
    const size = view.getUint32(offset + 4, true);
    const body = offset + 8;
    if (body + size > end) return fail(`the "${printable(id)}" chunk runs past the end of the file`);
    if (id === 'fmt ') {
      if (format !== null) return fail('the file has two "fmt " chunks');
      if (size < 16) return fail('the "fmt " chunk is too short');
      format = {
        audioFormat: view.getUint16(body, true),
        channels: view.getUint16(body + 2, true),
        sampleRate: view.getUint32(body + 4, true),
        byteRate: view.getUint32(body + 8, true),
        bitsPerSample: view.getUint16(body + 14, true),
      };
      if (format.channels === 0) return fail('the "fmt " chunk says there are no channels');
      if (format.sampleRate === 0) return fail('the "fmt " chunk says the sample rate is 0');
      if (LINEAR_FORMATS.has(format.audioFormat)) {
        if (format.bitsPerSample === 0) return fail('the "fmt " chunk says samples have 0 bits');
        const expected = format.sampleRate * format.channels * Math.ceil(format.bitsPerSample / 8);
        if (format.byteRate !== expected) {
          return fail(
            `the "fmt " chunk's byte rate (${format.byteRate}) does not match its sample rate, channels and sample size (${expected})`,
          );
        }
      }
    } else if (id === 'data') {
      if (format === null) return fail('the "data" chunk comes before the "fmt " chunk');
      return {
        ok: true,
        info: {
          ...format,
          dataBytes: size,
          durationSeconds: format.byteRate > 0 ? round(size / format.byteRate) : null,
        },
      };
    }
    // Chunks are padded to an even length.
    offset = body + size + (size % 2);
  }
  return fail(format === null ? 'the file has no "fmt " chunk' : 'the file has no "data" chunk');
}

function ascii(bytes: Uint8Array, offset: number): string {
  return String.fromCharCode(...bytes.subarray(offset, offset + 4));
}

/** A chunk id as words can show it: the bytes are the file's, so anything unprintable is a "?". */
function printable(id: string): string {
  return id.replace(/[^\x20-\x7e]/g, '?').trim();
}

function round(seconds: number): number {
  return Math.round(seconds * 1000) / 1000;
}

function fail(reason: string): WavParse {
  return { ok: false, reason };
}
