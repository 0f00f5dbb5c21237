import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { diffObjects } from '../../../shared/diff/diff-objects';
import type { FieldChange } from '../../../shared/diff/diff-types';
import type { JsonObject } from '../../../shared/model/canonical/json-value';
import {
  audioHeadline,
  audioSourcesForSide,
  groupAudioChanges,
  parseSide,
} from '../../../renderer/src/features/compare/audio-change-model';
import {
  base64ToBytes,
  beforeAfter,
  bytesToBase64,
  describeAudio,
  formatDuration,
  formatSize,
  shortHash,
} from '../../../renderer/src/features/audio/audio-format';

const SHA_DEV = 'a1'.repeat(32);
const SHA_PROD = 'b2'.repeat(32);
const SHA_FR = 'c3'.repeat(32);

const devAudio = { sha256: SHA_DEV, bytes: 49_244, durationSeconds: 3.1 };
const prodAudio = { sha256: SHA_PROD, bytes: 38_444, durationSeconds: 2.4 };

function prompt(
  enAudio: JsonObject | null,
  extra: JsonObject[] = [],
  tts = 'Thanks for calling.',
): JsonObject {
  return {
    name: 'Welcome',
    description: 'Played when a call arrives',
    resources: [{ language: 'en-us', ttsString: tts, text: tts, audio: enAudio }, ...extra],
  };
}

const frResource = {
  language: 'fr-ca',
  ttsString: 'Merci de votre appel.',
  text: 'Merci de votre appel.',
  audio: { sha256: SHA_FR, bytes: 20_524, durationSeconds: 1.2 },
};

