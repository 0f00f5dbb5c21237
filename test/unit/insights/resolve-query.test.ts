import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FerryError } from '../../../shared/api/api-error';
import { resolveInsightsQuery } from '../../../shared/insights/compute-insights';
import type { InsightsQuery } from '../../../shared/insights/insights-query';

const now = new Date('2026-03-31T12:00:00.000Z');

function refusal(query: InsightsQuery): FerryError {
  try {
    resolveInsightsQuery(query, now);
  } catch (error) {
    assert.ok(error instanceof FerryError, `expected a FerryError, got ${String(error)}`);
    assert.equal(error.code, 'request.invalid');
    return error;
  }
  assert.fail('the query was accepted');
}

describe('resolveInsightsQuery', () => {
  it('fills in the defaults: the last 30 days to now, every environment, a 2-day fix window', () => {
    assert.deepEqual(resolveInsightsQuery({}, now), {
      from: new Date('2026-03-01T12:00:00.000Z'),
      to: now,
      environments: null,
      fixWindowDays: 2,
    });
  });

  it('takes 30 days before a given end, and keeps what is given', () => {
    const resolved = resolveInsightsQuery(
      { to: '2026-02-01T00:00:00Z', environments: ['prod', 'test', 'prod'], fixWindowDays: 0 },
      now,
    );
    assert.equal(resolved.from.toISOString(), '2026-01-02T00:00:00.000Z');
    assert.equal(resolved.to.toISOString(), '2026-02-01T00:00:00.000Z');
    assert.deepEqual(resolved.environments, ['prod', 'test']);
    assert.equal(resolved.fixWindowDays, 0);
    assert.equal(resolveInsightsQuery({ environments: [] }, now).environments, null);
  });

  it('refuses a start that is not before the end, naming both', () => {
    const error = refusal({ from: '2026-03-10T00:00:00Z', to: '2026-03-10T00:00:00Z' });
    assert.match(error.message, /from 2026-03-10T00:00:00\.000Z/);
    assert.match(error.message, /must be before/);
    assert.match(error.message, /pick an earlier start or a later end/);
    refusal({ from: '2026-04-01T00:00:00Z' });
  });

  it('refuses a period longer than the maximum, saying what to change', () => {
    const error = refusal({ from: '2010-01-01T00:00:00Z', to: '2026-01-01T00:00:00Z' });
    assert.match(error.message, /longer than 3660 days/);
    assert.match(error.message, /later start \(from\)/);
    resolveInsightsQuery({ from: '2016-03-31T00:00:00Z', to: '2026-03-31T00:00:00Z' }, now);
  });

  it('refuses a field that is not valid, naming it', () => {
    assert.match(refusal({ from: 'last tuesday' }).message, /query's from .*ISO 8601/);
    assert.match(refusal({ fixWindowDays: 91 }).message, /fixWindowDays.*0 to 90/);
    assert.match(refusal({ environments: ['no spaces <b>'] }).message, /environments\[0\]/);
    assert.match(
      refusal({ since: 'x' } as InsightsQuery).message,
      /only from, to, environments and fixWindowDays/,
    );
  });
});
