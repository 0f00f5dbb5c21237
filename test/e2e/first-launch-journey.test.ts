import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright';
import { startWebHost, type WebHost } from '../../electron/host/web/web-host';
import { tempDir } from '../support/temp-dir';
import { accessibilityViolations } from './support/axe';
import { launchChromium, RENDERER_DIR, screenshot } from './support/chromium';
import { openSection, text } from './support/journey';

/**
 * Issue 13, point 1 and "Show it": the app as `npm start` opens it, with no environment variable
 * (no FERRY_VAULT_PASSPHRASE): the demo workspace on the sandbox orgs is open, the signing key is
 * made from the Trust page after choosing the vault's passphrase in the page, the demo policies
 * are signed into the trust root, and Rita, the demo approver, is added — axe-core clean on each
 * page and dialog on the way.
 */

let root: string;
let host: WebHost;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

before(async () => {
  root = await tempDir('ferry-first-launch-journey-');
  host = await startWebHost({
    dataDir: join(root, 'user-data'),
    rendererDir: RENDERER_DIR,
    embeddedSandbox: { persist: false },
    demoWorkspace: true,
    env: {},
  });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('pageerror', (error) => pageErrors.push(error.message));
});
after(async () => {
  await browser.close();
  await host.close();
});

describe('first launch to a governed workspace, as the README starts it', () => {
  it('opens on the demo workspace and makes the signing key after the vault passphrase is chosen', async () => {
    await page.goto(host.bridge.url);
    await page.getByRole('navigation', { name: 'Sections' }).waitFor();
    await openSection(page, 'Trust');
    await page.getByTestId('identity-owner-input').fill('Dana Admin');
    await page.getByRole('button', { name: 'Create my signing key' }).click();

    const dialog = page.getByRole('dialog', { name: 'Choose a vault passphrase' });
    await dialog.waitFor();
    assert.deepEqual(await accessibilityViolations(page, '[role="dialog"]'), []);
    const fields = dialog.locator('input[type="password"]');
    assert.equal(
      await fields.first().evaluate((element) => element === document.activeElement),
      true,
      'focus moves into the dialog',
    );
    await fields.nth(0).fill('correct horse battery');
    await fields.nth(1).fill('correct horse batteyr');
    await dialog.getByRole('button', { name: 'Set passphrase and continue' }).click();
    assert.match(await text(dialog.getByRole('alert')), /two passphrases differ/);
    await fields.nth(1).fill('correct horse battery');
    await dialog.getByRole('button', { name: 'Set passphrase and continue' }).click();
    await dialog.waitFor({ state: 'detached' });

    // The call that needed the vault went on by itself: the key exists and signed trust root v1.
    await page.getByTestId('trust-page').getByText('Dana Admin').first().waitFor();
    await page.getByTestId('demo-approver').waitFor();
    await screenshot(page, '13-first-launch-trust');
    assert.deepEqual(await accessibilityViolations(page, 'main'), []);
  });

  it('adds Rita, the demo approver, marked as demo-only', async () => {
    const card = page.getByTestId('demo-approver');
    assert.match(await text(card), /demo only/i);
    await card.getByRole('button', { name: 'Add Rita as a demo approver' }).click();
    await card.getByRole('button', { name: 'Approve as Rita (demo)' }).waitFor();
    assert.match(await text(card.getByRole('status')), /now trusted as an approver/);
    assert.deepEqual(pageErrors, []);
  });
});
