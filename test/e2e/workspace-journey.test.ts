import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright';
import { startWebHost, type WebHost } from '../../electron/host/web/web-host';
import { nativeGit } from '../support/native-git';
import { tempDir } from '../support/temp-dir';
import { launchChromium, RENDERER_DIR, screenshot } from './support/chromium';

const SECTIONS = [
  ['Environments', 'empty-environments'],
  ['Compare', 'empty-compare'],
  ['Changesets', 'empty-changesets'],
  ['Promotions', 'empty-promotions'],
  ['Packages', 'empty-packages'],
] as const;

let browser: Browser;
let root: string;
const hosts: WebHost[] = [];

async function startHost(): Promise<WebHost> {
  const host = await startWebHost({ dataDir: join(root, 'user-data'), rendererDir: RENDERER_DIR });
  hosts.push(host);
  return host;
}

/** Every request the page makes must stay on the bridge's origin: the built app is fully offline. */
function watchRequests(page: Page, origin: string): string[] {
  const foreign: string[] = [];
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:')) foreign.push(url);
  });
  return foreign;
}

before(async () => {
  root = await tempDir('ferry-e2e-');
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  for (const host of hosts) await host.close();
});

describe('workspace journey in Chromium through the browser bridge', () => {
  it('creates a workspace, shows every section, reloads, and finds it under Recent', async () => {
    const host = await startHost();
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const foreign = watchRequests(page, host.bridge.origin);
    const scripts: string[] = [];
    page.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.push(request.url());
    });

    await page.goto(host.bridge.url);
    await page.getByTestId('welcome').waitFor();
    assert.equal(new URL(page.url()).hash, '', 'the token is taken out of the address bar');
    assert.ok(
      !scripts.some((url) => /Monaco|jsonMode|editor\.api/i.test(url)),
      'Monaco is not in the first paint',
    );
    await screenshot(page, '01-welcome');

    const folder = join(root, 'contact-centre');
    await page.locator('input[name="create-path"]').fill(folder);
    await page.locator('input[name="create-name"]').fill('Contact centre');
    await page.getByRole('button', { name: 'Create workspace' }).click();
    await page.getByTestId('shell').waitFor();
    assert.equal(await page.getByTestId('workspace-name').locator('strong').textContent(), 'Contact centre');
    assert.match(nativeGit(folder, 'log', '--format=%s'), /Create workspace "Contact centre"/);

    for (const [title, testId] of SECTIONS) {
      await page.getByRole('button', { name: title, exact: true }).click();
      await page.getByTestId(testId).waitFor();
      assert.equal(await page.locator('h1').textContent(), title);
    }
    await page.getByRole('button', { name: 'History', exact: true }).click();
    await page.getByTestId('commit-list').getByText('Create workspace "Contact centre"').waitFor();
    await page.getByTestId('json-viewer').locator('.view-lines').waitFor({ timeout: 15_000 });
    assert.ok(
      scripts.some((url) => /MonacoJsonViewer/.test(url)),
      'Monaco loads when a JSON view opens',
    );
    await screenshot(page, '02-history');

    await page.reload();
    await page.getByTestId('shell').waitFor();
    await page.getByRole('button', { name: 'Environments', exact: true }).click();
    await screenshot(page, '03-shell-after-reload');

    await page.getByRole('button', { name: 'Switch workspace…' }).click();
    await page.getByTestId('recent').getByText('Contact centre').waitFor();
    await screenshot(page, '04-recent');
    assert.deepEqual(foreign, [], 'no request left the bridge origin');
    await page.close();
  });

  it('reopens the last workspace after a restart, and keeps it under Recent', async () => {
    const host = await startHost();
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(host.bridge.url);
    // The last workspace opens by itself: the welcome page is for when there is none.
    await page.getByTestId('shell').waitFor();
    assert.equal(await page.getByTestId('workspace-name').locator('strong').textContent(), 'Contact centre');
    await page.getByRole('button', { name: 'Switch workspace…' }).click();
    const recent = page.getByTestId('recent');
    await recent.getByText('Contact centre').click();
    await page.getByTestId('shell').waitFor();
    await page.close();
  });

  it('shows a clear error for a folder that is not a workspace and stays on the welcome screen', async () => {
    const host = await startHost();
    const notAWorkspace = join(root, 'just-a-folder');
    await mkdir(notAWorkspace);
    await writeFile(join(notAWorkspace, 'notes.txt'), 'hello');
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(host.bridge.url);
    await page.getByTestId('shell').waitFor();
    await page.getByRole('button', { name: 'Switch workspace…' }).click();
    await page.locator('input[name="open-path"]').fill(notAWorkspace);
    await page.getByRole('button', { name: 'Open workspace' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    assert.match((await alert.textContent()) ?? '', /is not a Ferry workspace: it has no ferry\.json/);
    await page.getByTestId('welcome').waitFor();
    await screenshot(page, '05-open-error');
    await page.close();
  });

  it('refuses the UI API when the page has no token', async () => {
    const host = await startHost();
    const page = await browser.newPage();
    await page.goto(host.bridge.origin);
    const alert = page.getByRole('alert');
    await alert.waitFor();
    assert.match((await alert.textContent()) ?? '', /token/i);
    await page.close();
  });
});
