import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { computeInsights } from '../../../shared/insights/compute-insights';
import { insightsReportSchema } from '../../../shared/insights/insights-report';
import { T0 } from './facts-builder';
import { largeHistory } from './large-history';

/*
 * Not a timing (that is `npm run bench`'s): a year of 10,000 runs and 50,000 changesets completes,
 * which a quadratic search (every run against every run for follow-up fixes) would not do in the
 * test's time.
 */

describe('computeInsights at scale', () => {
  it('computes a year of 10,000 runs and 50,000 changesets', { timeout: 20_000 }, () => {
    const input = largeHistory(10_000, 50_000);
    assert.equal(input.runs.length, 10_000);
    assert.equal(input.changesets.length, 50_000);
    const query = {
      from: new Date(T0 - 365 * 86_400_000),
      to: new Date(T0),
      environments: null,
      fixWindowDays: 2,
    };
    const report = computeInsights(input, query, new Date(T0));
    insightsReportSchema.parse(report);
    assert.equal(report.period.bucket, 'month');
    assert.ok(report.deploymentFrequency.total > 5_000);
    assert.ok(report.changeFailureRate.failures > 0);
    assert.ok(report.changeFailureRate.byCause.followUpFix > 0);
    assert.ok(report.changeFailureRate.byCause.rolledBack > 0);
    assert.ok(report.leadTime.overall.count > 0);
    assert.equal(report.deploymentFrequency.evidence.items.length, 200);
  });
});
