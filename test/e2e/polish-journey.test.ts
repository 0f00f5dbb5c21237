import assert from 'node:assert/strict';
import { rename } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright';
import { startWebHost, type WebHost } from '../../electron/host/web/web-host';
import { tempDir } from '../support/temp-dir';
import { accessibilityViolations } from './support/axe';
import { launchChromium, RENDERER_DIR, screenshot } from './support/chromium';
import { createWorkspaceInUi, openSection, text } from './support/journey';

let browser: Browser;
let root: string;
let host: WebHost;
let page: Page;
const hosts: WebHost[] = [];
const failedRequests: string[] = [];
const pageErrors: string[] = [];

const folder = () => join(root, 'contact-centre');

/** A restart of Ferry: a new host on the same data folder, the page loaded from it afresh. */
async function restart(): Promise<void> {
  await host.close();
  host = await startWebHost({
    dataDir: join(root, 'user-data'),
    rendererDir: RENDERER_DIR,
    embeddedSandbox: { persist: false },
  });
  hosts.push(host);
  await page.goto(host.bridge.url);
}

async function background(): Promise<string> {
  return page.evaluate(() => getComputedStyle(document.body.parentElement ?? document.body).backgroundColor);
}

/** axe-core over the page in light and in dark: no serious or critical violation in either. */
async function assertAccessibleInBothThemes(selector: string, name: string): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    assert.deepEqual(await accessibilityViolations(page, selector), [], `${name} in ${scheme} mode`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

before(async () => {
  root = await tempDir('ferry-e2e-polish-');
  browser = await launchChromium();
  host = await startWebHost({
    dataDir: join(root, 'user-data'),
    rendererDir: RENDERER_DIR,
    embeddedSandbox: { persist: false },
  });
  hosts.push(host);
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('response', (response) => {
    if (response.status() >= 400) failedRequests.push(`${response.status()} ${response.url()}`);
  });
  page.on('pageerror', (error) => pageErrors.push(error.message));
});
after(async () => {
  await browser?.close();
  for (const each of hosts) await each.close().catch(() => undefined);
});

describe('polish journey in Chromium through the browser bridge', () => {
  it('has a favicon, and the welcome page passes axe in light and dark', async () => {
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto(host.bridge.url);
    await page.getByTestId('welcome').waitFor();
    const icon = await page.locator('link[rel="icon"]').getAttribute('href');
    assert.ok(icon, 'the page names its icon');
    const served = await page.request.get(new URL(icon, page.url()).href);
    assert.equal(served.status(), 200);
    assert.match(served.headers()['content-type'] ?? '', /image\/svg\+xml/);
    await assertAccessibleInBothThemes('body', 'the welcome page');
    assert.deepEqual(failedRequests, [], 'no request failed (favicon included)');
  });

  it('follows the system until a theme is chosen, and remembers the choice', async () => {
    await page.emulateMedia({ colorScheme: 'dark' });
    assert.equal(await background(), 'rgb(15, 20, 28)', 'dark when the system is dark');
    await page.emulateMedia({ colorScheme: 'light' });
    assert.equal(await background(), 'rgb(245, 246, 248)', 'light when the system is light');

    await page.getByTestId('theme-choice').selectOption('dark');
    assert.equal(await page.locator('html').getAttribute('data-theme'), 'dark');
    assert.equal(await background(), 'rgb(15, 20, 28)', 'dark by choice on a light system');
    await screenshot(page, '90-welcome-dark');
    await page.reload();
    await page.getByTestId('welcome').waitFor();
    assert.equal(await page.getByTestId('theme-choice').inputValue(), 'dark', 'remembered');
    assert.equal(await background(), 'rgb(15, 20, 28)');
    // A restart serves the page from a new port (a new origin, its storage empty): still dark.
    await restart();
    await page.getByTestId('welcome').waitFor();
    await page.locator('html[data-theme="dark"]').waitFor();
    assert.equal(await page.getByTestId('theme-choice').inputValue(), 'dark', 'kept in the app settings');

    await page.getByTestId('theme-choice').selectOption('system');
    assert.equal(await page.locator('html').getAttribute('data-theme'), null);
    assert.equal(await background(), 'rgb(245, 246, 248)');
  });

  it('reopens the last workspace on start', async () => {
    await createWorkspaceInUi(page, host, folder(), 'Contact centre');
    await restart();
    await page.getByTestId('shell').waitFor();
    assert.equal(await text(page.getByTestId('workspace-name').locator('strong')), 'Contact centre');
    assert.equal(await page.getByTestId('welcome').count(), 0);
  });

  it('stays on the welcome page after Switch workspace…, even on a reload', async () => {
    await page.getByRole('button', { name: 'Switch workspace…' }).click();
    await page.getByTestId('welcome').waitFor();
    await page.reload();
    await page.getByTestId('welcome').waitFor();
    await page.getByTestId('recent').getByText('Contact centre').click();
    await page.getByTestId('shell').waitFor();
  });

  it('shows the welcome page, saying why, when the last workspace is gone', async () => {
    await host.close();
    await rename(folder(), `${folder()}-moved`);
    await restart();
    await page.getByTestId('welcome').waitFor();
    assert.match(
      await text(page.getByTestId('reopen-notice')),
      /Your last workspace, Contact centre, is no longer at .*contact-centre\. Open it where it is now/,
    );
    await rename(`${folder()}-moved`, folder());
    await page.locator('input[name="open-path"]').fill(folder());
    await page.getByRole('button', { name: 'Open workspace' }).click();
    await page.getByTestId('shell').waitFor();
  });

  it('snapshots every environment one after another, with progress', async () => {
    for (const [name, tier] of [
      ['dev', 'dev'],
      ['uat', 'test'],
      ['prod', 'prod'],
    ] as const) {
      await host.services.environments.save(
        { name, kind: 'sandbox', url: 'embedded', org: name, tier },
        undefined,
      );
    }
    // Added behind the page's back (as a teammate's pull would): a reload shows them.
    await page.reload();
    await openSection(page, 'Environments');
    await page.getByTestId('environment-prod').waitFor();
    await page.getByTestId('snapshot-all-button').click();
    const status = page.getByTestId('snapshot-all-status');
    await page.locator('[data-testid="snapshot-all"][data-running="true"]').waitFor();
    assert.match(await text(status), /^Snapshotting (dev \(1|uat \(2|prod \(3) of 3\)…$/);
    await page.locator('[data-testid="snapshot-all"][data-running="false"]').waitFor({ timeout: 120_000 });
    assert.equal(await text(status), 'Snapshots taken of all 3 environments: dev, uat, prod.');
    for (const name of ['dev', 'uat', 'prod']) {
      assert.notEqual(
        await text(page.getByTestId(`environment-${name}`).getByTestId('last-snapshot')),
        'None yet',
      );
      assert.ok(await host.services.snapshots.store().lastSnapshot(name), `${name} has a snapshot`);
    }
    await screenshot(page, '91-snapshot-all');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, '92-environments-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await assertAccessibleInBothThemes('body', 'the environments page');
  });

  it('ran without an uncaught error or a failed request', () => {
    assert.deepEqual(pageErrors, []);
    assert.deepEqual(failedRequests, []);
  });
});
