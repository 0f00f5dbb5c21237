import { create } from 'zustand';
import type { ChangesetSummaryWire } from '../../../../shared/model/changeset-wire';
import type { EnvironmentView } from '../../../../shared/model/environment';
import type { PromotionPreviewWire, SigningIdentityWire } from '../../../../shared/model/promotion-wire';
import { call, errorMessage } from '../../api/ferry-client';

interface PromotionsState {
  /** This machine's signing key; null until one is made. */
  identity: SigningIdentityWire | null;
  identityLoaded: boolean;
  creatingIdentity: boolean;
  changesets: ChangesetSummaryWire[];
  environments: EnvironmentView[];
  changesetId: string | null;
  environment: string | null;
  /** The override reason the shown plan was made with; promoting reuses it. */
  overrideReason: string | null;
  preview: PromotionPreviewWire | null;
  planning: boolean;
  approving: boolean;
  error: string | null;
  /** Why the key could not be made; stays beside the form until a key exists or the next try. */
  identityError: string | null;
  notice: string | null;
  load(): Promise<void>;
  createIdentity(owner: string): Promise<boolean>;
  choose(selection: { changesetId?: string | null; environment?: string | null }): void;
  plan(overrideReason?: string | null): Promise<void>;
  /** Plans again as the last plan was made, when there is one for this environment (or any). */
  replan(environment?: string): Promise<void>;
  decide(decision: 'approved' | 'rejected', comment: string): Promise<boolean>;
  dismissError(): void;
}

// A slow live read for an earlier choice must not overwrite the plan of the current one.
let planRun = 0;

/** The promotion being prepared: who signs, what goes where, and the dry run with its gates. */
export const usePromotionsStore = create<PromotionsState>((set, get) => ({
  identity: null,
  identityLoaded: false,
  creatingIdentity: false,
  changesets: [],
  environments: [],
  changesetId: null,
  environment: null,
  overrideReason: null,
  preview: null,
  planning: false,
  approving: false,
  error: null,
  identityError: null,
  notice: null,
  load: async () => {
    try {
      const [identity, changesets, environments] = await Promise.all([
        call('identity.info', {}),
        call('changesets.list', {}),
        call('environments.list', {}),
      ]);
      const usable = changesets.filter((item) => item.problem === null);
      const { changesetId, environment } = get();
      set({
        identity,
        identityLoaded: true,
        changesets: usable,
        environments,
        // A choice that vanished (deleted changeset, removed environment) is dropped with its plan.
        ...(changesetId !== null && !usable.some((item) => item.id === changesetId)
          ? { changesetId: null, preview: null }
          : {}),
        ...(environment !== null && !environments.some((view) => view.config.name === environment)
          ? { environment: null, preview: null }
          : {}),
      });
    } catch (error) {
      set({ error: errorMessage(error) });
    }
  },
  createIdentity: async (owner) => {
    set({ creatingIdentity: true, identityError: null });
    try {
      const identity = await call('identity.init', { owner: owner.trim() });
      set({ identity, notice: `Signing key created for ${identity.owner}` });
      return true;
    } catch (error) {
      set({ identityError: errorMessage(error) });
      return false;
    } finally {
      set({ creatingIdentity: false });
    }
  },
  choose: (selection) => {
    planRun++;
    set({ ...selection, preview: null, overrideReason: null, planning: false, notice: null });
  },
  plan: async (overrideReason = null) => {
    const { changesetId, environment } = get();
    if (changesetId === null || environment === null) return;
    const run = ++planRun;
    const reason = overrideReason?.trim() ? overrideReason.trim() : null;
    set({ planning: true, error: null, notice: null });
    try {
      const preview = await call('promotions.plan', {
        changesetId,
        environment,
        ...(reason !== null ? { overrideReason: reason } : {}),
      });
      if (run === planRun) set({ preview, overrideReason: reason });
    } catch (error) {
      if (run === planRun) set({ error: errorMessage(error), preview: null });
    } finally {
      if (run === planRun) set({ planning: false });
    }
  },
  replan: async (environment) => {
    const { preview, overrideReason } = get();
    if (preview === null) return;
    if (environment !== undefined && preview.plan.environment !== environment) return;
    await get().plan(overrideReason);
  },
  decide: async (decision, comment) => {
    const { changesetId } = get();
    if (changesetId === null) return false;
    set({ approving: true, error: null });
    try {
      const trimmed = comment.trim();
      await call('approvals.approve', {
        changesetId,
        decision,
        ...(trimmed !== '' ? { comment: trimmed } : {}),
      });
      // The gates count approvals: only a fresh plan says whether this one changed the verdict.
      await get().replan();
      return true;
    } catch (error) {
      set({ error: errorMessage(error) });
      return false;
    } finally {
      set({ approving: false });
    }
  },
  dismissError: () => set({ error: null, notice: null }),
}));
