import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AUDIO_MAX_BYTES } from '../../../shared/model/prompt-audio';
import {
  languageProblem,
  normalizeLanguage,
  pickedFileProblem,
  promptAudioSources,
  promptResources,
  resourceAudio,
  withAudio,
  withResourceAdded,
  withResourceRemoved,
} from '../../../renderer/src/features/changesets/forms/prompt-form-model';
import { frozenCopy } from './form-test-support';

const SHA = 'd4'.repeat(32);

const prompt = {
  name: 'Welcome',
  description: 'Played when a call arrives',
  resources: [
    {
      language: 'en-us',
      ttsString: 'Thanks for calling.',
      text: 'Thanks for calling.',
      audio: { sha256: SHA, bytes: 49_244, durationSeconds: 3.1 },
    },
    { language: 'fr-ca', ttsString: 'Merci de votre appel.', audio: null },
  ],
};

/** The smallest WAV a header reader accepts: RIFF/WAVE, a PCM `fmt ` chunk and an empty `data` chunk. */
function tinyWav(): Uint8Array {
  const bytes = new Uint8Array(44);
  const view = new DataView(bytes.buffer);
  const tag = (at: number, text: string) => [...text].forEach((c, i) => (bytes[at + i] = c.charCodeAt(0)));
  tag(0, 'RIFF');
  view.setUint32(4, 36, true);
  tag(8, 'WAVE');
  tag(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true);
  view.setUint16(22, 1, true);
  view.setUint32(24, 8000, true);
  view.setUint32(28, 16000, true);
  view.setUint16(32, 2, true);
  view.setUint16(34, 16, true);
  tag(36, 'data');
  view.setUint32(40, 0, true);
  return bytes;
}

describe('prompt form: languages', () => {
  it('lists the resources and adds a language without a recording, leaving the input untouched', () => {
    const value = frozenCopy(prompt);
    const next = withResourceAdded(value, 'es-us');
    assert.deepEqual(
      promptResources(next).map((resource) => resource['language']),
      ['en-us', 'fr-ca', 'es-us'],
    );
    assert.deepEqual(promptResources(next)[2], { language: 'es-us', audio: null });
    assert.equal(promptResources(value).length, 2);
  });

  it('removes one language and keeps the others as they were', () => {
    const next = withResourceRemoved(frozenCopy(prompt), 0);
    assert.deepEqual(promptResources(next), [prompt.resources[1]]);
    assert.deepEqual(promptResources(withResourceRemoved(next, 0)), []);
  });

  it('says in words why a language cannot be added', () => {
    const value = frozenCopy(prompt);
    assert.equal(normalizeLanguage('  EN_GB '), 'en-gb');
    assert.equal(languageProblem('en-gb', value), null);
    assert.match(languageProblem('', value) ?? '', /Type a language code/);
    assert.match(languageProblem('english', value) ?? '', /not a language code/);
    assert.match(languageProblem('fr-ca', value) ?? '', /already has fr-ca/);
  });
});

describe('prompt form: recordings', () => {
  it('reads a resource’s recording, and none where audio is null', () => {
    const [english, french] = promptResources(frozenCopy(prompt));
    assert.ok(english && french);
    assert.deepEqual(resourceAudio(english), { sha256: SHA, bytes: 49_244, durationSeconds: 3.1 });
    assert.equal(resourceAudio(french), null);
  });

  it('puts an attached descriptor on one resource and removes it as null', () => {
    const value = frozenCopy(prompt);
    const descriptor = { sha256: 'e5'.repeat(32), bytes: 2_044, durationSeconds: null };
    const attached = withAudio(value, 1, descriptor);
    assert.deepEqual(promptResources(attached)[1]?.['audio'], descriptor);
    assert.deepEqual(promptResources(attached)[0], prompt.resources[0]);
    const removed = withAudio(attached, 0, null);
    assert.equal(promptResources(removed)[0]?.['audio'], null);
    assert.equal(promptResources(removed)[0]?.['ttsString'], 'Thanks for calling.');
  });

  it('refuses a picked file that is not a WAV, is empty or too big, before sending it', () => {
    assert.equal(pickedFileProblem('welcome.WAV', tinyWav()), null);
    assert.match(
      pickedFileProblem('welcome.mp3', tinyWav()) ?? '',
      /not a WAV file: pick a file ending in \.wav/,
    );
    assert.match(pickedFileProblem('empty.wav', new Uint8Array()) ?? '', /is empty/);
    const text = new TextEncoder().encode('this is a text file, not audio at all');
    assert.match(pickedFileProblem('notes.wav', text) ?? '', /no RIFF\/WAVE header/);
    const big = new Uint8Array(AUDIO_MAX_BYTES + 1);
    assert.match(pickedFileProblem('long.wav', big) ?? '', /at most 25\.0 MB/);
  });

  it('reads recordings from the changeset, then the target, then the other environments', () => {
    assert.deepEqual(promptAudioSources('new-prompts', 'uat', ['dev', 'uat', 'prod']), [
      { kind: 'changeset', changesetId: 'new-prompts' },
      { kind: 'snapshot', environment: 'uat' },
      { kind: 'snapshot', environment: 'dev' },
      { kind: 'snapshot', environment: 'prod' },
    ]);
    assert.deepEqual(promptAudioSources(null, null, ['dev']), [{ kind: 'snapshot', environment: 'dev' }]);
  });
});
