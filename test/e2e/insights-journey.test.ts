import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright';
import type { FerryServices } from '../../electron/host/core/ferry-services';
import type { WebHost } from '../../electron/host/web/web-host';
import { SEEDED_DRIFT } from '../../electron/sandbox';
import { createKeyAsFirstAdmin } from '../../electron/services/identity/first-admin';
import { accessibilityViolations } from './support/axe';
import { screenshot } from './support/chromium';
import {
  addSnapshottedSandboxOrgs,
  createWorkspaceInUi,
  startJourney,
  text,
  trustedApprover,
  type Journey,
} from './support/journey';

/**
 * Issue 19, the Insights page: after a few real promotions on the embedded sandbox (a skill to uat
 * and prod, a language to uat rolled back), the page shows the four keys with their bands, draws
 * its charts, answers another period and another set of environments, leads from a figure to the
 * run behind it, passes axe, and runs under the app's CSP without a violation.
 */

const VAULT = { FERRY_VAULT_PASSPHRASE: 'insights journey passphrase' };
const { skill, language } = SEEDED_DRIFT.devOnly;

let journey: Journey;
let host: WebHost;
let page: Page;
let root: string;
let rita: FerryServices;
const runIds: string[] = [];
/** The skill's changeset, promoted to uat and prod: its lead time is evidence on the page. */
let skillChangeId = '';
const pageErrors: string[] = [];
/** Console errors of the page; a CSP refusal is logged there by Chromium ("Refused to …"). */
const consoleErrors: string[] = [];

const folder = () => join(root, 'contact-centre');

before(async () => {
  journey = await startJourney('ferry-e2e-insights-', {
    viewport: { width: 1440, height: 1000 },
    env: VAULT,
    acceptDownloads: true,
  });
  ({ root, host, page } = journey);
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
});
after(() => journey?.close());

/** A changeset of one dev-only object, signed by its author and approved by Rita for uat and prod. */
async function approvedChangeset(title: string, type: string, key: string): Promise<string> {
  const created = await host.services.authoring.addPicks({
    a: 'uat',
    b: 'dev',
    title,
    picks: [{ type, key }],
  });
  const id = created.changeset.id;
  await host.services.identity.authorship.sign(id);
  await rita.identity.approvals.approve(id, {
    decision: 'approved',
    comment: 'looks right',
    environments: ['uat', 'prod'],
  });
  return id;
}

function card(figure: string) {
  return page.locator(`[data-testid="insights-card"][data-figure="${figure}"]`);
}

