import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright';
import type { FerryServices } from '../../electron/host/core/ferry-services';
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

/** Headless hosts seal the signing keys with this; both machines of the story use the same one. */
const VAULT = { FERRY_VAULT_PASSPHRASE: 'promotion journey passphrase' };
const { skill } = SEEDED_DRIFT.devOnly;

let browser: Browser;
let root: string;
let host: WebHost;
/** Rita's machine: her own data folder and key, the same workspace. */
let rita: FerryServices;
let page: Page;
let changesetId = '';
let promoteRunId = '';
const pageErrors: string[] = [];

const folder = () => join(root, 'contact-centre');

let journey: Journey;

before(async () => {
  journey = await startJourney('ferry-e2e-promotion-', {
    viewport: { width: 1440, height: 1000 },
    env: VAULT,
  });
  ({ root, browser, host, page } = journey);
  page.on('pageerror', (error) => pageErrors.push(error.message));
});
after(() => journey?.close());

/** A gate of the plan being prepared (a run's detail lists the gates it ran with, too). */
function gate(name: string) {
  return page.getByTestId('gates').locator(`[data-testid="gate"][data-gate="${name}"]`);
}

describe('promotion journey in Chromium', () => {
  it('sets up uat and a changeset for it, before this machine has a key', async () => {
    await createWorkspaceInUi(page, host, folder(), 'Contact centre');
    await addSnapshottedSandboxOrgs(host, ['dev', 'uat']);
    const created = await host.services.authoring.addPicks({
      a: 'uat',
      b: 'dev',
      title: 'Video skill',
      picks: [{ type: 'routing.skill', key: skill }],
    });
    changesetId = created.changeset.id;
  });

  it('creates this machine’s signing key from the page, and governs uat with it', async () => {
    await openSection(page, 'Promotions');
    await page.getByTestId('identity-form').waitFor();
    await page.getByTestId('identity-owner-input').fill('Ada');
    await page.getByTestId('create-identity').click();
    await page.getByTestId('identity-owner').filter({ hasText: 'Ada' }).waitFor();
    const ada = await host.services.identity.keys.requireIdentity();
    assert.equal(ada.owner, 'Ada');
    assert.equal(await page.getByTestId('identity-key-id').getAttribute('title'), ada.keyId);
    // The workspace had no trust root, so the key made in the page made one: Ada is its first admin.
    const trust = await host.services.identity.trust.status();
    assert.equal(trust.version, 1);
    assert.deepEqual(
      trust.admins.map((admin) => admin.owner),
      ['Ada'],
    );
    // As admin she signs uat's policy into the trust root (ferry.json's policy block counts for nothing).
    await host.services.identity.trust.setPolicy('uat', { policy: { approvalsRequired: 1 } });
  });

  it('has Rita approve from her own machine', async () => {
    rita = (
      await trustedApprover(host, {
        folder: folder(),
        dataDir: join(root, 'rita-data'),
        owner: 'Rita',
        env: VAULT,
      })
    ).services;
    await rita.identity.approvals.approve(changesetId, {
      decision: 'approved',
      comment: 'video queue ready',
    });
  });

  it('signs the changeset as its author from the plan: it was made before Ada had a key', async () => {
    await page.getByTestId('promotion-changeset').selectOption(changesetId);
    await page.getByTestId('promotion-environment').selectOption('uat');
    await page.getByTestId('plan-promotion').click();
    await page.getByTestId('plan-view').waitFor();
    await gate('approvals').and(page.locator('[data-passed="false"]')).waitFor();
    assert.match(await text(gate('approvals')), /not signed by its author/);
    await page.getByTestId('authorship-unsigned').waitFor();
    await page.getByTestId('sign-as-author').click();
    await gate('approvals').and(page.locator('[data-passed="true"]')).waitFor();
    const authorship = await host.services.identity.authorship.authorship(changesetId);
    assert.deepEqual(
      authorship.authors.map((author) => author.owner),
      ['Ada'],
    );
  });

  it('plans the changeset to uat: steps, gates passed with Rita’s approval, the document', async () => {
    await page.getByTestId('plan-view').waitFor();
    const steps = page.getByTestId('plan-step');
    await steps.first().waitFor();
    assert.equal(await steps.count(), 1);
    assert.equal(await steps.first().getAttribute('data-action'), 'create');
    assert.match(await text(steps.first()), new RegExp(`${skill}.*POST /api/v2/routing/skills`));

    const gates = page.getByTestId('gates').getByTestId('gate');
    assert.ok((await gates.count()) >= 2);
    for (const passed of await gates.evaluateAll((items) => items.map((item) => item.dataset.passed))) {
      assert.equal(passed, 'true');
    }
    assert.match(await text(gate('approvals')), /1 of 1 approval: Rita \(valid\)/);
    const approval = page.getByTestId('approval');
    assert.equal(await approval.count(), 1);
    assert.equal(await approval.getAttribute('data-status'), 'valid');
    assert.match(await text(approval), /video queue ready/);
    assert.match(await text(page.getByTestId('change-control-preview')), /Video skill/);
    assert.ok(await page.getByTestId('promote').isEnabled());
    assert.equal(await text(page.getByTestId('promote')), 'Promote to uat…');
    // The row opens onto the fields the create sets, not only its HTTP call.
    await steps.first().getByTestId('plan-step-toggle').click();
    const fields = page.getByTestId('field-change');
    await fields.first().waitFor();
    assert.ok(
      (await fields.allTextContents()).some((row) => /^name—"/.test(row.replace(/\s+/g, ''))),
      (await fields.allTextContents()).join(' | '),
    );
    assert.deepEqual(await accessibilityViolations(page, '[data-testid="promotions-page"]'), []);
    await screenshot(page, '50-promotion-plan');
  });

  it('promotes with live progress, reads every object back and records the run', async () => {
    await page.getByTestId('promote').click();
    // Nothing is written on the first click: the confirmation names the writes and the environment.
    const confirm = page.getByTestId('confirm-write-dialog');
    await confirm.waitFor();
    assert.equal(
      await text(confirm.getByTestId('confirm-write-summary')),
      '1 create, 0 updates, 0 deletes on uat',
    );
    assert.equal(await text(confirm.getByTestId('confirm-write')), 'Promote to uat');
    assert.equal((await host.services.engine.runs()).length, 0, 'nothing ran before the yes');
    await confirm.getByTestId('confirm-write').click();
    const status = page.getByTestId('run-panel').getByTestId('run-status');
    await status.waitFor({ timeout: 30_000 });
    assert.equal(
      await status.getAttribute('data-status'),
      'succeeded',
      await text(page.getByTestId('run-panel')),
    );
    assert.match(await text(page.getByTestId('verify-result')), /^1 object read back, 0 mismatches$/);
    assert.ok(Number(await text(page.getByTestId('run-requests'))) > 0);
    const runSteps = page.getByTestId('run-panel').getByTestId('run-step');
    await runSteps.first().waitFor();
    assert.equal(await runSteps.first().getAttribute('data-status'), 'done');
    assert.match(await text(runSteps.first()), new RegExp(skill));
    const runs = await host.services.engine.runs();
    assert.equal(runs.length, 1);
    promoteRunId = runs[0]?.id ?? '';
    const live = await host.services.compare.compare('dev', 'live:uat');
    assert.equal(
      live.result.objects.some((object) => object.type === 'routing.skill' && object.key === skill),
      false,
      'uat has the skill as dev has it',
    );
    // The result takes the stale plan's place, with the document as the run completed it, as HTML.
    assert.equal(await page.getByTestId('plan-view').count(), 0);
    assert.equal(await page.getByTestId('change-control-preview').count(), 0);
    const document = page.getByTestId('run-panel-change-control');
    await document.waitFor();
    assert.match(await text(document), new RegExp(`Execution.*${promoteRunId}`));
    assert.doesNotMatch(await text(document), /not yet executed/);
    assert.ok((await document.locator('table').count()) > 0, 'tables, not Markdown pipes');
    assert.doesNotMatch(await text(document), /\| ---|\*\*/);
    assert.deepEqual(await accessibilityViolations(page, '[data-testid="promotions-page"]'), []);
    await screenshot(page, '51-promotion-succeeded');
    // Closed, the plan shows again, read after the run: uat has the skill now, nothing to promote.
    await page.getByTestId('close-run-panel').click();
    await page.getByTestId('plan-view').locator('[data-testid="plan-step"][data-action="noop"]').waitFor();
    assert.ok(await page.getByTestId('promote').isDisabled());
    assert.match(await text(page.getByTestId('promote-blocker')), /Nothing to write/);
  });

  it('rolls the run back, once confirmed, and lists both runs in the history', async () => {
    await page.locator(`[data-testid="run-row"][data-run="${promoteRunId}"]`).getByTestId('open-run').click();
    await page.getByTestId('run-detail').waitFor();
    // It opens below the plan still shown above: the run just opened is brought into view.
    const top = await page
      .getByTestId('run-detail')
      .evaluate((element) => [element.getBoundingClientRect().top, window.innerHeight]);
    assert.ok((top[0] ?? -1) >= 0 && (top[0] ?? 0) < (top[1] ?? 0) / 2, `run detail at ${String(top)}`);
    await page.getByTestId('rollback-history-run').click();
    const confirm = page.getByTestId('confirm-write-dialog');
    await confirm.waitFor();
    assert.equal(
      await text(confirm.getByTestId('confirm-write-summary')),
      '0 creates, 0 updates, 1 delete on uat',
    );
    assert.equal(await text(confirm.getByTestId('confirm-write')), `Roll back run ${promoteRunId}`);
    assert.deepEqual(await accessibilityViolations(page, '[data-testid="confirm-write-dialog"]'), []);
    await confirm.getByTestId('confirm-write').click();
    const panel = page.getByTestId('run-panel');
    await panel.filter({ hasText: `Roll back of run ${promoteRunId}` }).waitFor();
    const status = panel.getByTestId('run-status');
    await status.waitFor({ timeout: 30_000 });
    assert.equal(await status.getAttribute('data-status'), 'succeeded', await text(panel));
    assert.equal(await panel.getByTestId('rollback-run').count(), 0, 'a rollback is not rolled back here');

    const rows = page.getByTestId('run-row');
    await rows.nth(1).waitFor();
    assert.equal(await rows.count(), 2);
    const kinds = await rows.evaluateAll((items) => items.map((item) => item.dataset.kind).sort());
    assert.deepEqual(kinds, ['promote', 'rollback']);
    const promoted = page.locator(`[data-testid="run-row"][data-run="${promoteRunId}"]`);
    assert.equal(await promoted.getAttribute('data-status'), 'succeeded');
    await promoted.getByTestId('open-run').click();
    const detail = page.getByTestId('run-detail');
    await detail.waitFor();
    assert.equal(await detail.getByTestId('plan-step').count(), 1);
    await detail.getByTestId('rolled-back-by').waitFor();
    assert.equal(await detail.getByTestId('rollback-history-run').count(), 0);
    assert.match(await text(detail.getByTestId('run-change-control')), /Execution/);
    await screenshot(page, '52-promotion-history');
  });

  it('refuses a changeset edited after its approval: the approval is stale', async () => {
    const { changeset } = await host.services.changesets.get(changesetId);
    await host.services.changesets.save({ ...changeset, description: 'edited after approval' });
    await page.getByTestId('plan-promotion').click();
    await gate('approvals').and(page.locator('[data-passed="false"]')).waitFor();
    assert.match(await text(gate('approvals')), /stale/);
    assert.equal(await page.getByTestId('approval').getAttribute('data-status'), 'stale');
    assert.equal(await page.getByTestId('gates-verdict').textContent(), 'Refused');
    assert.ok(await page.getByTestId('promote').isDisabled());
    await screenshot(page, '53-promotion-refused-stale');
  });

  it('edits uat’s policy in the page', async () => {
    await page.getByTestId('edit-policy').click();
    const editor = page.getByTestId('policy-editor');
    await editor.getByTestId('policy-approvals-required').waitFor();
    assert.equal(await editor.getByTestId('policy-approvals-required').inputValue(), '1');
    assert.deepEqual(await accessibilityViolations(page, '[data-testid="policy-editor"]'), []);
    await editor.getByTestId('policy-add-window').click();
    await editor.getByTestId('policy-window-cron').fill('every day');
    await editor.getByTestId('save-policy').click();
    await editor.getByTestId('field-error-window-0-cron').waitFor();
    assert.match(await text(editor.getByTestId('field-error-window-0-cron')), /not a valid cron expression/);
    await screenshot(page, '54-promotion-policy');
    await editor.getByTestId('policy-window-cron').fill('0 2 * * 6');
    assert.equal(await editor.getByTestId('field-error-window-0-cron').count(), 0, 'the fix clears it');
    await editor.getByTestId('policy-window-zone').fill('Africa/Lagos');
    await editor.getByTestId('save-policy').click();
    await editor.waitFor({ state: 'detached' });
    await gate('deny-window')
      .filter({ hasText: /Africa\/Lagos/ })
      .waitFor();
    // The page's policy is signed into the trust root by this machine's admin key, not ferry.json.
    const saved = await host.services.identity.trust.policy('uat');
    assert.equal(saved.source, 'signed');
    assert.equal(saved.policy.approvalsRequired, 1);
    assert.deepEqual(saved.policy.denyWindows, [
      { name: 'Business hours', cron: '0 2 * * 6', durationMinutes: 600, timeZone: 'Africa/Lagos' },
    ]);
  });

  it('writes the change-control document of the run as HTML', async () => {
    const file = join(folder(), 'runs', promoteRunId, 'change-control.html');
    assert.ok(existsSync(file), file);
    // A page of its own: the app's pages are served with a CSP; the document is opened as a file.
    const documentPage = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    documentPage.on('pageerror', (error) => pageErrors.push(`change-control: ${error.message}`));
    await documentPage.goto(pathToFileURL(file).href);
    assert.match((await documentPage.textContent('body')) ?? '', /Video skill/);
    await screenshot(documentPage, 'promotion-change-control');
    await documentPage.close();
  });

  it('ran without an uncaught error in the page', () => {
    assert.deepEqual(pageErrors, []);
  });
});
