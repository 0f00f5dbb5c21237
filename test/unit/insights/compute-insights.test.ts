import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { computeInsights } from '../../../shared/insights/compute-insights';
import type { ResolvedInsightsQuery } from '../../../shared/insights/insights-query';
import { insightsReportSchema, type InsightsReport } from '../../../shared/insights/insights-report';
import { at, date, FactsBuilder, threeEnvironments } from './facts-builder';

/*
 * computeInsights over small hand-written histories whose answers are worked out in the comments.
 * Times are hours after T0 (Monday 2026-03-02 00:00 UTC); the default period is T0 + 7 days.
 */

const WEEK = 7 * 24;

function compute(
  history: FactsBuilder,
  query: Partial<ResolvedInsightsQuery> = {},
  nowHours = WEEK,
): InsightsReport {
  const report = computeInsights(
    history.build(),
    { from: date(0), to: date(WEEK), environments: null, fixWindowDays: 2, ...query },
    date(nowHours),
  );
  // Every report is the stable JSON, whatever the history.
  insightsReportSchema.parse(report);
  return report;
}

describe('deployment frequency', () => {
  it('counts successful promotions, per environment and per day, and bands production', () => {
    const history = threeEnvironments()
      .changeset({ id: 'c1', created: -50 })
      .changeset({ id: 'c2', created: -50 })
      .changeset({ id: 'c3', created: -50 })
      .run({ id: 'r1', changeset: 'c1', env: 'dev', started: 9, finished: 10 })
      .run({ id: 'r2', changeset: 'c1', env: 'test', started: 19, finished: 20 })
      .run({ id: 'r3', changeset: 'c1', env: 'prod', started: 29, finished: 30 })
      .run({ id: 'r5', changeset: 'c2', env: 'dev', started: 39, finished: 40 })
      .run({ id: 'r4', changeset: 'c2', env: 'prod', started: 49, finished: 50 })
      // Not deployments: a failed promotion and a rollback.
      .run({ id: 'r6', changeset: 'c3', env: 'prod', started: 59, finished: 60, status: 'stopped' })
      .run({
        id: 'r7',
        changeset: 'c2',
        env: 'dev',
        started: 70,
        finished: 71,
        kind: 'rollback',
        rollbackOf: 'r5',
      });
    const { deploymentFrequency } = compute(history);

    assert.equal(deploymentFrequency.total, 5);
    assert.equal(deploymentFrequency.perDay, 5 / 7);
    assert.equal(deploymentFrequency.perWeek, 5);
    assert.deepEqual(deploymentFrequency.byEnvironment, [
      { environment: 'dev', deployments: 2, perWeek: 2 },
      { environment: 'test', deployments: 1, perWeek: 1 },
      { environment: 'prod', deployments: 2, perWeek: 2 },
    ]);
    // Two production deployments a week: at least one a week, less than one a day.
    assert.equal(deploymentFrequency.band, 'high');
    assert.equal(deploymentFrequency.series.length, 7);
    assert.deepEqual(
      deploymentFrequency.series.slice(0, 3).map((point) => point.counts),
      [
        { dev: 1, test: 1, prod: 0 },
        { dev: 1, test: 0, prod: 1 },
        { dev: 0, test: 0, prod: 1 },
      ],
    );
    assert.equal(deploymentFrequency.evidence.total, 5);
    assert.deepEqual(
      deploymentFrequency.evidence.items.map((item) => item.id),
      ['r4', 'r5', 'r3', 'r2', 'r1'],
    );
    assert.match(deploymentFrequency.evidence.items[0]?.note ?? '', /Change c2/);
  });
});

