import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright';
import type { WebHost } from '../../electron/host/web/web-host';
import {
  type Journey,
  addSnapshottedSandboxOrgs,
  createWorkspaceInUi,
  openSection,
  startJourney,
} from './support/journey';

/*
 * Issue 18 point 4: a data action's contract edited by hand in the JSON view of a changeset. Text
 * typed at speed arrives whole and in order: the editor must not take its own late echoes (the
 * draft's text a render behind the keystrokes) for changes from elsewhere and put them back.
 */

let root: string;
let host: WebHost;
let page: Page;
let journey: Journey;

const ACTION = 'Get Account Balance';
const TYPED = ' for the agent desktop, in pence and with an overdue flag';

before(async () => {
  journey = await startJourney('ferry-e2e-issue18-h10-json-typing-');
  ({ root, host, page } = journey);
});
after(() => journey?.close());

describe("a data action's contract typed fast in the JSON view (issue 18)", () => {
  it('updates the action against uat and opens its JSON', async () => {
    await createWorkspaceInUi(page, host, join(root, 'ws'), 'Contact centre');
    await addSnapshottedSandboxOrgs(host, ['uat']);
    await openSection(page, 'Changesets');
    await page.getByTestId('new-changeset-title-input').fill('Balance contract');
    await page.getByTestId('create-changeset').click();
    await page.getByTestId('changeset-editor').waitFor();
    await page.getByTestId('changeset-target').selectOption('uat');
    const form = page.getByTestId('add-operation-form');
    await form.getByLabel('Kind').selectOption('update');
    await form.getByLabel('Type', { exact: true }).selectOption('integrations.action');
    await form.getByTestId('add-operation-key').fill(ACTION);
    await form.getByTestId('add-operation').click();
    await page.getByTestId('operation-view-json').click();
    await page
      .getByTestId('json-editor')
      .locator('.view-lines')
      .filter({ hasText: '"category"' })
      .waitFor({ timeout: 15_000 });
  });

  it('keeps every keystroke, in order, in the text and in the draft', async () => {
    const json = page.getByTestId('json-editor');
    await json.locator('.view-lines').click();
    // The input schema's title comes first (keys are sorted): put the cursor at its end.
    await page.keyboard.press('Control+f');
    await json.locator('.find-widget textarea[aria-label="Find"]').fill(`"title": "${ACTION}`);
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
    await page.keyboard.press('ArrowRight');
    // A slow machine: renders fall behind the keystrokes, as they do for a fast typist on a laptop.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 6 });
    try {
      await page.keyboard.type(TYPED, { delay: 0 });
    } finally {
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
      await cdp.detach();
    }

    const wanted = `"title": "${ACTION}${TYPED}"`;
    await json
      .locator('.view-lines')
      .filter({ hasText: wanted })
      .waitFor({ timeout: 10_000 })
      .catch(async (error: unknown) => {
        throw new Error(
          `typed text scrambled: ${JSON.stringify(await json.locator('.view-lines').innerText())}: ${String(error)}`,
        );
      });
    // The draft holds the same title: the text was not only drawn but taken.
    await page.getByTestId('changeset-dirty').waitFor();
    // Undo in the changeset is a change from elsewhere, even back to a text the editor once
    // reported: the editor shows it at once, without leaving the view.
    await page.getByTestId('undo').click();
    await json.locator('.view-lines').click();
    await page.keyboard.press('Control+f');
    await json.locator('.find-widget textarea[aria-label="Find"]').fill(TYPED);
    await json
      .locator('.find-widget .matchesCount')
      .filter({ hasText: 'No results' })
      .waitFor({ timeout: 10_000 });
    await page.keyboard.press('Escape');
    await page.getByTestId('redo').click();
    await page.getByTestId('operation-view-form').click();
    await page.getByTestId('operation-view-json').click();
    await json.locator('.view-lines').filter({ hasText: '"category"' }).waitFor({ timeout: 15_000 });
    await json.locator('.view-lines').click();
    await page.keyboard.press('Control+f');
    await json.locator('.find-widget textarea[aria-label="Find"]').fill(TYPED);
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
    await json.locator('.view-lines').filter({ hasText: wanted }).waitFor({ timeout: 10_000 });
    assert.equal(await json.locator('.view-line').filter({ hasText: wanted }).count(), 1);
  });
});
