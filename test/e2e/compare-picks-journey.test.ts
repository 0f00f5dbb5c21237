import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright';
import type { WebHost } from '../../electron/host/web/web-host';
import { SEEDED_DRIFT } from '../../electron/sandbox';
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

const folder = () => join(root, 'contact-centre');
const { queue, skill, wrapupCode } = SEEDED_DRIFT.devOnly;
// uat closes later on Saturdays than dev, so a uat → dev compare has this one field to pick.
const schedule = SEEDED_DRIFT.uatOnly.scheduleEnd;
const TITLE = 'Video support queue';

interface SavedChangeset {
  id: string;
  title: string;
  operations: { op: string; type: string; key: string; changes?: { path: string }[] }[];
  requires?: { type: string; key: string }[];
}

/** The changeset as written to the workspace: the file is the contract, not what the UI shows. */
async function savedChangeset(): Promise<SavedChangeset> {
  const dir = join(folder(), 'changesets');
  const files = (await readdir(dir)).filter((name) => name.startsWith('video-support-queue-'));
  assert.equal(files.length, 1, `one changeset file for "${TITLE}" in ${dir}`);
  return JSON.parse(await readFile(join(dir, files[0] as string), 'utf8')) as SavedChangeset;
}

async function compareUatToDev(): Promise<void> {
  await page.locator('select[name="a-environment"]').selectOption('uat');
  await page.locator('select[name="b-environment"]').selectOption('dev');
  await page.getByTestId('run-compare').click();
  await page.getByTestId('diff-summary').waitFor();
  // The quick pass lists objects before their field changes; wait for the full one.
  await page
    .getByTestId('run-compare')
    .filter({ hasText: /^Compare$/ })
    .waitFor();
}

let journey: Journey;

before(async () => {
  journey = await startJourney('ferry-e2e-picks-');
  ({ root, host, page } = journey);
});
after(() => journey?.close());

