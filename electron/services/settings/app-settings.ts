import Conf from 'conf';
import { z } from 'zod';
import { themeChoiceSchema, type ThemeChoice } from '../../../shared/model/theme';

const MAX_RECENT = 10;

const recentEntrySchema = z.object({
  path: z.string().min(1),
  name: z.string(),
  openedAt: z.iso.datetime(),
});
export type RecentEntry = z.infer<typeof recentEntrySchema>;

const recentListSchema = z.array(recentEntrySchema);

/**
 * App-level settings that live outside any workspace (the recent list). Built on `conf` with an
 * injected folder, so the CLI, the web bridge and tests never touch Electron.
 */
export class AppSettings {
  private readonly store: Conf<Record<string, unknown>>;

  constructor(folder: string) {
    this.store = new Conf<Record<string, unknown>>({
      cwd: folder,
      configName: 'settings',
      projectName: 'ferry',
      projectVersion: '1',
      clearInvalidConfig: true,
    });
  }

  recent(): RecentEntry[] {
    const parsed = recentListSchema.safeParse(this.store.get('recent', []));
    // A hand-damaged settings file costs the recent list, never the app start.
    return parsed.success ? parsed.data : [];
  }

  rememberRecent(entry: RecentEntry): RecentEntry[] {
    const next = [entry, ...this.recent().filter((item) => item.path !== entry.path)].slice(0, MAX_RECENT);
    this.store.set('recent', next);
    return next;
  }

  /** The colour theme chosen in the app; "system" until one is chosen (or when the file is damaged). */
  theme(): ThemeChoice {
    const parsed = themeChoiceSchema.safeParse(this.store.get('theme'));
    return parsed.success ? parsed.data : 'system';
  }

  setTheme(theme: ThemeChoice): ThemeChoice {
    const checked = themeChoiceSchema.parse(theme);
    this.store.set('theme', checked);
    return checked;
  }

  flag(name: string): boolean {
    return this.store.get(`flags.${name}`) === true;
  }

  setFlag(name: string, value: boolean): void {
    this.store.set(`flags.${name}`, value);
  }

  forgetRecent(path: string): RecentEntry[] {
    const next = this.recent().filter((item) => item.path !== path);
    this.store.set('recent', next);
    return next;
  }
}
