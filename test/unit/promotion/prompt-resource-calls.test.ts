import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { promptResourceCalls } from '../../../shared/promotion/engine/prompt-resource-calls';

const BASE = '/api/v2/architect/prompts/p1/resources';
const audio = (digit: string) => ({ sha256: digit.repeat(64), bytes: 4044, durationSeconds: 0.5 });

describe('prompt resource calls', () => {
  it('creates a language, then uploads its audio', () => {
    assert.deepEqual(
      promptResourceCalls(BASE, [], [{ language: 'en-us', ttsString: 'Hello', audio: audio('a') }]),
      [
        { method: 'POST', path: BASE, body: { language: 'en-us', ttsString: 'Hello' } },
        { method: 'POST', path: `${BASE}/en-us/uploads`, body: { audio: audio('a') } },
      ],
    );
  });

  it('changes text with a PUT, audio with an upload only, and nothing when both agree', () => {
    const current = [
      { language: 'en-us', ttsString: 'Hello', audio: audio('a') },
      { language: 'es-us', ttsString: 'Hola', audio: audio('b') },
      { language: 'fr-ca', ttsString: 'Bonjour', audio: null },
    ];
    const desired = [
      { language: 'en-us', ttsString: 'Hello there', audio: audio('a') },
      { language: 'es-us', ttsString: 'Hola', audio: audio('c') },
      { language: 'fr-ca', ttsString: 'Bonjour', audio: null },
    ];
    assert.deepEqual(promptResourceCalls(BASE, current, desired), [
      { method: 'PUT', path: `${BASE}/en-us`, body: { language: 'en-us', ttsString: 'Hello there' } },
      { method: 'POST', path: `${BASE}/es-us/uploads`, body: { audio: audio('c') } },
    ]);
  });

  it('deletes a language the prompt must lose, and re-creates one that must lose its audio', () => {
    const current = [
      { language: 'en-us', ttsString: 'Hello', audio: audio('a') },
      { language: 'es-us', ttsString: 'Hola', audio: null },
    ];
    const desired = [{ language: 'en-us', ttsString: 'Hello', audio: null }];
    assert.deepEqual(promptResourceCalls(BASE, current, desired), [
      { method: 'DELETE', path: `${BASE}/en-us` },
      { method: 'POST', path: BASE, body: { language: 'en-us', ttsString: 'Hello' } },
      { method: 'DELETE', path: `${BASE}/es-us` },
    ]);
  });
});
