import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Locator, Page } from 'playwright';
import type { WebHost } from '../../electron/host/web/web-host';
import { SEEDED_DRIFT } from '../../electron/sandbox';
import { nativeGit } from '../support/native-git';
import { accessibilityViolations } from './support/axe';
import { screenshot } from './support/chromium';
import { type Journey, createWorkspaceInUi, openSection, startJourney, text } from './support/journey';

/**
 * Compare read as a deployment, the way Gearset and Copado show it: the source on the left, the
 * target on the right, statuses as what happens to the target, chips that filter, ignore reachable
 * with the keyboard and undoable, keys to walk the changes, and axe-core clean throughout.
 */

let root: string;
let host: WebHost;
let page: Page;
let journey: Journey;

const folder = () => join(root, 'contact-centre');
const { queue } = SEEDED_DRIFT.devOnly;
// Schedules differ both ways: dev's own one will be created, Saturday's hours updated.
const createdSchedule = SEEDED_DRIFT.devOnly.schedule;
// uat closes later on Saturdays than dev: in dev → uat it is the one field uat gets updated.
const schedule = SEEDED_DRIFT.uatOnly.scheduleEnd;

const ENVIRONMENTS = [
  { name: 'dev', org: 'dev', tier: 'dev', label: 'Development' },
  { name: 'uat', org: 'uat', tier: 'test', label: 'User acceptance' },
] as const;

async function noViolations(selector: string, what: string): Promise<void> {
  assert.deepEqual(await accessibilityViolations(page, selector), [], what);
}

/** The key of every object row the list draws, top to bottom. */
async function rowKeys(): Promise<string[]> {
  return page.getByTestId('diff-list').locator('.diff-row-key').allTextContents();
}

async function activeTestId(): Promise<string | null> {
  return page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);
}

async function waitForFullCompare(): Promise<void> {
  // The quick pass lists objects before their field changes; the button says Compare again after both.
  await page
    .getByTestId('run-compare')
    .filter({ hasText: /^Compare$/ })
    .waitFor();
}

/** Whether a select shows its chosen option whole: its text fits inside the box, arrow aside. */
async function showsWhole(select: Locator): Promise<{ fits: boolean; text: string }> {
  return select.evaluate((element) => {
    const box = element as HTMLSelectElement;
    const chosen = box.options[box.selectedIndex]?.text ?? '';
    const probe = document.createElement('span');
    const style = getComputedStyle(box);
    probe.style.font = style.font;
    probe.style.position = 'absolute';
    probe.style.whiteSpace = 'pre';
    probe.textContent = chosen;
    document.body.append(probe);
    const needed = probe.getBoundingClientRect().width;
    probe.remove();
    const padding = parseFloat(style.paddingLeft) + parseFloat(style.paddingRight);
    // Chromium's drop-down arrow takes about 19px beside the text: a box leaving less than 18px is cut.
    return { fits: box.clientWidth - padding - 18 >= needed, text: chosen };
  });
}

before(async () => {
  journey = await startJourney('ferry-e2e-compare-deployment-');
  ({ root, host, page } = journey);
});
after(() => journey?.close());

