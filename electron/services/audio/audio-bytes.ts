import { createHash } from 'node:crypto';
import { FerryError } from '../../../shared/api/api-error';
import { AUDIO_MAX_BYTES, type AudioDescriptor } from '../../../shared/model/prompt-audio';
import { parseWavHeader } from '../../../shared/model/wav-header';

/** sha256 of audio bytes in lower-case hex (node's audited hash: audio can be megabytes). */
export function audioSha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * What canonical form records of a WAV file: its hash, size and length. Bytes that are not a
 * WAV, or too big to be a prompt, are refused with what is wrong (`where` names the file).
 */
export function describeWav(bytes: Uint8Array, where: string): AudioDescriptor {
  if (bytes.byteLength > AUDIO_MAX_BYTES) {
    throw new FerryError(
      'audio.invalid',
      `${where} is ${bytes.byteLength} bytes; prompt audio is at most ${AUDIO_MAX_BYTES / (1024 * 1024)} MiB`,
      { bytes: bytes.byteLength },
    );
  }
  const parsed = parseWavHeader(bytes);
  if (!parsed.ok) {
    throw new FerryError('audio.invalid', `${where} cannot be used as prompt audio: ${parsed.reason}`);
  }
  return {
    sha256: audioSha256(bytes),
    bytes: bytes.byteLength,
    durationSeconds: parsed.info.durationSeconds,
  };
}

/**
 * Refuses bytes whose hash is not the one they were asked for by: the workspace is untrusted, so
 * a file named `<sha256>.wav` is only used when its content really has that hash.
 */
export function checkAudioHash(bytes: Uint8Array, sha256: string, where: string): void {
  const actual = audioSha256(bytes);
  if (actual !== sha256) {
    throw new FerryError(
      'audio.hash-mismatch',
      `${where} does not hold the audio its name promises (its bytes hash to ${actual.slice(0, 12)}…, not ${sha256.slice(0, 12)}…); it was not used and nothing was written`,
      { file: where, expected: sha256, actual },
    );
  }
}
