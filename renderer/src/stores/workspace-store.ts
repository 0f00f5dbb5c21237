import { create } from 'zustand';
import type { AppInfo } from '../../../shared/api/channels';
import type { RecentWorkspace, WorkspaceInfo } from '../../../shared/model/workspace';
import { call, errorMessage, onEvent } from '../api/ferry-client';
import { startChoice } from '../../../shared/model/last-workspace';

/** Set while this window stays on the welcome page by choice, so a reload does not reopen. */
const WELCOME_CHOSEN_KEY = 'ferry.welcomeChosen';

function welcomeChosen(): boolean {
  try {
    return window.sessionStorage.getItem(WELCOME_CHOSEN_KEY) === '1';
  } catch {
    return false;
  }
}

function rememberWelcomeChosen(chosen: boolean): void {
  try {
    if (chosen) window.sessionStorage.setItem(WELCOME_CHOSEN_KEY, '1');
    else window.sessionStorage.removeItem(WELCOME_CHOSEN_KEY);
  } catch {
    /* storage refused: a reload may reopen the last workspace, nothing worse */
  }
}

interface WorkspaceState {
  phase: 'starting' | 'welcome' | 'open';
  app: AppInfo | null;
  current: WorkspaceInfo | null;
  recent: RecentWorkspace[];
  busy: boolean;
  error: string | null;
  /** Said on the welcome page when the last workspace could not be reopened. */
  notice: string | null;
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
    if (info) rememberWelcomeChosen(false);
    set({ current: info, recent, phase: info ? 'open' : 'welcome', ...(info ? { notice: null } : {}) });
  }

  /** Nothing open yet: the last workspace, or the welcome page saying why not. */
  async function reopenLast(): Promise<void> {
    const recent = await call('workspace.recent', {});
    const choice = startChoice(recent, welcomeChosen());
    if (choice.action === 'welcome') {
      set({
        recent,
        phase: 'welcome',
        notice: choice.gone
          ? `Your last workspace, ${choice.gone.name}, is no longer at ${choice.gone.path}. Open it where it is now, or pick another below.`
          : null,
      });
      return;
    }
    try {
      await enter(await call('workspace.open', { path: choice.workspace.path }));
    } catch (error) {
      set({
        recent,
        phase: 'welcome',
        notice: `Ferry could not reopen ${choice.workspace.name} (${choice.workspace.path}): ${errorMessage(error).replace(/\.?$/, '.')} Open another workspace or create one.`,
      });
    }
  }

  return {
    phase: 'starting',
    app: null,
    current: null,
    recent: [],
    busy: false,
    error: null,
    notice: null,
    start: () =>
      run(async () => {
        if (!subscribed) {
          subscribed = true;
          onEvent('workspace.changed', (info) => set({ current: info, phase: info ? 'open' : 'welcome' }));
        }
        const [app, current] = await Promise.all([call('app.info', {}), call('workspace.current', {})]);
        set({ app });
        if (current) await enter(current);
        else await reopenLast();
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
        rememberWelcomeChosen(true);
        await enter(null);
      }),
    forget: (path) => run(async () => set({ recent: await call('workspace.forgetRecent', { path }) })),
    dismissError: () => set({ error: null, notice: null }),
  };
});
