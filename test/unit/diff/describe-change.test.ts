import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeFieldChange } from '../../../shared/diff/describe-change';
import { diffObjects } from '../../../shared/diff/diff-objects';
import type { FieldChange } from '../../../shared/diff/diff-types';
import { queue, wrapupRef } from './side-fixture';

const sentences: [FieldChange, string][] = [
  [
    { path: 'acwSettings.timeoutMs', kind: 'changed', before: 30000, after: 60000 },
    'acwSettings.timeoutMs 30000 → 60000',
  ],
  [{ path: 'wrapupCodes', kind: 'set-added', after: wrapupRef('Escalated') }, 'wrapupCodes + "Escalated"'],
  [{ path: 'wrapupCodes', kind: 'set-removed', before: wrapupRef('Old code') }, 'wrapupCodes − "Old code"'],
  [{ path: 'description', kind: 'added', after: 'Sales line' }, 'description added "Sales line"'],
  [
    { path: 'queueFlow', kind: 'removed', before: { $ref: 'architect.flow', name: 'Main' } },
    'queueFlow removed',
  ],
  [
    {
      path: 'queueFlow',
      kind: 'changed',
      before: { $ref: 'architect.flow', name: 'Main' },
      after: { $ref: 'architect.flow', name: 'Holiday' },
    },
    'queueFlow "Main" → "Holiday"',
  ],
  [
    { path: 'enableTranscription', kind: 'changed', before: false, after: true },
    'enableTranscription false → true',
  ],
  [
    { path: 'mediaSettings.email', kind: 'added', after: { alertingTimeoutSeconds: 300, auto: null } },
    'mediaSettings.email added {alertingTimeoutSeconds: 300, auto: null}',
  ],
  [
    {
      path: 'bullseye.rings[1].actions.skillsToRemove',
      kind: 'changed',
      before: [],
      after: [wrapupRef('A')],
    },
    'bullseye.rings[1].actions.skillsToRemove [] → ["A"]',
  ],
  [
    { path: 'division', kind: 'changed', before: { $ref: 'authorization.division', id: 'abc' }, after: null },
    'division authorization.division abc (unresolved) → null',
  ],
];

describe('describeFieldChange', () => {
  for (const [change, sentence] of sentences) {
    it(sentence, () => assert.equal(describeFieldChange(change), sentence));
  }

  it('cuts long values and keeps strings quoted', () => {
    const long = `${'word '.repeat(40)}"quoted"`;
    const text = describeFieldChange({ path: 'description', kind: 'added', after: long });
    assert.match(text, /^description added "word word .*…"$/);
    assert.ok(text.length < 110);
    const rows = Array.from({ length: 50 }, (_, index) => ({ key: String(index) }));
    assert.match(
      describeFieldChange({ path: 'rows', kind: 'added', after: rows }),
      /^rows added \[\{key: "0"\}, .*…$/,
    );
  });

  it('reads the changes diffObjects finds', () => {
    const { changes } = diffObjects(
      'routing.queue',
      queue('Q'),
      queue('Q', {
        acwSettings: { timeoutMs: 60000, wrapupPrompt: 'MANDATORY_TIMEOUT' },
        wrapupCodes: [wrapupRef('Escalated'), wrapupRef('Resolved')],
      }),
    );
    assert.deepEqual(changes.map(describeFieldChange), [
      'acwSettings.timeoutMs 30000 → 60000',
      'wrapupCodes − "Transferred"',
      'wrapupCodes + "Escalated"',
    ]);
  });
});
