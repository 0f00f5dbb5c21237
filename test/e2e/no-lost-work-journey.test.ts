import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright';
import type { WebHost } from '../../electron/host/web/web-host';
import { SEEDED_DRIFT } from '../../electron/sandbox';
import { nativeGit } from '../support/native-git';
import { accessibilityViolations } from './support/axe';
import { screenshot } from './support/chromium';
import {
  type Journey,
  addSnapshottedSandboxOrgs,
  createWorkspaceInUi,
  openSection,
  startJourney,
  text,
} from './support/journey';

/**
 * Issue 13, "No lost work": leaving the editor asks first, Ctrl+S saves, edits survive a reload,
 * and text a field does not accept blocks Save and is named in Validation instead of vanishing.
 */

let root: string;
let host: WebHost;
let page: Page;
let journey: Journey;
const pageErrors: string[] = [];
const dialogs: string[] = [];

const folder = () => join(root, 'contact-centre');
const TITLE = 'Raise ACW on billing';
const { queue } = SEEDED_DRIFT.devAndUat.acwTimeout;
const ACW = 'field-acwSettings.timeoutMs';

interface SavedChangeset {
  operations: { op: string; key: string; changes?: { path: string; after?: unknown }[] }[];
}

async function savedChangeset(): Promise<SavedChangeset> {
  const dir = join(folder(), 'changesets');
  const files = (await readdir(dir)).filter((name) => name.startsWith('raise-acw-on-billing-'));
  assert.equal(files.length, 1);
  return JSON.parse(await readFile(join(dir, files[0] as string), 'utf8')) as SavedChangeset;
}

async function savedAcw(): Promise<unknown> {
  const operation = (await savedChangeset()).operations.find((item) => item.key === queue);
  return operation?.changes?.find((change) => change.path === 'acwSettings.timeoutMs')?.after;
}

function commits(): number {
  return Number(nativeGit(folder(), 'rev-list', '--count', 'HEAD').trim());
}

async function assertAccessible(selector: string, where: string): Promise<void> {
  assert.deepEqual(await accessibilityViolations(page, selector), [], `axe on ${where}`);
}

const acwField = () => page.getByTestId('operation-form').getByTestId(ACW);

before(async () => {
  journey = await startJourney('ferry-e2e-no-lost-work-');
  ({ root, host, page } = journey);
  page.on('pageerror', (error) => pageErrors.push(error.message));
  // The browser's own "Leave site?" question: answered "leave", and recorded so the test can tell it was asked.
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.type());
    void dialog.accept();
  });
});
after(() => journey?.close());

