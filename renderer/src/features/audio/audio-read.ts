import { FerryError } from '../../../../shared/api/api-error';
import type { AudioFile, AudioSource } from '../../../../shared/model/prompt-audio';
import { call } from '../../api/ferry-client';
import { base64ToBytes } from './audio-format';

/** A recording ready for an `<audio>` element: its bytes as a Blob of the WAV media type. */
export interface LoadedAudio {
  file: AudioFile;
  blob: Blob;
}

/**
 * Reads one recording by hash from the first of `sources` that holds it. The files are named by
 * their hash, so every source that has one has the same bytes: a changeset's recording may sit in
 * its own folder or still only in the snapshot it was picked from. The main process checks the
 * bytes against the hash; the answer is checked here against what was asked for, too.
 */
export async function readAudio(sources: readonly AudioSource[], sha256: string): Promise<LoadedAudio> {
  let last: unknown = new FerryError(
    'audio.not-found',
    'This recording is not in the workspace: a live org is read over the API, so snapshot it to play its audio',
  );
  for (const source of sources) {
    try {
      const file = await call('audio.read', { source, sha256 });
      const bytes = base64ToBytes(file.base64);
      if (file.descriptor.sha256 !== sha256 || bytes.byteLength !== file.descriptor.bytes) {
        throw new FerryError(
          'audio.hash-mismatch',
          `The audio read for ${sha256.slice(0, 12)}… is another file`,
        );
      }
      return { file, blob: new Blob([bytes], { type: file.mediaType }) };
    } catch (error) {
      last = error;
      // Only "not there" moves on to the next place; a damaged file is an answer in itself.
      if (!(error instanceof FerryError) || error.code !== 'audio.not-found') break;
    }
  }
  throw last;
}
