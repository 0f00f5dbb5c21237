import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Locator, Page } from 'playwright';
import type { WebHost } from '../../electron/host/web/web-host';
import { SEEDED_DRIFT } from '../../electron/sandbox';
import { accessibilityViolations } from './support/axe';
import { screenshot } from './support/chromium';
import {
  addSnapshottedSandboxOrgs,
  createWorkspaceInUi,
  openSection,
  startJourney,
  text,
  type Journey,
} from './support/journey';

/**
 * Dialogs as WAI-ARIA's dialog pattern says (focus in, trapped, Escape back to the opener, the page
 * behind inert, labelled by the heading), shown on several of the app's dialogs, all made by the one
 * Modal; and the confirmation every write to an environment passes through, whatever its tier.
 */

const VAULT = { FERRY_VAULT_PASSPHRASE: 'dialogs journey passphrase' };
const { skill } = SEEDED_DRIFT.devOnly;

let journey: Journey;
let page: Page;
let host: WebHost;
let root: string;
let changesetId = '';
const pageErrors: string[] = [];

before(async () => {
  journey = await startJourney('ferry-e2e-dialogs-', { viewport: { width: 1366, height: 950 }, env: VAULT });
  ({ page, host, root } = journey);
  page.on('pageerror', (error) => pageErrors.push(error.message));
});
after(() => journey?.close());

/** The focused element's test id, or its tag when it has none. */
async function focused(): Promise<string> {
  return page.evaluate(() => {
    const active = document.activeElement;
    return active?.getAttribute('data-testid') ?? active?.tagName.toLowerCase() ?? 'nothing';
  });
}

async function focusIsInside(dialog: Locator): Promise<boolean> {
  return dialog.evaluate((element) => element.contains(document.activeElement));
}

/** What Tab can reach in the dialog: Tab that many times and more never leaves it, either way. */
async function assertTabStaysInside(dialog: Locator): Promise<void> {
  const stops = await dialog.evaluate(
    (element) =>
      [...element.querySelectorAll('button, input, select, textarea, a[href], [tabindex="0"]')].filter(
        (item) => !(item as HTMLButtonElement).disabled && item.getClientRects().length > 0,
      ).length,
  );
  assert.ok(stops >= 2, `the dialog has ${stops} stops`);
  for (const key of ['Tab', 'Shift+Tab']) {
    const seen = new Set<string>();
    for (let press = 0; press < stops + 2; press++) {
      await page.keyboard.press(key);
      assert.ok(await focusIsInside(dialog), `${key} #${press + 1} left the dialog for ${await focused()}`);
      // A radio group is one stop, on its checked button, as the browser's own Tab has it.
      assert.equal(
        await page.evaluate(() => {
          const active = document.activeElement;
          return active instanceof HTMLInputElement && active.type === 'radio' && !active.checked;
        }),
        false,
        `${key} #${press + 1} stopped on an unchecked radio button`,
      );
      seen.add(await dialog.evaluate(() => document.activeElement?.outerHTML.slice(0, 80) ?? ''));
    }
    assert.ok(seen.size >= 2, `${key} moved between the dialog's controls`);
  }
}

async function pageBehindIsInert(): Promise<boolean> {
  return page.evaluate(() => document.querySelector('nav.sidebar')?.closest('[inert]') !== null);
}