describe('no lost work in the changeset editor (Chromium, 1280×900)', () => {
  it('creates a changeset and changes a queue in the form, with the change marked', async () => {
    await createWorkspaceInUi(page, host, folder(), 'Contact centre');
    await addSnapshottedSandboxOrgs(host, ['uat']);
    await openSection(page, 'Changesets');
    await page.getByTestId('new-changeset-title-input').fill(TITLE);
    await page.getByTestId('create-changeset').click();
    await page.getByTestId('changeset-editor').waitFor();
    await page
      .getByTestId('target-snapshot')
      .filter({ hasText: /^uat's snapshot of \d{4}-\d\d-\d\d \d\d:\d\d .+ \(commit [0-9a-f]{7}\)$/ })
      .waitFor();

    const form = page.getByTestId('add-operation-form');
    await form.getByLabel('Kind').selectOption('update');
    await form.getByLabel('Type').selectOption('routing.queue');
    await page.getByTestId('add-operation-key').fill(queue);
    await page.getByTestId('add-operation').click();
    await acwField().waitFor();
    assert.equal(await acwField().inputValue(), '45', "uat's value, in seconds");
    await acwField().fill('90');
    await page.locator(`[data-testid="${ACW}"][data-changed="true"]`).waitFor();
    assert.match(await text(page.getByTestId('changed-legend')), /marked/);
    await page.getByTestId('changeset-dirty').waitFor();
    await screenshot(page, '46-editor-changed-field');
    await assertAccessible('[data-testid="changeset-editor"]', 'the editor with the form');
  });

  it('keeps -5 on screen, names it in Validation, and refuses to save it', async () => {
    const before = commits();
    await acwField().fill('-5');
    const error = page.getByTestId(`${ACW}-error`);
    await error.filter({ hasText: 'After-call work time-out must be 0 or more' }).waitFor();
    assert.equal(await acwField().getAttribute('aria-invalid'), 'true');
    assert.equal(await page.getByTestId('save-changeset').isDisabled(), true, 'Save is disabled');
    assert.match(await text(page.getByTestId('save-blocked')), /After-call work time-out must be 0 or more/);
    const status = page.getByTestId('validation-status');
    await status.filter({ hasText: /^1 error$/ }).waitFor();
    const finding = page.getByTestId('validation-panel').locator('[data-code="field-input"]');
    assert.match(await text(finding), /After-call work time-out must be 0 or more/);
    assert.doesNotMatch(await text(status), /Valid/);

    // Ctrl+S refuses too, with the reason, and writes nothing.
    await acwField().press('ControlOrMeta+s');
    await page
      .getByRole('alert')
      .filter({ hasText: /Not saved\. Fix this field/ })
      .waitFor();
    assert.equal(commits(), before, 'nothing was committed');

    // The text survives a switch to JSON and back: it is the user's, not the form's to drop.
    await page.getByTestId('operation-view-json').click();
    await page
      .getByTestId('json-editor')
      .locator('.view-lines')
      .filter({ hasText: '"timeoutMs": 90000' })
      .waitFor({ timeout: 15_000 });
    await page.getByTestId('operation-view-form').click();
    assert.equal(await acwField().inputValue(), '-5');
    await screenshot(page, '47-editor-invalid-field');
    await assertAccessible('[data-testid="changeset-editor"]', 'the editor with an invalid field');

    // Validation leads back to the field.
    await page.getByTestId('operation-view-diff').click();
    await page
      .getByTestId('operation-editor')
      .locator('.editor.modified .view-lines')
      .filter({ hasText: '90000' })
      .waitFor({ timeout: 15_000 });
    await assertAccessible('[data-testid="changeset-editor"]', 'the editor showing before → after');
    await finding.getByRole('button', { name: 'After-call work time-out' }).click();
    await acwField().waitFor();
    await page.waitForFunction((id) => document.activeElement?.getAttribute('data-testid') === id, ACW);
  });

  it('asks before leaving by the sidebar, focus moved in and returned on "Keep editing"', async () => {
    const compare = page
      .getByRole('navigation', { name: 'Sections' })
      .getByRole('button', { name: 'Compare', exact: true });
    await compare.focus();
    await compare.press('Enter');
    const dialog = page.getByTestId('unsaved-changes-dialog');
    await dialog.waitFor();
    assert.equal(await text(dialog.getByRole('heading')), `Discard changes to ${TITLE}?`);
    assert.equal(
      await page.evaluate(() => document.activeElement?.getAttribute('data-testid')),
      'keep-editing',
      'focus moved into the dialog, on the choice that loses nothing',
    );
    assert.equal(
      await dialog.getByTestId('save-and-leave').isDisabled(),
      true,
      'an invalid field cannot be saved',
    );
    assert.match(await text(dialog.getByTestId('unsaved-changes-blocked')), /must be 0 or more/);
    await screenshot(page, '48-unsaved-changes-dialog');
    await assertAccessible('[data-testid="unsaved-changes-dialog"]', 'the unsaved-changes dialog');
    await dialog.getByTestId('keep-editing').click();
    await dialog.waitFor({ state: 'detached' });
    assert.equal(
      await page.evaluate(() => document.activeElement?.textContent),
      'Compare',
      'focus returned to the opener',
    );
    await page.getByTestId('changeset-editor').waitFor();
    assert.equal(await acwField().inputValue(), '-5');
  });

  it('saves with Ctrl+S once the field is fixed', async () => {
    await acwField().fill('90');
    await page
      .getByTestId('validation-status')
      .filter({ hasText: /^Valid/ })
      .waitFor();
    assert.equal(await page.getByTestId('save-blocked').count(), 0);
    await acwField().press('ControlOrMeta+s');
    await page
      .getByTestId('editor-notice')
      .filter({ hasText: /^Saved/ })
      .waitFor();
    assert.equal(await savedAcw(), 90_000);
  });

  it('an emptied title blocks Save with the reason instead of a schema message', async () => {
    const title = page.getByTestId('changeset-title-input');
    await title.fill('');
    await page.getByTestId('save-blocked').filter({ hasText: 'Title is required' }).waitFor();
    assert.equal(await page.getByTestId('save-changeset').isDisabled(), true);
    assert.equal(await title.getAttribute('aria-invalid'), 'true');
    assert.equal(await text(page.getByTestId('changeset-title')), TITLE, 'the heading keeps the saved title');
    await title.fill(TITLE);
    await page.getByTestId('changeset-dirty').waitFor({ state: 'detached' });
  });

  it('"Discard" leaves and drops the edit; the saved version is what comes back', async () => {
    await acwField().fill('100');
    await page.getByTestId('changeset-dirty').waitFor();
    await openSection(page, 'Compare');
    const dialog = page.getByTestId('unsaved-changes-dialog');
    await dialog.getByTestId('discard-changes').click();
    await page.getByTestId('changeset-editor').waitFor({ state: 'detached' });
    await openSection(page, 'Changesets');
    await acwField().waitFor();
    assert.equal(await acwField().inputValue(), '90');
    assert.equal(await page.getByTestId('restore-draft').count(), 0, 'a discarded edit is not offered back');
  });

  it('"Save" in the dialog saves, then opens the other changeset', async () => {
    await acwField().fill('120');
    await page.getByTestId('changeset-dirty').waitFor();
    await page.getByRole('button', { name: '← All changesets' }).click();
    const dialog = page.getByTestId('unsaved-changes-dialog');
    await dialog.getByTestId('save-and-leave').click();
    await page.getByTestId('changeset-list').waitFor();
    assert.equal(await savedAcw(), 120_000);
  });

  it('keeps unsaved edits across a reload (the window closing), and offers them back', async () => {
    await page.getByTestId('changeset-list').getByRole('button', { name: TITLE, exact: true }).click();
    await acwField().fill('150');
    await page.getByTestId('changeset-dirty').waitFor();
    await page.reload();
    assert.ok(dialogs.includes('beforeunload'), 'the browser asked before the page went away');
    await page.getByTestId('shell').waitFor();
    await openSection(page, 'Changesets');
    await page.getByTestId('changeset-list').getByRole('button', { name: TITLE, exact: true }).click();
    const offer = page.getByTestId('restore-draft');
    await offer.waitFor();
    assert.match(await text(offer), /^You have unsaved edits from \d{4}-\d\d-\d\d \d\d:\d\d \S+/);
    assert.equal(await acwField().inputValue(), '120', 'nothing changes before the user chooses');
    await assertAccessible('[data-testid="changeset-editor"]', 'the editor offering kept edits');
    await offer.getByRole('button', { name: 'Restore' }).click();
    assert.equal(await acwField().inputValue(), '150');
    await page.getByTestId('changeset-dirty').waitFor();
    await page.getByTestId('save-changeset').click();
    await page
      .getByTestId('editor-notice')
      .filter({ hasText: /^Saved/ })
      .waitFor();
    assert.equal(await savedAcw(), 150_000);
  });

  it('"Plan promotion…" opens Promotions with this changeset chosen', async () => {
    const id = await page.getByTestId('changeset-editor').getAttribute('data-changeset');
    await page.getByTestId('plan-promotion').click();
    await page.getByTestId('new-promotion').waitFor();
    await page
      .getByTestId('promotion-changeset')
      .locator(`option[value="${id}"]`)
      .waitFor({ state: 'attached' });
    assert.equal(await page.getByTestId('promotion-changeset').inputValue(), id);
  });

  it('ran without an uncaught error in the page', () => {
    assert.deepEqual(pageErrors, []);
  });
});
