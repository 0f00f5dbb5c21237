import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyChangeset } from '../../../shared/changeset/apply-changeset';
import { objectIn } from '../../../shared/changeset/object-state';
import {
  mergeOperations,
  operationsFromFieldChanges,
} from '../../../shared/changeset/operations-from-selection';
import { diffObjects } from '../../../shared/diff/diff-objects';
import type { FieldChange } from '../../../shared/diff/diff-types';
import type { ChangesetOperation } from '../../../shared/model/changeset';
import { queue, skill, skillRef, stateOf, wrapupRef } from './changeset-fixture';

const from = queue('Voice', {
  description: 'old',
  bullseye: { rings: [{ a: 1 }] },
  wrapupCodes: [wrapupRef('A'), wrapupRef('C')],
  routingRules: [{ threshold: 1 }, { threshold: 2 }, { threshold: 3 }],
});
const to = queue('Voice', {
  acwSettings: { timeoutMs: 45000, wrapupPrompt: 'OPTIONAL' },
  bullseye: { rings: [{ a: 2 }, { b: 1 }, { c: 1 }] },
  wrapupCodes: [wrapupRef('B'), wrapupRef('C'), wrapupRef('D')],
  routingRules: [{ threshold: 1 }],
  callingPartyName: 'Ferry',
});
const changes = diffObjects('routing.queue', from, to).changes;
const pick = (predicate: (change: FieldChange) => boolean) => changes.filter(predicate);
const update = (
  ...operationChanges: Extract<ChangesetOperation, { op: 'update' }>['changes']
): ChangesetOperation => ({
  op: 'update',
  type: 'routing.queue',
  key: 'Voice',
  changes: operationChanges,
});

describe('operationsFromFieldChanges', () => {
  it('makes one change per picked field, with before from `from` and after from `to`', () => {
    const operations = operationsFromFieldChanges(
      'routing.queue',
      'Voice',
      from,
      to,
      pick((change) => ['description', 'callingPartyName', 'acwSettings.timeoutMs'].includes(change.path)),
    );
    assert.deepEqual(operations, [
      update(
        { path: 'acwSettings.timeoutMs', before: 30000, after: 45000 },
        { path: 'callingPartyName', after: 'Ferry' },
        { path: 'description', before: 'old' },
      ),
    ]);
  });

  it('turns picked set elements into the array as in `from` with just those added or removed', () => {
    const operations = operationsFromFieldChanges(
      'routing.queue',
      'Voice',
      from,
      to,
      pick((change) => change.kind === 'set-added' && (change.after as { name: string }).name === 'D'),
    );
    assert.deepEqual(operations, [
      update({
        path: 'wrapupCodes',
        before: [wrapupRef('A'), wrapupRef('C')],
        after: [wrapupRef('A'), wrapupRef('C'), wrapupRef('D')],
      }),
    ]);
    const both = operationsFromFieldChanges(
      'routing.queue',
      'Voice',
      from,
      to,
      pick((change) => change.path === 'wrapupCodes'),
    );
    assert.deepEqual(both, [
      update({
        path: 'wrapupCodes',
        before: [wrapupRef('A'), wrapupRef('C')],
        after: [wrapupRef('B'), wrapupRef('C'), wrapupRef('D')],
      }),
    ]);
  });

  it('keeps the outer of two nested picks', () => {
    const picks: FieldChange[] = [
      { path: 'acwSettings.timeoutMs', kind: 'changed', before: 30000, after: 45000 },
      { path: 'acwSettings', kind: 'changed', before: from.acwSettings, after: to.acwSettings },
    ];
    assert.deepEqual(operationsFromFieldChanges('routing.queue', 'Voice', from, to, picks), [
      update({ path: 'acwSettings', before: from.acwSettings, after: to.acwSettings }),
    ]);
  });

  it('appends picked new elements after those already there, and removes from the end first', () => {
    assert.deepEqual(
      pick((change) => change.path.startsWith('bullseye') || change.path.startsWith('routingRules')).map(
        (change) => [change.kind, change.path],
      ),
      [
        ['changed', 'bullseye.rings[0].a'],
        ['added', 'bullseye.rings[1]'],
        ['added', 'bullseye.rings[2]'],
        ['removed', 'routingRules[1]'],
        ['removed', 'routingRules[2]'],
      ],
    );
    const operations = operationsFromFieldChanges(
      'routing.queue',
      'Voice',
      from,
      to,
      pick((change) => ['bullseye.rings[2]', 'routingRules[1]', 'routingRules[2]'].includes(change.path)),
    );
    assert.deepEqual(operations, [
      update(
        { path: 'bullseye.rings[1]', after: { c: 1 } },
        { path: 'routingRules[2]', before: { threshold: 3 } },
        { path: 'routingRules[1]', before: { threshold: 2 } },
      ),
    ]);
    const { state, conflicts } = applyChangeset(stateOf(['routing.queue', from]), operations);
    assert.deepEqual(conflicts, []);
    assert.deepEqual(objectIn(state, 'routing.queue', 'Voice')?.bullseye, { rings: [{ a: 1 }, { c: 1 }] });
    assert.deepEqual(objectIn(state, 'routing.queue', 'Voice')?.routingRules, [{ threshold: 1 }]);
  });

  it('returns nothing when nothing is picked', () => {
    assert.deepEqual(operationsFromFieldChanges('routing.queue', 'Voice', from, to, []), []);
  });
});