describe('lead time', () => {
  function history() {
    return (
      threeEnvironments()
        // c1: created -48, author signed -40, approved for prod at -30 and -20 (the latest before
        // the run), for test only at -10, and for prod again after the run started (too late).
        .changeset({ id: 'c1', created: -48, authorSigned: -40 })
        .approval({ changeset: 'c1', at: -30, envs: ['prod'], owner: 'ana' })
        .approval({ changeset: 'c1', at: -20, envs: ['test', 'prod'], owner: 'ben' })
        .approval({ changeset: 'c1', at: -10, envs: ['test'], owner: 'cy' })
        .approval({ changeset: 'c1', at: 1.5, envs: ['prod'], owner: 'dee' })
        .run({ id: 'r1', changeset: 'c1', env: 'prod', started: 1, finished: 2 })
        .run({ id: 'r1-dev', changeset: 'c1', env: 'dev', started: 0, finished: 0.5 })
        // c2: created 10, never signed by its author; its approval names no environment (covers none).
        .changeset({ id: 'c2', created: 10, authorSigned: null })
        .approval({ changeset: 'c2', at: 12, envs: null })
        .run({ id: 'r2', changeset: 'c2', env: 'prod', started: 20, finished: 20.5 })
        // c3: nothing vouches for when it was created.
        .changeset({ id: 'c3', created: null })
        .run({ id: 'r3', changeset: 'c3', env: 'prod', started: 29, finished: 30 })
    );
  }

  it('measures created → first promotion to production, and each stage', () => {
    const { leadTime } = compute(history());
    assert.deepEqual(leadTime.environments, ['prod']);
    // c1: 2 − (−48) = 50 h; c2: 20.5 − 10 = 10.5 h.
    assert.deepEqual(leadTime.overall, { count: 2, medianHours: 30.25, p90Hours: 50, meanHours: 30.25 });
    assert.equal(leadTime.band, 'high');
    // c1 alone has authoring (−48 → −40), approval (−40 → −20) and waiting (−20 → 1).
    assert.deepEqual(leadTime.stages.authoring, { count: 1, medianHours: 8, p90Hours: 8, meanHours: 8 });
    assert.deepEqual(leadTime.stages.approval, { count: 1, medianHours: 20, p90Hours: 20, meanHours: 20 });
    assert.deepEqual(leadTime.stages.waiting, { count: 1, medianHours: 21, p90Hours: 21, meanHours: 21 });
    assert.deepEqual(leadTime.stages.promotion, {
      count: 2,
      medianHours: 0.75,
      p90Hours: 1,
      meanHours: 0.75,
    });
    assert.equal(leadTime.unmeasured, 1);
    assert.deepEqual(
      leadTime.byEnvironment.map(({ environment, stats }) => [environment, stats.count, stats.medianHours]),
      [
        ['dev', 1, 48.5],
        ['test', 0, null],
        ['prod', 2, 30.25],
      ],
    );
    const unmeasured = leadTime.evidence.items.find((item) => item.id === 'c3');
    assert.equal(unmeasured?.hours, null);
    assert.equal(leadTime.evidence.items.find((item) => item.id === 'c1')?.hours, 50);
    // Both measured deployments finished on the first day.
    assert.equal(leadTime.series[0]?.count, 2);
    assert.equal(leadTime.series[0]?.medianHours, 30.25);
    assert.equal(leadTime.series[1]?.count, 0);
    assert.equal(leadTime.series[1]?.medianHours, null);
  });

  it("counts only a changeset's first successful promotion to an environment", () => {
    const history = threeEnvironments()
      .changeset({ id: 'c1', created: 0 })
      .run({ id: 'r1', changeset: 'c1', env: 'prod', started: 9, finished: 10, status: 'stopped' })
      .run({ id: 'r2', changeset: 'c1', env: 'prod', started: 19, finished: 20 })
      .run({ id: 'r3', changeset: 'c1', env: 'prod', started: 29, finished: 30 })
      // c2 reached prod before the period: redeploying it in the period adds no lead time.
      .changeset({ id: 'c2', created: -100 })
      .run({ id: 'r4', changeset: 'c2', env: 'prod', started: -11, finished: -10 })
      .run({ id: 'r5', changeset: 'c2', env: 'prod', started: 39, finished: 40 });
    const report = compute(history);
    assert.equal(report.deploymentFrequency.total, 3);
    assert.equal(report.leadTime.overall.count, 1);
    assert.equal(report.leadTime.overall.medianHours, 20);
    assert.equal(report.leadTime.unmeasured, 0);
  });

  it('falls back to every environment selected when none is production', () => {
    const history = new FactsBuilder()
      .env('a', 'dev')
      .env('b', 'test')
      .changeset({ id: 'c1', created: 0 })
      .run({ id: 'r1', changeset: 'c1', env: 'a', started: 1, finished: 2 })
      .run({ id: 'r2', changeset: 'c1', env: 'b', started: 3, finished: 4 });
    const report = compute(history);
    assert.deepEqual(report.leadTime.environments, ['a', 'b']);
    assert.equal(report.leadTime.overall.count, 2);
    // Two deployments in a week across both: at least one a week.
    assert.equal(report.deploymentFrequency.band, 'high');
  });
});

