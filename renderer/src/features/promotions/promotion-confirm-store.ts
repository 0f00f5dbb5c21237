import { create } from 'zustand';
import type { RunSummary } from '../../../../shared/promotion/engine/run-records';
import { call } from '../../api/ferry-client';
import { canConfirm, needsTypedName, type WriteRequest } from './write-confirmation';
import { recoveryCounts, type WriteCounts } from './write-summary';
import { usePromotionRunStore } from './promotion-run-store';
import { usePromotionsStore } from './promotions-store';

interface PromotionConfirmState {
  /** The write waiting for a yes; null when none is asked. */
  pending: WriteRequest | null;
  /** The environment's name as typed, for production. */
  typed: string;
  ask(request: WriteRequest): void;
  /** Asks before recovering an interrupted run, counting its writes from its journal meanwhile. */
  askRecovery(run: RunSummary, action: 'resume' | 'rollback'): Promise<void>;
  type(text: string): void;
  cancel(): void;
  /** The only way the page writes to an environment: the run starts from the request said yes to. */
  confirm(): Promise<void>;
}

/** The confirmation every write to an environment passes through, whatever its tier. */
export const usePromotionConfirmStore = create<PromotionConfirmState>((set, get) => ({
  pending: null,
  typed: '',
  ask: (request) => {
    if (usePromotionRunStore.getState().running !== null) return;
    set({ pending: request, typed: '' });
  },
  askRecovery: async (run, action) => {
    const tier =
      usePromotionsStore.getState().environments.find((view) => view.config.name === run.environment)?.config
        .tier ?? null;
    const request: WriteRequest = {
      kind: 'recover',
      action,
      runId: run.id,
      environment: run.environment,
      tier,
      counts: 'reading',
    };
    get().ask(request);
    let counts: WriteCounts | 'unknown';
    try {
      const detail = await call('promotions.run', { runId: run.id });
      counts = recoveryCounts(detail.plan, detail.journal, action);
    } catch {
      counts = 'unknown';
    }
    // Only the request still open is completed: a cancelled or replaced one stays as it is.
    if (get().pending === request) set({ pending: { ...request, counts } });
  },
  type: (text) => set({ typed: text }),
  cancel: () => set({ pending: null, typed: '' }),
  confirm: async () => {
    const { pending, typed } = get();
    if (pending === null || !canConfirm(pending, typed)) return;
    set({ pending: null, typed: '' });
    const run = usePromotionRunStore.getState();
    switch (pending.kind) {
      case 'promote':
        return run.promote({
          changesetId: pending.changesetId,
          environment: pending.environment,
          overrideReason: pending.overrideReason,
          // Production's typed name also goes to main, which refuses a promotion to prod without it.
          ...(needsTypedName(pending) ? { confirm: typed } : {}),
        });
      case 'rollback':
        return run.rollback(pending.runId);
      case 'recover':
        return run.recover(pending.runId, pending.action);
    }
  },
}));
