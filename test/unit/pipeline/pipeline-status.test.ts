import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  pipelineSchema,
  pipelineStatusSchema,
  type Pipeline,
} from '../../../shared/promotion/pipeline/pipeline';
import {
  canAdvance,
  computePipelineStatus,
  leftText,
  stageProgress,
  type NextStageFacts,
  type StageRun,
} from '../../../shared/promotion/pipeline/pipeline-status';

const pipeline: Pipeline = pipelineSchema.parse({
  name: 'main',
  stages: [
    { environment: 'dev' },
    { environment: 'uat' },
    {
      environment: 'prod',
      soakHours: 24,
      windows: [{ name: 'evenings', cron: '0 18 * * *', durationMinutes: 600, timeZone: 'UTC' }],
    },
  ],
});

function run(id: string, overrides: Partial<StageRun> = {}): StageRun {
  return {
    id,
    kind: 'promote',
    rollbackOf: null,
    status: 'succeeded',
    startedAt: '2026-12-07T10:00:00.000Z',
    finishedAt: '2026-12-07T10:00:00.000Z',
    checksPassed: null,
    ...overrides,
  };
}

const clear: NextStageFacts = {
  running: null,
  validation: { valid: true, problems: [] },
  gates: { passed: true, failed: [] },
  drift: { differences: [], error: null },
};

function status(runs: Record<string, StageRun[]>, facts: NextStageFacts | null, now: string) {
  const progress = stageProgress(pipeline, new Map(Object.entries(runs)));
  const computed = computePipelineStatus({
    pipeline,
    changesetId: 'cs-x',
    changesetDigest: 'sha256:abc',
    progress,
    facts: progress.next === null ? null : facts,
    now: new Date(now),
  });
  return pipelineStatusSchema.parse(computed);
}

describe('pipeline status', () => {
  it('a new change is ready for the first stage; later ones are pending', () => {
    const result = status({}, clear, '2026-12-07T10:00:00Z');
    assert.equal(result.next, 'dev');
    assert.deepEqual(
      result.stages.map((stage) => stage.state),
      ['ready', 'pending', 'pending'],
    );
    assert.equal(canAdvance(result), true);
    assert.match(result.summary, /^Ready to advance into dev: run `ferry pipeline advance cs-x`/);
  });

  it('waits for the soak with when it ends and how long is left', () => {
    const result = status(
      { dev: [run('r1')], uat: [run('r2', { finishedAt: '2026-12-07T10:48:00.000Z' })] },
      clear,
      '2026-12-07T19:00:00Z',
    );
    const prod = result.stages[2];
    assert.equal(prod?.state, 'waiting');
    assert.deepEqual(prod?.waits, [
      {
        rule: 'soak',
        message: 'soaking in uat until Tue 10:48 UTC (15 h 48 min left)',
        until: '2026-12-08T10:48:00.000Z',
      },
    ]);
    assert.equal(canAdvance(result), false);
    assert.equal(
      result.summary,
      'Waiting to enter prod: soaking in uat until Tue 10:48 UTC (15 h 48 min left).',
    );
  });

  it('after the soak, outside the window, waits until the window opens', () => {
    const result = status({ dev: [run('r1')], uat: [run('r2')] }, clear, '2026-12-08T12:00:00Z');
    assert.deepEqual(
      result.stages[2]?.waits.map((wait) => [wait.rule, wait.until]),
      [['window', '2026-12-08T18:00:00.000Z']],
    );
    assert.match(result.stages[2]?.waits[0]?.message ?? '', /next opens 18:00 UTC \(in 6 h\)/);
  });

  it('inside the window: approvals, drift, validation and failed checks are waits a person resolves', () => {
    const result = status(
      { dev: [run('r1')], uat: [run('r2', { checksPassed: false })] },
      {
        running: null,
        validation: { valid: false, problems: ['queue "Sales" is not in prod'] },
        gates: { passed: false, failed: [{ gate: 'approvals', reason: '0 of 2 approvals' }], risk: 'high' },
        drift: { differences: ['skill "Video" changed (name)'], error: null },
      },
      '2026-12-08T19:00:00Z',
    );
    const waits = result.stages[2]?.waits ?? [];
    assert.deepEqual(
      waits.map((wait) => wait.rule),
      ['checks', 'drift', 'validation', 'gates'],
    );
    assert.ok(waits.every((wait) => wait.until === null));
    // Each wait says what to do next, the app's way as well as the command line's.
    assert.match(
      waits[3]?.message ?? '',
      /needs approvals \(risk high\): 0 of 2 approvals; ask an approver to approve it: in the app, plan a promotion of cs-x to prod on the Promotions page and press Approve under Approvals, or run `ferry approve cs-x`/,
    );
    assert.match(
      waits[2]?.message ?? '',
      /^cs-x does not validate against prod: queue "Sales" is not in prod\. Fix it in the changeset editor \(its Validation panel lists each problem; .*\), or list them with `ferry changeset validate cs-x --target prod`, then check again$/,
    );
  });

  it('a rolled back stage is not done; a failed one is retried when nothing waits', () => {
    const rolledBack = status(
      {
        dev: [
          run('r1'),
          run('r1-undo', { kind: 'rollback', rollbackOf: 'r1', startedAt: '2026-12-07T11:00:00.000Z' }),
        ],
      },
      clear,
      '2026-12-07T12:00:00Z',
    );
    // A deliberate rollback is not a failure: it says what the stage holds and what to do next.
    assert.equal(rolledBack.stages[0]?.state, 'rolled-back');
    assert.equal(rolledBack.stages[0]?.run?.status, 'rolled-back');
    assert.equal(canAdvance(rolledBack), true);
    assert.doesNotMatch(rolledBack.summary, /fail/i);
    assert.match(
      rolledBack.summary,
      /^Run r1 into dev was rolled back: dev holds what it had before that run\. To put this change there again, run `ferry pipeline advance cs-x`; to change what it does, make a new changeset/,
    );
    const failed = status({ dev: [run('r1', { status: 'failed' })] }, clear, '2026-12-07T12:00:00Z');
    assert.equal(failed.stages[0]?.state, 'failed');
    assert.match(failed.summary, /ended failed.*Ready to retry dev/);
  });

  it('every stage done: nothing next, and the summary says so', () => {
    const result = status(
      { dev: [run('r1')], uat: [run('r2')], prod: [run('r3')] },
      null,
      '2026-12-09T19:00:00Z',
    );
    assert.equal(result.next, null);
    assert.equal(canAdvance(result), false);
    assert.match(result.summary, /has reached prod, the last stage of pipeline main/);
  });

  it('reads time left for people', () => {
    assert.equal(leftText(0), 'under a minute');
    assert.equal(leftText(45 * 60_000), '45 min');
    assert.equal(leftText((3 * 60 + 12) * 60_000), '3 h 12 min');
    assert.equal(leftText((2 * 24 + 4) * 3_600_000), '2 days 4 h');
  });
});
