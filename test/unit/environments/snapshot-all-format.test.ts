import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { snapshotAllText } from '../../../renderer/src/features/environments/snapshot-all-format';

describe('"Snapshot all" progress text', () => {
  const queue = ['dev', 'uat', 'prod'];

  it('names the environment under way and its place in the round', () => {
    assert.equal(snapshotAllText(queue, 1, { dev: 'done' }, true), 'Snapshotting uat (2 of 3)…');
  });

  it('says all were taken', () => {
    assert.equal(
      snapshotAllText(queue, 3, { dev: 'done', uat: 'done', prod: 'done' }, false),
      'Snapshots taken of all 3 environments: dev, uat, prod.',
    );
  });

  it('names what failed and what was never taken, with what to do', () => {
    assert.equal(
      snapshotAllText(queue, 3, { dev: 'done', uat: 'failed', prod: 'cancelled' }, false),
      '1 of 3 snapshots taken; failed: uat (see the row for why, then snapshot it again); stopped before: prod.',
    );
  });
});
