import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isFerryError } from '../../../shared/api/api-error';
import { applyChangeset } from '../../../shared/changeset/apply-changeset';
import { invertOperations } from '../../../shared/changeset/invert-changeset';
import { objectIn, sameState, stateFromEntries } from '../../../shared/changeset/object-state';
import type { ChangesetOperation } from '../../../shared/model/changeset';
import { queue, skill, skillRef, stateOf, wrapupRef } from './changeset-fixture';

const voice = queue('Billing - Voice', { wrapupCodes: [wrapupRef('Resolved'), wrapupRef('Transferred')] });
const target = stateOf(
  ['routing.queue', voice],
  ['routing.skill', skill('Billing')],
  ['routing.skill', skill('Video')],
);

describe('applyChangeset', () => {
  it('creates, updates and deletes, leaving the input state alone', () => {
    const snapshot = structuredClone([...target].map(([type, objects]) => [type, [...objects]]));
    const { state, conflicts } = applyChangeset(target, [
      { op: 'create', type: 'routing.skill', key: 'Chat', body: skill('Chat') },
      {
        op: 'update',
        type: 'routing.queue',
        key: 'Billing - Voice',
        changes: [{ path: 'acwSettings.timeoutMs', before: 30000, after: 45000 }],
      },
      { op: 'delete', type: 'routing.skill', key: 'Video', before: skill('Video') },
    ]);
    assert.deepEqual(conflicts, []);
    assert.deepEqual(objectIn(state, 'routing.skill', 'Chat'), skill('Chat'));
    assert.equal(objectIn(state, 'routing.skill', 'Video'), undefined);
    assert.deepEqual(objectIn(state, 'routing.queue', 'Billing - Voice')?.acwSettings, {
      timeoutMs: 45000,
      wrapupPrompt: 'MANDATORY_TIMEOUT',
    });
    assert.deepEqual(
      [...target].map(([type, objects]) => [type, [...objects]]),
      snapshot,
    );
    assert.equal(objectIn(target, 'routing.skill', 'Video') !== undefined, true);
  });

  it('shares the maps and objects it does not touch', () => {
    const { state } = applyChangeset(target, [
      { op: 'create', type: 'routing.skill', key: 'Chat', body: skill('Chat') },
    ]);
    assert.equal(state.get('routing.queue'), target.get('routing.queue'));
    assert.equal(objectIn(state, 'routing.skill', 'Billing'), objectIn(target, 'routing.skill', 'Billing'));
  });

  it('keeps unordered arrays sorted after an update', () => {
    const { state } = applyChangeset(target, [
      {
        op: 'update',
        type: 'routing.queue',
        key: 'Billing - Voice',
        changes: [
          {
            path: 'wrapupCodes',
            before: [wrapupRef('Resolved'), wrapupRef('Transferred')],
            after: [wrapupRef('Transferred'), wrapupRef('Resolved'), wrapupRef('Callback')],
          },
        ],
      },
    ]);
    assert.deepEqual(objectIn(state, 'routing.queue', 'Billing - Voice')?.wrapupCodes, [
      wrapupRef('Callback'),
      wrapupRef('Resolved'),
      wrapupRef('Transferred'),
    ]);
  });

  it('a create of an object already there with the same content is fine', () => {
    const { conflicts } = applyChangeset(target, [
      { op: 'create', type: 'routing.skill', key: 'Billing', body: skill('Billing') },
    ]);
    assert.deepEqual(conflicts, []);
  });

  it('reports a create of an object that exists with other content (exists), and writes the body', () => {
    const { state, conflicts } = applyChangeset(target, [
      { op: 'create', type: 'routing.skill', key: 'Billing', body: skill('Billing', 'Sales') },
    ]);
    assert.equal(conflicts.length, 1);
    assert.equal(conflicts[0]?.reason, 'exists');
    assert.equal(conflicts[0]?.operation, 0);
    assert.match(
      conflicts[0]?.message ?? '',
      /^operation 1 \(create routing.skill "Billing"\): .*already exists.*at division/,
    );
    assert.deepEqual(objectIn(state, 'routing.skill', 'Billing'), skill('Billing', 'Sales'));
  });

  it('reports an update or delete of a missing object (missing) and skips it', () => {
    const { state, conflicts } = applyChangeset(target, [
      {
        op: 'update',
        type: 'routing.skill',
        key: 'Nope',
        changes: [{ path: 'name', before: 'Nope', after: 'Nope' }],
      },
      { op: 'delete', type: 'routing.skill', key: 'Gone', before: skill('Gone') },
    ]);
    assert.deepEqual(
      conflicts.map((conflict) => [conflict.operation, conflict.reason]),
      [
        [0, 'missing'],
        [1, 'missing'],
      ],
    );
    assert.match(
      conflicts[1]?.message ?? '',
      /operation 2 \(delete routing.skill "Gone"\): the object does not exist/,
    );
    assert.equal(sameState(state, target), true);
  });

  it('reports a before that does not match (before-mismatch) and still writes the after', () => {
    const { state, conflicts } = applyChangeset(target, [
      {
        op: 'update',
        type: 'routing.queue',
        key: 'Billing - Voice',
        changes: [
          { path: 'description', after: 'x' },
          { path: 'acwSettings.timeoutMs', before: 45000, after: 60000 },
          { path: 'acwSettings.wrapupPrompt', after: 'OPTIONAL' },
        ],
      },
    ]);
    assert.deepEqual(
      conflicts.map((conflict) => [conflict.reason, conflict.path, conflict.change]),
      [
        ['before-mismatch', 'acwSettings.timeoutMs', 1],
        ['before-mismatch', 'acwSettings.wrapupPrompt', 2],
      ],
    );
    assert.equal(
      conflicts[0]?.message,
      'operation 1 (update routing.queue "Billing - Voice"): acwSettings.timeoutMs is 30000 in the target, the changeset expects 45000',
    );
    assert.equal(conflicts[0]?.expected, 45000);
    assert.equal(conflicts[0]?.actual, 30000);
    assert.match(
      conflicts[1]?.message ?? '',
      /is "MANDATORY_TIMEOUT" in the target, the changeset expects it absent/,
    );
    assert.deepEqual(objectIn(state, 'routing.queue', 'Billing - Voice')?.acwSettings, {
      timeoutMs: 60000,
      wrapupPrompt: 'OPTIONAL',
    });
  });

  it('reports a delete whose before differs (before-mismatch) and still deletes', () => {
    const { state, conflicts } = applyChangeset(target, [
      { op: 'delete', type: 'routing.skill', key: 'Video', before: skill('Video', 'Sales') },
    ]);
    assert.equal(conflicts[0]?.reason, 'before-mismatch');
    assert.match(conflicts[0]?.message ?? '', /differs from the changeset's before \(at division\)/);
    assert.equal(objectIn(state, 'routing.skill', 'Video'), undefined);
  });

  it('reports a change it cannot write, and goes on', () => {
    const { conflicts } = applyChangeset(target, [
      {
        op: 'update',
        type: 'routing.queue',
        key: 'Billing - Voice',
        changes: [{ path: 'name.first', after: 'x' }],
      },
    ]);
    assert.equal(conflicts[0]?.reason, 'before-mismatch');
    assert.match(conflicts[0]?.message ?? '', /name is a string, not an object/);
  });

  it('strict mode throws changeset.conflict with the first conflict and all of them', () => {
    assert.throws(
      () =>
        applyChangeset(
          target,
          [
            { op: 'delete', type: 'routing.skill', key: 'Gone', before: skill('Gone') },
            { op: 'delete', type: 'routing.skill', key: 'Gone too', before: skill('Gone too') },
          ],
          { strict: true },
        ),
      (error: unknown) => {
        assert.ok(isFerryError(error));
        assert.equal(error.code, 'changeset.conflict');
        assert.match(error.message, /^operation 1 \(delete routing.skill "Gone"\)/);
        assert.equal((error.details?.conflicts as unknown[]).length, 2);
        return true;
      },
    );
  });

  it('refuses a malformed path as an invalid changeset', () => {
    assert.throws(
      () =>
        applyChangeset(target, [
          {
            op: 'update',
            type: 'routing.queue',
            key: 'Billing - Voice',
            changes: [{ path: 'rings[]', after: 1 }],
          },
        ]),
      (error: unknown) =>
        isFerryError(error) && error.code === 'changeset.invalid' && /operation 1/.test(error.message),
    );
  });

  it('inserts where a change without before ends in an index', () => {
    const withRings = stateOf(['routing.queue', queue('Q', { bullseye: { rings: [{ a: 1 }, { c: 3 }] } })]);
    const { state, conflicts } = applyChangeset(withRings, [
      {
        op: 'update',
        type: 'routing.queue',
        key: 'Q',
        changes: [{ path: 'bullseye.rings[1]', after: { b: 2 } }],
      },
    ]);
    assert.deepEqual(conflicts, []);
    assert.deepEqual(objectIn(state, 'routing.queue', 'Q')?.bullseye, {
      rings: [{ a: 1 }, { b: 2 }, { c: 3 }],
    });
    const tooFar = applyChangeset(withRings, [
      { op: 'update', type: 'routing.queue', key: 'Q', changes: [{ path: 'bullseye.rings[5]', after: {} }] },
    ]);
    assert.match(
      tooFar.conflicts[0]?.message ?? '',
      /cannot insert bullseye.rings\[5\]: the target has a list of 2 there/,
    );
  });

  it('works on types the registry does not know, without normalising them', () => {
    const { state, conflicts } = applyChangeset(stateFromEntries([]), [
      { op: 'create', type: 'test.thing', key: 'A', body: { name: 'A', list: [2, 1] } },
    ]);
    assert.deepEqual(conflicts, []);
    assert.deepEqual(objectIn(state, 'test.thing', 'A'), { list: [2, 1], name: 'A' });
  });
});

describe('invertOperations', () => {
  const operations: ChangesetOperation[] = [
    { op: 'create', type: 'routing.skill', key: 'Chat', body: skill('Chat') },
    {
      op: 'update',
      type: 'routing.queue',
      key: 'Billing - Voice',
      changes: [
        { path: 'acwSettings.timeoutMs', before: 30000, after: 45000 },
        { path: 'description', after: 'Billing by phone' },
        { path: 'bullseye', before: { rings: [] } },
      ],
    },
    { op: 'delete', type: 'routing.skill', key: 'Video', before: skill('Video') },
  ];

  it('reverses the order, swaps create and delete, and runs update changes backwards', () => {
    assert.deepEqual(invertOperations(operations), [
      { op: 'create', type: 'routing.skill', key: 'Video', body: skill('Video') },
      {
        op: 'update',
        type: 'routing.queue',
        key: 'Billing - Voice',
        changes: [
          { path: 'bullseye', after: { rings: [] } },
          { path: 'description', before: 'Billing by phone' },
          { path: 'acwSettings.timeoutMs', before: 45000, after: 30000 },
        ],
      },
      { op: 'delete', type: 'routing.skill', key: 'Chat', before: skill('Chat') },
    ]);
  });

  it('is its own inverse', () => {
    assert.deepEqual(invertOperations(invertOperations(operations)), operations);
  });

  it('undoes a changeset applied to a target', () => {
    const forward = applyChangeset(target, [
      { op: 'create', type: 'routing.skill', key: 'Chat', body: skill('Chat') },
      {
        op: 'update',
        type: 'routing.queue',
        key: 'Billing - Voice',
        changes: [
          { path: 'acwSettings.timeoutMs', before: 30000, after: 45000 },
          { path: 'bullseye', after: { rings: [{ actions: { skillsToRemove: [skillRef('Billing')] } }] } },
        ],
      },
      { op: 'delete', type: 'routing.skill', key: 'Video', before: skill('Video') },
    ]);
    assert.deepEqual(forward.conflicts, []);
    const back = applyChangeset(
      forward.state,
      invertOperations([
        { op: 'create', type: 'routing.skill', key: 'Chat', body: skill('Chat') },
        {
          op: 'update',
          type: 'routing.queue',
          key: 'Billing - Voice',
          changes: [
            { path: 'acwSettings.timeoutMs', before: 30000, after: 45000 },
            { path: 'bullseye', after: { rings: [{ actions: { skillsToRemove: [skillRef('Billing')] } }] } },
          ],
        },
        { op: 'delete', type: 'routing.skill', key: 'Video', before: skill('Video') },
      ]),
      { strict: true },
    );
    assert.equal(sameState(back.state, target), true);
  });
});

describe('sameState', () => {
  it('compares deeply and treats an empty type as absent', () => {
    const a = stateOf(['routing.skill', skill('A')]);
    const b = stateFromEntries([
      {
        type: 'routing.skill',
        key: 'A',
        value: { name: 'A', division: { name: 'Home', $ref: 'authorization.division' } },
      },
    ]);
    assert.equal(sameState(a, b), true);
    const withEmpty = new Map([...a, ['routing.queue', new Map()]]);
    assert.equal(sameState(a, withEmpty), true);
    assert.equal(sameState(a, stateOf(['routing.skill', skill('A', 'Sales')])), false);
    assert.equal(sameState(a, stateOf(['routing.skill', skill('B')])), false);
    assert.equal(sameState(a, stateOf()), false);
  });
});
