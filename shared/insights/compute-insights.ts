import type { InsightsInput } from './insights-facts';
import type { InsightsQuery, ResolvedInsightsQuery } from './insights-query';
import type { InsightsReport } from './insights-report';

/**
 * Fills in a query's defaults and checks it: `from` before `to`, the period at most
 * MAX_PERIOD_DAYS. Throws `request.invalid` naming what is wrong.
 */
export function resolveInsightsQuery(query: InsightsQuery, now: Date): ResolvedInsightsQuery {
  void query;
  void now;
  throw new Error('not implemented yet (issue 19 contract)');
}

/** The figures of a period from the verified facts; pure, and linear in the facts after one sort. */
export function computeInsights(
  input: InsightsInput,
  query: ResolvedInsightsQuery,
  now: Date,
): InsightsReport {
  void input;
  void query;
  void now;
  throw new Error('not implemented yet (issue 19 contract)');
}
