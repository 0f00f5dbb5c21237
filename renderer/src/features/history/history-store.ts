import { create } from 'zustand';
import type { CommitChanges, CommitFileTexts } from '../../../../shared/model/commit-changes';
import type { CommitSummary } from '../../../../shared/model/workspace';
import { call, errorMessage } from '../../api/ferry-client';

interface HistoryState {
  commits: CommitSummary[];
  configText: string | null;
  loading: boolean;
  error: string | null;
  /** The commit opened from the list: the files it changed. */
  opened: CommitChanges | null;
  opening: string | null;
  /** The file of the opened commit shown before → after. */
  file: ({ path: string } & CommitFileTexts) | null;
  load(): Promise<void>;
  openCommit(commit: string): Promise<void>;
  openFile(path: string): Promise<void>;
  closeCommit(): void;
}

// A slow read for an earlier click must not replace what a later one opened.
let openRun = 0;

export const useHistoryStore = create<HistoryState>((set, get) => ({
  commits: [],
  configText: null,
  loading: false,
  error: null,
  opened: null,
  opening: null,
  file: null,
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
  openCommit: async (commit) => {
    const run = ++openRun;
    set({ opening: commit, error: null });
    try {
      const opened = await call('workspace.commitChanges', { commit });
      if (run !== openRun) return;
      set({ opened, file: null });
      const [first] = opened.files;
      if (first) await get().openFile(first.path);
    } catch (error) {
      if (run === openRun) set({ error: errorMessage(error) });
    } finally {
      if (run === openRun) set({ opening: null });
    }
  },
  openFile: async (path) => {
    const opened = get().opened;
    if (!opened) return;
    const run = openRun;
    try {
      const texts = await call('workspace.commitFile', { commit: opened.commit, path });
      if (run === openRun && get().opened?.commit === opened.commit) set({ file: { path, ...texts } });
    } catch (error) {
      set({ error: errorMessage(error) });
    }
  },
  closeCommit: () => {
    openRun++;
    set({ opened: null, file: null, opening: null });
  },
}));
