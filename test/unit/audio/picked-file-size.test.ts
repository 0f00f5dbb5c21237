import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AUDIO_MAX_BYTES } from '../../../shared/model/prompt-audio';
import {
  pickedFileProblem,
  pickedFileSizeProblem,
} from '../../../renderer/src/features/changesets/forms/prompt-form-model';

/**
 * A picked file is judged by its name and size before the window reads it (issue 17): a file of
 * gigabytes must not be read whole into memory only to be refused afterwards.
 */
describe('a picked WAV file, before it is read', () => {
  it('refuses a file larger than prompt audio may be, from its size alone', () => {
    assert.match(pickedFileSizeProblem('huge.wav', 4 * 1024 ** 3) ?? '', /"huge\.wav" is .*at most/);
    assert.match(pickedFileSizeProblem('edge.wav', AUDIO_MAX_BYTES + 1) ?? '', /at most/);
    assert.equal(pickedFileSizeProblem('edge.wav', AUDIO_MAX_BYTES), null);
  });

  it('refuses a name that is not .wav and an empty file, as the full check does', () => {
    assert.match(pickedFileSizeProblem('song.mp3', 10) ?? '', /not a WAV file/);
    assert.match(pickedFileSizeProblem('empty.wav', 0) ?? '', /empty/);
    assert.equal(pickedFileProblem('empty.wav', new Uint8Array()), pickedFileSizeProblem('empty.wav', 0));
  });
});
