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

let root: string;
let host: WebHost;
let page: Page;
/** Uncaught errors in the page: Monaco's editor features must load with every service they need. */
const pageErrors: string[] = [];

const folder = () => join(root, 'contact-centre');
const { queue, skill, wrapupCode } = SEEDED_DRIFT.devOnly;
const TITLE = 'Video support pilot';

interface SavedChangeset {
  id: string;
  title: string;
  ticket: string;
  operations: { op: string; type: string; key: string; body?: { acwSettings?: { timeoutMs?: number } } }[];
}

async function savedChangeset(): Promise<SavedChangeset> {
  const dir = join(folder(), 'changesets');
  const files = (await readdir(dir)).filter((name) => name.startsWith('video-support-pilot-'));
  assert.equal(files.length, 1);
  return JSON.parse(await readFile(join(dir, files[0] as string), 'utf8')) as SavedChangeset;
}

/** The JSON editor's visible text (Monaco renders lines as separate elements). */
async function jsonEditorText(): Promise<string> {
  return text(page.getByTestId('json-editor').locator('.view-lines'));
}

/** Form, JSON and Before → after are tabs of the operation editor, each with the full width. */
async function showView(view: 'form' | 'json' | 'diff'): Promise<void> {
  await page.getByTestId(`operation-view-${view}`).click();
}

let journey: Journey;

before(async () => {
  journey = await startJourney('ferry-e2e-authoring-', { viewport: { width: 1440, height: 1000 } });
  ({ root, host, page } = journey);
  page.on('pageerror', (error) => pageErrors.push(error.message));
});
after(() => journey?.close());

