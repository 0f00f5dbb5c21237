import { create } from 'zustand';
import type { AppInfo } from '../../../shared/api/channels';
import type { RecentWorkspace, WorkspaceInfo } from '../../../shared/model/workspace';
import { call, errorMessage, onEvent } from '../api/ferry-client';

interface WorkspaceState {
  phase: 'starting' | 'welcome' | 'open';
  app: AppInfo | null;
  current: WorkspaceInfo | null;
  recent: RecentWorkspace[];
  busy: boolean;
  error: string | null;
  start(): Promise<void>;
  create(path: string, name?: string): Promise<void>;
  open(path: string): Promise<void>;
  pickAndOpen(): Promise<void>;
  pickFolder(): Promise<string | null>;
  close(): Promise<void>;
  forget(path: string): Promise<void>;
  dismissError(): void;
}

// Start may run twice under React's StrictMode; the event subscription must not.
let subscribed = false;

export const useWorkspaceStore = create<WorkspaceState>((set, get) => {
  async function run(action: () => Promise<void>): Promise<void> {
    set({ busy: true, error: null });
    try {
      await action();
    } catch (error) {
      set({ error: errorMessage(error) });
    } finally {
      set({ busy: false });
    }
  }

  async function enter(info: WorkspaceInfo | null): Promise<void> {
    const recent = await call('workspace.recent', {});
    set({ current: info, recent, phase: info ? 'open' : 'welcome' });
  }

  return {
    phase: 'starting',
    app: null,
    current: null,
    recent: [],
    busy: false,
    error: null,
    start: () =>
      run(async () => {
        if (!subscribed) {
          subscribed = true;
          onEvent('workspace.changed', (info) => set({ current: info, phase: info ? 'open' : 'welcome' }));
        }
        const [app, current] = await Promise.all([call('app.info', {}), call('workspace.current', {})]);
        set({ app });
        await enter(current);
      }).finally(() => {
        if (get().phase === 'starting') set({ phase: 'welcome' });
      }),
    create: (path, name) =>
      run(async () => enter(await call('workspace.create', name ? { path, name } : { path }))),
    open: (path) => run(async () => enter(await call('workspace.open', { path }))),
    pickFolder: async () => {
      try {
        return (await call('dialog.pickFolder', { title: 'Choose a workspace folder' })).path;
      } catch (error) {
        set({ error: errorMessage(error) });
        return null;
      }
    },
    pickAndOpen: async () => {
      const path = await get().pickFolder();
      if (path) await get().open(path);
    },
    close: () =>
      run(async () => {
        await call('workspace.close', {});
        await enter(null);
      }),
    forget: (path) => run(async () => set({ recent: await call('workspace.forgetRecent', { path }) })),
    dismissError: () => set({ error: null }),
  };
});
