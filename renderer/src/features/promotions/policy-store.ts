import { create } from 'zustand';
import { call, errorMessage } from '../../api/ferry-client';
import {
  draftFromPolicy,
  newDenyWindow,
  policyFromDraft,
  type DenyWindowDraft,
  type PolicyDraft,
  type PolicyProblems,
} from './policy-draft';
import { usePromotionsStore } from './promotions-store';

interface PolicyState {
  /** The environment whose policy is open in the editor; null when it is closed. */
  environment: string | null;
  draft: PolicyDraft | null;
  problems: PolicyProblems;
  loading: boolean;
  saving: boolean;
  error: string | null;
  open(environment: string): Promise<void>;
  close(): void;
  edit(fields: Partial<Omit<PolicyDraft, 'denyWindows'>>): void;
  addWindow(): void;
  editWindow(index: number, fields: Partial<DenyWindowDraft>): void;
  removeWindow(index: number): void;
  save(): Promise<boolean>;
}

/** Where the schema reports a problem with a draft field, when the names differ. */
const SCHEMA_PATHS: Readonly<Record<string, string>> = {
  overrideAllowed: 'emergencyOverride.allowed',
  overrideRequiresApproval: 'emergencyOverride.requiresApproval',
};

const closed = { environment: null, draft: null, problems: {}, loading: false, saving: false, error: null };

/** One environment's promotion policy being edited; saving writes ferry.json in a commit. */
export const usePolicyStore = create<PolicyState>((set, get) => {
  /** Applies an edit and forgets the problems of the fields it touched (`stale` says which). */
  function change(next: (draft: PolicyDraft) => PolicyDraft, stale: (field: string) => boolean): void {
    const { draft, problems } = get();
    if (!draft) return;
    const kept = Object.fromEntries(
      Object.entries(problems).filter(([field]) => field !== '' && !stale(field)),
    );
    set({ draft: next(draft), problems: kept });
  }

  return {
    ...closed,
    open: async (environment) => {
      set({ ...closed, environment, loading: true });
      try {
        const policy = await call('policies.get', { environment });
        if (get().environment === environment) set({ draft: draftFromPolicy(policy) });
      } catch (error) {
        set({ error: errorMessage(error) });
      } finally {
        if (get().environment === environment) set({ loading: false });
      }
    },
    close: () => set(closed),
    edit: (fields) =>
      change(
        (draft) => ({ ...draft, ...fields }),
        (field) => Object.keys(fields).some((key) => field === (SCHEMA_PATHS[key] ?? key)),
      ),
    addWindow: () =>
      change(
        (draft) => ({ ...draft, denyWindows: [...draft.denyWindows, newDenyWindow()] }),
        () => false,
      ),
    editWindow: (index, fields) =>
      change(
        (draft) => ({
          ...draft,
          denyWindows: draft.denyWindows.map((window, at) =>
            at === index ? { ...window, ...fields } : window,
          ),
        }),
        (field) => Object.keys(fields).some((key) => field === `denyWindows[${index}].${key}`),
      ),
    // Later windows move up one, so their problems would sit beside the wrong fields.
    removeWindow: (index) =>
      change(
        (draft) => ({ ...draft, denyWindows: draft.denyWindows.filter((_, at) => at !== index) }),
        (field) => field.startsWith('denyWindows'),
      ),
    save: async () => {
      const { environment, draft } = get();
      if (environment === null || draft === null) return false;
      const checked = policyFromDraft(draft, environment);
      if (checked.policy === null) {
        set({ problems: checked.problems, error: null });
        return false;
      }
      set({ saving: true, problems: {}, error: null });
      try {
        await call('policies.save', { environment, policy: checked.policy });
        set(closed);
        // The gates of a plan for this environment were decided under the old policy.
        await usePromotionsStore.getState().replan(environment);
        return true;
      } catch (error) {
        set({ error: errorMessage(error), saving: false });
        return false;
      }
    },
  };
});
