import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright';
import { startWebHost, type WebHost } from '../../electron/host/web/web-host';
import { SEEDED_DRIFT } from '../../electron/sandbox';
import { tempDir } from '../support/temp-dir';
import { accessibilityViolations } from './support/axe';
import { launchChromium, RENDERER_DIR, screenshot } from './support/chromium';
import { openSection, text } from './support/journey';

/**
 * Issue 13, point 1 and "Show it": the app as `npm start` opens it, with no environment variable
 * (no FERRY_VAULT_PASSPHRASE): the demo workspace on the sandbox orgs is open, the signing key is
 * made from the Trust page after choosing the vault's passphrase in the page, the demo policies
 * are signed into the trust root, and Rita, the demo approver, is added. Then the whole way:
 * snapshot all, compare dev → uat, a changeset from a pick, a plan the approvals gate holds, Rita's
 * approval, promote with a confirmation, roll back with another — axe-core clean on each page and
 * dialog on the way.
 */

let root: string;
let host: WebHost;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];
/** A skill only dev has (the seeded drift): promoting it to uat is one create. */
const SKILL = SEEDED_DRIFT.devOnly.skill;

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
    // Turning the vault down leaves the reason beside the form, not a banner the next action clears.
    await openSection(page, 'Promotions');
    await page.getByTestId('identity-owner-input').fill('Dana Admin');
    await page.getByTestId('create-identity').click();
    await page
      .getByRole('dialog', { name: 'Choose a vault passphrase' })
      .getByRole('button', { name: 'Cancel' })
      .click();
    assert.match(
      await text(page.getByTestId('identity-error')),
      /vault, which is locked: unlock it with its passphrase/,
    );
    await openSection(page, 'Changesets');
    await openSection(page, 'Promotions');
    assert.match(
      await text(page.getByTestId('identity-error')),
      /locked/,
      'the reason stays until it is resolved',
    );

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

  it('snapshots every environment and compares dev (source) with uat (target)', async () => {
    await openSection(page, 'Environments');
    await page.getByRole('button', { name: 'Snapshot all' }).click();
    await page
      .getByTestId('snapshot-all-status')
      .filter({ hasText: /Snapshots taken of all 3 environments/ })
      .waitFor({ timeout: 120_000 });
    assert.deepEqual(await accessibilityViolations(page, 'main'), []);

    await openSection(page, 'Compare');
    await page.locator('select[name="b-environment"]').selectOption('dev');
    await page.locator('select[name="a-environment"]').selectOption('uat');
    await page.getByTestId('run-compare').click();
    await page.getByTestId('diff-summary').waitFor();
    assert.equal(
      await text(page.getByTestId('compare-direction')),
      'A changeset from this compare makes uat like dev.',
    );
    assert.deepEqual(await accessibilityViolations(page, 'main'), []);
  });

  it('picks the dev-only skill into a new changeset and plans it for uat: the approvals gate holds', async () => {
    await page.getByTestId('diff-filter').fill(SKILL);
    const tick = page.getByTestId('pick-object').and(page.getByLabel(`Pick ${SKILL}`, { exact: true }));
    await tick.check();
    await page.getByTestId('add-to-changeset').click();
    const dialog = page.getByTestId('add-to-changeset-dialog');
    await dialog.getByTestId('new-changeset-title').fill('Video support skill');
    await dialog.getByTestId('continue-add-to-changeset').click();
    await dialog.getByTestId('confirm-add-to-changeset').click();
    await dialog.getByTestId('picks-saved').waitFor();
    await dialog.getByTestId('open-saved-changeset').click();

    await page.getByTestId('plan-promotion').click();
    await page.getByTestId('promotion-environment').selectOption('uat');
    await page.getByTestId('plan-promotion').click();
    await page.getByTestId('plan-view').waitFor();
    // Saving signed the changeset as its author: the key made on the Trust page is the author.
    assert.equal(await page.getByTestId('authorship-unsigned').count(), 0);
    const approvals = page.getByTestId('gates').locator('[data-testid="gate"][data-gate="approvals"]');
    assert.equal(await approvals.getAttribute('data-passed'), 'false');
    assert.ok(await page.getByTestId('promote').isDisabled(), 'no promotion before a second person approves');
    assert.deepEqual(await accessibilityViolations(page, 'main'), []);
  });

  it('lets Rita approve, then promotes to uat after a confirmation and rolls back after another', async () => {
    await openSection(page, 'Trust');
    const card = page.getByTestId('demo-approver');
    await card.getByRole('button', { name: 'Refresh list' }).click();
    await card.getByLabel('Changeset for Rita to approve').selectOption({ label: 'Video support skill' });
    await card.getByRole('button', { name: 'Approve as Rita (demo)' }).click();
    assert.match(await text(card.getByRole('status')), /approved "Video support skill"; the approval counts/);

    // The demo's signed pipeline (dev → uat → prod) gates every promotion into uat: the change
    // enters dev first, from its pipeline view (dev already has the skill, so nothing is written).
    await openSection(page, 'Changesets');
    const pipeline = page.getByTestId('pipeline-view');
    const list = page.getByTestId('changeset-list');
    // The section reopens on the changeset last open, or on the list.
    await pipeline.or(list).first().waitFor();
    if (await list.isVisible()) {
      await list.getByRole('button', { name: 'Video support skill', exact: true }).click();
    }
    await pipeline.getByTestId('pipeline-advance').and(page.locator('[data-environment="dev"]')).click();
    const advance = page.getByTestId('advance-dialog');
    await advance.getByTestId('confirm-advance').click();
    await advance.waitFor({ state: 'detached' });
    await pipeline
      .locator('[data-testid="pipeline-stage"][data-environment="dev"][data-state="done"]')
      .waitFor({ timeout: 60_000 });

    await openSection(page, 'Promotions');
    await page.getByTestId('promotion-environment').selectOption('uat');
    await page.getByTestId('plan-promotion').click();
    await page.getByTestId('plan-view').waitFor();
    const approvals = page.getByTestId('gates').locator('[data-testid="gate"][data-gate="approvals"]');
    assert.equal(await approvals.getAttribute('data-passed'), 'true', await text(approvals));
    const pipelineGate = page.getByTestId('gates').locator('[data-testid="gate"][data-gate="pipeline"]');
    assert.equal(await pipelineGate.getAttribute('data-passed'), 'true', await text(pipelineGate));
    await page.getByTestId('promote').click();
    const confirm = page.getByTestId('confirm-write-dialog');
    await confirm.waitFor();
    assert.match(
      await text(confirm.getByTestId('confirm-write-summary')),
      /1 create, 0 updates, 0 deletes on uat/,
    );
    assert.deepEqual(await accessibilityViolations(page, '[role="dialog"]'), []);
    await confirm.getByTestId('confirm-write').click();
    const status = page.getByTestId('run-panel').getByTestId('run-status');
    await status.filter({ hasText: /succeeded/i }).waitFor({ timeout: 60_000 });
    await screenshot(page, '13-first-launch-promoted');

    await page.getByTestId('rollback-run').click();
    const undo = page.getByTestId('confirm-write-dialog');
    await undo.waitFor();
    await undo.getByTestId('confirm-write').click();
    await page
      .getByTestId('run-panel')
      .getByTestId('run-status')
      .filter({ hasText: /succeeded|rolled back/i })
      .waitFor({
        timeout: 60_000,
      });
    assert.deepEqual(await accessibilityViolations(page, 'main'), []);
    assert.deepEqual(pageErrors, []);
  });
});