describe('picking differences from a compare into changesets, in Chromium', () => {
  it('opens a workspace with dev and uat snapshots', async () => {
    await createWorkspaceInUi(page, host, folder(), 'Contact centre');
    await addSnapshottedSandboxOrgs(host, ['dev', 'uat']);
    await openSection(page, 'Compare');
    await compareUatToDev();
    assert.equal(await text(page.getByTestId('picks-count')), 'Nothing picked');
    assert.equal(await page.getByTestId('add-to-changeset').isDisabled(), true);
  });

  it('ticks the dev-only queue, brings its skill along and requires its wrap-up code', async () => {
    await page.getByTestId('diff-filter').fill(queue);
    const tick = page.getByTestId('pick-object').and(page.getByLabel(`Pick ${queue}`, { exact: true }));
    await tick.waitFor();
    // Space ticks the row the keyboard is on, and again unticks it.
    await page.getByTestId('diff-list').focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Space');
    assert.equal(await tick.isChecked(), true);
    await page.keyboard.press('Space');
    assert.equal(await tick.isChecked(), false);
    await tick.check();
    assert.equal(await text(page.getByTestId('picks-count')), '1 object, 0 field changes picked');

    await page.getByTestId('add-to-changeset').click();
    const dialog = page.getByTestId('add-to-changeset-dialog');
    assert.match(
      await text(dialog.getByTestId('picks-direction')),
      /make the target, uat \(latest snapshot\), like the source, dev \(latest snapshot\)/,
    );
    await dialog.getByTestId('new-changeset-title').fill(TITLE);
    await dialog.getByTestId('continue-add-to-changeset').click();

    const rows = dialog.getByTestId('dependency-choice');
    const skillRow = rows.and(dialog.locator(`[data-dependency="routing.skill/${skill}"]`));
    const codeRow = rows.and(dialog.locator(`[data-dependency="routing.wrapupcode/${wrapupCode}"]`));
    await skillRow.waitFor();
    await codeRow.waitFor();
    assert.equal(await rows.count(), 2);
    assert.match(await text(codeRow), new RegExp(`used by Queue “${queue}”`));
    // Both exist in dev, so both start as "bring along".
    assert.equal(await skillRow.getByLabel('Bring it along').isChecked(), true);
    assert.equal(await codeRow.getByLabel('Bring it along').isChecked(), true);
    await codeRow.getByLabel('Require it in the target').check();
    await dialog.getByTestId('picks-settled').filter({ hasText: 'require 1 object' }).waitFor();
    assert.equal(await rows.count(), 2);
    await screenshot(page, 'compare-picks-dependencies');

    await dialog.getByTestId('confirm-add-to-changeset').click();
    assert.match(await text(dialog.getByTestId('picks-saved')), new RegExp(`Added to “${TITLE}”`));
    await screenshot(page, 'compare-picks-added');
    await dialog.getByRole('button', { name: 'Close', exact: true }).last().click();
    await dialog.waitFor({ state: 'detached' });
    assert.equal(await text(page.getByTestId('picks-count')), 'Nothing picked');

    const saved = await savedChangeset();
    assert.equal(saved.title, TITLE);
    // The file keeps operations in the order they were made; applying sorts them by dependency.
    assert.deepEqual(saved.operations.map(({ op, type, key }) => `${op} ${type} ${key}`).sort(), [
      `create routing.queue ${queue}`,
      `create routing.skill ${skill}`,
    ]);
    assert.deepEqual(saved.requires, [{ type: 'routing.wrapupcode', key: wrapupCode }]);
  });

  it('adds one field change of a changed object to the same changeset', async () => {
    await page.getByTestId('diff-filter').fill(schedule.schedule);
    const row = page
      .getByTestId('diff-list')
      .getByTestId('diff-object')
      .filter({ hasText: schedule.schedule });
    await row.click();
    const panel = page.getByTestId('diff-object-panel');
    const field = panel.getByTestId('pick-field').and(panel.getByLabel('Pick end', { exact: true }));
    const objectTick = page
      .getByTestId('pick-object')
      .and(page.getByLabel(`Pick ${schedule.schedule}`, { exact: true }));
    // The whole object wins: its changes show ticked and locked while it is picked.
    await objectTick.check();
    assert.equal(await field.isChecked(), true);
    assert.equal(await field.isDisabled(), true);
    assert.match(await text(panel.getByTestId('picks-field-note')), /whole object is picked/);
    await objectTick.uncheck();
    assert.equal(await text(page.getByTestId('picks-count')), 'Nothing picked');

    await field.check();
    assert.equal(await text(page.getByTestId('picks-count')), '0 objects, 1 field change picked');
    // Partly picked: the object's box shows the mixed state until it is ticked whole.
    assert.equal(await objectTick.evaluate((box) => (box as HTMLInputElement).indeterminate), true);
    await screenshot(page, 'compare-picks-field');

    await page.getByTestId('add-to-changeset').click();
    const dialog = page.getByTestId('add-to-changeset-dialog');
    await dialog.getByTestId('changeset-target-existing').check();
    const existing = dialog.getByTestId('existing-changeset');
    const option = existing.locator('option').filter({ hasText: TITLE });
    await existing.selectOption((await option.getAttribute('value')) ?? '');
    await dialog.getByTestId('continue-add-to-changeset').click();
    await dialog.getByTestId('no-missing-dependencies').waitFor();
    await dialog.getByTestId('confirm-add-to-changeset').click();
    await dialog.getByTestId('picks-saved').waitFor();

    const saved = await savedChangeset();
    const update = saved.operations.find((operation) => operation.key === schedule.schedule);
    assert.ok(update, `an operation on ${schedule.schedule}`);
    assert.equal(update.op, 'update');
    assert.equal(update.type, 'architect.schedule');
    assert.deepEqual(
      update.changes?.map((change) => change.path),
      ['end'],
    );
    assert.equal(saved.operations.length, 3);

    await dialog.getByTestId('open-saved-changeset').click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByTestId('diff-summary').waitFor({ state: 'detached' });
  });
});
