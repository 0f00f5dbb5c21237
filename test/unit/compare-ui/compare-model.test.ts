import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DiffStatus } from '../../../shared/diff/diff-types';
import { changeStep, stepIndex } from '../../../renderer/src/features/compare/change-keys';
import {
  deploymentWords,
  differenceWords,
  type ObjectDiffWire,
} from '../../../renderer/src/features/compare/diff-model';
import {
  buildDiffRows,
  noFilters,
  stepChangedRow,
  type DiffFilters,
} from '../../../renderer/src/features/compare/diff-rows';
import { isNewRule, listObjects } from '../../../renderer/src/features/compare/ignore-visibility';
import { sideName } from '../../../renderer/src/features/compare/source-names';

function object(type: string, key: string, status: DiffStatus, ignored = 0): ObjectDiffWire {
  return { type, key, status, changes: [], ignored };
}

// As the engine sends them: by type, then by key.
const objects: ObjectDiffWire[] = [
  object('routing.skill', 'Billing', 'changed'),
  object('routing.skill', 'Porting', 'removed'),
  object('routing.skill', 'Video', 'added'),
  object('routing.queue', 'Alpha', 'unchanged'),
  object('routing.queue', 'Beta', 'removed'),
  object('routing.queue', 'Gamma', 'changed'),
  object('routing.queue', 'Zeta', 'added'),
];

function keys(filters: Partial<DiffFilters>): string[] {
  return buildDiffRows(objects, { ...noFilters, ...filters }, {}).flatMap((row) =>
    row.kind === 'object' ? [row.object.key] : [],
  );
}

describe('compare worded as a deployment', () => {
  const words = deploymentWords('dev', 'uat');

  it('says what happens to the target, not which side holds what', () => {
    assert.equal(words.label('added'), 'Will be created in uat');
    assert.equal(words.label('changed'), 'Will be updated');
    assert.equal(words.label('removed'), 'Will be deleted from uat');
    assert.equal(words.label('unchanged'), 'Same');
    assert.deepEqual((['added', 'changed', 'renamed', 'removed', 'unchanged'] as const).map(words.badge), [
      'Create',
      'Update',
      'Rename',
      'Delete',
      'Same',
    ]);
    assert.match(words.meaning('added'), /^Only in dev: .*creates it in uat$/);
    assert.match(words.meaning('removed'), /^Only in uat: .*deletes it from uat$/);
  });

  it('leaves the plain difference words to pages that are not deployments (Drift)', () => {
    const plain = differenceWords('uat', 'live:uat');
    assert.equal(plain.label('added'), 'Added');
    assert.equal(plain.badge('removed'), 'Removed');
    assert.equal(plain.meaning('added'), 'Only in live:uat');
  });

  it('names a side as a person would', () => {
    assert.equal(sideName({ environment: 'dev', point: 'latest' }), 'dev');
    assert.equal(sideName({ environment: 'prod', point: 'live' }), 'prod (live)');
    assert.equal(sideName({ environment: 'uat', point: '1a2b3c4d5e6f' }), 'uat@1a2b3c4');
    assert.equal(
      sideName({ environment: 'uat', point: 'latest', changeset: 'video-queue' }),
      'uat + changeset video-queue',
    );
  });
});

describe('status chips filter the list to one status', () => {
  it('shows every status with no chip pressed, only the pressed one otherwise', () => {
    assert.deepEqual(keys({}), ['Billing', 'Porting', 'Video', 'Alpha', 'Beta', 'Gamma', 'Zeta']);
    assert.deepEqual(keys({ status: 'added' }), ['Video', 'Zeta']);
    assert.deepEqual(keys({ status: 'removed', type: 'routing.queue' }), ['Beta']);
  });
});

describe('ordering within a type', () => {
  it('keeps the engine order by name, or sorts by outcome then name', () => {
    assert.deepEqual(keys({ order: 'name', type: 'routing.queue' }), ['Alpha', 'Beta', 'Gamma', 'Zeta']);
    // Created, updated, deleted, then the same: the order a deployment reads in.
    assert.deepEqual(keys({ order: 'status', type: 'routing.queue' }), ['Zeta', 'Gamma', 'Beta', 'Alpha']);
    assert.deepEqual(keys({ order: 'status' }), [
      'Video',
      'Billing',
      'Porting',
      'Zeta',
      'Gamma',
      'Beta',
      'Alpha',
    ]);
  });

  it('does not reorder the result it was given', () => {
    const before = objects.map((item) => item.key);
    keys({ order: 'status' });
    assert.deepEqual(
      objects.map((item) => item.key),
      before,
    );
  });
});

