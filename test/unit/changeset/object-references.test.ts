import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  indexReferrers,
  objectId,
  referencesInChange,
  referencesOf,
  unnamedReferencesOf,
} from '../../../shared/changeset/object-references';
import { objectIn, stateFromEntries } from '../../../shared/changeset/object-state';
import { queue, ref, skill, skillRef, stateOf, wrapupRef } from './changeset-fixture';

const voice = queue('Voice', {
  bullseye: {
    rings: [
      {},
      { actions: { skillsToRemove: [skillRef('A'), { $ref: 'routing.skill', id: 'x1' }, skillRef('B')] } },
    ],
  },
  wrapupCodes: [wrapupRef('Resolved')],
  queueFlow: ref('architect.flow', 'Inbound'),
});

describe('object references', () => {
  it('finds every named reference at the declared fields, with concrete paths', () => {
    assert.deepEqual(referencesOf('routing.queue', voice), [
      { path: 'division', targetType: 'authorization.division', key: 'Home' },
      { path: 'bullseye.rings[1].actions.skillsToRemove[0]', targetType: 'routing.skill', key: 'A' },
      { path: 'bullseye.rings[1].actions.skillsToRemove[2]', targetType: 'routing.skill', key: 'B' },
      { path: 'wrapupCodes[0]', targetType: 'routing.wrapupcode', key: 'Resolved' },
      { path: 'queueFlow', targetType: 'architect.flow', key: 'INQUEUECALL/Inbound' },
    ]);
    assert.deepEqual(unnamedReferencesOf('routing.queue', voice), [
      { path: 'bullseye.rings[1].actions.skillsToRemove[1]', targetType: 'routing.skill' },
    ]);
    assert.deepEqual(referencesOf('routing.nope', voice), []);
  });

  it('finds the references an update change writes, from the object root', () => {
    assert.deepEqual(
      referencesInChange('routing.queue', ['bullseye', 'rings', 0], {
        actions: { skillsToRemove: [skillRef('C')] },
      }),
      [{ path: 'bullseye.rings[0].actions.skillsToRemove[0]', targetType: 'routing.skill', key: 'C' }],
    );
    assert.deepEqual(referencesInChange('routing.queue', ['wrapupCodes', 1], wrapupRef('X')), [
      { path: 'wrapupCodes[1]', targetType: 'routing.wrapupcode', key: 'X' },
    ]);
    assert.deepEqual(referencesInChange('routing.queue', ['division', 'name'], 'Sales'), [
      { path: 'division', targetType: 'authorization.division', key: 'Sales' },
    ]);
    assert.deepEqual(referencesInChange('routing.queue', ['description'], 'x'), []);
    assert.deepEqual(referencesInChange('routing.queue', ['division'], undefined), []);
  });

  it('indexes who refers to what', () => {
    const state = stateOf(['routing.queue', voice], ['routing.skill', skill('A')]);
    const index = indexReferrers(state);
    assert.deepEqual(index.get(objectId('routing.skill', 'A')), [
      { type: 'routing.queue', key: 'Voice', path: 'bullseye.rings[1].actions.skillsToRemove[0]' },
    ]);
    assert.equal(index.get(objectId('authorization.division', 'Home'))?.length, 2);
  });

  it('builds a state where a repeated key keeps the last value', () => {
    const state = stateFromEntries([
      { type: 'routing.skill', key: 'A', value: skill('A') },
      { type: 'routing.skill', key: 'A', value: skill('A', 'Sales') },
    ]);
    assert.deepEqual(objectIn(state, 'routing.skill', 'A'), skill('A', 'Sales'));
    assert.equal(objectIn(state, 'routing.queue', 'A'), undefined);
  });
});