describe('approvals', () => {
  it('counts distinct approvers of the promoted digest covering the environment, per deployment', () => {
    const history = threeEnvironments()
      .changeset({ id: 'c1', created: -10, authorSigned: -9 })
      .approval({ changeset: 'c1', at: -8, envs: ['prod'], owner: 'ana' })
      .approval({ changeset: 'c1', at: -7, envs: ['prod'], owner: 'ana' }) // same key again
      .approval({ changeset: 'c1', at: -6, envs: ['test', 'prod'], owner: 'ben' })
      .approval({ changeset: 'c1', at: -5, envs: ['test'], owner: 'cy' }) // not prod
      .approval({ changeset: 'c1', at: -5, envs: ['prod'], owner: 'dee', decision: 'rejected' })
      .approval({ changeset: 'c1', at: -5, envs: ['prod'], owner: 'eve', digest: 'sha256:old' })
      .run({ id: 'r1', changeset: 'c1', env: 'prod', started: 1, finished: 2 })
      .changeset({ id: 'c2', created: -10 })
      .run({ id: 'r2', changeset: 'c2', env: 'prod', started: 3, finished: 4 });
    const { approvalsPerChange } = compute(history).governance;
    assert.deepEqual(approvalsPerChange, { changes: 2, mean: 1, median: 1 });
  });

  it('measures time to first approval for changesets created in the period', () => {
    const history = threeEnvironments()
      // Author signed at 12; an approval before that (of an earlier version) is not the first.
      .changeset({ id: 'c1', created: 10, authorSigned: 12 })
      .approval({ changeset: 'c1', at: 11, envs: ['prod'], owner: 'ana' })
      .approval({ changeset: 'c1', at: 20, envs: ['prod'], owner: 'ben' })
      .approval({ changeset: 'c1', at: 15, envs: ['test'], owner: 'cy' })
      .approval({ changeset: 'c1', at: 13, envs: ['prod'], owner: 'dee', decision: 'rejected' })
      // Never author-signed: from its creation.
      .changeset({ id: 'c2', created: 30, authorSigned: null })
      .approval({ changeset: 'c2', at: 36, envs: ['prod'] })
      // Created before the period.
      .changeset({ id: 'c3', created: -30 })
      .approval({ changeset: 'c3', at: 1, envs: ['prod'] });
    assert.deepEqual(compute(history).governance.timeToFirstApproval, {
      count: 2,
      medianHours: 4.5,
      p90Hours: 6,
      meanHours: 4.5,
    });
    // Only approvals covering a selected environment count when environments are chosen.
    const prodOnly = compute(history, { environments: ['prod'] }).governance.timeToFirstApproval;
    assert.deepEqual(prodOnly, { count: 2, medianHours: 7, p90Hours: 8, meanHours: 7 });
  });
});

