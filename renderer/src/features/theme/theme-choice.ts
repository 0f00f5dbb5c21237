import { themeChoices, type ThemeChoice } from '../../../../shared/model/theme';

export { themeChoices, type ThemeChoice };

export const themeLabels: Record<ThemeChoice, string> = {
  system: 'Match the system',
  light: 'Light',
  dark: 'Dark',
};

/** A stored value is only ever one of the three choices; anything else (hand-edited, older) is "system". */
export function parseThemeChoice(stored: string | null | undefined): ThemeChoice {
  return (themeChoices as readonly string[]).includes(stored ?? '') ? (stored as ThemeChoice) : 'system';
}

/**
 * The `data-theme` attribute for the root element: none for "system", so the stylesheet's
 * `prefers-color-scheme` query decides and follows the system as it changes.
 */
export function themeAttribute(choice: ThemeChoice): 'light' | 'dark' | null {
  return choice === 'system' ? null : choice;
}
