import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { computeInsights } from '../../../shared/insights/compute-insights';
import type { InsightsReport } from '../../../shared/insights/insights-report';
import {
  approvalsDetail,
  deploymentBandBasis,
  evidenceMeta,
  firstApprovalDetail,
  frequencyText,
  headlines,
  periodText,
} from '../../../renderer/src/features/insights/insights-model';
import { defaultCustomDates, periodQuery } from '../../../renderer/src/features/insights/insights-period';
import { date, threeEnvironments } from '../insights/facts-builder';

/*
 * What the Insights page says about a computed report: the words are shaped here, not in the
 * components, so they are checked here. Times are hours after T0 (Monday 2026-03-02 00:00 UTC).
 */

const WEEK = 7 * 24;

/** A week with three deployments to dev and one to prod, asked about some environments (null: all). */
function report(environments: string[] | null = null): InsightsReport {
  const history = threeEnvironments()
    .changeset({ id: 'c1', created: -2 })
    .changeset({ id: 'c2', created: -2 })
    .run({ id: 'r1', changeset: 'c1', env: 'dev', started: 1, finished: 2 })
    .run({ id: 'r2', changeset: 'c2', env: 'dev', started: 3, finished: 4 })
    .run({ id: 'r3', changeset: 'c1', env: 'dev', started: 5, finished: 6, status: 'stopped' })
    .run({ id: 'r4', changeset: 'c2', env: 'dev', started: 7, finished: 8 })
    .run({ id: 'r5', changeset: 'c1', env: 'prod', started: 9, finished: 10 });
  return computeInsights(
    history.build(),
    { from: date(0), to: date(WEEK), environments, fixWindowDays: 2 },
    date(WEEK),
  );
}

describe('deployment frequency on the page', () => {
  it('says the value counts every environment selected and the band production only, with its own rate', () => {
    const all = report();
    const [frequency] = headlines(all);
    assert.equal(frequency?.figure, 'deploymentFrequency');
    assert.equal(frequency?.value, '4 a week');
    assert.equal(frequency?.detail, '4 successful promotions in 7 days to dev, test, prod');
    assert.equal(frequency?.bandBasis, 'The band rates production only (prod): 1 a week, 1 deployment.');
    assert.equal(deploymentBandBasis(all), frequency?.bandBasis);
  });

  it('says the band rates all selected when no production environment is selected', () => {
    assert.equal(
      deploymentBandBasis(report(['dev', 'test'])),
      'No production environment is selected, so the band rates the deployments of all those selected.',
    );
  });

  it('reads a rare rate per month rather than rounding it to nothing a week', () => {
    assert.equal(frequencyText(0), '0 a week');
    assert.equal(frequencyText(2.345), '2.3 a week');
    assert.equal(frequencyText(0.5), '0.5 a week');
    // One deployment a year is about 0.08 a month: "0 a week" would hide it.
    assert.equal(frequencyText(7 / 365.25), '0.1 a month');
    assert.equal(frequencyText(7 / 365.25 / 3), 'under 0.1 a month');
    // Said in the unit of another rate, to sit beside it: production's share of the value.
    assert.equal(frequencyText(0.2, 3), '0.2 a week');
    assert.equal(frequencyText(0.01, 3), 'under 0.1 a week');
    assert.equal(frequencyText(0.1, 0.3), '0.4 a month');
  });
});

describe('the other keys on the page', () => {
  it('names what each detail covers and what is left open', () => {
    const [, leadTime, failures, restore] = headlines(report());
    assert.match(leadTime?.detail ?? '', /^median of 1 deployment to prod; 90th percentile /);
    assert.equal(failures?.detail, '1 of 5 promotions: 1 failed, 0 rolled back, 0 fixed by a later change');
    assert.equal(failures?.value, '20 %');
    assert.match(restore?.detail ?? '', /; 1 not restored yet$/);
    for (const headline of [leadTime, failures, restore]) assert.equal(headline?.bandBasis, null);
  });
});

describe('the period on the page', () => {
  it('states the period as the computed [from, to) with its length and grouping', () => {
    assert.equal(
      periodText(report()),
      '2026-03-02 00:00 UTC to 2026-03-09 00:00 UTC (7 days, grouped by day)',
    );
  });

  it('asks for a custom period up to the end of its inclusive last day', () => {
    assert.deepEqual(periodQuery({ kind: 'custom', from: '2026-03-02', to: '2026-03-02' }, date(0)), {
      query: { from: '2026-03-02T00:00:00.000Z', to: '2026-03-03T00:00:00.000Z' },
    });
  });

  it('says what to do with a missing, impossible or reversed date', () => {
    for (const [from, to] of [
      ['', '2026-03-02'],
      ['2026-02-30', '2026-03-02'],
    ] as const) {
      const answer = periodQuery({ kind: 'custom', from, to }, date(0));
      assert.ok('problem' in answer);
      assert.match(answer.problem, /Pick both dates .*then press "Show these dates"/);
    }
    const reversed = periodQuery({ kind: 'custom', from: '2026-03-05', to: '2026-03-01' }, date(0));
    assert.ok('problem' in reversed);
    assert.match(reversed.problem, /before the "from" date: swap them/);
  });

  it('starts the custom dates at the 30 days up to today', () => {
    assert.deepEqual(defaultCustomDates(date(0)), { from: '2026-01-31', to: '2026-03-02' });
  });
});

describe('evidence on the page', () => {
  it('says what an item is in one line, leaving out what it does not have', () => {
    assert.equal(
      evidenceMeta({
        kind: 'run',
        id: 'r1',
        environment: 'prod',
        at: '2026-03-02T07:00:00.000Z',
        note: 'rolled back',
      }),
      'prod · 2026-03-02 07:00 UTC · rolled back',
    );
    assert.equal(
      evidenceMeta({ kind: 'changeset', id: 'c1', environment: null, at: null, note: 'unsigned' }),
      'unsigned',
    );
  });
});

describe('governance on the page', () => {
  it('says why a governance figure has no value rather than showing a median of nothing', () => {
    const week = report();
    assert.equal(approvalsDetail(week), 'median over 4 deployed changes; mean 0');
    assert.equal(
      firstApprovalDetail(week),
      'No changeset created in the period has a verified approval yet.',
    );
    const nothing = report(['test']);
    assert.equal(
      approvalsDetail(nothing),
      'No change was deployed in the period, so there are no approvals to count.',
    );
  });
});
