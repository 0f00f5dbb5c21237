import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright';
import type { WebHost } from '../../electron/host/web/web-host';
import { createWorkspaceInUi, type Journey, openSection, startJourney, text } from './support/journey';

/*
 * Issue 18 point 6: an edit in a changeset's form that the type's rules refuse was dropped without
 * a word. Here a new flow is renamed in the form while its configuration is not YAML yet (so the
 * configuration cannot follow the name): the rename is kept, shown, and Save says what and where.
 */

let root: string;
let host: WebHost;
let page: Page;
let journey: Journey;

before(async () => {
  journey = await startJourney('ferry-e2e-issue18-h10-kept-edit-');
  ({ root, host, page } = journey);
});
after(() => journey?.close());

describe('a form edit the draft cannot take yet (issue 18)', () => {
  it('creates an in-queue flow with its configuration', async () => {
    await createWorkspaceInUi(page, host, join(root, 'ws'), 'Contact centre');
    await openSection(page, 'Changesets');
    await page.getByTestId('new-changeset-title-input').fill('Hold music');
    await page.getByTestId('create-changeset').click();
    await page.getByTestId('changeset-editor').waitFor();
    const form = page.getByTestId('add-operation-form');
    await form.getByLabel('Kind').selectOption('create');
    await form.getByLabel('Type', { exact: true }).selectOption('architect.flow');
    await form.getByTestId('add-operation-scope').selectOption({ label: 'In-queue call' });
    await form.getByTestId('add-operation-key').fill('Hold Music');
    await form.getByTestId('add-operation').click();
    const yaml = page.getByTestId('operation-editor').getByTestId('yaml-editor');
    await yaml.locator('.view-lines').waitFor({ timeout: 15_000 });
    await yaml.locator('.view-lines').click();
    await page.keyboard.type('inQueueCall:\nname: Hold Music\n');
    await page.getByTestId('flow-problems').waitFor({ state: 'detached', timeout: 10_000 });
  });

  it('keeps a rename the configuration cannot follow, and blocks Save saying why', async () => {
    const editor = page.getByTestId('operation-editor');
    const yaml = editor.getByTestId('yaml-editor');
    // Not YAML for a moment: a mapping inside a one-line mapping.
    await yaml.locator('.view-lines').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('x: y: z');
    await page.getByTestId('save-blocked').waitFor({ timeout: 10_000 });
    await editor.getByTestId('field-name').fill('Hold Music EMEA');
    await editor.getByTestId('field-name').blur();

    // The rename is still in the form; Validation names the object, the field and what to do.
    assert.equal(await editor.getByTestId('field-name').inputValue(), 'Hold Music EMEA');
    const kept = page
      .getByTestId('validation-panel')
      .getByText('cannot be kept in the changeset yet', { exact: false });
    await kept.first().waitFor({ timeout: 10_000 });
    assert.match(await text(kept.first()), /names the flow "Hold Music", but the flow is "Hold Music EMEA"/);
    assert.match(await text(page.getByTestId('save-blocked')), /Fix 2 fields before saving/);
    assert.equal(await page.getByTestId('save-changeset').isDisabled(), true);
  });
});
