import type { AudioStore } from '../../../services/audio/audio-store';
import type { ChannelHandlers } from '../dispatcher';

/** Prompt audio onto the audio store; no behaviour here. */
export function createAudioHandlers(audio: AudioStore): Pick<ChannelHandlers, 'audio.read' | 'audio.attach'> {
  return {
    'audio.read': ({ source, sha256 }) => audio.read(source, sha256),
    'audio.attach': ({ changesetId, fileName, base64 }) => audio.attach(changesetId, fileName, base64),
  };
}
