import { create } from 'zustand';
import { FerryError } from '../../../../shared/api/api-error';
import type { Tier } from '../../../../shared/model/environment';
import type { PipelineStatus } from '../../../../shared/promotion/pipeline/pipeline';
import { call, errorMessage } from '../../api/ferry-client';
import { useNavigationStore } from '../../stores/navigation-store';
import { usePromotionHistoryStore } from '../promotions/promotion-history-store';
import { advanceOutcome, canConfirmAdvance } from './pipeline-model';

export interface AdvanceAsk {
  environment: string;
  tier: Tier | null;
}

interface PipelineState {
  /** The changeset the view is about; answers for another one are dropped. */
  changesetId: string | null;
  /** Names of the signed pipelines; empty: the workspace has none and the view stays out of the way. */
  pipelines: string[];
  /** The pipeline picked by the person when more than one is signed; null lets Ferry choose. */
  chosen: string | null;
  status: PipelineStatus | null;
  loading: boolean;
  /** Why the status cannot be shown (no pipeline applies, more than one does…), for a person. */
  error: string | null;
  /** The advance waiting for a yes; null when none is asked. */
  asking: AdvanceAsk | null;
  typed: string;
  advancing: boolean;
  outcome: { tone: 'success' | 'failure' | 'refused'; message: string } | null;
  load(changesetId: string): Promise<void>;
  choose(pipeline: string | null): Promise<void>;
  askAdvance(environment: string): Promise<void>;
  type(text: string): void;
  cancel(): void;
  confirm(): Promise<void>;
  dismissOutcome(): void;
  openRun(runId: string): void;
}

const initial = {
  changesetId: null,
  pipelines: [],
  chosen: null,
  status: null,
  loading: false,
  error: null,
  asking: null,
  typed: '',
  advancing: false,
  outcome: null,
};

/** Where one changeset stands in its signed pipeline, and advancing it one stage (issue 20). */
export const usePipelineStore = create<PipelineState>((set, get) => {
  /** Answers arriving out of order (another changeset opened meanwhile) keep the latest only. */
  let asked = 0;

  async function refresh(): Promise<void> {
    const { changesetId, chosen } = get();
    if (changesetId === null) return;
    const ticket = ++asked;
    set({ loading: true });
    let pipelines: string[];
    try {
      pipelines = (await call('pipelines.list', {})).map((pipeline) => pipeline.name);
    } catch {
      // A trust root that cannot be read is said where it is managed (the Trust page, every
      // promotion); repeating it on each changeset would only be noise, so the view stays away.
      if (ticket === asked) set({ pipelines: [], status: null, error: null, loading: false });
      return;
    }
    if (ticket !== asked) return;
    // Known before the status is asked for: "more than one applies" offers them to pick from.
    set({ pipelines });
    try {
      if (pipelines.length === 0) {
        set({ status: null, error: null });
        return;
      }
      const pick = chosen !== null && pipelines.includes(chosen) ? chosen : null;
      const status = await call('pipelines.status', {
        changesetId,
        ...(pick !== null ? { pipeline: pick } : {}),
      });
      if (ticket === asked) set({ chosen: pick, status, error: null });
    } catch (error) {
      if (ticket === asked) set({ status: null, error: statusProblem(error) });
    } finally {
      if (ticket === asked) set({ loading: false });
    }
  }

  return {
    ...initial,
    load: async (changesetId) => {
      if (get().changesetId !== changesetId) set({ ...initial, changesetId });
      await refresh();
    },
    choose: async (pipeline) => {
      set({ chosen: pipeline, outcome: null });
      await refresh();
    },
    askAdvance: async (environment) => {
      if (get().advancing || get().asking !== null) return;
      set({ outcome: null });
      // The tier decides whether the name must be typed, so it is read before the dialog opens (its
      // focus goes to the name field then). The service asks for the name too: a tier that cannot be
      // read here only means the dialog asks less and the service refuses.
      let tier: Tier | null = null;
      try {
        const views = await call('environments.list', {});
        tier = views.find((view) => view.config.name === environment)?.config.tier ?? null;
      } catch {
        // Left unknown: see above.
      }
      if (get().status?.next === environment) set({ asking: { environment, tier }, typed: '' });
    },
    type: (text) => set({ typed: text }),
    cancel: () => set({ asking: null, typed: '' }),
    confirm: async () => {
      const { asking, typed, changesetId, chosen, advancing } = get();
      if (asking === null || changesetId === null || advancing) return;
      if (!canConfirmAdvance(asking.environment, asking.tier, typed)) return;
      set({ asking: null, typed: '', advancing: true, outcome: null });
      try {
        const answer = await call('pipelines.advance', {
          changesetId,
          ...(chosen !== null ? { pipeline: chosen } : {}),
          ...(typed !== '' ? { confirm: typed } : {}),
        });
        if (get().changesetId !== changesetId) return;
        set({
          status: answer.status,
          outcome: advanceOutcome(answer.environment, answer.result, answer.status),
        });
      } catch (error) {
        if (get().changesetId !== changesetId) return;
        set({ outcome: { tone: 'refused', message: errorMessage(error) } });
        // A refusal re-computed the rules: the status shown may be out of date.
        await refresh();
      } finally {
        if (get().changesetId === changesetId) set({ advancing: false });
      }
    },
    dismissOutcome: () => set({ outcome: null }),
    openRun: (runId) => {
      useNavigationStore.getState().go('promotions');
      void usePromotionHistoryStore.getState().open(runId);
    },
  };
});

/** A status that cannot be shown, said for a person looking at a changeset. */
function statusProblem(error: unknown): string {
  if (error instanceof FerryError && error.code === 'pipeline.not-found') {
    return 'No signed pipeline applies to this changeset. An admin signs one in the trust root (ferry pipeline set <file>); until then, promote it on the Promotions page.';
  }
  if (error instanceof FerryError && error.code === 'pipeline.ambiguous') {
    return 'More than one signed pipeline could apply to this changeset: pick the one to follow.';
  }
  return errorMessage(error);
}