describe('compare reads like a deployment, in Chromium through the browser bridge', () => {
  it('puts the source on the left and the target on the right, and says what a changeset would do', async () => {
    await createWorkspaceInUi(page, host, folder(), 'Contact centre');
    for (const environment of ENVIRONMENTS) {
      await host.services.environments.save({ ...environment, kind: 'sandbox', url: 'embedded' }, undefined);
      await host.services.snapshots.run(environment.name);
    }
    await openSection(page, 'Compare');

    const source = page.getByTestId('source-b');
    const target = page.getByTestId('source-a');
    assert.equal(await text(source.locator('legend')), 'Source');
    assert.equal(await text(target.locator('legend')), 'Target');
    const [sourceBox, targetBox] = [await source.boundingBox(), await target.boundingBox()];
    assert.ok(sourceBox && targetBox && sourceBox.x < targetBox.x, 'the source is left of the target');
    // The first environment is the source and the next the target, the way changes travel.
    assert.equal(await source.locator('select[name="b-environment"]').inputValue(), 'dev');
    assert.equal(await target.locator('select[name="a-environment"]').inputValue(), 'uat');
    assert.equal(
      await text(page.getByTestId('compare-direction')),
      'A changeset from this compare makes uat like dev.',
    );
    assert.equal(
      await page.getByRole('region', { name: 'Source → Target' }).count(),
      1,
      'the bar is named Source → Target',
    );

    for (const select of [
      source.locator('select[name="b-environment"]'),
      target.locator('select[name="a-environment"]'),
      source.locator('select[name="b-point"]'),
    ]) {
      const { fits, text: shown } = await showsWhole(select);
      assert.ok(fits, `"${shown}" is cut off in its select`);
    }
    assert.equal(
      (await showsWhole(source.locator('select[name="b-environment"]'))).text,
      'Development (dev)',
    );
    await noViolations('main', 'Compare page before a compare');
  });

  it('keeps focus on Compare while it runs and after, and words statuses as outcomes on the target', async () => {
    const run = page.getByTestId('run-compare');
    await run.focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('diff-summary').waitFor();
    await waitForFullCompare();
    assert.equal(await activeTestId(), 'run-compare', 'focus stays on the Compare button');

    assert.match(
      await text(page.getByTestId('compare-sides')),
      /^Source dev \(latest snapshot\) → to Target uat \(latest snapshot\)$/,
    );
    const summary = page.getByTestId('diff-summary');
    assert.match(await text(summary.getByTestId('summary-added')), /^Will be created in uat [1-9]\d*$/);
    assert.match(await text(summary.getByTestId('summary-changed')), /^Will be updated [1-9]\d*$/);
    assert.doesNotMatch(await text(summary), /Added|Removed|Changed/);

    // The list is windowed and flows and data actions now come before queues: find the queue by name.
    await page.getByTestId('diff-filter').fill(queue);
    const list = page.getByTestId('diff-list');
    const queueRow = list.getByTestId('diff-object').filter({ hasText: queue });
    assert.equal(await text(queueRow.getByTestId('diff-status')), 'Create');
    assert.match(
      (await queueRow.getByTestId('diff-status').getAttribute('title')) ?? '',
      /creates it in uat/,
    );
    await page.getByTestId('diff-filter').fill('');
    await screenshot(page, 'compare-deployment');
    await noViolations('main', 'Compare results');
  });

  it('filters to one status when a chip is pressed, and shows every status when pressed again', async () => {
    const created = page.getByTestId('summary-added');
    assert.equal(await created.getAttribute('aria-pressed'), 'false');
    await created.click();
    assert.equal(await created.getAttribute('aria-pressed'), 'true');
    const badges = page.getByTestId('diff-list').getByTestId('diff-status');
    await badges.first().waitFor();
    assert.deepEqual([...new Set(await badges.allTextContents())], ['Create']);

    await created.click();
    assert.equal(await created.getAttribute('aria-pressed'), 'false');
    await page
      .getByTestId('diff-list')
      .getByTestId('diff-status')
      .filter({ hasText: 'Update' })
      .first()
      .waitFor();
  });

  it('sorts the objects of a type by status or by name', async () => {
    await page.getByTestId('diff-type-filter').selectOption('architect.schedule');
    const byName = await rowKeys();
    assert.deepEqual(byName, [schedule.schedule, createdSchedule]);

    await page.getByTestId('diff-order').selectOption('status');
    const byStatus = await rowKeys();
    assert.deepEqual(byStatus, [createdSchedule, schedule.schedule], 'what will be created comes first');
    const statuses = await page.getByTestId('diff-list').getByTestId('diff-status').allTextContents();
    assert.deepEqual(
      statuses,
      [...statuses].sort((x, y) => rank(x) - rank(y)),
    );

    await page.getByTestId('diff-order').selectOption('name');
    assert.deepEqual(await rowKeys(), byName);
    await page.getByTestId('diff-type-filter').selectOption('');
  });

  it('walks the changes with j/k and F7/Shift+F7, and the fields of the opened object', async () => {
    const title = page.getByTestId('diff-object-title');
    const hint = await text(page.locator('.diff-list-pane .keyboard-hint'));
    assert.match(hint, /j or F7 next change · k or Shift\+F7 previous change/);
    const keys = await rowKeys();
    assert.ok(keys.length >= 3);

    await page.getByTestId('diff-list').focus();
    await page.keyboard.press('j');
    await title.filter({ hasText: keys[0] as string }).waitFor();
    // Focus stays in the list, so a screen reader hears which object opened and what happens to it.
    assert.match(await text(page.getByTestId('opened-announcement')), new RegExp(`^${keys[0]}: Will be `));
    await page.keyboard.press('j');
    await title.filter({ hasText: keys[1] as string }).waitFor();
    await page.keyboard.press('F7');
    await title.filter({ hasText: keys[2] as string }).waitFor();
    await page.keyboard.press('Shift+F7');
    await title.filter({ hasText: keys[1] as string }).waitFor();
    await page.keyboard.press('k');
    await title.filter({ hasText: keys[0] as string }).waitFor();
    assert.equal(await activeTestId(), 'diff-list', 'focus stays in the list');

    // In the opened object the same keys walk its field changes.
    await page.getByTestId('diff-filter').fill('saturday');
    await page.getByTestId('diff-object').filter({ hasText: schedule.schedule }).click();
    await title.filter({ hasText: schedule.schedule }).waitFor();
    const panel = page.getByTestId('diff-object-panel');
    assert.equal(await text(panel.getByTestId('diff-status')), 'Will be updated');
    await panel.getByTestId('ignore-field').focus();
    await page.keyboard.press('j');
    assert.equal(await activeTestId(), 'field-change');
    assert.match(await text(page.locator(':focus')), /^end "2024-01-06T18:00:00\.000" → /);
  });

  it('shows the source on the left of the object diff and the target on the right', async () => {
    const panel = page.getByTestId('diff-object-panel');
    const labels = panel.getByTestId('diff-side-labels').locator('span');
    assert.deepEqual(await labels.allTextContents(), [
      'Source: dev (latest snapshot)',
      'Target: uat (latest snapshot)',
    ]);
    const editor = panel.getByTestId('diff-editor');
    await editor
      .locator('.editor.original .view-lines')
      .filter({ hasText: 'T17:00' })
      .waitFor({ timeout: 15_000 });
    await editor.locator('.editor.modified .view-lines').filter({ hasText: 'T18:00' }).waitFor();
    // The change itself reads as what happens to the target: its value now, then the source's.
    assert.equal(
      await text(panel.getByTestId('field-change').locator('.change-sentence')),
      `end "${schedule.after}" → "${schedule.before}"`,
    );
    await noViolations('[data-testid="diff-object-panel"]', 'the opened object');
    await screenshot(page, 'compare-deployment-object');

    // A whole object that will be created, and a data table with rows and numbers, read as clean.
    for (const [filter, key] of [
      [queue, queue],
      ['store', 'Store Directory'],
    ] as const) {
      await page.getByTestId('diff-filter').fill(filter);
      await page.getByTestId('diff-object').filter({ hasText: key }).first().click();
      await panel.getByTestId('diff-object-title').filter({ hasText: key }).waitFor();
      await editor.locator('.view-lines').first().waitFor();
      await noViolations('[data-testid="diff-object-panel"]', `the opened ${key}`);
    }
    await page.getByTestId('diff-filter').fill('saturday');
    await page.getByTestId('diff-object').filter({ hasText: schedule.schedule }).click();
  });

  it('ignores a field from the keyboard, counts what the rule hides, shows it on request and undoes it', async () => {
    // Tab from the opened object's title reaches the button: it is there without hovering.
    await page.getByTestId('diff-object-title').click();
    let reached = false;
    for (let presses = 0; presses < 30 && !reached; presses += 1) {
      await page.keyboard.press('Tab');
      reached = (await activeTestId()) === 'ignore-field';
    }
    assert.ok(reached, 'Tab reaches "Ignore this field"');
    assert.ok(await page.getByTestId('ignore-field').isVisible());
    await page.keyboard.press('Enter');

    const dialog = page.getByTestId('ignore-field-dialog');
    await dialog.waitFor();
    await noViolations('[data-testid="ignore-field-dialog"]', 'the ignore dialog');
    await dialog.locator('textarea[name="reason"]').fill('uat closes later on Saturdays on purpose');
    await dialog.getByRole('button', { name: 'Ignore field' }).click();
    await dialog.waitFor({ state: 'detached' });

    const bar = page.getByTestId('hidden-by-ignore');
    await bar.waitFor();
    assert.match(await text(bar.getByTestId('hidden-by-ignore-count')), /^[1-9]\d* hidden by ignore rules$/);
    await page.getByTestId('diff-list-empty').waitFor();
    assert.match(nativeGit(folder(), 'log', '-1', '--format=%s'), /Ignore architect\.schedule end/);
    // Its own button left with the object: focus is on Undo, not lost to <body>.
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'undo-ignore');
    const rules = page.getByTestId('ignore-rules');
    await rules.getByRole('button', { name: /Ignore rules/ }).click();
    await rules.getByTestId('ignore-rule').waitFor();
    await noViolations('main', 'the page with objects hidden by ignore rules and the rules listed');
    await page.getByTestId('undo-ignore').focus();

    const show = bar.getByTestId('show-hidden-by-ignore');
    assert.equal(await show.getAttribute('aria-pressed'), 'false');
    await show.click();
    const row = page.getByTestId('diff-object').filter({ hasText: schedule.schedule });
    await row.waitFor();
    // The field-level pass, which applies the ignore rules, may still be on its way: until it
    // lands the row shows what the hashes alone say.
    await row
      .getByTestId('diff-status')
      .filter({ hasText: /^Same$/ })
      .waitFor({ timeout: 15_000 });
    assert.equal(await text(row.getByTestId('diff-status')), 'Same');
    assert.equal(await show.getAttribute('aria-pressed'), 'true');
    await row.click();
    assert.match(
      await text(page.getByTestId('whole-object-sentence')),
      /Differs only in fields hidden by ignore rules/,
    );
    await show.click();
    await row.waitFor({ state: 'detached' });

    await bar.getByTestId('undo-ignore').click();
    await page
      .getByTestId('diff-object')
      .filter({ hasText: schedule.schedule })
      .getByTestId('diff-status')
      .filter({ hasText: 'Update' })
      .waitFor();
    await bar.waitFor({ state: 'detached' });
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'compare-sides');
    assert.match(nativeGit(folder(), 'log', '-1', '--format=%s'), /Stop ignoring architect\.schedule end/);
  });

  it('swapped, the target-only objects will be deleted from the target; the picks dialog is accessible', async () => {
    await page.getByTestId('diff-filter').fill('');
    await page.getByTestId('swap-sides').click();
    assert.equal(
      await text(page.getByTestId('compare-direction')),
      'A changeset from this compare makes dev like uat.',
    );
    await page.getByTestId('run-compare').click();
    await page.getByTestId('compare-sides').filter({ hasText: 'Source uat' }).waitFor();
    await waitForFullCompare();
    assert.match(await text(page.getByTestId('summary-removed')), /^Will be deleted from dev [1-9]\d*$/);
    await page.getByTestId('diff-filter').fill(queue);
    const queueRow = page.getByTestId('diff-list').getByTestId('diff-object').filter({ hasText: queue });
    assert.equal(await text(queueRow.getByTestId('diff-status')), 'Delete');

    await page.getByLabel(`Pick ${queue}`, { exact: true }).check();
    await page.getByTestId('add-to-changeset').click();
    const dialog = page.getByTestId('add-to-changeset-dialog');
    assert.match(
      await text(dialog.getByTestId('picks-direction')),
      /make the target, dev \(latest snapshot\), like the source, uat \(latest snapshot\)/,
    );
    await noViolations('[data-testid="add-to-changeset-dialog"]', 'the add-to-changeset dialog');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
  });
});

const RANK = ['Create', 'Update', 'Rename', 'Delete', 'Same'];
function rank(badge: string): number {
  return RANK.indexOf(badge);
}
