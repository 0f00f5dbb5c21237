import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { AppSettings } from '../../../electron/services/settings/app-settings';
import { tempDir } from '../../support/temp-dir';

describe('the colour theme in the app settings', () => {
  it('is "system" until chosen, then kept across restarts', async () => {
    const folder = await tempDir('ferry-settings-theme-');
    assert.equal(new AppSettings(folder).theme(), 'system');
    new AppSettings(folder).setTheme('dark');
    assert.equal(new AppSettings(folder).theme(), 'dark');
  });

  it('reads a hand-damaged value as "system" and refuses to store anything else', async () => {
    const folder = await tempDir('ferry-settings-theme-');
    await writeFile(join(folder, 'settings.json'), JSON.stringify({ theme: 'light' }));
    assert.equal(new AppSettings(folder).theme(), 'light', 'the file is the one the settings read');
    await writeFile(join(folder, 'settings.json'), JSON.stringify({ theme: 'neon' }));
    const settings = new AppSettings(folder);
    assert.equal(settings.theme(), 'system');
    assert.throws(() => settings.setTheme('neon' as never));
  });
});
