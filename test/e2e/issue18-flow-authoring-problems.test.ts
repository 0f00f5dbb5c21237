import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright';
import type { WebHost } from '../../electron/host/web/web-host';
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

/*
 * Issue 18 point 6: a flow written by hand in a changeset, in Monaco. A reference the target lacks
 * is marked at the line that names it (the check reports the reference; the editor finds its line),
 * in the text and in the list under it, and Validation says what to do.
 */

let root: string;
let host: WebHost;
let page: Page;
let journey: Journey;

const FLOW = 'Main Menu';
const MISSING = 'Nowhere Queue';

before(async () => {
  journey = await startJourney('ferry-e2e-issue18-flow-authoring-');
  ({ root, host, page } = journey);
});
after(() => journey?.close());

describe('a flow edited by hand in a changeset, its problems at their lines (issue 18)', () => {
  it('updates Main Menu against uat and opens its configuration in Monaco', async () => {
    await createWorkspaceInUi(page, host, join(root, 'ws'), 'Contact centre');
    await addSnapshottedSandboxOrgs(host, ['uat']);
    await openSection(page, 'Changesets');
    await page.getByTestId('new-changeset-title-input').fill('Menu by hand');
    await page.getByTestId('create-changeset').click();
    await page.getByTestId('changeset-editor').waitFor();
    await page.getByTestId('changeset-target').selectOption('uat');
    const form = page.getByTestId('add-operation-form');
    await form.getByLabel('Kind').selectOption('update');
    await form.getByLabel('Type', { exact: true }).selectOption('architect.flow');
    await form.getByTestId('add-operation-scope').selectOption({ label: 'Inbound call' });
    await form.getByTestId('add-operation-key').fill(FLOW);
    await form.getByTestId('add-operation').click();
    const yaml = page.getByTestId('operation-editor').getByTestId('yaml-editor');
    await yaml.locator('.view-lines').filter({ hasText: 'Billing - Voice' }).waitFor({ timeout: 15_000 });
  });

  it("marks a queue uat lacks at the line of the choice's queue, and says what to do", async () => {
    const yaml = page.getByTestId('operation-editor').getByTestId('yaml-editor');
    await yaml.locator('.view-lines').click();
    // Monaco's own replace (Ctrl+H): the text a person would change, without retyping indentation.
    await page.keyboard.press('Control+h');
    const find = yaml.locator('.find-widget textarea[aria-label="Find"]');
    await find.waitFor();
    await find.fill('Billing - Voice');
    const replace = yaml.locator('.find-widget textarea[aria-label="Replace"]');
    await replace.fill(MISSING);
    await page.keyboard.press('Control+Alt+Enter');
    await page.keyboard.press('Escape');

    const problems = page.getByTestId('flow-problems');
    const problem = problems.locator('li').filter({ hasText: `queue "${MISSING}"` });
    await problem.waitFor({ timeout: 15_000 });
    const line = Number(await problem.getAttribute('data-line'));
    assert.ok(line > 1, `marked at a line of its own, not the first (${line})`);
    assert.match(await text(problem), new RegExp(`^Line ${line}: .*refers to queue "${MISSING}"`));

    // That line, as Monaco draws it, is the choice's queue key (the seeded Billing choice writes
    // it as Archy does, `targetQueue:`), and it carries the squiggle.
    const drawn = await yaml.evaluate((host, wanted) => {
      const lines = [...host.querySelectorAll<HTMLElement>('.view-lines .view-line')];
      const numbers = [...host.querySelectorAll<HTMLElement>('.margin-view-overlays .line-numbers')];
      const number = numbers.find((node) => node.textContent?.trim() === String(wanted));
      const row = number?.closest<HTMLElement>('.margin-view-overlays > div');
      const top = row?.style.top;
      const squiggles = [...host.querySelectorAll<HTMLElement>('.squiggly-error, .squiggly-warning')];
      return {
        text: lines.find((node) => node.style.top === top)?.textContent ?? '',
        squiggled: squiggles.some((node) => node.parentElement?.style.top === top),
      };
    }, line);
    assert.match(drawn.text.replace(/\s+/g, ' '), /^\s*(targetQueue|queue):/);
    assert.equal(drawn.squiggled, true, 'the squiggle is on that line');

    const validation = page.getByTestId('validation-panel');
    await validation.getByText(`refers to queue "${MISSING}"`, { exact: false }).first().waitFor();
    assert.match(await text(validation), /Add a create operation for queue/);
    await screenshot(page, 'issue18-flow-reference-at-line');
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

  it("fixes it from the editor's suggestions: the names of uat's queues after name:", async () => {
    const yaml = page.getByTestId('operation-editor').getByTestId('yaml-editor');
    await yaml.locator('.view-lines').click();
    // Select the wrong name with Monaco's find, delete it, and ask for what uat has.
    await page.keyboard.press('Control+f');
    const find = yaml.locator('.find-widget textarea[aria-label="Find"]');
    await find.fill(MISSING);
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Backspace');
    await page.keyboard.type('Billing');
    await page.keyboard.press('Control+Space');
    const suggestions = yaml.locator('.suggest-widget .monaco-list-row');
    await suggestions.first().waitFor({ timeout: 10_000 });
    const offered = await suggestions.evaluateAll((rows) =>
      rows.map((row) => row.getAttribute('aria-label') ?? row.textContent ?? ''),
    );
    assert.ok(
      offered.some((label) => label.includes('Billing - Voice')),
      `uat's queue is offered (${offered.join(' | ')})`,
    );
    assert.ok(
      offered.every((label) => !label.includes('Main Menu')),
      `only queues are offered after a queue's name: (${offered.join(' | ')})`,
    );
    await screenshot(page, 'issue18-flow-name-suggestions');
    await suggestions.filter({ hasText: 'Billing - Voice' }).first().click();
    await page
      .getByTestId('flow-problems')
      .locator('li')
      .filter({ hasText: MISSING })
      .waitFor({ state: 'detached', timeout: 15_000 });
    await page
      .getByTestId('validation-status')
      .filter({ hasText: /^Valid/ })
      .waitFor({ timeout: 15_000 });
    await yaml.locator('.view-lines').filter({ hasText: 'name: Billing - Voice' }).waitFor();
  });

  it("refuses to save another flow type's text, saying what and where, and keeps it to fix", async () => {
    const yaml = page.getByTestId('operation-editor').getByTestId('yaml-editor');
    await yaml.locator('.view-lines').click();
    await page.keyboard.press('Control+h');
    await yaml.locator('.find-widget textarea[aria-label="Find"]').fill('inboundCall:');
    await yaml.locator('.find-widget textarea[aria-label="Replace"]').fill('inQueueCall:');
    await page.keyboard.press('Control+Alt+Enter');
    await page.keyboard.press('Escape');
    const blocked = page.getByTestId('save-blocked');
    await blocked.waitFor({ timeout: 10_000 });
    assert.match(
      await text(blocked),
      /does not fit this flow at line 1: The top-level key must be inboundCall, the type of this flow/,
    );
    assert.equal(await page.getByTestId('save-changeset').isDisabled(), true);
    // Validation says it too, not "Valid" over text the draft does not hold.
    await page.getByTestId('validation-status').filter({ hasText: /error/ }).waitFor();
    // The text is still there to fix: put the key back, and Save is offered again.
    await page.keyboard.press('Control+h');
    await yaml.locator('.find-widget textarea[aria-label="Find"]').fill('inQueueCall:');
    await yaml.locator('.find-widget textarea[aria-label="Replace"]').fill('inboundCall:');
    await page.keyboard.press('Control+Alt+Enter');
    await page.keyboard.press('Escape');
    await blocked.waitFor({ state: 'detached' });
    await page
      .getByTestId('validation-status')
      .filter({ hasText: /^Valid/ })
      .waitFor();
  });

  it('renames a new flow in the form: its configuration follows, and the draft keeps both', async () => {
    const form = page.getByTestId('add-operation-form');
    await form.getByLabel('Kind').selectOption('create');
    await form.getByLabel('Type', { exact: true }).selectOption('architect.flow');
    await form.getByTestId('add-operation-scope').selectOption({ label: 'In-queue call' });
    await form.getByTestId('add-operation-key').fill('Hold Music');
    await form.getByTestId('add-operation').click();
    const editor = page.getByTestId('operation-editor');
    const yaml = editor.getByTestId('yaml-editor');
    await yaml.locator('.view-lines').waitFor({ timeout: 15_000 });
    // An empty configuration of a new flow does not hold Save back.
    await page.getByTestId('save-blocked').waitFor({ state: 'detached' });
    await yaml.locator('.view-lines').click();
    await page.keyboard.type('inQueueCall:\nname: Hold Music\n');
    await page
      .getByTestId('flow-problems')
      .waitFor({ state: 'detached', timeout: 10_000 })
      .catch(async (error: unknown) => {
        throw new Error(
          `${await text(page.getByTestId('flow-problems'))} in ${JSON.stringify(await yaml.locator('.view-lines').innerText())}: ${String(error)}`,
        );
      });
    await editor.getByTestId('field-name').fill('Hold Music EMEA');
    await editor.getByTestId('field-name').blur();
    await yaml
      .locator('.view-lines')
      .filter({ hasText: 'name: Hold Music EMEA' })
      .waitFor({ timeout: 10_000 });
    // The new name and the text agree: nothing blocks Save, and the check finds nothing to say.
    assert.equal(await page.getByTestId('flow-problems').count(), 0);
    assert.equal(await page.getByTestId('save-blocked').count(), 0);
    await page
      .getByTestId('validation-status')
      .filter({ hasText: /^Valid/ })
      .waitFor();
  });
});