describe('change failure rate and time to restore', () => {
  it('a run that rolled itself back is a failure restored when it finished', () => {
    const history = threeEnvironments()
      .changeset({ id: 'c1', created: 0 })
      .run({ id: 'r1', changeset: 'c1', env: 'prod', started: 10, finished: 10.5, status: 'rolled-back' });
    const { changeFailureRate, timeToRestore } = compute(history);
    assert.equal(changeFailureRate.deployments, 1);
    assert.equal(changeFailureRate.failures, 1);
    assert.equal(changeFailureRate.rate, 1);
    assert.equal(changeFailureRate.band, 'low');
    assert.deepEqual(changeFailureRate.byCause, { failedRun: 1, rolledBack: 0, followUpFix: 0 });
    assert.match(changeFailureRate.evidence.items[0]?.note ?? '', /rolled-back/);
    assert.deepEqual(timeToRestore.restored, { count: 1, medianHours: 0.5, p90Hours: 0.5, meanHours: 0.5 });
    assert.equal(timeToRestore.open, 0);
    assert.equal(timeToRestore.band, 'elite');
    assert.equal(timeToRestore.evidence.items[0]?.hours, 0.5);
  });

  it('a run later undone by a rollback run is rolled back, restored when the first successful rollback finished', () => {
    const history = threeEnvironments()
      .changeset({ id: 'c1', created: 0 })
      .run({ id: 'r1', changeset: 'c1', env: 'prod', started: 9, finished: 10, objects: [['queue', 'Q']] })
      .run({
        id: 'rb1',
        changeset: 'c1',
        env: 'prod',
        started: 10.5,
        finished: 11,
        kind: 'rollback',
        rollbackOf: 'r1',
        status: 'stopped',
      })
      .run({
        id: 'rb2',
        changeset: 'c1',
        env: 'prod',
        started: 12,
        finished: 13,
        kind: 'rollback',
        rollbackOf: 'r1',
      })
      .run({ id: 'r2', changeset: 'c1', env: 'prod', started: 29, finished: 30 });
    const { changeFailureRate, timeToRestore } = compute(history);
    assert.equal(changeFailureRate.deployments, 2);
    assert.equal(changeFailureRate.failures, 1);
    assert.equal(changeFailureRate.rate, 0.5);
    assert.deepEqual(changeFailureRate.byCause, { failedRun: 0, rolledBack: 1, followUpFix: 0 });
    assert.equal(changeFailureRate.evidence.items[0]?.id, 'r1');
    assert.match(changeFailureRate.evidence.items[0]?.note ?? '', /rolled back by run rb1/);
    assert.equal(timeToRestore.restored.medianHours, 3);
    assert.match(timeToRestore.evidence.items[0]?.note ?? '', /restored by run rb2/);
    assert.equal(changeFailureRate.series[0]?.deployments, 1);
    assert.equal(changeFailureRate.series[0]?.failures, 1);
    assert.equal(changeFailureRate.series[1]?.rate, 0);
    assert.equal(changeFailureRate.series[2]?.rate, null);
  });

  it('a fix of the same object within the window is a follow-up fix; one just after it is not', () => {
    const FIX_WINDOW = 48;
    const history = threeEnvironments()
      .changeset({ id: 'c1', created: 0 })
      .changeset({ id: 'c2', created: 0 })
      .changeset({ id: 'c3', created: 0 })
      .changeset({ id: 'c4', created: 0 })
      .changeset({ id: 'c5', created: 0 })
      .run({
        id: 'r1',
        changeset: 'c1',
        env: 'prod',
        started: 9,
        finished: 10,
        objects: [
          ['flow', 'INBOUNDCALL/Main'],
          ['queue', 'A'],
        ],
      })
      // Exactly at the end of the window: still within it.
      .run({
        id: 'r2',
        changeset: 'c2',
        env: 'prod',
        started: 57,
        finished: 10 + FIX_WINDOW,
        objects: [['queue', 'A']],
      })
      .run({ id: 'r3', changeset: 'c3', env: 'prod', started: 19, finished: 20, objects: [['queue', 'Q']] })
      // The same object in another environment fixes nothing here.
      .run({ id: 'r5', changeset: 'c5', env: 'test', started: 20, finished: 21, objects: [['queue', 'Q']] })
      // One second after the window.
      .run({
        id: 'r4',
        changeset: 'c4',
        env: 'prod',
        started: 60,
        finished: 20 + FIX_WINDOW + 1 / 3600,
        objects: [['queue', 'Q']],
      });
    const { changeFailureRate, timeToRestore } = compute(history);
    assert.equal(changeFailureRate.deployments, 5);
    assert.equal(changeFailureRate.failures, 1);
    assert.deepEqual(changeFailureRate.byCause, { failedRun: 0, rolledBack: 0, followUpFix: 1 });
    assert.equal(changeFailureRate.rate, 0.2);
    assert.equal(changeFailureRate.band, 'high');
    assert.deepEqual(
      changeFailureRate.evidence.items.map((item) => [item.id, item.note]),
      [['r1', 'fixed by run r2 (changeset c2) within 2 days']],
    );
    assert.deepEqual(timeToRestore.restored, { count: 1, medianHours: 48, p90Hours: 48, meanHours: 48 });
    assert.equal(timeToRestore.band, 'medium');

    // A narrower window: r2 no longer counts as a fix.
    assert.equal(compute(history, { fixWindowDays: 1 }).changeFailureRate.failures, 0);
  });

  it("a redeploy of the same changeset is not a fix, and a failed run's later fix restores it", () => {
    const history = threeEnvironments()
      .changeset({ id: 'c1', created: 0 })
      .changeset({ id: 'c2', created: 0 })
      .run({ id: 'r1', changeset: 'c1', env: 'prod', started: 9, finished: 10, objects: [['queue', 'Q']] })
      .run({ id: 'r2', changeset: 'c1', env: 'prod', started: 11, finished: 12, objects: [['queue', 'Q']] })
      // A run that stopped half-way, fixed by another changeset 100 h later (past the window: still its restore).
      .run({
        id: 'r3',
        changeset: 'c1',
        env: 'test',
        started: 1,
        finished: 2,
        status: 'stopped',
        objects: [['queue', 'Q']],
      })
      .run({ id: 'r4', changeset: 'c2', env: 'test', started: 101, finished: 102, objects: [['queue', 'Q']] })
      // Failed and nothing since: open.
      .run({
        id: 'r5',
        changeset: 'c2',
        env: 'dev',
        started: 1,
        finished: 2,
        status: 'verify-failed',
        objects: [['queue', 'Z']],
      });
    const { changeFailureRate, timeToRestore } = compute(history);
    assert.equal(changeFailureRate.deployments, 5);
    assert.deepEqual(changeFailureRate.byCause, { failedRun: 2, rolledBack: 0, followUpFix: 0 });
    assert.deepEqual(timeToRestore.restored, { count: 1, medianHours: 100, p90Hours: 100, meanHours: 100 });
    assert.equal(timeToRestore.open, 1);
    assert.deepEqual(
      timeToRestore.evidence.items.map((item) => [item.id, item.hours]),
      [
        ['r3', 100],
        ['r5', null],
      ],
    );
  });

  it('gives one cause per failure: failed run, then rolled back, then follow-up fix', () => {
    const history = threeEnvironments()
      .changeset({ id: 'c1', created: 0 })
      .changeset({ id: 'c2', created: 0 })
      // Failed and rolled back and fixed: a failed run.
      .run({
        id: 'r1',
        changeset: 'c1',
        env: 'prod',
        started: 1,
        finished: 2,
        status: 'stopped',
        objects: [['queue', 'A']],
      })
      .run({
        id: 'rb1',
        changeset: 'c1',
        env: 'prod',
        started: 3,
        finished: 4,
        kind: 'rollback',
        rollbackOf: 'r1',
      })
      // Succeeded, rolled back and then fixed: rolled back.
      .run({ id: 'r2', changeset: 'c1', env: 'test', started: 1, finished: 2, objects: [['queue', 'A']] })
      .run({
        id: 'rb2',
        changeset: 'c1',
        env: 'test',
        started: 5,
        finished: 6,
        kind: 'rollback',
        rollbackOf: 'r2',
      })
      .run({ id: 'r3', changeset: 'c2', env: 'test', started: 3, finished: 4, objects: [['queue', 'A']] });
    const { changeFailureRate, timeToRestore } = compute(history);
    assert.deepEqual(changeFailureRate.byCause, { failedRun: 1, rolledBack: 1, followUpFix: 0 });
    // r1: rollback at 4 (fix: none in prod) → 2 h; r2: the fix r3 at 4 came before the rollback at 6 → 2 h.
    assert.deepEqual(
      timeToRestore.evidence.items.map((item) => [item.id, item.hours, item.note]).sort(),
      [
        ['r1', 2, 'ended stopped; restored by run rb1 in 2 hours'],
        ['r2', 2, 'rolled back by run rb2; restored by run r3 in 2 hours'],
      ].sort(),
    );
  });
});