describe('insights journey in Chromium', () => {
  it('promotes a skill to uat and prod, and a language to uat that is rolled back', async () => {
    await createWorkspaceInUi(page, host, folder(), 'Contact centre');
    await addSnapshottedSandboxOrgs(host, ['dev', 'uat', 'prod']);
    const { identity, workspace } = host.services;
    await createKeyAsFirstAdmin({ keys: identity.keys, trust: identity.trust, workspace }, { owner: 'Ada' });
    // Signed tiers: prod is the production environment the headline lead time and bands are of.
    await identity.trust.setPolicy('uat', { tier: 'test', policy: { approvalsRequired: 1 } });
    await identity.trust.setPolicy('prod', { tier: 'prod', policy: { approvalsRequired: 1 } });
    rita = (
      await trustedApprover(host, {
        folder: folder(),
        dataDir: join(root, 'rita-data'),
        owner: 'Rita',
        env: VAULT,
      })
    ).services;

    const skillChange = await approvedChangeset('Video skill', 'routing.skill', skill);
    skillChangeId = skillChange;
    const languageChange = await approvedChangeset('Arabic language', 'routing.language', language);
    for (const [changeset, environment] of [
      [skillChange, 'uat'],
      [skillChange, 'prod'],
      [languageChange, 'uat'],
    ] as const) {
      const { result } = await host.services.promotions.promote(changeset, environment);
      assert.equal(result.status, 'succeeded', `${changeset} → ${environment}: ${JSON.stringify(result)}`);
      runIds.push(result.runId);
    }
    const undo = await host.services.promotions.rollback(runIds[2] ?? '');
    assert.equal(undo.status, 'succeeded');
  });

  it('shows the four keys, each with its value, its DORA band in words and what it means', async () => {
    // Reached from the sidebar with the keyboard, as every section is.
    await page
      .getByRole('navigation', { name: 'Sections' })
      .getByRole('button', { name: 'Insights' })
      .focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('insights-page').waitFor();
    await card('deploymentFrequency').waitFor();
    for (const figure of ['deploymentFrequency', 'leadTime', 'changeFailureRate', 'timeToRestore']) {
      const badge = card(figure).getByTestId('dora-band');
      assert.match(await text(badge), /^(DORA band: (Elite|High|Medium|Low)|No band: nothing measured)$/);
      assert.notEqual(await text(card(figure).getByTestId('insights-value')), '');
      assert.ok((await text(card(figure).getByTestId('insights-explanation'))).length > 20);
    }
    // Three successful promotions (uat twice, prod once); one of three failed: rolled back.
    assert.match(
      await text(card('deploymentFrequency').getByTestId('insights-detail')),
      /^3 successful promotions/,
    );
    // The value counts every environment; the band says, beside it, that it rates production only.
    assert.match(
      await text(card('deploymentFrequency').getByTestId('insights-band-basis')),
      /^The band rates production only \(prod\): .*1 deployment\.$/,
    );
    assert.match(await text(card('changeFailureRate').getByTestId('insights-value')), /^33\.3 %$/);
    assert.match(await text(card('changeFailureRate').getByTestId('insights-detail')), /1 rolled back/);
    // The restore took minutes, not hours: elite; lead time from creation minutes ago: elite too.
    assert.equal(await card('timeToRestore').getByTestId('dora-band').getAttribute('data-band'), 'elite');
    assert.equal(await card('leadTime').getByTestId('dora-band').getAttribute('data-band'), 'elite');
    await page.getByTestId('dora-legend').waitFor();
  });

  it('draws every chart as SVG, with a summary and a table beside it', async () => {
    const charts = page.getByTestId('insights-chart');
    assert.equal(await charts.count(), 5);
    for (const name of ['deployments', 'lead-time', 'failure-rate', 'stages', 'drift']) {
      const chart = page.locator(`[data-testid="insights-chart"][data-chart="${name}"]`);
      await chart.locator('svg.recharts-surface').first().waitFor();
      assert.ok((await text(chart.getByTestId('chart-summary'))).length > 10, name);
      assert.equal(await chart.locator('table').count(), 1, name);
    }
    const deployments = page.locator('[data-testid="insights-chart"][data-chart="deployments"]');
    assert.ok(
      (await deployments.locator('.recharts-bar-rectangle').count()) > 0,
      'the deployments are drawn',
    );
    await screenshot(page, 'insights-page');
  });

  it('answers another set of environments: prod alone has one deployment', async () => {
    await page.locator('[data-testid="environment-filter"][data-environment="uat"]').uncheck();
    await page.locator('[data-testid="environment-filter"][data-environment="dev"]').uncheck();
    await card('deploymentFrequency')
      .getByTestId('insights-detail')
      .filter({ hasText: /^1 successful promotion in/ })
      .waitFor();
    assert.match(await text(card('changeFailureRate').getByTestId('insights-value')), /^0 %$/);
    assert.ok(await page.locator('[data-testid="environment-filter"][data-environment="prod"]').isDisabled());
    await page.locator('[data-testid="environment-filter"][data-environment="uat"]').check();
    await card('deploymentFrequency')
      .getByTestId('insights-detail')
      .filter({ hasText: /^3 successful promotions/ })
      .waitFor();
  });

  it('answers another period: a month long ago holds nothing, and says what to do', async () => {
    await page.getByTestId('period-from').fill('2020-01-01');
    await page.getByTestId('period-to').fill('2020-01-31');
    await page.getByTestId('period-apply').click();
    await page.getByTestId('insights-empty').waitFor();
    assert.match(await text(page.getByTestId('insights-empty')), /promote a changeset/);
    assert.equal(await page.getByTestId('insights-card').count(), 0);
    await page.locator('[data-testid="period-preset"][data-days="7"]').click();
    await card('deploymentFrequency').waitFor();
    assert.equal(
      await page.locator('[data-testid="period-preset"][data-days="7"]').getAttribute('aria-pressed'),
      'true',
    );
  });

  it('saves the one-page report of the same period as HTML', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('save-insights-html').click(),
    ]);
    assert.match(download.suggestedFilename(), /\.html$/);
    const file = join(root, download.suggestedFilename());
    await download.saveAs(file);
    const html = await readFile(file, 'utf8');
    assert.match(html, /<html/i);
    assert.match(html, /Deployment frequency/i);
    await page.getByTestId('insights-exported').filter({ hasText: download.suggestedFilename() }).waitFor();
    // The browser host cannot print: no PDF button where it would not work.
    assert.equal(await page.getByTestId('save-insights-pdf').count(), 0);
  });

  it('passes axe in light and dark mode', async () => {
    // Folded parts are opened, so the tables and evidence lists are checked too.
    await page.locator('[data-testid="insights-page"] details').evaluateAll((items) => {
      for (const item of items) (item as HTMLDetailsElement).open = true;
    });
    assert.deepEqual(await accessibilityViolations(page, '[data-testid="insights-page"]'), []);
    await page.emulateMedia({ colorScheme: 'dark' });
    assert.deepEqual(await accessibilityViolations(page, '[data-testid="insights-page"]'), []);
    await screenshot(page, 'insights-page-dark');
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('leads from a figure to the run behind it, on the Promotions page', async () => {
    const evidence = card('deploymentFrequency').getByTestId('insights-evidence');
    const link = evidence.locator(`[data-testid="evidence-link"][data-kind="run"][data-id="${runIds[1]}"]`);
    await link.click();
    await page.getByTestId('promotions-page').waitFor();
    await page.locator(`[data-testid="run-detail"][data-run="${runIds[1]}"]`).waitFor();
    assert.equal(
      await page
        .getByRole('navigation', { name: 'Sections' })
        .getByRole('button', { name: 'Promotions' })
        .getAttribute('aria-current'),
      'page',
    );
  });

  it('leads from a lead time to the changeset behind it, in its editor', async () => {
    await page
      .getByRole('navigation', { name: 'Sections' })
      .getByRole('button', { name: 'Insights' })
      .click();
    const evidence = card('leadTime').getByTestId('insights-evidence');
    await evidence.locator('summary').click();
    await evidence
      .locator(`[data-testid="evidence-link"][data-kind="changeset"][data-id="${skillChangeId}"]`)
      .click();
    await page.locator(`[data-testid="changeset-editor"][data-changeset="${skillChangeId}"]`).waitFor();
  });

  it('ran under the CSP without a violation or a page error', () => {
    assert.deepEqual(
      consoleErrors.filter((message) => /Content Security Policy|Refused to/i.test(message)),
      [],
    );
    assert.deepEqual(pageErrors, []);
  });
});