describe('audio changes grouped for a person', () => {
  it('reads the three descriptor fields of one resource as one audio change, facts from both sides', () => {
    const prod = prompt(prodAudio);
    const dev = prompt(devAudio);
    const changes: FieldChange[] = [
      { path: 'description', kind: 'changed', before: 'old', after: 'new' },
      { path: 'resources[0].audio.bytes', kind: 'changed', before: 38_444, after: 49_244 },
      { path: 'resources[0].audio.durationSeconds', kind: 'changed', before: 2.4, after: 3.1 },
      { path: 'resources[0].audio.sha256', kind: 'changed', before: SHA_PROD, after: SHA_DEV },
    ];
    const { audio, consumed } = groupAudioChanges(changes, { before: prod, after: dev });
    assert.equal(audio.length, 1);
    const [change] = audio;
    assert.ok(change);
    assert.equal(change.language, 'en-us');
    assert.equal(change.kind, 'changed');
    assert.equal(change.resource, 'both');
    assert.deepEqual(change.before, prodAudio);
    assert.deepEqual(change.after, devAudio);
    assert.deepEqual(change.changeIndexes, [1, 2, 3]);
    assert.deepEqual([...consumed].sort(), [1, 2, 3]);
    assert.equal(audioHeadline(change), 'audio changed');
  });

  it('keeps a length both sides share, from the sides, when only the hash and size changed', () => {
    const before = prompt({ ...prodAudio, durationSeconds: 3.1 });
    const after = prompt(devAudio);
    const { audio } = groupAudioChanges(diffObjects('test.untyped', before, after).changes, {
      before,
      after,
    });
    assert.equal(audio[0]?.before?.durationSeconds, 3.1);
    assert.equal(audio[0]?.after?.durationSeconds, 3.1);
    assert.equal(beforeAfter(formatDuration(3.1), formatDuration(3.1)), '3.1 s on both sides');
  });

  it('pieces the facts together from the changes before the sides are read', () => {
    const changes: FieldChange[] = [
      { path: 'resources[0].audio.sha256', kind: 'changed', before: SHA_PROD, after: SHA_DEV },
      { path: 'resources[0].audio.bytes', kind: 'changed', before: 38_444, after: 49_244 },
    ];
    const [change] = groupAudioChanges(changes).audio;
    assert.deepEqual(change?.before, { sha256: SHA_PROD, bytes: 38_444, durationSeconds: null });
    assert.deepEqual(change?.after, { sha256: SHA_DEV, bytes: 49_244, durationSeconds: null });
    assert.equal(change?.language, null);
  });

  it('says audio added when one side has none, and takes the resource’s other differences along', () => {
    const before = prompt(null, [], 'Old words.');
    const after = prompt(devAudio, [], 'New words.');
    const changes = diffObjects('test.untyped', before, after).changes;
    const { audio, consumed } = groupAudioChanges(changes, { before, after });
    assert.equal(audio.length, 1);
    assert.equal(audio[0]?.kind, 'added');
    assert.equal(audio[0]?.before, null);
    assert.deepEqual(audio[0]?.after, devAudio);
    assert.ok(audio[0]);
    assert.equal(audioHeadline(audio[0]), 'audio added');
    assert.deepEqual(
      audio[0]?.otherChanges.map((change) => change.path),
      ['text', 'ttsString'],
    );
    // Every change of the object was about this resource.
    assert.equal(consumed.size, changes.length);
  });

  it('says audio removed when side b has none', () => {
    const before = prompt(devAudio);
    const after = prompt(null);
    const { audio } = groupAudioChanges(diffObjects('test.untyped', before, after).changes, {
      before,
      after,
    });
    assert.equal(audio[0]?.kind, 'removed');
    assert.deepEqual(audio[0]?.before, devAudio);
    assert.equal(audio[0]?.after, null);
  });

  it('reads a prompt as the diff engine compares it (resources as a set by language) as one audio change', () => {
    const before = prompt(prodAudio, [frResource]);
    const after = prompt(devAudio, [frResource]);
    const changes = diffObjects('architect.prompt', before, after).changes;
    const { audio, consumed } = groupAudioChanges(changes, { before, after });
    assert.equal(audio.length, 1);
    assert.equal(audio[0]?.language, 'en-us');
    assert.equal(audio[0]?.kind, 'changed');
    assert.deepEqual(audio[0]?.before, prodAudio);
    assert.deepEqual(audio[0]?.after, devAudio);
    assert.deepEqual(audio[0]?.otherChanges, []);
    // Nothing about the recording is left to read as a raw row.
    assert.equal(consumed.size, changes.length);
  });

  it('pairs a resource removed and added by language when resources are compared as a set', () => {
    const resourceA = { language: 'en-us', ttsString: 'Hi', text: 'Hi', audio: prodAudio };
    const resourceB = { language: 'en-us', ttsString: 'Hello', text: 'Hi', audio: devAudio };
    const changes: FieldChange[] = [
      { path: 'resources', kind: 'set-removed', before: resourceA },
      { path: 'resources', kind: 'set-added', after: frResource },
      { path: 'resources', kind: 'set-added', after: resourceB },
    ];
    const { audio, consumed } = groupAudioChanges(changes);
    assert.equal(audio.length, 2);
    const [english, french] = audio;
    assert.equal(english?.language, 'en-us');
    assert.equal(english?.kind, 'changed');
    assert.deepEqual(english?.changeIndexes, [0, 2]);
    assert.deepEqual(english?.otherChanges, [
      { path: 'ttsString', kind: 'changed', before: 'Hi', after: 'Hello' },
    ]);
    assert.equal(french?.language, 'fr-ca');
    assert.equal(french?.kind, 'added');
    assert.equal(french?.resource, 'only-b');
    assert.deepEqual(french?.resourceFields, {
      language: 'fr-ca',
      ttsString: 'Merci de votre appel.',
      text: 'Merci de votre appel.',
    });
    assert.ok(french);
    assert.equal(audioHeadline(french), 'audio added, with a new language');
    assert.deepEqual([...consumed].sort(), [0, 1, 2]);
  });

  it('leaves a paired resource whose recording is the same to the plain rows', () => {
    const resourceA = { language: 'en-us', ttsString: 'Hi', audio: devAudio };
    const resourceB = { language: 'en-us', ttsString: 'Hello', audio: devAudio };
    const { audio, consumed } = groupAudioChanges([
      { path: 'resources', kind: 'set-removed', before: resourceA },
      { path: 'resources', kind: 'set-added', after: resourceB },
    ]);
    assert.deepEqual(audio, []);
    assert.equal(consumed.size, 0);
  });

  it('reads a whole language only on side a, with its recording, as audio removed', () => {
    const before = prompt(devAudio, [frResource]);
    const after = prompt(devAudio);
    const changes = diffObjects('test.untyped', before, after).changes;
    const { audio } = groupAudioChanges(changes, { before, after });
    assert.equal(audio.length, 1);
    assert.equal(audio[0]?.language, 'fr-ca');
    assert.equal(audio[0]?.resource, 'only-a');
    assert.equal(audio[0]?.kind, 'removed');
    assert.ok(audio[0]);
    assert.equal(audioHeadline(audio[0]), 'audio removed, with the whole language');
  });

  it('groups nothing where no recording changed, nor a change shown apart', () => {
    const before = prompt(devAudio, [], 'Old');
    const after = prompt(devAudio, [], 'New');
    const plain = diffObjects('test.untyped', before, after).changes;
    assert.deepEqual(groupAudioChanges(plain, { before, after }).audio, []);
    const apart: FieldChange[] = [
      {
        path: 'resources[0].audio.sha256',
        kind: 'changed',
        before: SHA_PROD,
        after: SHA_DEV,
        environmentSpecific: true,
      },
    ];
    assert.deepEqual(groupAudioChanges(apart).audio, []);
  });

  it('reads the sides as the panel holds them, and nothing from text that is not JSON', () => {
    assert.deepEqual(parseSide('{"name":"Welcome"}'), { name: 'Welcome' });
    assert.equal(parseSide(null), null);
    assert.equal(parseSide('{not json'), null);
  });
});

