import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  draftStorageKey,
  readStoredDraft,
  removeStoredDraft,
  writeStoredDraft,
  type DraftStorage,
} from '../../../renderer/src/features/changesets/draft-storage';
import type { Changeset } from '../../../shared/model/changeset';

/** Web Storage over a Map: the same three calls the renderer's localStorage answers. */
function memoryStorage(): DraftStorage & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (key) => map.get(key) ?? null,
    setItem: (key, value) => void map.set(key, value),
    removeItem: (key) => void map.delete(key),
  };
}

const draft: Changeset = {
  formatVersion: 1,
  id: 'raise-acw-1a2b3c',
  title: 'Raise ACW',
  description: '',
  ticket: '',
  author: 'Ada',
  createdAt: '2026-12-06T08:00:00.000Z',
  operations: [],
};

describe('unsaved edits kept across restarts', () => {
  it('reads back what was kept, per workspace and changeset', () => {
    const storage = memoryStorage();
    assert.ok(
      writeStoredDraft(storage, '/ws/a', {
        savedDigest: 'sha256:1',
        at: new Date('2026-12-06T09:00:00Z'),
        draft,
      }),
    );
    const kept = readStoredDraft(storage, '/ws/a', draft.id);
    assert.equal(kept?.savedDigest, 'sha256:1');
    assert.equal(kept?.at, '2026-12-06T09:00:00.000Z');
    assert.deepEqual(kept?.draft, draft);
    assert.equal(readStoredDraft(storage, '/ws/b', draft.id), null, 'another workspace has its own');
    removeStoredDraft(storage, '/ws/a', draft.id);
    assert.equal(readStoredDraft(storage, '/ws/a', draft.id), null);
  });

  it('ignores and removes entries that are not a draft of this changeset', () => {
    const storage = memoryStorage();
    const key = draftStorageKey('/ws', draft.id);
    const bad = [
      'not json',
      '{"format":1,"format":1}',
      JSON.stringify({
        format: 1,
        savedDigest: 'x',
        at: '2026-12-06T09:00:00.000Z',
        draft: { ...draft, id: 'other-1a2b3c' },
      }),
      JSON.stringify({ format: 1, savedDigest: 'x', at: 'yesterday', draft }),
      JSON.stringify({ format: 1, savedDigest: 'x', at: '2026-12-06T09:00:00.000Z', draft, extra: true }),
      '{"__proto__":{"polluted":true}}',
    ];
    for (const text of bad) {
      storage.map.set(key, text);
      assert.equal(readStoredDraft(storage, '/ws', draft.id), null, text);
      assert.equal(storage.map.has(key), false, `removed: ${text}`);
    }
  });

  it('reports storage that refuses a write instead of throwing', () => {
    const full: DraftStorage = {
      getItem: () => null,
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => undefined,
    };
    assert.equal(writeStoredDraft(full, '/ws', { savedDigest: 'x', at: new Date(), draft }), false);
  });

  it('keeps workspace and changeset apart in the key whatever the path holds', () => {
    assert.notEqual(draftStorageKey('/a:b', 'c-12'), draftStorageKey('/a', 'b:c-12'));
  });
});
