import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { computeInsights } from '../../../shared/insights/compute-insights';
import { date, threeEnvironments } from '../insights/facts-builder';

const WEEK = 7 * 24;

describe('insights: a run whose post-promotion checks failed (issue 20)', () => {
  it('is a failed change, restored when a rollback run undoes it', () => {
    const history = threeEnvironments()
      .changeset({ id: 'c1', created: 0 })
      .run({
        id: 'r1',
        changeset: 'c1',
        env: 'prod',
        started: 9,
        finished: 10,
        status: 'checks-failed',
        objects: [['routing.queue', 'Q']],
      })
      .run({
        id: 'rb1',
        changeset: 'c1',
        env: 'prod',
        started: 11,
        finished: 12,
        kind: 'rollback',
        rollbackOf: 'r1',
      });
    const report = computeInsights(
      history.build(),
      { from: date(0), to: date(WEEK), environments: null, fixWindowDays: 2 },
      date(WEEK),
    );
    const { changeFailureRate, timeToRestore } = report;
    assert.equal(changeFailureRate.failures, 1);
    assert.equal(changeFailureRate.deployments, 1);
    assert.deepEqual(changeFailureRate.byCause, { failedRun: 1, rolledBack: 0, followUpFix: 0 });
    assert.match(changeFailureRate.evidence.items[0]?.note ?? '', /post-promotion checks failed/);
    assert.equal(timeToRestore.open, 0);
    assert.equal(timeToRestore.restored.medianHours, 2);
  });

  it('a run its failed checks rolled back is a failure restored when it finished', () => {
    const history = threeEnvironments()
      .changeset({ id: 'c1', created: 0 })
      .run({ id: 'r1', changeset: 'c1', env: 'prod', started: 9, finished: 9.25, status: 'rolled-back' });
    const report = computeInsights(
      history.build(),
      { from: date(0), to: date(WEEK), environments: null, fixWindowDays: 2 },
      date(WEEK),
    );
    assert.equal(report.changeFailureRate.failures, 1);
    assert.equal(report.timeToRestore.restored.medianHours, 0.25);
  });
});