describe('next and previous change', () => {
  const rows = buildDiffRows(objects, noFilters, {});
  const keyAt = (index: number) => {
    const row = rows[index];
    return row?.kind === 'object' ? row.object.key : null;
  };

  it('walks the objects that differ, skipping type headers and unchanged objects', () => {
    const first = stepChangedRow(rows, -1, 1);
    assert.equal(keyAt(first), 'Billing');
    const walked: (string | null)[] = [];
    for (let index = first, guard = 0; index !== -1 && guard < rows.length; guard += 1) {
      walked.push(keyAt(index));
      index = stepChangedRow(rows, index, 1);
    }
    assert.deepEqual(walked, ['Billing', 'Porting', 'Video', 'Beta', 'Gamma', 'Zeta']);
  });

  it('goes back from the end, and answers -1 past either end', () => {
    assert.equal(keyAt(stepChangedRow(rows, -1, -1)), 'Zeta');
    const beta = rows.findIndex((row) => row.kind === 'object' && row.object.key === 'Beta');
    assert.equal(keyAt(stepChangedRow(rows, beta, -1)), 'Video');
    assert.equal(stepChangedRow(rows, rows.length - 1, 1), -1);
    assert.equal(stepChangedRow(rows, 1, -1), -1);
  });

  it('reads j/k and F7/Shift+F7, and nothing held with Ctrl, Alt or Cmd', () => {
    const key = (
      value: string,
      extra: Partial<Record<'shiftKey' | 'ctrlKey' | 'altKey' | 'metaKey', boolean>> = {},
    ) => changeStep({ key: value, shiftKey: false, ctrlKey: false, altKey: false, metaKey: false, ...extra });
    assert.equal(key('j'), 1);
    assert.equal(key('k'), -1);
    assert.equal(key('F7'), 1);
    assert.equal(key('F7', { shiftKey: true }), -1);
    assert.equal(key('J', { shiftKey: true }), null);
    assert.equal(key('j', { ctrlKey: true }), null);
    assert.equal(key('F7', { altKey: true }), null);
    assert.equal(key('k', { metaKey: true }), null);
    assert.equal(key('ArrowDown'), null);
  });

  it('steps through field changes without wrapping', () => {
    assert.equal(stepIndex(3, -1, 1), 0);
    assert.equal(stepIndex(3, -1, -1), 2);
    assert.equal(stepIndex(3, 0, 1), 1);
    assert.equal(stepIndex(3, 2, 1), 2);
    assert.equal(stepIndex(3, 0, -1), 0);
    assert.equal(stepIndex(0, -1, 1), -1);
  });
});

describe('objects the ignore rules hide', () => {
  const result = [
    object('routing.queue', 'Changed', 'changed'),
    object('routing.queue', 'Identical', 'unchanged'),
    object('architect.schedule', 'Saturday', 'unchanged', 1),
    object('architect.schedule', 'Sunday', 'unchanged', 2),
  ];

  it('are counted and kept out of the list until shown', () => {
    const hidden = listObjects(result, { includeUnchanged: false, showIgnored: false });
    assert.deepEqual(
      hidden.listed.map((item) => item.key),
      ['Changed'],
    );
    assert.equal(hidden.hiddenByIgnore, 2);
    const shown = listObjects(result, { includeUnchanged: false, showIgnored: true });
    assert.deepEqual(
      shown.listed.map((item) => item.key),
      ['Changed', 'Saturday', 'Sunday'],
    );
    assert.equal(shown.hiddenByIgnore, 2);
  });

  it('are not identical objects: those list only when unchanged objects are asked for', () => {
    const all = listObjects(result, { includeUnchanged: true, showIgnored: false });
    assert.deepEqual(
      all.listed.map((item) => item.key),
      ['Changed', 'Identical'],
    );
    assert.equal(all.hiddenByIgnore, 2);
  });

  it('undo takes back only a rule the last ignore added', () => {
    const rules = [{ type: 'architect.schedule', path: 'end', reason: 'later on Saturdays' }];
    assert.equal(isNewRule({ type: 'architect.schedule', path: 'end' }, rules), false);
    assert.equal(isNewRule({ type: '*', path: 'end' }, rules), true);
    assert.equal(isNewRule({ type: 'architect.schedule', path: 'start' }, rules), true);
  });
});
