import { FerryError } from '../../../../shared/api/api-error';
import type { ChannelHandlers } from '../dispatcher';

type InsightsChannels = 'insights.metrics' | 'insights.report' | 'insights.saveReportPdf';

/** Insights channels onto the insights service; no behaviour here. (Contract stub, issue 19.) */
export function createInsightsHandlers(): Pick<ChannelHandlers, InsightsChannels> {
  const notYet = () => Promise.reject(new FerryError('unsupported', 'Insights are not built yet'));
  return { 'insights.metrics': notYet, 'insights.report': notYet, 'insights.saveReportPdf': notYet };
}