describe('dialogs and the confirmation before writes, in Chromium', () => {
  it('sets up dev, uat and prod and a changeset', async () => {
    await createWorkspaceInUi(page, host, join(root, 'contact-centre'), 'Contact centre');
    await addSnapshottedSandboxOrgs(host, ['dev', 'uat', 'prod']);
    const created = await host.services.authoring.addPicks({
      a: 'uat',
      b: 'dev',
      title: 'Video skill',
      picks: [{ type: 'routing.skill', key: skill }],
    });
    changesetId = created.changeset.id;
    // Added behind the page's back: a reload shows them.
    await page.reload();
    await page.getByTestId('shell').waitFor();
  });

  it('Add environment: focus on its first field, Tab trapped, Escape returns to the button', async () => {
    await openSection(page, 'Environments');
    await page.getByTestId('environment-prod').waitFor();
    const opener = page.getByTestId('add-environment').first();
    await opener.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Add environment' });
    await dialog.waitFor();
    assert.equal(await dialog.getAttribute('aria-modal'), 'true');
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('name')), 'name');
    assert.ok(await pageBehindIsInert(), 'the sidebar is out of reach while the dialog is open');
    await assertTabStaysInside(dialog);
    assert.deepEqual(await accessibilityViolations(page, '[data-testid="environment-editor"]'), []);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    assert.equal(await focused(), 'add-environment');
    assert.equal(await pageBehindIsInert(), false, 'the page is usable again');
  });

  it('Remove: focus moves in, Escape keeps the environment and returns to Remove', async () => {
    const row = page.getByTestId('environment-prod');
    await row.getByTestId('remove-environment').focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByTestId('remove-dialog');
    await dialog.waitFor();
    // Focus moves in, on the safe choice: the only action is destructive.
    assert.ok(await focusIsInside(dialog), `focus is on ${await focused()}`);
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Keep it');
    assert.match(await text(page.getByRole('dialog', { name: /^Remove / })), /production environment/);
    await assertTabStaysInside(dialog);
    assert.deepEqual(await accessibilityViolations(page, '[data-testid="remove-dialog"]'), []);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    assert.equal(await focused(), 'remove-environment');
    assert.equal(await row.count(), 1, 'nothing was removed');
  });

  it('Delete changeset: focus moves in, Escape returns to the Delete button', async () => {
    await openSection(page, 'Changesets');
    const opener = page.getByRole('button', { name: 'Delete', exact: true }).first();
    await opener.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByTestId('delete-changeset-dialog');
    await dialog.waitFor();
    assert.ok(await focusIsInside(dialog), `focus is on ${await focused()}`);
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Keep it');
    assert.equal(await page.getByRole('dialog', { name: 'Delete changeset?' }).count(), 1);
    assert.deepEqual(await accessibilityViolations(page, '[data-testid="delete-changeset-dialog"]'), []);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Delete');
    assert.ok(await opener.evaluate((element) => element === document.activeElement));
  });

  it('plans the changeset to uat, with a signing key made on the page', async () => {
    await openSection(page, 'Promotions');
    await page.getByTestId('identity-owner-input').fill('Ada');
    await page.getByTestId('create-identity').click();
    await page.getByTestId('identity-owner').waitFor();
    await page.getByTestId('promotion-changeset').selectOption(changesetId);
    await page.getByTestId('promotion-environment').selectOption('uat');
    await page.getByTestId('plan-promotion').click();
    await page.getByTestId('plan-view').waitFor();
    if ((await page.getByTestId('sign-as-author').count()) > 0) {
      await page.getByTestId('sign-as-author').click();
      await page.getByTestId('authorship-unsigned').waitFor({ state: 'detached' });
    }
    // Not while a new plan is read (the old one is dimmed meanwhile).
    await page.locator('[data-testid="plan-view"][aria-busy="false"]').waitFor();
    await page.locator('[data-testid="promote"]:not([disabled])').waitFor();
    assert.equal(await text(page.getByTestId('promote')), 'Promote to uat…');
    assert.deepEqual(await accessibilityViolations(page, '[data-testid="promotions-page"]'), []);
  });

  it('asks before promoting to uat (not production): the summary, the environment, Cancel first', async () => {
    const promote = page.getByTestId('promote');
    await promote.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Promote to uat?' });
    await dialog.waitFor();
    assert.equal(
      await text(dialog.getByTestId('confirm-write-summary')),
      '1 create, 0 updates, 0 deletes on uat',
    );
    assert.equal(await text(dialog.getByTestId('confirm-write-environment')), 'uat');
    assert.equal(await text(dialog.getByTestId('confirm-write')), 'Promote to uat');
    // A key held on the opener must not write: focus starts on Cancel.
    assert.equal(await focused(), 'cancel-write');
    const described = await dialog.getAttribute('aria-describedby');
    assert.ok(described);
    assert.equal(await text(page.locator(`[id="${described}"]`)), '1 create, 0 updates, 0 deletes on uat');
    await assertTabStaysInside(dialog);
    assert.deepEqual(await accessibilityViolations(page, '[data-testid="confirm-write-dialog"]'), []);
    await screenshot(page, '55-promotion-confirm');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    assert.equal(await focused(), 'promote');
    assert.equal((await host.services.engine.runs()).length, 0, 'Escape wrote nothing');
  });

  it('promotes once confirmed; the result replaces the plan and focus follows to it', async () => {
    await page.getByTestId('promote').click();
    const dialog = page.getByTestId('confirm-write-dialog');
    await dialog.getByTestId('confirm-write').click();
    const panel = page.getByTestId('run-panel');
    const status = panel.getByTestId('run-status');
    await status.waitFor({ timeout: 30_000 });
    assert.equal(await status.getAttribute('data-status'), 'succeeded', await text(panel));
    assert.equal(
      await page.evaluate(() => document.activeElement?.id),
      'run-panel-title',
      'focus is on the run, not lost on the page',
    );
    assert.equal(await page.getByTestId('plan-view').count(), 0);
    await panel.getByTestId('run-panel-change-control').waitFor();
    assert.deepEqual(await accessibilityViolations(page, '[data-testid="promotions-page"]'), []);
  });

  it('asks before rolling back from the result, with the undo counted', async () => {
    const [run] = await host.services.engine.runs();
    assert.ok(run);
    await page.getByTestId('rollback-run').click();
    const dialog = page.getByRole('dialog', { name: `Roll back run ${run.id}?` });
    await dialog.waitFor();
    assert.equal(
      await text(dialog.getByTestId('confirm-write-summary')),
      '0 creates, 0 updates, 1 delete on uat',
    );
    assert.equal(await text(dialog.getByTestId('cancel-write')), 'Cancel');
    await dialog.getByTestId('cancel-write').click();
    await dialog.waitFor({ state: 'detached' });
    assert.equal(await focused(), 'rollback-run');
    assert.equal((await host.services.engine.runs()).length, 1, 'Cancel wrote nothing');

    await page.getByTestId('rollback-run').click();
    await dialog.getByTestId('confirm-write').click();
    const panel = page.getByTestId('run-panel');
    await panel.filter({ hasText: `Roll back of run ${run.id}` }).waitFor();
    await panel.getByTestId('run-status').waitFor({ timeout: 30_000 });
    assert.equal(await panel.getByTestId('run-status').getAttribute('data-status'), 'succeeded');
    assert.equal((await host.services.engine.runs()).length, 2);
  });

  it('asks production for its name typed in the confirmation, the field focused', async () => {
    await page.getByTestId('promotion-environment').selectOption('prod');
    await page.getByTestId('plan-promotion').click();
    await page.getByTestId('plan-view').filter({ hasText: '→ prod' }).waitFor();
    await page.locator('[data-testid="promote"]:not([disabled])').waitFor();
    assert.equal(
      await page.getByTestId('confirm-environment').count(),
      0,
      'no name field outside the dialog',
    );
    await page.getByTestId('promote').click();
    const dialog = page.getByRole('dialog', { name: 'Promote to prod?' });
    await dialog.waitFor();
    assert.equal(
      await text(dialog.getByTestId('confirm-write-summary')),
      '1 create, 0 updates, 0 deletes on prod',
    );
    assert.equal(await focused(), 'confirm-environment');
    assert.ok(await dialog.getByTestId('confirm-write').isDisabled());
    await page.keyboard.type('pro');
    assert.ok(await dialog.getByTestId('confirm-write').isDisabled());
    await page.keyboard.type('d');
    assert.ok(await dialog.getByTestId('confirm-write').isEnabled());
    assert.deepEqual(await accessibilityViolations(page, '[data-testid="confirm-write-dialog"]'), []);
    await dialog.getByTestId('confirm-write').click();
    const status = page.getByTestId('run-panel').getByTestId('run-status');
    await status.waitFor({ timeout: 30_000 });
    assert.equal(
      await status.getAttribute('data-status'),
      'succeeded',
      await text(page.getByTestId('run-panel')),
    );
  });

  it('ran without an uncaught error in the page', () => {
    assert.deepEqual(pageErrors, []);
  });
});
