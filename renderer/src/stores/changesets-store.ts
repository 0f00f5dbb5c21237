import { create } from 'zustand';
import type { ChangesetSummaryWire } from '../../../shared/model/changeset-wire';
import { call, errorMessage } from '../api/ferry-client';
import { useNavigationStore } from './navigation-store';

interface ChangesetsState {
  items: ChangesetSummaryWire[];
  loading: boolean;
  error: string | null;
  /** The changeset waiting for "Delete" to be confirmed. */
  confirmingDelete: string | null;
  load(): Promise<void>;
  create(input: { title: string; ticket?: string; description?: string }): Promise<boolean>;
  duplicate(id: string): Promise<void>;
  askDelete(id: string | null): void;
  confirmDelete(): Promise<void>;
  dismissError(): void;
}

/** The Changesets list: what the workspace holds, and the actions on whole documents. */
export const useChangesetsStore = create<ChangesetsState>((set, get) => ({
  items: [],
  loading: false,
  error: null,
  confirmingDelete: null,
  load: async () => {
    set({ loading: true });
    try {
      set({ items: await call('changesets.list', {}), error: null });
    } catch (error) {
      set({ error: errorMessage(error) });
    } finally {
      set({ loading: false });
    }
  },
  create: async (input) => {
    try {
      const created = await call('changesets.create', input);
      await get().load();
      useNavigationStore.getState().openChangeset(created.changeset.id);
      return true;
    } catch (error) {
      set({ error: errorMessage(error) });
      return false;
    }
  },
  duplicate: async (id) => {
    try {
      const copy = await call('changesets.duplicate', { id });
      await get().load();
      useNavigationStore.getState().openChangeset(copy.changeset.id);
    } catch (error) {
      set({ error: errorMessage(error) });
    }
  },
  askDelete: (confirmingDelete) => set({ confirmingDelete }),
  confirmDelete: async () => {
    const id = get().confirmingDelete;
    if (id === null) return;
    try {
      await call('changesets.remove', { id });
      set({ confirmingDelete: null });
      if (useNavigationStore.getState().changesetId === id) useNavigationStore.getState().openChangeset(null);
      await get().load();
    } catch (error) {
      set({ error: errorMessage(error), confirmingDelete: null });
    }
  },
  dismissError: () => set({ error: null }),
}));
