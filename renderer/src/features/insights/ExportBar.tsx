import { useWorkspaceStore } from '../../stores/workspace-store';
import { useInsightsStore } from './insights-store';

/** The one-page report of the same figures, for a change advisory board: HTML always, PDF where the host prints. */
export function ExportBar() {
  const exporting = useInsightsStore((state) => state.exporting);
  const exported = useInsightsStore((state) => state.exported);
  const saveHtml = useInsightsStore((state) => state.saveHtml);
  const savePdf = useInsightsStore((state) => state.savePdf);
  const canSavePdf = useWorkspaceStore((state) => state.app?.capabilities.savePdf ?? false);
  return (
    <div className="button-row insights-export" data-testid="insights-export">
      <button
        type="button"
        disabled={exporting !== null}
        onClick={() => void saveHtml()}
        data-testid="save-insights-html"
      >
        {exporting === 'html' ? 'Saving…' : 'Save report (HTML)'}
      </button>
      {canSavePdf && (
        <button
          type="button"
          disabled={exporting !== null}
          onClick={() => void savePdf()}
          data-testid="save-insights-pdf"
        >
          {exporting === 'pdf' ? 'Saving…' : 'Save as PDF…'}
        </button>
      )}
      {exported && (
        <span className="muted small" role="status" data-testid="insights-exported">
          {exported}
        </span>
      )}
    </div>
  );
}
