import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { diffSides } from '../../../shared/diff/diff-sides';
import type { SideIndex, SideObject } from '../../../shared/diff/diff-types';

function side(entries: [string, string][]): SideIndex {
  return new Map([
    ['routing.skill', new Map<string, SideObject>(entries.map(([key, hash]) => [key, { key, hash }]))],
  ]);
}

describe('quick compare (fieldLevel: false)', () => {
  it('gives statuses from hashes without reading a single object', async () => {
    const a = side([
      ['Billing', 'h1'],
      ['Sales', 'h2'],
      ['Support', 'h3'],
    ]);
    const b = side([
      ['Billing', 'h1'],
      ['Sales', 'h2-changed'],
      ['Video', 'h4'],
    ]);
    const result = await diffSides(
      a,
      b,
      async () => {
        throw new Error('quick mode must not load objects');
      },
      { fieldLevel: false },
    );
    assert.deepEqual(
      result.objects.map((object) => [object.key, object.status, object.changes.length]),
      [
        ['Sales', 'changed', 0],
        ['Support', 'removed', 0],
        ['Video', 'added', 0],
      ],
    );
    assert.equal(result.summary.totals.unchanged, 1);
  });
});