describe('changeset authoring journey in Chromium', () => {
  it('builds a changeset from the uat → dev compare, bringing the missing dependencies along', async () => {
    await createWorkspaceInUi(page, host, folder(), 'Contact centre');
    await addSnapshottedSandboxOrgs(host, ['dev', 'uat']);
    await openSection(page, 'Compare');
    await page.locator('select[name="a-environment"]').selectOption('uat');
    await page.locator('select[name="b-environment"]').selectOption('dev');
    await page.getByTestId('run-compare').click();
    await page
      .getByTestId('run-compare')
      .filter({ hasText: /^Compare$/ })
      .waitFor();
    await page.getByTestId('diff-filter').fill(queue);
    await page
      .getByTestId('pick-object')
      .and(page.getByLabel(`Pick ${queue}`, { exact: true }))
      .check();
    await page.getByTestId('add-to-changeset').click();
    const dialog = page.getByTestId('add-to-changeset-dialog');
    await dialog.getByTestId('new-changeset-title').fill(TITLE);
    await dialog.getByTestId('continue-add-to-changeset').click();
    await dialog.locator(`[data-dependency="routing.skill/${skill}"]`).waitFor();
    await dialog.locator(`[data-dependency="routing.wrapupcode/${wrapupCode}"]`).waitFor();
    await dialog.getByTestId('confirm-add-to-changeset').click();
    await dialog.getByTestId('picks-saved').waitFor();
    await dialog.getByTestId('open-saved-changeset').click();

    const editor = page.getByTestId('changeset-editor');
    await editor.waitFor();
    assert.equal(await text(page.getByTestId('changeset-title')), TITLE);
    assert.equal(await page.getByTestId('operation-row').count(), 3);
    assert.equal(
      await page.getByTestId('changeset-target').inputValue(),
      'uat',
      'side a of the compare is the target',
    );
    await page
      .getByTestId('validation-status')
      .filter({ hasText: /^Valid/ })
      .waitFor();
  });

  it("changes the queue's ACW timeout in the form and sees it in the JSON view and the diff", async () => {
    await page.locator(`[data-operation="create routing.queue/${queue}"]`).click();
    const form = page.getByTestId('operation-form');
    const timeout = form.getByTestId('field-acwSettings.timeoutMs');
    assert.equal(await timeout.inputValue(), '30', 'shown in seconds');
    await showView('json');
    await page.getByTestId('json-editor').locator('.view-lines').waitFor({ timeout: 15_000 });
    assert.match(await jsonEditorText(), /"timeoutMs": 30000/);

    await showView('form');
    await timeout.fill('90');
    await page.getByTestId('changeset-dirty').waitFor();
    await showView('json');
    await page
      .getByTestId('json-editor')
      .locator('.view-lines')
      .filter({ hasText: '"timeoutMs": 90000' })
      .waitFor();
    // Before → after: a create compares nothing with the new object.
    await showView('diff');
    await page
      .getByTestId('operation-editor')
      .getByTestId('diff-editor')
      .locator('.editor.modified .view-lines')
      .filter({ hasText: '90000' })
      .waitFor({ timeout: 15_000 });
    await screenshot(page, '40-changeset-form-and-json');

    // Undo brings the old value back in both views; redo restores the edit.
    await page.getByTestId('undo').click();
    await showView('form');
    assert.equal(await timeout.inputValue(), '30');
    await showView('json');
    await page
      .getByTestId('json-editor')
      .locator('.view-lines')
      .filter({ hasText: '"timeoutMs": 30000' })
      .waitFor();
    await page.getByTestId('redo').click();
    await showView('form');
    assert.equal(await timeout.inputValue(), '90');

    await page.getByTestId('changeset-ticket-input').fill('CHG-1042');
    await page.getByTestId('save-changeset').click();
    await page
      .getByTestId('editor-notice')
      .filter({ hasText: /^Saved/ })
      .waitFor();
    const saved = await savedChangeset();
    assert.equal(saved.ticket, 'CHG-1042');
    const created = saved.operations.find((operation) => operation.key === queue);
    assert.equal(created?.body?.acwSettings?.timeoutMs, 90_000);
    assert.match(nativeGit(folder(), 'log', '-1', '--format=%s'), new RegExp(`changeset ${saved.id}: save`));
  });

  it('edits in the JSON view update the form, and schema problems are flagged', async () => {
    const status = page.getByTestId('validation-status');
    await status.filter({ hasText: /^Valid/ }).waitFor();
    const panel = page.getByTestId('validation-panel');
    // The plan's risk words (level and points), not a tier-based level of its own.
    assert.match(
      await text(page.getByTestId('risk-level')),
      /^(Low|Medium|High|Critical) risk, \d+ points?$/,
    );
    assert.match(await text(page.getByTestId('blast-list')), new RegExp(`creating queue "${queue}"`));
    await screenshot(page, '41-changeset-validation');

    // The JSON view edits the same draft: a value typed there shows in the form.
    await showView('json');
    const json = page.getByTestId('json-editor');
    const current = (
      await host.services.changesets.get((await savedChangeset()).id)
    ).changeset.operations.find((operation) => operation.key === queue);
    assert.ok(current?.op === 'create');
    const edited = {
      ...current.body,
      acwSettings: { timeoutMs: 120_000, wrapupPrompt: 'MANDATORY_TIMEOUT' },
    };
    await json.locator('.view-lines').click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.press('Delete');
    await page.keyboard.insertText(JSON.stringify(edited));
    await page.getByTestId('changeset-dirty').waitFor();
    await showView('form');
    await page
      .getByTestId('operation-form')
      .getByTestId('field-acwSettings.timeoutMs')
      .and(page.locator('[value="120"]'))
      .waitFor();
    await page.getByTestId('undo').click();
    await showView('json');
    await json.locator('.view-lines').filter({ hasText: '"timeoutMs": 90000' }).waitFor();

    // A value of the wrong type is marked by the JSON Schema in the editor and by validation.
    await json.locator('.view-lines').click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.press('Delete');
    await page.keyboard.insertText(
      JSON.stringify({ ...edited, acwSettings: { timeoutMs: 'soon', wrapupPrompt: 'MANDATORY_TIMEOUT' } }),
    );
    // The text is one long line now; the mark is near its start.
    await page.keyboard.press('Home');
    await json.locator('.squiggly-error').first().waitFor({ timeout: 15_000 });
    const schemaFinding = panel.getByTestId('finding').and(panel.locator('[data-code="schema"]'));
    await schemaFinding.first().waitFor();
    // The link names the field in words; the changeset's own path stays as its title.
    const link = schemaFinding.first().locator('.finding-path');
    assert.equal(await text(link), 'Acw settings › Timeout ms');
    assert.match((await link.getAttribute('title')) ?? '', /body\.acwSettings\.timeoutMs/);
    await page.getByTestId('undo').click();
    await status.filter({ hasText: /^Valid/ }).waitFor();

    // Completion offers the type's fields from its schema.
    await json.locator('.view-lines').click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.press('Delete');
    await page.keyboard.insertText('{"');
    await page.keyboard.press('Control+Space');
    await json.locator('.suggest-widget').getByText('acwSettings').first().waitFor({ timeout: 15_000 });
    await page.keyboard.press('Escape');
    await page.getByTestId('json-problem').waitFor();
    // Nor is it dropped: it is unsaved work, blocks Save with the reason, and is named in Validation.
    await page.getByTestId('changeset-dirty').waitFor();
    assert.equal(await page.getByTestId('save-changeset').isDisabled(), true);
    assert.match(
      await text(page.getByTestId('save-blocked')),
      new RegExp(`The JSON of ${queue} is not valid JSON yet`),
    );
    await panel.locator('[data-code="field-input"]').waitFor();
    await status.filter({ hasText: /^1 error$/ }).waitFor();
    // Unparsable text never reaches the draft, and switching views keeps it; valid JSON clears it.
    await showView('form');
    assert.equal(
      await page.getByTestId('operation-form').getByTestId('field-acwSettings.timeoutMs').inputValue(),
      '90',
    );
    await showView('json');
    await json.locator('.view-lines').filter({ hasText: '{"' }).waitFor();
    await json.locator('.view-lines').click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.press('Delete');
    await page.keyboard.insertText(JSON.stringify(current.body));
    await page.getByTestId('json-problem').waitFor({ state: 'detached' });
    await status.filter({ hasText: /^Valid/ }).waitFor();

    // Removing the skill the queue's ring uses leaves an unresolved reference, with its path.
    await page.locator(`[data-operation="create routing.skill/${skill}"]`).click();
    await showView('form');
    await page.getByTestId('operation-form').getByTestId('field-name').waitFor();
    await page.getByRole('button', { name: `Remove the operation on ${skill}`, exact: true }).click();
    await status.filter({ hasText: /error/ }).waitFor();
    const finding = panel.getByTestId('finding').and(panel.locator('[data-code="unresolved-reference"]'));
    // The field in words (not `body.bullseye.rings[1].actions.skillsToRemove[0]`), then the skill.
    assert.match(await text(finding.first()), new RegExp(`Skills to remove, item 1.*${skill}`));
    assert.match(await text(finding.first()), /Hint:/);
    await screenshot(page, '42-changeset-unresolved-reference');
    await page.getByTestId('undo').click();
    await status.filter({ hasText: /^Valid/ }).waitFor();
  });

  it('previews the saved changeset on uat in the Compare page without touching uat', async () => {
    await page.getByTestId('preview-changeset').click();
    await page.getByTestId('preview-badge').waitFor();
    await page.getByTestId('diff-summary').filter({ hasText: '3 differences' }).waitFor();
    // The filter typed when picking is still there; the whole preview is wanted now.
    await page.getByTestId('diff-filter').fill('');
    const list = page.getByTestId('diff-list');
    for (const key of [queue, skill, wrapupCode]) {
      const row = list.getByTestId('diff-object').filter({ has: page.getByText(key, { exact: true }) });
      await row.waitFor();
      // Worded as what the preview does to uat (the Compare page's deployment words).
      assert.match(await text(row.getByTestId('diff-status')), /^(Added|Create)$/);
    }
    await list.getByTestId('diff-object').filter({ hasText: queue }).first().click();
    await page
      .getByTestId('diff-object-panel')
      .getByTestId('diff-editor')
      // Whichever side Compare puts the source on, the changeset's value is there.
      .locator('.editor .view-lines')
      .filter({ hasText: '90000' })
      .first()
      .waitFor({ timeout: 15_000 });
    await screenshot(page, '43-changeset-preview');
    const live = await host.services.compare.compare('uat', 'live:uat');
    assert.equal(live.result.objects.length, 0, 'the preview wrote nothing to uat');
  });

  it('shows the history of the changeset with the diff between versions', async () => {
    // Back in Changesets, the editor is where it was left.
    await openSection(page, 'Changesets');
    await page.getByTestId('changeset-editor').waitFor();
    await page.getByTestId('changeset-tab-history').click();
    const versions = page.getByTestId('changeset-version');
    await versions.nth(1).waitFor();
    assert.equal(await versions.count(), 2);
    await versions.first().click();
    await page
      .getByTestId('changeset-version-diff')
      .locator('.editor.modified .view-lines')
      .filter({ hasText: 'CHG-1042' })
      .waitFor({ timeout: 15_000 });
    await screenshot(page, '44-changeset-history');
    assert.deepEqual(
      await accessibilityViolations(page, '[data-testid="changeset-editor"]'),
      [],
      'axe: versions',
    );
  });

  it('duplicates and deletes a changeset after confirmation', async () => {
    await page.getByRole('button', { name: 'Duplicate', exact: true }).click();
    await page
      .getByTestId('changeset-title')
      .filter({ hasText: `Copy of ${TITLE}` })
      .waitFor();
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    const dialog = page.getByTestId('delete-changeset-dialog');
    await dialog.waitFor();
    await dialog.getByTestId('confirm-delete-changeset').click();
    await page.getByTestId('changeset-list').waitFor();
    await page.getByTestId('changeset-row').nth(1).waitFor({ state: 'detached' });
    assert.equal(await page.getByTestId('changeset-row').count(), 1);
    assert.match(nativeGit(folder(), 'log', '-1', '--format=%s').trim(), /: delete$/);
    await page.getByTestId('changeset-list').getByRole('button', { name: TITLE, exact: true }).click();
    await page.getByTestId('changeset-editor').waitFor();
    await page.getByRole('button', { name: '← All changesets' }).click();
    // The list says where each changeset stands, and finds one by what is typed.
    const row = page.getByTestId('changeset-row').first();
    await row.getByTestId('changeset-status').filter({ hasText: 'draft' }).waitFor();
    await page.getByTestId('changeset-search').fill('CHG-1042 video');
    assert.equal(await page.getByTestId('changeset-row').count(), 1);
    await page.getByTestId('changeset-search').fill('no such changeset');
    await page.getByTestId('changeset-search-empty').waitFor();
    await page.getByTestId('changeset-search').fill('');
    await screenshot(page, '45-changeset-list');
    assert.deepEqual(await accessibilityViolations(page, 'main'), [], 'axe: the changeset list');
  });

  it('opens a workspace commit in History into its files and their before → after', async () => {
    await openSection(page, 'History');
    const saved = await savedChangeset();
    const commit = page
      .getByTestId('history-commit')
      .filter({ hasText: `changeset ${saved.id}: save` })
      .first();
    // Dates say the year first, a 24-hour time and the zone: never 12/6/2026.
    assert.match(await text(commit), /\d{4}-\d\d-\d\d \d\d:\d\d \S+$/);
    await commit.click();
    const file = page
      .getByTestId('history-file')
      .and(page.locator(`[data-path="changesets/${saved.id}.json"]`));
    await file.waitFor();
    assert.equal(await text(file.locator('.history-change')), 'changed');
    await page
      .getByTestId('history-file-diff')
      .locator('.editor.modified .view-lines')
      .filter({ hasText: 'CHG-1042' })
      .waitFor({ timeout: 15_000 });
    await screenshot(page, '49-history-commit');
    assert.deepEqual(await accessibilityViolations(page, 'main'), [], 'axe: History with a commit open');
  });

  it('ran without an uncaught error in the page', () => {
    assert.deepEqual(pageErrors, []);
  });
});