describe('where each side’s recordings are read', () => {
  const commit = '0123456789abcdef0123456789abcdef01234567';

  it('reads a snapshot side at the commit the compare used', () => {
    assert.deepEqual(audioSourcesForSide({ source: 'prod', commit }), [
      { kind: 'snapshot', environment: 'prod', commit },
    ]);
    assert.deepEqual(audioSourcesForSide({ source: 'dev', commit: null }), [
      { kind: 'snapshot', environment: 'dev' },
    ]);
  });

  it('has nothing to play for a live org, and reads a preview from its changeset, then its base', () => {
    assert.deepEqual(audioSourcesForSide({ source: 'live:prod', commit: null }), []);
    assert.deepEqual(audioSourcesForSide({ source: 'preview:new-prompts:uat', commit }), [
      { kind: 'changeset', changesetId: 'new-prompts' },
      { kind: 'snapshot', environment: 'uat', commit },
    ]);
    assert.deepEqual(audioSourcesForSide({ source: 'not a source!', commit: null }), []);
  });
});

describe('audio in words', () => {
  it('says length, size and hash as a person reads them', () => {
    assert.equal(formatDuration(2.4), '2.4 s');
    assert.equal(formatDuration(0), '0.0 s');
    assert.equal(formatDuration(65.2), '1 min 05 s');
    assert.equal(formatDuration(null), 'length unknown');
    assert.equal(formatSize(812), '812 bytes');
    assert.equal(formatSize(1), '1 byte');
    assert.equal(formatSize(38_444), '37.5 KB');
    assert.equal(formatSize(3 * 1024 * 1024 + 200_000), '3.2 MB');
    assert.equal(formatSize(null), 'size unknown');
    assert.equal(shortHash(SHA_DEV), 'a1a1a1a1…');
    assert.equal(shortHash(null), 'hash unknown');
    assert.equal(describeAudio(prodAudio), '2.4 s · 37.5 KB · b2b2b2b2…');
    assert.equal(beforeAfter('2.4 s', '3.1 s'), '2.4 s → 3.1 s');
  });

  it('carries bytes through base64 both ways, a large file included', () => {
    const bytes = new Uint8Array(200_000).map((_, index) => (index * 31) % 256);
    const text = bytesToBase64(bytes);
    assert.equal(text, Buffer.from(bytes).toString('base64'));
    assert.deepEqual(base64ToBytes(text), bytes);
  });
});
