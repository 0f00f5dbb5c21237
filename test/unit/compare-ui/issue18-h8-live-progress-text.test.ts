import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { liveProgressText } from '../../../renderer/src/features/compare/live-progress';
import type { SnapshotProgress } from '../../../shared/model/snapshot';

/*
 * Issue 18: Compare against live waits minutes on a big org (a flow export each); it says what is
 * being read while it does, from the `live.progress` events, and nothing once the read is over.
 */
const base: SnapshotProgress = {
  jobId: 'j1',
  environment: 'uat',
  phase: 'listing',
  type: null,
  typesDone: 0,
  typesTotal: 12,
  objects: 0,
  exports: null,
  requests: 3,
  rateLimitWaits: 0,
  message: null,
  skippedTypes: [],
  commit: null,
};

describe('Compare’s live read progress (issue 18)', () => {
  it('says which type is read, and flows export by export', () => {
    assert.equal(liveProgressText({ ...base, phase: 'connecting' }), 'Reading uat live: connecting…');
    assert.equal(
      liveProgressText({ ...base, type: 'routing.queue', typesDone: 2 }),
      'Reading uat live: Queues (type 3 of 12)',
    );
    assert.equal(
      liveProgressText({ ...base, type: 'architect.flow', typesDone: 9, exports: { done: 45, total: 300 } }),
      'Reading uat live: exporting Flows, 45 of 300 (type 10 of 12)',
    );
    assert.equal(liveProgressText({ ...base, phase: 'done' }), null);
    assert.equal(liveProgressText(null), null);
  });
});