describe('governance', () => {
  it('counts overrides in the period with their reasons', () => {
    const history = threeEnvironments()
      .changeset({ id: 'c1', created: 0 })
      .run({
        id: 'r1',
        changeset: 'c1',
        env: 'prod',
        started: 4,
        finished: 5,
        override: { reason: 'outage: queue down', by: 'Ana' },
      })
      .run({ id: 'r2', changeset: 'c1', env: 'test', started: 6, finished: 7 })
      .run({
        id: 'r0',
        changeset: 'c1',
        env: 'prod',
        started: -2,
        finished: -1,
        override: { reason: 'before', by: null },
      })
      .run({
        id: 'r3',
        changeset: 'c1',
        env: 'dev',
        started: 8,
        finished: 9,
        override: { reason: 'hotfix', by: null },
      });
    const { overrides } = compute(history).governance;
    assert.equal(overrides.count, 2);
    assert.deepEqual(overrides.items, [
      { runId: 'r3', environment: 'dev', at: at(9), reason: 'hotfix', by: null },
      { runId: 'r1', environment: 'prod', at: at(5), reason: 'outage: queue down', by: 'Ana' },
    ]);
    assert.equal(compute(history, { environments: ['prod'] }).governance.overrides.count, 1);
  });

  function refusals(): FactsBuilder {
    return (
      threeEnvironments()
        .auditEntry('gate-refused', 1, 'changeset/c1', {
          environment: 'prod',
          changesetDigest: 'sha256:aa',
          gates: [
            { gate: 'window', reason: 'outside the window' },
            { gate: 'approvals', reason: 'needs 2 approvals, has 1' },
          ],
        })
        .auditEntry(
          'gate-refused',
          2,
          'changeset/c2',
          { environment: 'prod', gates: [{ gate: 'window', reason: 'closed' }] },
          'Ben',
        )
        .auditEntry('gate-refused', 3, 'changeset/c3', {
          environment: 'test',
          gates: [{ gate: 'promoter', reason: 'may not promote' }],
        })
        // Ignored: details that do not parse, and an entry before the period.
        .auditEntry('gate-refused', 4, 'changeset/c4', { environment: 'prod', gates: [] })
        .auditEntry('gate-refused', 5, 'changeset/c5', { gates: [{ gate: 'window', reason: 'x' }] })
        .auditEntry('gate-refused', -1, 'changeset/c6', {
          environment: 'prod',
          gates: [{ gate: 'window', reason: 'x' }],
        })
    );
  }

  it('counts gate refusals by gate, ignoring entries whose details do not parse', () => {
    const { gateRefusals } = compute(refusals()).governance;
    assert.equal(gateRefusals.count, 3);
    assert.deepEqual(gateRefusals.byGate, [
      { gate: 'window', count: 2 },
      { gate: 'approvals', count: 1 },
      { gate: 'promoter', count: 1 },
    ]);
    assert.deepEqual(gateRefusals.items[1], {
      at: at(2),
      changesetId: 'c2',
      environment: 'prod',
      by: 'Ben',
      gates: [{ gate: 'window', reason: 'closed' }],
    });
    assert.equal(compute(refusals(), { environments: ['test'] }).governance.gateRefusals.count, 1);
  });

  it('counts drift per Monday week: the most a check found per environment, and how it was triaged', () => {
    const check = (environment: string, added: number, changed: number, removed: number) => ({
      environment,
      added,
      changed,
      removed,
      ignored: 1,
    });
    const triage = { environment: 'prod', type: 'queue', key: 'Q' };
    const history = threeEnvironments()
      .auditEntry('drift-check', 1, 'environment/prod', check('prod', 1, 2, 0))
      .auditEntry('drift-check', 30, 'environment/prod', check('prod', 1, 0, 0))
      .auditEntry('drift-check', 2, 'environment/test', check('test', 2, 0, 0))
      .auditEntry('drift-accept', 5, 'environment/prod', triage)
      .auditEntry('drift-ignore', 6, 'environment/test', { ...triage, environment: 'test', reason: 'known' })
      .auditEntry('drift-revert', 7, 'environment/prod', { ...triage, changesetId: 'c9' })
      .auditEntry('drift-check', 24 * 8, 'environment/prod', check('prod', 0, 0, 0))
      .auditEntry('drift-accept', 24 * 9, 'environment/prod', triage)
      // Ignored: details that do not parse.
      .auditEntry('drift-check', 3, 'environment/prod', {
        environment: 'prod',
        added: -1,
        changed: 0,
        removed: 0,
        ignored: 0,
      })
      .auditEntry('drift-accept', 3, 'environment/prod', { environment: 'prod' });
    const { drift } = compute(history, { to: date(2 * WEEK) }).governance;
    assert.deepEqual(drift.weeks, [
      { start: at(0), checks: 3, found: 5, accepted: 1, reverted: 1, ignored: 1 },
      { start: at(WEEK), checks: 1, found: 0, accepted: 1, reverted: 0, ignored: 0 },
    ]);
    assert.deepEqual(drift.totals, { checks: 4, found: 5, accepted: 2, reverted: 1, ignored: 1 });

    const prodOnly = compute(history, { to: date(2 * WEEK), environments: ['prod'] }).governance.drift;
    assert.deepEqual(prodOnly.totals, { checks: 3, found: 3, accepted: 2, reverted: 1, ignored: 0 });

    // A period starting on a Wednesday still has Monday weeks.
    const midweek = compute(history, { from: date(48), to: date(48 + WEEK) }).governance.drift;
    assert.deepEqual(
      midweek.weeks.map((week) => week.start),
      [at(0), at(WEEK)],
    );
  });

  it('gives each selected environment its snapshot age at now', () => {
    const history = threeEnvironments()
      .snapshot('prod', WEEK - 40)
      .snapshot('prod', WEEK)
      .snapshot('test', null);
    const { snapshots } = compute(history, {}, WEEK + 10).governance;
    assert.deepEqual(snapshots, [
      { environment: 'dev', takenAt: null, ageHours: null },
      { environment: 'test', takenAt: null, ageHours: null },
      { environment: 'prod', takenAt: at(WEEK), ageHours: 10 },
    ]);
  });
});

