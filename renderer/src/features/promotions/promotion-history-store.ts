import { create } from 'zustand';
import type { RunDetailWire } from '../../../../shared/model/promotion-wire';
import type { RunSummary } from '../../../../shared/promotion/engine/run-records';
import { call, errorMessage } from '../../api/ferry-client';

interface PromotionHistoryState {
  /** Every run in the workspace, as `promotions.runs` lists them. */
  runs: RunSummary[];
  loading: boolean;
  /** The run whose detail is shown. */
  detail: RunDetailWire | null;
  /** The rollback that undid the shown run, if one did. */
  rolledBackBy: string | null;
  opening: string | null;
  error: string | null;
  load(): Promise<void>;
  open(runId: string): Promise<void>;
  close(): void;
  /** Where the last PDF of a change-control document was saved. */
  savedPdf: string | null;
  savePdf(runId: string): Promise<void>;
  dismissError(): void;
}

/** Past promotions and rollbacks, and one of them in detail. */
export const usePromotionHistoryStore = create<PromotionHistoryState>((set, get) => {
  /** The finished rollback that undid `run`, read from the summaries. */
  function undoneBy(run: RunSummary | undefined): string | null {
    if (run === undefined || run.kind !== 'promote') return null;
    const undo = get().runs.find(
      (other) =>
        other.rollbackOf === run.id && (other.status === 'succeeded' || other.status === 'verify-failed'),
    );
    return undo?.id ?? null;
  }

  return {
    runs: [],
    loading: false,
    detail: null,
    rolledBackBy: null,
    opening: null,
    error: null,
    load: async () => {
      set({ loading: true });
      try {
        set({ runs: await call('promotions.runs', {}), error: null });
        // A run just finished may be the rollback of the one open, or the open one itself.
        const open = get().detail;
        if (open !== null) await get().open(open.id);
      } catch (error) {
        set({ error: errorMessage(error) });
      } finally {
        set({ loading: false });
      }
    },
    open: async (runId) => {
      set({ opening: runId, error: null });
      try {
        const detail = await call('promotions.run', { runId });
        const rolledBackBy = undoneBy(get().runs.find((run) => run.id === runId));
        if (get().opening === runId) set({ detail, rolledBackBy });
      } catch (error) {
        set({ error: errorMessage(error) });
      } finally {
        if (get().opening === runId) set({ opening: null });
      }
    },
    close: () => set({ detail: null, rolledBackBy: null, opening: null }),
    savedPdf: null,
    savePdf: async (runId) => {
      try {
        const { path } = await call('promotions.saveChangeControlPdf', { runId });
        set({ savedPdf: path, error: null });
      } catch (error) {
        set({ error: errorMessage(error) });
      }
    },
    dismissError: () => set({ error: null }),
  };
});

export function interruptedRuns(runs: readonly RunSummary[]): RunSummary[] {
  return runs.filter((run) => run.status === 'interrupted');
}
