import { create } from 'zustand';
import { DEFAULT_FIX_WINDOW_DAYS, type InsightsQuery } from '../../../../shared/insights/insights-query';
import type { InsightsReport } from '../../../../shared/insights/insights-report';
import { call, errorMessage } from '../../api/ferry-client';
import { useNavigationStore } from '../../stores/navigation-store';
import { saveTextFile } from '../packages/save-text-file';
import { usePromotionHistoryStore } from '../promotions/promotion-history-store';
import { DEFAULT_PERIOD, periodQuery, toggledEnvironments, type PeriodChoice } from './insights-period';

interface InsightsState {
  period: PeriodChoice;
  /** The environments asked about; null: all of them. */
  environments: string[] | null;
  fixWindowDays: number;
  /** The figures of the last query answered, as `insights.metrics` computed them. */
  report: InsightsReport | null;
  loading: boolean;
  error: string | null;
  /** Why the period picked cannot be asked (a custom "to" before its "from"). */
  periodProblem: string | null;
  /** Which export is being made, so its button says so and is not pressed twice. */
  exporting: 'html' | 'pdf' | null;
  /** What the last export did, in a sentence. */
  exported: string | null;
  /** The workspace the figures are of: another one's environment names mean nothing here. */
  workspace: string | null;
  /** Shows the page for a workspace (again): its figures are asked for afresh. */
  show(workspace: string | null): Promise<void>;
  load(): Promise<void>;
  setPeriod(period: PeriodChoice): Promise<void>;
  toggleEnvironment(name: string): Promise<void>;
  setFixWindowDays(days: number): Promise<void>;
  saveHtml(): Promise<void>;
  savePdf(): Promise<void>;
  /** Evidence links: a run opens in detail on the Promotions page, a changeset in its editor. */
  openRun(runId: string): void;
  openChangeset(changesetId: string): void;
  dismissError(): void;
}

/** The Insights page: which period and environments are asked about, and the figures answered. */
export const useInsightsStore = create<InsightsState>((set, get) => {
  /** Answers arriving out of order (a period picked while the last was computed) keep the latest only. */
  let asked = 0;

  function query(): InsightsQuery | null {
    const { period, environments, fixWindowDays } = get();
    const resolved = periodQuery(period, new Date());
    if ('problem' in resolved) {
      set({ periodProblem: resolved.problem });
      return null;
    }
    set({ periodProblem: null });
    return { ...resolved.query, ...(environments === null ? {} : { environments }), fixWindowDays };
  }

  async function exportWith(kind: 'html' | 'pdf', save: (request: InsightsQuery) => Promise<string>) {
    const request = query();
    if (request === null || get().exporting !== null) return;
    set({ exporting: kind, exported: null, error: null });
    try {
      set({ exported: await save(request) });
    } catch (error) {
      set({ error: errorMessage(error) });
    } finally {
      set({ exporting: null });
    }
  }

  return {
    period: DEFAULT_PERIOD,
    environments: null,
    fixWindowDays: DEFAULT_FIX_WINDOW_DAYS,
    report: null,
    loading: false,
    error: null,
    periodProblem: null,
    exporting: null,
    exported: null,
    workspace: null,
    show: async (workspace) => {
      if (workspace !== get().workspace) {
        set({ workspace, environments: null, report: null, exported: null, error: null });
      }
      await get().load();
    },
    load: async () => {
      const request = query();
      if (request === null) return;
      const mine = ++asked;
      set({ loading: true, error: null });
      try {
        const report = await call('insights.metrics', request);
        if (mine === asked) set({ report });
      } catch (error) {
        if (mine === asked) set({ error: errorMessage(error) });
      } finally {
        if (mine === asked) set({ loading: false });
      }
    },
    setPeriod: async (period) => {
      set({ period });
      await get().load();
    },
    toggleEnvironment: async (name) => {
      const report = get().report;
      if (report === null) return;
      const all = report.environments.map((environment) => environment.name);
      // Ticked at once, before the figures answer: the box follows the click, the figures follow.
      set({ environments: toggledEnvironments(all, get().environments, name) });
      await get().load();
    },
    setFixWindowDays: async (fixWindowDays) => {
      set({ fixWindowDays });
      await get().load();
    },
    saveHtml: () =>
      exportWith('html', async (request) => {
        const document = await call('insights.report', request);
        // The service names the document without an extension: one name for its HTML, Markdown and PDF.
        const fileName = `${document.fileName}.html`;
        saveTextFile(fileName, document.html, 'text/html');
        return `Saved ${fileName} to your downloads.`;
      }),
    savePdf: () =>
      exportWith('pdf', async (request) => {
        const { path } = await call('insights.saveReportPdf', request);
        return path === null ? 'Nothing saved: the save was cancelled.' : `Saved to ${path}`;
      }),
    openRun: (runId) => {
      useNavigationStore.getState().go('promotions');
      // The Promotions page reloads its run list on arrival and reopens the run shown, so the
      // detail opened here survives that load.
      void usePromotionHistoryStore.getState().open(runId);
    },
    openChangeset: (changesetId) => useNavigationStore.getState().openChangeset(changesetId),
    dismissError: () => set({ error: null }),
  };
});
