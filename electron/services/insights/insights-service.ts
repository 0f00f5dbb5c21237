import { computeInsights, resolveInsightsQuery } from '../../../shared/insights/compute-insights';
import { buildInsightsDocument } from '../../../shared/insights/insights-document';
import type { InsightsQuery } from '../../../shared/insights/insights-query';
import type { InsightsReport } from '../../../shared/insights/insights-report';
import { renderHtml, renderMarkdown } from '../../../shared/promotion/report-document';
import { InsightsReader, type InsightsReaderOptions } from './insights-reader';

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
 * computes the figures.
 */
export interface InsightsServiceApi {
  metrics(query: InsightsQuery): Promise<InsightsReport>;
  report(query: InsightsQuery): Promise<InsightsDocument>;
}

/**
 * The service behind `insights.*` and `ferry metrics`: the reader verifies, the pure compute
 * counts, the shared document machinery (the change-control record's) renders the report.
 */
export class InsightsService implements InsightsServiceApi {
  private readonly reader: InsightsReader;

  constructor(private readonly options: InsightsReaderOptions) {
    this.reader = new InsightsReader(options);
  }

  async metrics(query: InsightsQuery): Promise<InsightsReport> {
    const now = this.options.now();
    // The query is checked before any file is read: a bad period costs nothing.
    const resolved = resolveInsightsQuery(query, now);
    return computeInsights(await this.reader.read(), resolved, now);
  }

  async report(query: InsightsQuery): Promise<InsightsDocument> {
    const report = await this.metrics(query);
    const document = buildInsightsDocument(report);
    return {
      report,
      markdown: renderMarkdown(document),
      html: renderHtml(document),
      fileName: insightsFileName(report),
    };
  }
}

/**
 * `ferry-insights-2026-11-01-to-2026-12-01`: the period's days (UTC). The end is exclusive, as the
 * period is; a period ending at midnight names that midnight's day, as a person says "to 1 December".
 */
export function insightsFileName(report: Pick<InsightsReport, 'period'>): string {
  return `ferry-insights-${report.period.from.slice(0, 10)}-to-${report.period.to.slice(0, 10)}`;
}
