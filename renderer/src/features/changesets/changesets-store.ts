import { create } from 'zustand';
import type { ChangesetSummaryWire } from '../../../../shared/model/changeset-wire';
import { call, errorMessage } from '../../api/ferry-client';
import { changesetStanding, type ChangesetStanding } from './changeset-status';
import { useChangesetEditor } from './changeset-editor-store';
import { useNavigationStore } from '../../stores/navigation-store';

interface ChangesetsState {
  items: ChangesetSummaryWire[];
  /** Draft / approved / promoted by changeset id; missing while unknown (it is read after the list). */
  standings: Record<string, ChangesetStanding>;
  search: string;
  setSearch(search: string): void;
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
  standings: {},
  search: '',
  setSearch: (search) => set({ search }),
  loading: false,
  error: null,
  confirmingDelete: null,
  load: async () => {
    set({ loading: true });
    let items: ChangesetSummaryWire[];
    try {
      items = await call('changesets.list', {});
      set({ items, error: null });
    } catch (error) {
      set({ error: errorMessage(error) });
      return;
    } finally {
      set({ loading: false });
    }
    // The status is a second look (runs, and verified approvals per changeset): the list shows first.
    try {
      const usable = items.filter((item) => item.problem === null);
      const [runs, approvals] = await Promise.all([
        call('promotions.runs', {}),
        Promise.all(usable.map((item) => call('approvals.list', { changesetId: item.id }))),
      ]);
      set({
        standings: Object.fromEntries(
          usable.map((item, at) => [item.id, changesetStanding(item.id, approvals[at] ?? [], runs)]),
        ),
      });
    } catch (error) {
      set({
        error: `The list is shown, but the status of its changesets could not be read: ${errorMessage(error)}`,
      });
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
      // The list is read again before it shows, so the deleted changeset is never seen in it.
      await get().load();
      if (useNavigationStore.getState().changesetId === id) {
        // Edits to a changeset that no longer exists have nothing to be saved to.
        if (useChangesetEditor.getState().id === id) useChangesetEditor.getState().discard();
        useNavigationStore.getState().openChangeset(null);
      }
    } catch (error) {
      set({ error: errorMessage(error), confirmingDelete: null });
    }
  },
  dismissError: () => set({ error: null }),
}));
