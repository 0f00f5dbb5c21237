import { FerryError } from '../../../../shared/api/api-error';
import type { InsightsServiceApi } from '../../../services/insights/insights-service';
import type { ChannelHandlers } from '../dispatcher';
import type { HostCapabilities } from '../host-capabilities';

type InsightsChannels = 'insights.metrics' | 'insights.report' | 'insights.saveReportPdf';

export interface InsightsHandlerDeps {
  insights: InsightsServiceApi;
  host: HostCapabilities;
}

/** Insights channels onto the insights service; no behaviour here (issue 19). */
export function createInsightsHandlers({
  insights,
  host,
}: InsightsHandlerDeps): Pick<ChannelHandlers, InsightsChannels> {
  return {
    'insights.metrics': (query) => insights.metrics(query),
    'insights.report': async (query) => {
      const { markdown, html, fileName } = await insights.report(query);
      return { markdown, html, fileName };
    },
    'insights.saveReportPdf': async (query) => {
      if (!host.savePdf) {
        throw new FerryError(
          'unsupported',
          'Saving a PDF needs the desktop app; save the report as HTML and print it from a browser instead',
        );
      }
      const { html, fileName } = await insights.report(query);
      return { path: await host.savePdf(html, `${fileName}.pdf`) };
    },
  };
}
