import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright';
import { startWebHost, type WebHost } from '../../electron/host/web/web-host';
import { DEMO_CLIENTS } from '../../electron/sandbox';
import { nativeGit } from '../support/native-git';
import { tempDir } from '../support/temp-dir';
import { accessibilityViolations } from './support/axe';
import { launchChromium, RENDERER_DIR, screenshot } from './support/chromium';
import { createWorkspaceInUi, text } from './support/journey';

// Latency on every sandbox request keeps a snapshot running long enough to see and cancel it.
const SANDBOX_FAULTS = 'latency=40-80,seed=11';
const SNAPSHOT_TIMEOUT_MS = 120_000;

let browser: Browser;
let root: string;
let host: WebHost;
let page: Page;

/** axe-core over a page or dialog, in light and in dark mode: no serious or critical violation. */
async function assertAccessibleInBothThemes(selector: string, name: string): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    assert.deepEqual(await accessibilityViolations(page, selector), [], `${name} in ${scheme} mode`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

before(async () => {
  root = await tempDir('ferry-e2e-env-');
  browser = await launchChromium();
  host = await startWebHost({
    dataDir: join(root, 'user-data'),
    rendererDir: RENDERER_DIR,
    embeddedSandbox: { persist: false, faults: SANDBOX_FAULTS },
  });
  page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
});
after(async () => {
  await browser?.close();
  await host?.close();
});

describe('environments journey in Chromium through the browser bridge', () => {
  const folder = () => join(root, 'contact-centre');

  it('adds a sandbox environment, showing field errors from main next to the fields', async () => {
    await createWorkspaceInUi(page, host, folder(), 'Contact centre');
    await page.getByTestId('empty-environments').waitFor();
    await screenshot(page, '10-environments-empty');
    await page.getByTestId('empty-environments').getByTestId('add-environment').click();

    const editor = page.getByTestId('environment-editor');
    await editor.locator('input[name="name"]').fill('Dev Org');
    await editor.locator('input[name="label"]').fill('Development');
    await editor.getByText('Sandbox', { exact: true }).click();
    assert.equal(await editor.locator('input[name="url"]').inputValue(), 'embedded');
    await editor.locator('select[name="org"]').selectOption('dev');
    await editor.locator('input[name="clientId"]').fill(DEMO_CLIENTS.dev.clientId);
    assert.equal(await editor.locator('input[name="secret"]').getAttribute('type'), 'password');
    await editor.getByRole('button', { name: 'Add environment' }).click();

    const nameError = editor.getByTestId('field-error-name');
    await nameError.waitFor();
    assert.match(await text(nameError), /must start with a letter/);
    await screenshot(page, '11-environment-editor');
    await assertAccessibleInBothThemes('[data-testid="environment-editor"]', 'the environment editor');

    await editor.locator('input[name="name"]').fill('dev');
    assert.equal(await nameError.count(), 0, 'editing a field clears its error');
    await editor.getByRole('button', { name: 'Add environment' }).click();
    await editor.waitFor({ state: 'detached' });

    const row = page.getByTestId('environment-dev');
    await row.waitFor();
    assert.equal(await text(row.getByTestId('tier-badge')), 'Dev');
    assert.match(await text(row.getByTestId('environment-kind')), /Sandbox org dev · built-in sandbox/);
    // The sandbox's demo client logs in with its published secret, so one counts as stored.
    assert.equal(await text(row.getByTestId('credentials-state')), 'Stored');
    assert.equal(await text(row.getByTestId('last-snapshot')), 'None yet');
    assert.match(nativeGit(folder(), 'log', '--format=%s'), /Add environment dev \(sandbox dev, tier dev\)/);
  });

  it('adds a Genesys Cloud production environment from the region list, without a secret', async () => {
    await page.getByTestId('add-environment').click();
    const editor = page.getByTestId('environment-editor');
    await editor.locator('input[name="name"]').fill('prod-eu');
    await editor.locator('input[name="label"]').fill('Production (EU)');
    await editor.getByText('Prod', { exact: true }).click();
    await editor.locator('select[name="region"]').selectOption('eu-west-1');
    await editor.locator('input[name="clientId"]').fill('3f2c9a10-7b44-4c1e-9d2a-5e8f00c0ffee');
    await editor.getByRole('button', { name: 'Add environment' }).click();
    await editor.waitFor({ state: 'detached' });

    const row = page.getByTestId('environment-prod-eu');
    assert.equal(await text(row.getByTestId('tier-badge')), 'Prod');
    assert.match(await text(row.getByTestId('environment-kind')), /Genesys Cloud · region eu-west-1/);
    assert.equal(await text(row.getByTestId('credentials-state')), 'Not stored');

    // Without a secret the test fails before any request leaves the machine, and says why.
    await row.getByTestId('test-connection').click();
    const result = row.getByTestId('connection-result');
    await result.waitFor();
    assert.match(await text(result), /Connection failed: No client secret for environment "prod-eu"/);
  });

  it('tests the connection and shows the org name, region and latency', async () => {
    const row = page.getByTestId('environment-dev');
    await row.getByTestId('test-connection').click();
    const result = row.getByTestId('connection-result');
    await result.waitFor();
    assert.equal(await text(result.getByTestId('connection-org')), host.sandbox?.orgs.dev.orgName);
    assert.match(await text(result), /Connected to .+ · sandbox \(embedded\) · \d+ ms/);
    await screenshot(page, '12-environments');
    await assertAccessibleInBothThemes('body', 'the environments page');
  });

  it('takes a snapshot with visible progress and shows the result', async () => {
    const row = page.getByTestId('environment-dev');
    await row.getByTestId('take-snapshot').click();
    const job = row.getByTestId('snapshot-job');
    await job.getByTestId('snapshot-progress').waitFor();
    await job
      .getByTestId('snapshot-phase')
      .filter({ hasText: /^Reading / })
      .waitFor({ timeout: 30_000 });
    await job
      .getByTestId('snapshot-counters')
      .filter({ hasText: /[1-9]\d* objects/ })
      .waitFor({ timeout: 30_000 });
    await screenshot(page, '13-snapshot-progress');

    const result = job.getByTestId('snapshot-result');
    await result.waitFor({ timeout: SNAPSHOT_TIMEOUT_MS });
    assert.equal(await text(job.getByTestId('snapshot-phase')), 'Snapshot taken');
    const subject = nativeGit(folder(), 'log', '-1', '--format=%s').trim();
    assert.ok((await text(result)).startsWith(subject), `the result shows the commit message "${subject}"`);
    await row.getByTestId('last-snapshot').filter({ hasNotText: 'None yet' }).waitFor();
    assert.match(await text(row.getByTestId('last-snapshot')), /objects · [0-9a-f]{7}/);
    await screenshot(page, '14-snapshot-taken');
  });

  it('browses the snapshot: filters the tree and shows an object as JSON in Monaco', async () => {
    await page.getByTestId('environment-dev').getByTestId('browse-snapshot').click();
    const snapshotBrowser = page.getByTestId('snapshot-browser');
    await snapshotBrowser.getByTestId('snapshot-summary').waitFor();
    assert.match(await text(snapshotBrowser.getByTestId('snapshot-summary')), /^[\d,]+ objects in \d+ types/);

    const skills = snapshotBrowser.getByTestId('tree-type-routing.skill');
    await skills.waitFor();
    assert.equal(await skills.getAttribute('aria-expanded'), 'false', 'types start closed');
    await skills.click();
    assert.ok(
      (await snapshotBrowser.getByTestId('tree-object').count()) > 0,
      'opening a type lists its objects',
    );

    await snapshotBrowser.getByTestId('snapshot-filter').fill('billing');
    assert.equal(await skills.getAttribute('aria-expanded'), 'true', 'filtering opens the matching types');
    assert.match(await text(skills), /Skills\s*\d+ \/ \d+/);
    await snapshotBrowser
      .getByTestId('tree-object')
      .filter({ hasText: /^Billing$/ })
      .first()
      .click();

    const viewer = snapshotBrowser.getByTestId('json-viewer');
    await viewer.locator('.view-lines').filter({ hasText: '"Billing"' }).waitFor({ timeout: 15_000 });
    assert.equal(await text(snapshotBrowser.getByTestId('snapshot-object').locator('h2')), 'Billing');
    await screenshot(page, '15-snapshot-browser');
    await assertAccessibleInBothThemes('[data-testid="snapshot-browser"]', 'the snapshot browser');

    await snapshotBrowser.getByRole('button', { name: '← Environments' }).click();
    await page.getByTestId('environment-list').waitFor();
  });

  it('edits the environment without ever showing the secret', async () => {
    const row = page.getByTestId('environment-dev');
    await row.getByTestId('edit-environment').click();
    const editor = page.getByTestId('environment-editor');
    assert.equal(
      await editor.locator('input[name="secret"]').inputValue(),
      '',
      'the secret is never pre-filled',
    );
    assert.equal(await text(editor.getByTestId('secret-state')), 'stored');
    assert.ok(await editor.locator('input[name="name"]').isDisabled(), 'the name cannot change');
    await editor.getByText('Test', { exact: true }).click();
    await editor.getByRole('button', { name: 'Save changes' }).click();
    await editor.waitFor({ state: 'detached' });
    assert.equal(await text(row.getByTestId('tier-badge')), 'Test');
    assert.match(
      nativeGit(folder(), 'log', '-1', '--format=%s'),
      /Change environment dev \(sandbox dev, tier test\)/,
    );
    await screenshot(page, '16-environment-edited');
  });

  it('cancels a running snapshot', async () => {
    const row = page.getByTestId('environment-dev');
    await row.getByTestId('snapshot-job').getByRole('button', { name: 'Dismiss' }).click();
    await row.getByTestId('take-snapshot').click();
    const job = row.getByTestId('snapshot-job');
    const cancel = job.getByTestId('cancel-snapshot');
    await cancel.waitFor();
    await job
      .getByTestId('snapshot-phase')
      .filter({ hasText: /^Reading / })
      .waitFor({ timeout: 30_000 });
    await cancel.click();
    await job.getByTestId('snapshot-result').waitFor({ timeout: SNAPSHOT_TIMEOUT_MS });
    assert.equal(await text(job.getByTestId('snapshot-phase')), 'Snapshot cancelled');
    assert.match(await text(job.getByTestId('snapshot-result')), /previous snapshot is unchanged/);
    await screenshot(page, '17-snapshot-cancelled');
  });

  it('removes an environment after confirmation', async () => {
    await page.getByTestId('environment-prod-eu').getByTestId('remove-environment').click();
    const dialog = page.getByTestId('remove-dialog');
    assert.match(await text(dialog), /This is a production environment/);
    await screenshot(page, '18-remove-environment');
    await assertAccessibleInBothThemes('[data-testid="remove-dialog"]', 'the remove dialog');
    await dialog.getByRole('button', { name: 'Remove environment' }).click();
    await page.getByTestId('environment-prod-eu').waitFor({ state: 'detached' });
    assert.equal(await page.getByTestId('environment-list').locator('> li').count(), 1);
    assert.match(nativeGit(folder(), 'log', '-1', '--format=%s'), /Remove environment prod-eu/);
    // Monaco leaves empty aria-live alerts in the page; only Ferry's error banners count.
    assert.deepEqual(await page.locator('.error-banner').allTextContents(), []);
  });
});