describe('mergeOperations', () => {
  const timeout = (before: number, after: number) => update({ path: 'acwSettings.timeoutMs', before, after });

  it('appends operations on new objects and keeps the order', () => {
    const create: ChangesetOperation = {
      op: 'create',
      type: 'routing.skill',
      key: 'Chat',
      body: skill('Chat'),
    };
    const merged = mergeOperations([timeout(30000, 45000)], [create]);
    assert.deepEqual(merged, { operations: [timeout(30000, 45000), create], replaced: 0 });
  });

  it('update + update on one path keeps the original before and takes the new after', () => {
    const merged = mergeOperations(
      [
        update({ path: 'description', after: 'x' }),
        { op: 'create', type: 'routing.skill', key: 'Chat', body: skill('Chat') },
      ],
      [
        update(
          { path: 'acwSettings.timeoutMs', before: 30000, after: 45000 },
          { path: 'description', before: 'x', after: 'y' },
        ),
      ],
    );
    assert.deepEqual(
      merged.operations[0],
      update(
        { path: 'description', after: 'y' },
        { path: 'acwSettings.timeoutMs', before: 30000, after: 45000 },
      ),
    );
    assert.equal(merged.replaced, 0);
  });

  it('drops a change that comes back to its original value, and an update left empty', () => {
    assert.deepEqual(mergeOperations([timeout(30000, 45000)], [timeout(45000, 30000)]), {
      operations: [],
      replaced: 0,
    });
  });

  it('a new change inside an existing outer one is written into its after', () => {
    const outer = update({
      path: 'acwSettings',
      before: { timeoutMs: 30000, wrapupPrompt: 'MANDATORY_TIMEOUT' },
      after: { timeoutMs: 45000, wrapupPrompt: 'OPTIONAL' },
    });
    assert.deepEqual(mergeOperations([outer], [timeout(45000, 60000)]).operations, [
      update({
        path: 'acwSettings',
        before: { timeoutMs: 30000, wrapupPrompt: 'MANDATORY_TIMEOUT' },
        after: { timeoutMs: 60000, wrapupPrompt: 'OPTIONAL' },
      }),
    ]);
  });

  it('a new outer change replaces the inner ones, its before rebuilt as the original', () => {
    const outerAfter = { timeoutMs: 10000, wrapupPrompt: 'OPTIONAL' };
    const expected = [
      update(
        { path: 'description', after: 'x' },
        {
          path: 'acwSettings',
          before: { timeoutMs: 30000, wrapupPrompt: 'MANDATORY_TIMEOUT' },
          after: outerAfter,
        },
      ),
    ];
    const existing = [
      update(
        { path: 'description', after: 'x' },
        { path: 'acwSettings.timeoutMs', before: 30000, after: 45000 },
      ),
    ];
    // Whether the new change's before was read after the existing changes or from the original target.
    for (const readBefore of [45000, 30000]) {
      const merged = mergeOperations(existing, [
        update({
          path: 'acwSettings',
          before: { timeoutMs: readBefore, wrapupPrompt: 'MANDATORY_TIMEOUT' },
          after: outerAfter,
        }),
      ]);
      assert.deepEqual(merged.operations, expected);
    }
  });

  it('create + update becomes the create with the update applied', () => {
    const create: ChangesetOperation = {
      op: 'create',
      type: 'routing.queue',
      key: 'Voice',
      body: queue('Voice'),
    };
    const merged = mergeOperations(
      [create],
      [
        update(
          { path: 'acwSettings.timeoutMs', before: 30000, after: 45000 },
          { path: 'wrapupCodes', after: [wrapupRef('B'), wrapupRef('A')] },
        ),
      ],
    );
    assert.deepEqual(merged, {
      operations: [
        {
          op: 'create',
          type: 'routing.queue',
          key: 'Voice',
          body: queue('Voice', {
            acwSettings: { timeoutMs: 45000, wrapupPrompt: 'MANDATORY_TIMEOUT' },
            wrapupCodes: [wrapupRef('A'), wrapupRef('B')],
          }),
        },
      ],
      replaced: 0,
    });
  });

  it('otherwise the new operation replaces the old one, and is counted', () => {
    const remove: ChangesetOperation = {
      op: 'delete',
      type: 'routing.queue',
      key: 'Voice',
      before: queue('Voice'),
    };
    const recreate: ChangesetOperation = {
      op: 'create',
      type: 'routing.queue',
      key: 'Voice',
      body: queue('Voice', { description: 'new' }),
    };
    assert.deepEqual(mergeOperations([timeout(30000, 45000)], [remove]), {
      operations: [remove],
      replaced: 1,
    });
    assert.deepEqual(mergeOperations([remove, timeout(1, 2)], [recreate]), {
      operations: [recreate, timeout(1, 2)],
      replaced: 1,
    });
  });

  it('keeps the operations it was given unchanged', () => {
    const existing = [timeout(30000, 45000)];
    const copy = structuredClone(existing);
    mergeOperations(existing, [
      timeout(45000, 60000),
      update({ path: 'bullseye', after: { rings: [{ actions: { skillsToRemove: [skillRef('A')] } }] } }),
    ]);
    assert.deepEqual(existing, copy);
  });
});
