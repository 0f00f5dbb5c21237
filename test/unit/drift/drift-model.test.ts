import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ObjectDiffWire } from '../../../renderer/src/features/compare/diff-model';
import {
  describeProvenance,
  formatDayUtc,
  formatWhenUtc,
  provenanceIndex,
  triageCounts,
  triageCountsText,
} from '../../../renderer/src/features/drift/drift-model';

function object(key: string, status: ObjectDiffWire['status'] = 'changed'): ObjectDiffWire {
  return { type: 'routing.wrapupcode', key, status, changes: [] } as unknown as ObjectDiffWire;
}

describe('drift: who, when and the counts', () => {
  it('writes dates unambiguously, in UTC', () => {
    assert.equal(formatWhenUtc('2026-12-06T08:05:00.000Z'), '6 Dec 2026, 08:05 UTC');
    assert.equal(formatDayUtc('2026-12-06T23:59:00.000Z'), '6 Dec 2026');
  });

  it('says who changed an object and when, or what the org does not say', () => {
    const code = object('Account Updated');
    const index = provenanceIndex([
      { type: code.type, key: code.key, modifiedBy: 'client-7', dateModified: '2026-12-06T08:05:00.000Z' },
    ]);
    assert.equal(
      describeProvenance(
        code,
        index.get('routing.wrapupcode\u0000Account Updated') ?? [...index.values()][0],
        'prod',
      ),
      'Changed in prod by client-7 on 6 Dec 2026, 08:05 UTC.',
    );
    assert.match(
      describeProvenance(
        code,
        { type: code.type, key: code.key, modifiedBy: null, dateModified: '2026-12-06T08:05:00Z' },
        'prod',
      ),
      /^Changed in prod on 6 Dec 2026, 08:05 UTC; the org does not say by whom/,
    );
    assert.match(
      describeProvenance(object('Gone', 'removed'), undefined, 'prod'),
      /^Deleted from prod; .*audit log/,
    );
    assert.match(describeProvenance(code, undefined, 'prod'), /does not say who changed it or when/);
  });

  it('counts what is triaged and what is left, and updates as outcomes come in', () => {
    const objects = [object('a'), object('b'), object('c'), object('d')];
    const none = triageCounts(objects, {});
    assert.deepEqual(none, { total: 4, accepted: 0, reverted: 0, ignored: 0, open: 4 });
    assert.equal(triageCountsText(none), '4 drifted: 4 to triage');
    const ids = objects.map((item) => `${item.type}\u0000${item.key}`);
    const after = triageCounts(objects, {
      [ids[0] ?? '']: { action: 'accepted', commit: 'abc', message: '' },
      [ids[1] ?? '']: { action: 'reverted', changesetId: 'x', file: 'f', commit: 'c' },
      [ids[2] ?? '']: { action: 'ignored', reason: 'r' },
    });
    assert.equal(triageCountsText(after), '4 drifted: 1 accepted, 1 revert drafted, 1 ignored, 1 to triage');
  });
});
