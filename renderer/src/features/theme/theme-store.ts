import { create } from 'zustand';
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
}

const initial = parseThemeChoice(storage()?.getItem(STORAGE_KEY));
// Applied as soon as the module loads, before the first paint of the shell or the welcome page.
apply(initial);

/** The colour theme the person chose, remembered on this machine. */
export const useThemeStore = create<ThemeState>((set) => ({
  choice: initial,
  choose: (choice) => {
    apply(choice);
    storage()?.setItem(STORAGE_KEY, choice);
    set({ choice });
  },
}));
