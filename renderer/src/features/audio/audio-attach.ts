import type { AudioAttachResult } from '../../../../shared/model/prompt-audio';
import { call } from '../../api/ferry-client';
import { bytesToBase64 } from './audio-format';

/**
 * Sends a picked WAV file to the changeset's audio folder; the answer is the descriptor the
 * prompt resource then holds. The main process checks the header and computes the hash.
 */
export function attachAudio(
  changesetId: string,
  fileName: string,
  bytes: Uint8Array,
): Promise<AudioAttachResult> {
  return call('audio.attach', { changesetId, fileName, base64: bytesToBase64(bytes) });
}
