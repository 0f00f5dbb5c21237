import { create } from 'zustand';
import { FerryError } from '../../../../shared/api/api-error';
import type { EnvironmentView } from '../../../../shared/model/environment';
import { call, errorMessage } from '../../api/ferry-client';
import {
  draftFromView,
  draftToInput,
  emptyDraft,
  sortIssues,
  type DraftField,
  type EnvironmentDraft,
} from './environment-draft';
import { useEnvironmentsStore } from '../../stores/environments-store';

interface EnvironmentEditorState {
  mode: 'add' | 'edit' | null;
  draft: EnvironmentDraft;
  /** Whether main already holds a secret for the environment being edited. */
  hasCredentials: boolean;
  fieldErrors: Partial<Record<DraftField, string>>;
  error: string | null;
  /** Main refused to store the secret unprotected; the user has to say yes first. */
  unprotectedWarning: string | null;
  saving: boolean;
  openAdd(): void;
  openEdit(view: EnvironmentView): void;
  close(): void;
  update(patch: Partial<EnvironmentDraft>): void;
  save(acceptUnprotected?: boolean): Promise<void>;
  declineUnprotected(): void;
}

const closed = {
  mode: null,
  draft: emptyDraft(),
  hasCredentials: false,
  fieldErrors: {},
  error: null,
  unprotectedWarning: null,
  saving: false,
} as const;

export const useEnvironmentEditorStore = create<EnvironmentEditorState>((set, get) => ({
  ...closed,
  openAdd: () => set({ ...closed, mode: 'add' }),
  openEdit: (view) =>
    set({ ...closed, mode: 'edit', draft: draftFromView(view), hasCredentials: view.hasCredentials }),
  close: () => set({ ...closed }),
  update: (patch) =>
    set(({ draft, fieldErrors }) => {
      // An edited field's old error no longer describes it.
      const remaining = Object.fromEntries(
        Object.entries(fieldErrors).filter(([field]) => !(field in patch)),
      );
      return { draft: { ...draft, ...patch }, fieldErrors: remaining };
    }),
  save: async (acceptUnprotected = false) => {
    const { mode, draft } = get();
    if (mode === null) return;
    set({ saving: true, error: null, fieldErrors: {}, unprotectedWarning: null });
    try {
      const view = await call('environments.save', {
        environment: draftToInput(draft),
        ...(draft.secret !== '' ? { secret: draft.secret } : {}),
        ...(mode === 'edit' ? { replace: true } : {}),
        ...(acceptUnprotected ? { acceptUnprotected: true } : {}),
      });
      useEnvironmentsStore.getState().upsert(view);
      set({ ...closed });
    } catch (error) {
      if (error instanceof FerryError && error.code === 'vault.unprotected') {
        set({ saving: false, unprotectedWarning: error.message });
      } else if (error instanceof FerryError && error.code === 'request.invalid') {
        const { fields, other } = sortIssues(error.details);
        const named = Object.keys(fields).length > 0;
        set({
          saving: false,
          fieldErrors: fields,
          error: other.length > 0 ? other.join('; ') : named ? null : error.message,
        });
      } else {
        set({ saving: false, error: errorMessage(error) });
      }
    }
  },
  declineUnprotected: () => set({ unprotectedWarning: null }),
}));