describe('records', () => {
  it('passes unverified records through, counted, and capped with a total', () => {
    const history = threeEnvironments()
      .changeset({ id: 'c1', created: 0 })
      .run({ id: 'r1', changeset: 'c1', env: 'prod', started: 1, finished: 2 })
      .unverifiedRecord('run', 'runs/r9/result.json', 'its signature does not verify')
      .unverifiedRecord('approval', 'changesets/c1/approvals/x.json', 'signed by a key no one trusts')
      .unsignedRecord('changeset');
    const { records } = compute(history);
    assert.deepEqual(records.counts.run, { read: 2, verified: 1, unsigned: 0, unverified: 1 });
    assert.deepEqual(records.counts.changeset, { read: 2, verified: 1, unsigned: 1, unverified: 0 });
    assert.equal(records.unverified.total, 2);
    assert.deepEqual(records.unverified.items[0], {
      kind: 'run',
      file: 'runs/r9/result.json',
      reason: 'its signature does not verify',
    });

    const many = threeEnvironments();
    for (let index = 0; index < 250; index += 1)
      many.unverifiedRecord('audit', `audit/${index}.json`, 'bad hash');
    const capped = compute(many).records.unverified;
    assert.equal(capped.total, 250);
    assert.equal(capped.items.length, 200);
  });
});

