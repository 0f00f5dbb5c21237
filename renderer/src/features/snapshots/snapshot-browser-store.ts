import { create } from 'zustand';
import type { SnapshotTree } from '../../../../shared/model/snapshot';
import { call, errorMessage } from '../../api/ferry-client';
import { sortTreeObjects } from './snapshot-tree-rows';

export interface SelectedObject {
  type: string;
  file: string;
  key: string;
}

interface SnapshotBrowserState {
  environment: string | null;
  tree: SnapshotTree | null;
  loading: boolean;
  error: string | null;
  filter: string;
  /** Types the user opened or closed by hand; the rest follow the default (closed, open while filtering). */
  toggled: Record<string, boolean>;
  selected: SelectedObject | null;
  objectText: string | null;
  objectLoading: boolean;
  objectError: string | null;
  open(environment: string): Promise<void>;
  refresh(environment: string): void;
  setFilter(filter: string): void;
  toggleType(type: string, expandedNow: boolean): void;
  select(object: SelectedObject): Promise<void>;
}

const initial = {
  environment: null,
  tree: null,
  loading: false,
  error: null,
  filter: '',
  toggled: {},
  selected: null,
  objectText: null,
  objectLoading: false,
  objectError: null,
} as const;

export const useSnapshotBrowserStore = create<SnapshotBrowserState>((set, get) => {
  async function loadTree(environment: string): Promise<void> {
    set({ loading: true, error: null });
    try {
      const tree = sortTreeObjects(await call('snapshots.tree', { environment }));
      if (get().environment === environment) set({ tree });
    } catch (error) {
      if (get().environment === environment) set({ error: errorMessage(error) });
    } finally {
      if (get().environment === environment) set({ loading: false });
    }
  }

  return {
    ...initial,
    // Always re-read: the same name may belong to another workspace, or a snapshot may have landed.
    open: async (environment) => {
      set({ ...initial, environment });
      await loadTree(environment);
    },
    refresh: (environment) => {
      if (get().environment !== environment) return;
      void loadTree(environment);
      const selected = get().selected;
      if (selected) void get().select(selected);
    },
    setFilter: (filter) => set({ filter, toggled: {} }),
    toggleType: (type, expandedNow) =>
      set(({ toggled }) => ({ toggled: { ...toggled, [type]: !expandedNow } })),
    select: async (object) => {
      const environment = get().environment;
      if (!environment) return;
      set({ selected: object, objectLoading: true, objectError: null });
      try {
        const { text } = await call('snapshots.object', {
          environment,
          type: object.type,
          file: object.file,
        });
        if (get().selected?.file === object.file && get().selected?.type === object.type)
          set({ objectText: text });
      } catch (error) {
        set({ objectError: errorMessage(error), objectText: null });
      } finally {
        set({ objectLoading: false });
      }
    },
  };
});
