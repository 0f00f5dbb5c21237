import { create } from 'zustand';
import { call } from '../../api/ferry-client';
import { parseThemeChoice, themeAttribute, type ThemeChoice } from './theme-choice';

const STORAGE_KEY = 'ferry.theme';

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    // Storage refused (privacy settings): the choice lasts for this page only.
    return null;
  }
}

function apply(choice: ThemeChoice): void {
  const attribute = themeAttribute(choice);
  if (attribute === null) delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = attribute;
}

interface ThemeState {
  choice: ThemeChoice;
  choose(choice: ThemeChoice): void;
  /** Takes the choice kept in the app's settings (this page's copy may be from another origin or none). */
  sync(): Promise<void>;
}

const initial = parseThemeChoice(storage()?.getItem(STORAGE_KEY));
// Applied as soon as the module loads, before the first paint of the shell or the welcome page.
apply(initial);

let synced = false;

/**
 * The colour theme the person chose, remembered in the app's settings on this machine (the browser
 * bridge runs on a new port each start, so the page's own storage alone would forget it); the
 * page keeps a copy only to paint the first frame in the right colours.
 */
export const useThemeStore = create<ThemeState>((set, get) => ({
  choice: initial,
  choose: (choice) => {
    apply(choice);
    storage()?.setItem(STORAGE_KEY, choice);
    set({ choice });
    // Not saved is not lost for this window: the next start just follows the system again.
    void call('settings.setTheme', { theme: choice }).catch(() => undefined);
  },
  sync: async () => {
    if (synced) return;
    synced = true;
    try {
      const kept = await call('settings.theme', {});
      if (kept !== get().choice) {
        apply(kept);
        storage()?.setItem(STORAGE_KEY, kept);
        set({ choice: kept });
      }
    } catch {
      synced = false;
    }
  },
}));
