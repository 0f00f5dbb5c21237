import { z } from 'zod';

/** Light, dark, or whatever the operating system says (`prefers-color-scheme`). */
export const themeChoices = ['system', 'light', 'dark'] as const;
export const themeChoiceSchema = z.enum(themeChoices);
export type ThemeChoice = z.infer<typeof themeChoiceSchema>;
