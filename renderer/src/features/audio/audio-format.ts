/**
 * How prompt audio reads for a person: a length in seconds, a size in KB, a hash cut to what an
 * eye can compare. Shared by Compare (two sides) and the changeset editor (one file).
 */

/** What is known of one audio file; a field is null when neither the change nor the sides say it. */
export interface AudioFacts {
  sha256: string | null;
  bytes: number | null;
  durationSeconds: number | null;
}

/** `2.4 s`, `1 min 05 s`; "length unknown" when the WAV header gave none. */
export function formatDuration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds) || seconds < 0) return 'length unknown';
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const whole = Math.round(seconds);
  return `${Math.floor(whole / 60)} min ${String(whole % 60).padStart(2, '0')} s`;
}

/** `812 bytes`, `38.2 KB`, `1.4 MB` (1024-based, as file managers show WAVs). */
export function formatSize(bytes: number | null): string {
  if (bytes === null || !Number.isFinite(bytes) || bytes < 0) return 'size unknown';
  if (bytes < 1024) return `${bytes} byte${bytes === 1 ? '' : 's'}`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** The first 8 hex digits and an ellipsis: enough to tell two files apart at a glance. */
export function shortHash(sha256: string | null): string {
  if (sha256 === null) return 'hash unknown';
  return sha256.length > 8 ? `${sha256.slice(0, 8)}…` : sha256;
}

/** One file in words: `2.4 s · 38.2 KB · 3f2a9c1e…`. */
export function describeAudio(facts: AudioFacts): string {
  return `${formatDuration(facts.durationSeconds)} · ${formatSize(facts.bytes)} · ${shortHash(facts.sha256)}`;
}

/** `before → after`, or the value once when both sides say the same. */
export function beforeAfter(before: string, after: string): string {
  return before === after ? `${before} on both sides` : `${before} → ${after}`;
}

/** Base64 (as `audio.read` answers) to bytes, for a Blob; throws on text that is not base64. */
export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index += 1) bytes[index] = binary.charCodeAt(index);
  return bytes;
}

/** Bytes (a picked file) to base64 for `audio.attach`, in slices so a large file does not overflow the stack. */
export function bytesToBase64(bytes: Uint8Array): string {
  const SLICE = 0x8000;
  let binary = '';
  for (let start = 0; start < bytes.length; start += SLICE) {
    binary += String.fromCharCode(...bytes.subarray(start, start + SLICE));
  }
  return btoa(binary);
}
