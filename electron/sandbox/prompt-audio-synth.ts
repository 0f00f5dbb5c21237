/**
 * Prompt audio for the sandbox: short 8 kHz mono 8-bit PCM WAV files made from a phrase, so the
 * same phrase always gives the same bytes (and the same hash) and the sandbox state stays small
 * (half a second is about 4 KB). The "voice" is a pair of tones chosen from the phrase's
 * characters: enough for two phrases to sound and hash differently.
 */
const SAMPLE_RATE = 8000;

export function synthesizePromptWav(phrase: string, seconds = 0.5): Uint8Array {
  const samples = Math.max(1, Math.round(SAMPLE_RATE * seconds));
  let seed = 7;
  for (const char of phrase) seed = (seed * 31 + char.charCodeAt(0)) % 100_003;
  const low = 220 + (seed % 200);
  const high = 660 + (Math.floor(seed / 200) % 300);
  const bytes = new Uint8Array(44 + samples + (samples % 2));
  const view = new DataView(bytes.buffer);
  const text = (offset: number, value: string) => {
    for (let i = 0; i < value.length; i += 1) bytes[offset + i] = value.charCodeAt(i);
  };
  text(0, 'RIFF');
  view.setUint32(4, bytes.length - 8, true);
  text(8, 'WAVE');
  text(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, 1, true); // mono
  view.setUint32(24, SAMPLE_RATE, true);
  view.setUint32(28, SAMPLE_RATE, true); // byte rate: 1 byte per sample
  view.setUint16(32, 1, true); // block align
  view.setUint16(34, 8, true); // bits per sample
  text(36, 'data');
  view.setUint32(40, samples, true);
  for (let i = 0; i < samples; i += 1) {
    const t = i / SAMPLE_RATE;
    const value = 0.45 * Math.sin(2 * Math.PI * low * t) + 0.25 * Math.sin(2 * Math.PI * high * t);
    bytes[44 + i] = Math.max(0, Math.min(255, Math.round(128 + value * 127)));
  }
  return bytes;
}
