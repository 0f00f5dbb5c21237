import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright';
import type { WebHost } from '../../electron/host/web/web-host';
import { SEEDED_DRIFT } from '../../electron/sandbox';
import { nativeGit } from '../support/native-git';
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
const schedule = SEEDED_DRIFT.uatOnly.scheduleEnd;

let journey: Journey;

before(async () => {
  journey = await startJourney('ferry-e2e-compare-');
  ({ root, host, page } = journey);
});
after(() => journey?.close());

describe('compare journey in Chromium through the browser bridge', () => {
  it('says honestly that there is nothing to compare before any snapshot', async () => {
    await createWorkspaceInUi(page, host, folder(), 'Contact centre');
    await openSection(page, 'Compare');
    await page.getByTestId('empty-compare').waitFor();
  });

  it('compares the dev snapshot (source) with uat (target): summary, grouped list and outcomes', async () => {
    // Environments and snapshots through the services keep the journey about comparing.
    await addSnapshottedSandboxOrgs(host, ['dev', 'uat']);
    await openSection(page, 'Environments');
    await openSection(page, 'Compare');
    // Side b is the source, a the target: a changeset from this compare makes uat like dev.
    await page.locator('select[name="b-environment"]').selectOption('dev');
    await page.locator('select[name="a-environment"]').selectOption('uat');
    await page.getByTestId('run-compare').click();

    const summary = page.getByTestId('diff-summary');
    await summary.waitFor();
    assert.match(
      await text(page.getByTestId('compare-sides')),
      /Source dev \(latest snapshot\) → to Target uat \(latest snapshot\)/,
    );
    assert.match(await text(summary.getByTestId('summary-added')), /Will be created in uat [1-9]\d*/);
    assert.match(await text(summary.getByTestId('summary-changed')), /Will be updated [1-9]\d*/);
    assert.match(await text(summary.getByTestId('summary-types')), /Queues/);

    const list = page.getByTestId('diff-list');
    // The list is windowed and flows and data actions now come before queues: find the queue by name.
    await page.getByTestId('diff-filter').fill(SEEDED_DRIFT.devOnly.queue);
    const queueRow = list.getByTestId('diff-object').filter({ hasText: SEEDED_DRIFT.devOnly.queue });
    await queueRow.waitFor();
    assert.equal(await text(queueRow.getByTestId('diff-status')), 'Create');
    await screenshot(page, '20-compare');
  });

  it('opens the changed schedule: Monaco diff beside the change as a sentence', async () => {
    await page.getByTestId('diff-filter').fill('saturday');
    const row = page
      .getByTestId('diff-list')
      .getByTestId('diff-object')
      .filter({ hasText: schedule.schedule });
    assert.equal(await text(row.getByTestId('diff-status')), 'Update');
    await row.click();

    const panel = page.getByTestId('diff-object-panel');
    assert.equal(await text(panel.getByTestId('diff-object-title')), schedule.schedule);
    const editor = panel.getByTestId('diff-editor');
    // Source (dev) on the left, target (uat) on the right. Long values wrap in the narrow panes, so
    // each side is recognised by the hour alone.
    await editor
      .locator('.editor.modified .view-lines')
      .filter({ hasText: 'T18:00' })
      .waitFor({ timeout: 15_000 });
    await editor.locator('.editor.original .view-lines').filter({ hasText: 'T17:00' }).waitFor();
    const change = panel.getByTestId('field-change');
    assert.equal(await change.count(), 1);
    assert.equal(
      await text(change.locator('.change-sentence')),
      // What happens to the target: uat's hour now, then dev's.
      `end "${schedule.after}" → "${schedule.before}"`,
    );
    await screenshot(page, '21-compare-object');
  });

  it('moves through the list with the keyboard and opens with Enter', async () => {
    await page.getByTestId('diff-filter').fill('');
    const list = page.getByTestId('diff-list');
    const title = page.getByTestId('diff-object-title');
    const before = await text(title);
    await list.focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await title.filter({ hasNotText: before }).waitFor();
    const opened = await text(title);
    assert.equal(await text(list.locator('.diff-row.selected .diff-row-key')), opened);
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    await title.filter({ hasText: before }).waitFor();
  });

  it('ignores a field with a reason, re-runs, and removes the rule again', async () => {
    await page.getByTestId('diff-filter').fill('saturday');
    await page.getByTestId('diff-object').filter({ hasText: schedule.schedule }).click();
    const change = page.getByTestId('field-change');
    await change.hover();
    await change.getByTestId('ignore-field').click();
    const dialog = page.getByTestId('ignore-field-dialog');
    assert.equal(await dialog.locator('input[name="path"]').inputValue(), 'end');
    await dialog.locator('textarea[name="reason"]').fill('uat closes later on Saturdays on purpose');
    await dialog.getByRole('button', { name: 'Ignore field' }).click();
    await dialog.waitFor({ state: 'detached' });

    await page.getByTestId('diff-list-empty').waitFor();
    assert.match(nativeGit(folder(), 'log', '-1', '--format=%s'), /Ignore architect\.schedule end/);
    const rules = page.getByTestId('ignore-rules');
    await rules.getByRole('button', { name: /Ignore rules/ }).click();
    const rule = rules.getByTestId('ignore-rule');
    assert.match(await text(rule), /end.*uat closes later on Saturdays on purpose/);

    await rule.getByTestId('remove-ignore-rule').click();
    await rule.waitFor({ state: 'detached' });
    await page.getByTestId('diff-object').filter({ hasText: schedule.schedule }).waitFor();
    assert.deepEqual(await page.locator('.error-banner').allTextContents(), []);
  });
});