describe('filters, period and buckets', () => {
  function spread(): FactsBuilder {
    return threeEnvironments()
      .changeset({ id: 'c1', created: -5 })
      .run({ id: 'd1', changeset: 'c1', env: 'dev', started: 1, finished: 2 })
      .run({ id: 't1', changeset: 'c1', env: 'test', started: 3, finished: 4 })
      .run({ id: 'p1', changeset: 'c1', env: 'prod', started: 5, finished: 6 })
      .run({ id: 'x1', changeset: 'c1', env: 'gone', started: 7, finished: 8, tier: 'test' })
      .snapshot('test', 0)
      .snapshot('prod', 0);
  }

  it('lists every environment, flags the selected ones, and measures only those', () => {
    const report = compute(spread(), { environments: ['test'] });
    assert.deepEqual(report.environments, [
      { name: 'dev', tier: 'dev', selected: false },
      { name: 'test', tier: 'test', selected: true },
      { name: 'prod', tier: 'prod', selected: false },
      // Seen only in runs: its tier from the run.
      { name: 'gone', tier: 'test', selected: false },
    ]);
    assert.equal(report.deploymentFrequency.total, 1);
    assert.deepEqual(
      report.deploymentFrequency.byEnvironment.map((row) => row.environment),
      ['test'],
    );
    assert.deepEqual(report.leadTime.environments, ['test']);
    assert.equal(report.leadTime.overall.medianHours, 9);
    assert.equal(report.changeFailureRate.deployments, 1);
    assert.deepEqual(
      report.governance.snapshots.map((row) => row.environment),
      ['test'],
    );
    assert.deepEqual(Object.keys(report.deploymentFrequency.series[0]?.counts ?? {}), ['test']);

    const all = compute(spread());
    assert.equal(all.deploymentFrequency.total, 4);
    assert.ok(all.environments.every((environment) => environment.selected));
    assert.deepEqual(all.leadTime.environments, ['prod']);
  });

  it('lists an environment the query names that no record knows, selected and empty', () => {
    const report = compute(spread(), { environments: ['prod', 'staging'] });
    assert.deepEqual(report.environments.at(-1), { name: 'staging', tier: null, selected: true });
    assert.deepEqual(report.deploymentFrequency.byEnvironment, [
      { environment: 'prod', deployments: 1, perWeek: 1 },
      { environment: 'staging', deployments: 0, perWeek: 0 },
    ]);
    assert.deepEqual(report.leadTime.environments, ['prod']);
  });

  it("takes an environment's tier from its latest run when its policy names none", () => {
    const history = new FactsBuilder()
      .env('live', null)
      .env('dev', 'dev')
      .changeset({ id: 'c1', created: 0 })
      .run({ id: 'r1', changeset: 'c1', env: 'live', started: 1, finished: 2, tier: 'test' })
      .run({ id: 'r2', changeset: 'c1', env: 'live', started: 3, finished: 4, tier: 'prod' })
      .run({ id: 'r3', changeset: 'c1', env: 'dev', started: 5, finished: 6 });
    const report = compute(history);
    assert.deepEqual(report.environments[0], { name: 'live', tier: 'prod', selected: true });
    assert.deepEqual(report.leadTime.environments, ['live']);
  });

  it('leaves a lead time out when its changeset claims to be created after it was deployed', () => {
    const history = threeEnvironments()
      .changeset({ id: 'c1', created: 50 })
      .run({ id: 'r1', changeset: 'c1', env: 'prod', started: 1, finished: 2 });
    const { leadTime } = compute(history);
    assert.equal(leadTime.overall.count, 0);
    assert.equal(leadTime.unmeasured, 1);
    assert.equal(leadTime.band, null);
    assert.match(leadTime.evidence.items[0]?.note ?? '', /creation time is after this deployment/);
  });

  it('counts a run in [from, to) by when it finished', () => {
    const history = threeEnvironments()
      .changeset({ id: 'c1', created: -50 })
      .run({ id: 'at-from', changeset: 'c1', env: 'dev', started: -1, finished: 0 })
      .run({ id: 'before', changeset: 'c1', env: 'test', started: -2, finished: -0.001 })
      .run({ id: 'at-to', changeset: 'c1', env: 'prod', started: WEEK - 1, finished: WEEK })
      .run({
        id: 'last',
        changeset: 'c1',
        env: 'prod',
        started: WEEK - 2,
        finished: WEEK - 0.001,
        status: 'stopped',
      });
    const report = compute(history);
    assert.deepEqual(
      report.deploymentFrequency.evidence.items.map((item) => item.id),
      ['at-from'],
    );
    assert.equal(report.changeFailureRate.deployments, 2);
    assert.equal(report.changeFailureRate.series.at(-1)?.failures, 1);
  });

  it('groups by day, week or month, with every bucket of the period listed', () => {
    const days = compute(new FactsBuilder(), { from: date(0), to: date(31 * 24) });
    assert.equal(days.period.bucket, 'day');
    assert.equal(days.period.days, 31);
    assert.equal(days.deploymentFrequency.series.length, 31);

    // 32 days from a Wednesday: weeks from the Monday before, through the week holding the end.
    const weeks = compute(new FactsBuilder(), { from: date(48), to: date(48 + 32 * 24) });
    assert.equal(weeks.period.bucket, 'week');
    assert.deepEqual(
      weeks.leadTime.series.map((point) => point.start),
      [0, 1, 2, 3, 4].map((week) => at(week * WEEK)),
    );

    // 26 weeks exactly is still weeks; a day more is months.
    assert.equal(compute(new FactsBuilder(), { to: date(26 * WEEK) }).period.bucket, 'week');
    assert.equal(compute(new FactsBuilder(), { to: date(26 * WEEK + 24) }).period.bucket, 'month');
    assert.equal(compute(new FactsBuilder(), { to: date(32 * 24) }).period.bucket, 'week');

    const months = computeInsights(
      new FactsBuilder().build(),
      {
        from: new Date('2025-03-15T00:00:00Z'),
        to: new Date('2026-03-15T00:00:00Z'),
        environments: null,
        fixWindowDays: 2,
      },
      date(0),
    );
    assert.equal(months.period.bucket, 'month');
    assert.equal(months.changeFailureRate.series.length, 13);
    assert.equal(months.changeFailureRate.series[0]?.start, '2025-03-01T00:00:00.000Z');
    assert.equal(months.changeFailureRate.series[12]?.start, '2026-03-01T00:00:00.000Z');
    assert.ok(months.timeToRestore.series.every((point) => point.count === 0 && point.medianHours === null));
  });

  it('places a run in its bucket', () => {
    const history = threeEnvironments()
      .changeset({ id: 'c1', created: 0 })
      .run({ id: 'r1', changeset: 'c1', env: 'prod', started: 24 * 40, finished: 24 * 40 + 1 });
    const report = compute(history, { to: date(24 * 60) });
    assert.equal(report.period.bucket, 'week');
    // Day 40 is in the sixth week (index 5: days 35–41).
    assert.deepEqual(
      report.deploymentFrequency.series.map((point) => point.counts.prod),
      [0, 0, 0, 0, 0, 1, 0, 0, 0],
    );
  });
});
