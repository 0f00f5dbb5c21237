import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright';
import type { WebHost } from '../../electron/host/web/web-host';
import { FLOW_DRIFT } from '../../electron/sandbox/seed-flows';
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

let root: string;
let host: WebHost;
let page: Page;
let journey: Journey;

const folder = () => join(root, 'contact-centre');
const { flow, choice, queue } = FLOW_DRIFT.devOnly;
const KEY = `INBOUNDCALL/${flow}`;
const TITLE = 'Video support option';

interface SavedOperation {
  op: string;
  type: string;
  key: string;
  body?: Record<string, unknown>;
  changes?: { path: string; after?: unknown }[];
}

/** The changeset as written to the workspace: the file is the contract, not what the UI shows. */
async function savedOperations(): Promise<SavedOperation[]> {
  const dir = join(folder(), 'changesets');
  const files = (await readdir(dir)).filter((name) => name.startsWith('video-support-option-'));
  assert.equal(files.length, 1, `one changeset file for "${TITLE}" in ${dir}`);
  const saved = JSON.parse(await readFile(join(dir, files[0] as string), 'utf8')) as {
    operations: SavedOperation[];
  };
  return saved.operations;
}

before(async () => {
  journey = await startJourney('ferry-e2e-flow-compare-');
  ({ root, host, page } = journey);
});
after(() => journey?.close());

