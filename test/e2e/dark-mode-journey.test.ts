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
  trustedApprover,
  type Journey,
} from './support/journey';

/**
 * Issue 13, point 9: dark mode on the pages whose stylesheets once hard-coded light colours
 * (Promotions, Trust, History, the changeset editor). Dark is chosen in the sidebar on a light
 * system, so the choice, not the system, makes it dark; axe-core then checks each page as a person
 * reaches it, with the coloured states (a missing key, passed gates, a valid approval, a confirmed
 * trust root) on screen.
 */

/** Headless hosts seal the signing keys with this; both machines of the story use the same one. */
const VAULT = { FERRY_VAULT_PASSPHRASE: 'dark mode journey passphrase' };
/** The dark palette's --bg and --success (renderer/src/styles.css), as computed styles read them. */
const DARK_BG = 'rgb(15, 20, 28)';
const DARK_SUCCESS = 'rgb(86, 211, 100)';

let journey: Journey;
let root: string;
let host: WebHost;
let page: Page;
let changesetId = '';
const pageErrors: string[] = [];

const folder = () => join(root, 'contact-centre');

before(async () => {
  journey = await startJourney('ferry-e2e-dark-', { viewport: { width: 1440, height: 1000 }, env: VAULT });
  ({ root, host, page } = journey);
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.emulateMedia({ colorScheme: 'light' });
});
after(() => journey?.close());

async function colour(locator: Locator): Promise<string> {
  return locator.evaluate((element) => getComputedStyle(element).color);
}

describe('dark mode journey in Chromium through the browser bridge', () => {
  it('sets up uat and a changeset for it', async () => {
    await createWorkspaceInUi(page, host, folder(), 'Contact centre');
    await addSnapshottedSandboxOrgs(host, ['dev', 'uat']);
    const created = await host.services.authoring.addPicks({
      a: 'uat',
      b: 'dev',
      title: 'Video skill',
      picks: [{ type: 'routing.skill', key: SEEDED_DRIFT.devOnly.skill }],
    });
    changesetId = created.changeset.id;
  });

  it('switches to Dark in the sidebar on a light system', async () => {
    await page.getByRole('navigation', { name: 'Sections' }).waitFor();
    await page.getByTestId('shell').getByTestId('theme-choice').selectOption('dark');
    await page.locator('html[data-theme="dark"]').waitFor();
    assert.equal(
      await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor),
      DARK_BG,
    );
  });

  it('Promotions: the missing-key form, then a plan with passed gates and a valid approval', async () => {
    await openSection(page, 'Promotions');
    await page.getByTestId('identity-form').waitFor();
    assert.deepEqual(await accessibilityViolations(page, 'main'), [], 'axe: Promotions asking for a key');

    await page.getByTestId('identity-owner-input').fill('Ada');
    await page.getByTestId('create-identity').click();
    await page.getByTestId('identity-owner').filter({ hasText: 'Ada' }).waitFor();
    await host.services.identity.trust.setPolicy('uat', { policy: { approvalsRequired: 1 } });
    const { services: rita } = await trustedApprover(host, {
      folder: folder(),
      dataDir: join(root, 'rita-data'),
      owner: 'Rita',
      env: VAULT,
    });
    await rita.identity.approvals.approve(changesetId, {
      decision: 'approved',
      comment: 'video queue ready',
    });

    await page.getByTestId('promotion-changeset').selectOption(changesetId);
    await page.getByTestId('promotion-environment').selectOption('uat');
    await page.getByTestId('plan-promotion').click();
    await page.getByTestId('plan-view').waitFor();
    await page.getByTestId('sign-as-author').click();
    const approvals = page.getByTestId('gates').locator('[data-testid="gate"][data-gate="approvals"]');
    await approvals.and(page.locator('[data-passed="true"]')).waitFor();
    assert.match(await text(approvals), /1 of 1 approval: Rita \(valid\)/);
    await page.getByTestId('plan-step').first().getByTestId('plan-step-toggle').click();
    await page.getByTestId('field-change').first().waitFor();

    // Green states read in the dark palette's green, not the light one's (#1a7f37, 3.3:1 on dark).
    assert.equal(await colour(page.locator('.gates-passed')), DARK_SUCCESS);
    assert.equal(await colour(page.getByTestId('approval').locator('.approval-status')), DARK_SUCCESS);
    await screenshot(page, '95-promotion-plan-dark');
    assert.deepEqual(await accessibilityViolations(page, 'main'), [], 'axe: Promotions with a plan');
  });

  it('Trust: the trust root with its confirmed pin', async () => {
    await openSection(page, 'Trust');
    await page.getByTestId('trust-page').waitFor();
    const confirmed = page.getByTestId('trust-pinned').locator('.trust-ok');
    await confirmed.waitFor();
    assert.equal(await colour(confirmed), DARK_SUCCESS);
    await screenshot(page, '96-trust-dark');
    assert.deepEqual(await accessibilityViolations(page, 'main'), [], 'axe: Trust');
  });

  it('History: a commit opened into its files and before → after', async () => {
    await openSection(page, 'History');
    await page.getByTestId('history-commit').first().click();
    await page.getByTestId('history-file').first().waitFor();
    await page
      .getByTestId('history-file-diff')
      .first()
      .locator('.editor.modified .view-lines')
      .waitFor({ timeout: 15_000 });
    await screenshot(page, '97-history-dark');
    assert.deepEqual(await accessibilityViolations(page, 'main'), [], 'axe: History with a commit open');
  });

  it('Changesets: the editor of the changeset', async () => {
    await openSection(page, 'Changesets');
    await page
      .getByTestId('changeset-list')
      .getByRole('button', { name: 'Video skill', exact: true })
      .click();
    await page.getByTestId('changeset-editor').waitFor();
    await page.getByTestId('operation-row').first().waitFor();
    await screenshot(page, '98-changeset-editor-dark');
    assert.deepEqual(await accessibilityViolations(page, 'main'), [], 'axe: the changeset editor');
    assert.equal(await page.locator('html').getAttribute('data-theme'), 'dark', 'still dark');
  });

  it('ran without an uncaught error in the page', () => {
    assert.deepEqual(pageErrors, []);
  });
});
