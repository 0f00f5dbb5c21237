import type { InsightsQuery } from '../../../shared/insights/insights-query';
import type { InsightsReport } from '../../../shared/insights/insights-report';

/** A period's report as a document: Markdown and self-contained HTML, and the file name to save it as. */
export interface InsightsDocument {
  report: InsightsReport;
  markdown: string;
  html: string;
  /** `ferry-insights-<from>-<to>.html`-style base name without extension. */
  fileName: string;
}

/**
 * Insights (issue 19): reads the open workspace's records, keeps only those that verify, and
 * computes the figures. Contract only; the implementation replaces this.
 */
export interface InsightsServiceApi {
  metrics(query: InsightsQuery): Promise<InsightsReport>;
  report(query: InsightsQuery): Promise<InsightsDocument>;
}