describe('a flow compared, added to a changeset and edited as YAML, in Chromium', () => {
  it('compares dev (source) with uat (target) and finds Main Menu by its name', async () => {
    await createWorkspaceInUi(page, host, folder(), 'Contact centre');
    await addSnapshottedSandboxOrgs(host, ['dev', 'uat']);
    await openSection(page, 'Compare');
    await page.locator('select[name="a-environment"]').selectOption('uat');
    await page.locator('select[name="b-environment"]').selectOption('dev');
    await page.getByTestId('run-compare').click();
    await page.getByTestId('diff-summary').waitFor();
    // The quick pass lists objects before their field changes; wait for the full one.
    await page
      .getByTestId('run-compare')
      .filter({ hasText: /^Compare$/ })
      .waitFor();
    await page.getByTestId('diff-filter').fill(flow);
    const row = page
      .getByTestId('diff-list')
      .getByTestId('diff-object')
      .filter({ hasText: `${flow} (inbound call)` });
    assert.equal(await text(row.getByTestId('diff-status')), 'Update');
    await row.click();
  });

  it('shows the change in words, the reference only dev uses, the versions and the YAML diff', async () => {
    const panel = page.getByTestId('diff-object-panel');
    assert.equal(await text(panel.getByTestId('diff-object-title')), `${flow} (inbound call)`);
    const summary = panel.getByTestId('flow-change-summary');
    await summary.waitFor();
    assert.match(
      await text(summary),
      new RegExp(`Main menu: option 4 “${choice}” added, transferring to queue ${queue}`),
    );
    assert.match(await text(panel.getByTestId('flow-references')), new RegExp(`queue ${queue} only in dev`));
    assert.match(
      await text(panel.getByTestId('flow-status')),
      new RegExp(`Published version .*${FLOW_DRIFT.devOnly.version}.* in dev`),
    );
    // Monaco's diff of the two configurations: the new choice is on dev's side only.
    const editor = panel.getByTestId('diff-editor');
    await editor.locator('.monaco-diff-editor').waitFor({ timeout: 15_000 });
    // Lines wrap in the narrow panes, so the sides are told apart by Monaco's marks, not by text.
    await editor.locator('.editor.original .line-delete').first().waitFor();
    await editor.locator('.editor.modified .line-insert').first().waitFor();
    // Keyboard: the editor takes the focus and can be left again.
    await editor.locator('.editor.original textarea').focus();
    assert.equal(
      await editor.locator('.editor.original textarea').evaluate((node) => node === document.activeElement),
      true,
    );
    await screenshot(page, 'flow-compare');
    assert.deepEqual(
      await accessibilityViolations(page, '[data-testid="diff-object-panel"]'),
      [],
      'light mode',
    );
    await page.emulateMedia({ colorScheme: 'dark' });
    assert.deepEqual(
      await accessibilityViolations(page, '[data-testid="diff-object-panel"]'),
      [],
      'dark mode',
    );
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('adds Main Menu to a new changeset: its key and configuration, no status fields', async () => {
    await page
      .getByTestId('pick-object')
      .and(page.getByLabel(`Pick ${flow} (inbound call)`, { exact: true }))
      .check();
    await page.getByTestId('add-to-changeset').click();
    const dialog = page.getByTestId('add-to-changeset-dialog');
    await dialog.getByTestId('new-changeset-title').fill(TITLE);
    await dialog.getByTestId('continue-add-to-changeset').click();
    // The new queue the option transfers to may come along; either way the dialog settles.
    await dialog.getByTestId('confirm-add-to-changeset').and(page.locator(':enabled')).waitFor();
    await dialog.getByTestId('confirm-add-to-changeset').click();
    await dialog.getByTestId('picks-saved').waitFor();

    const operations = await savedOperations();
    const operation = operations.find((item) => item.type === 'architect.flow');
    assert.ok(operation, 'an operation on the flow');
    assert.equal(operation.key, KEY);
    const fields =
      operation.op === 'update'
        ? (operation.changes ?? []).map((change) => change.path)
        : Object.keys(operation.body ?? {});
    assert.ok(fields.includes('configuration'), `the configuration is written (${fields.join(', ')})`);
    for (const status of ['publishedVersion', 'lockedUser']) {
      assert.ok(
        !fields.some((path) => path.startsWith(status)),
        `${status} is status, never written (${fields.join(', ')})`,
      );
    }
    await dialog.getByTestId('open-saved-changeset').click();
    await dialog.waitFor({ state: 'detached' });
  });

  it('edits the configuration in Monaco: a YAML error is marked at its line, and fixing it clears it', async () => {
    await page
      .getByTestId('operation-row')
      .and(page.locator(`[data-operation$="architect.flow/${KEY}"]`))
      .click();
    const yaml = page.getByTestId('operation-editor').getByTestId('yaml-editor');
    await yaml.locator('.view-lines').filter({ hasText: 'inboundCall:' }).waitFor({ timeout: 15_000 });
    await screenshot(page, 'flow-yaml-editor');
    const status = page.getByTestId('validation-status');
    await status.filter({ hasText: /^Valid/ }).waitFor();

    // Line 2 of the canonical text is its first key under inboundCall; a second ": " there is not YAML.
    await yaml.locator('.view-lines').click();
    await page.keyboard.press('ControlOrMeta+Home');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('End');
    await page.keyboard.insertText(': broken');
    const problems = page.getByTestId('flow-problems');
    await problems.filter({ hasText: /^Line 2: / }).waitFor();
    await yaml.locator('.squiggly-error').first().waitFor({ timeout: 15_000 });
    await status.filter({ hasText: /error/ }).waitFor();
    assert.equal(await page.getByTestId('save-changeset').isDisabled(), true);
    await screenshot(page, 'flow-yaml-error');
    // Validation names the field; its link puts the cursor back in the editor.
    await page.getByTestId('validation-panel').getByRole('button', { name: 'Configuration' }).click();
    await page.waitForFunction(() => document.activeElement?.closest('[data-testid="yaml-editor"]') !== null);
    await yaml.locator('.view-lines').click();
    await page.keyboard.press('ControlOrMeta+Home');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('End');

    for (let typed = 0; typed < ': broken'.length; typed += 1) await page.keyboard.press('Backspace');
    await problems.waitFor({ state: 'detached' });
    await status.filter({ hasText: /^Valid/ }).waitFor();
    assert.deepEqual(
      await accessibilityViolations(page, '[data-testid="operation-editor"]'),
      [],
      'light mode',
    );
    await page.emulateMedia({ colorScheme: 'dark' });
    assert.deepEqual(
      await accessibilityViolations(page, '[data-testid="operation-editor"]'),
      [],
      'dark mode',
    );
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('adds a new flow by hand: its flow type is asked for in words and fills the new body', async () => {
    const form = page.getByTestId('add-operation-form');
    await form.getByLabel('Kind').selectOption('create');
    await form.getByLabel('Type', { exact: true }).selectOption('architect.flow');
    const scope = form.getByTestId('add-operation-scope');
    assert.equal(await scope.getAttribute('aria-label'), 'Flow type');
    await scope.selectOption({ label: 'In-queue call' });
    await form.getByTestId('add-operation-key').fill('Hold Music');
    await form.getByTestId('add-operation').click();
    const row = page
      .getByTestId('operation-row')
      .and(page.locator('[data-operation="create architect.flow/INQUEUECALL/Hold Music"]'));
    assert.match(await text(row), /Hold Music \(in-queue call\)/);
    const editor = page.getByTestId('operation-editor');
    assert.equal(await editor.getByTestId('field-name').inputValue(), 'Hold Music');

    // Main Menu is already in the changeset: found by its type and name, and said so in words.
    await form.getByLabel('Kind').selectOption('update');
    await scope.selectOption({ label: 'Inbound call' });
    await form.getByTestId('add-operation-key').fill(flow);
    await form.getByTestId('add-operation').click();
    await page.getByText(`The changeset already has an operation on flow ${flow} (inbound call)`).waitFor();
  });

  it('names the flows in words in the risk panel', async () => {
    const blast = page.getByTestId('risk-panel').getByTestId('blast-list');
    await blast.getByText(`changing flow "${flow} (inbound call)"`).waitFor();
    await blast.getByText('creating flow "Hold Music (in-queue call)"').waitFor();
    assert.doesNotMatch(await text(blast), /INBOUNDCALL\/|INQUEUECALL\//);
  });
});
