import { create } from 'zustand';
import type { CommitSummary } from '../../../shared/model/workspace';
import { call, errorMessage } from '../api/ferry-client';

interface HistoryState {
  commits: CommitSummary[];
  configText: string | null;
  loading: boolean;
  error: string | null;
  load(): Promise<void>;
}

export const useHistoryStore = create<HistoryState>((set) => ({
  commits: [],
  configText: null,
  loading: false,
  error: null,
  load: async () => {
    set({ loading: true, error: null });
    try {
      const [commits, config] = await Promise.all([
        call('workspace.history', { limit: 200 }),
        call('workspace.readConfig', {}),
      ]);
      set({ commits, configText: config.text });
    } catch (error) {
      set({ error: errorMessage(error) });
    } finally {
      set({ loading: false });
    }
  },
}));
