import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright';
import type { WebHost } from '../../electron/host/web/web-host';
import { createKeyAsFirstAdmin } from '../../electron/services/identity/first-admin';
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
 * Issue 20, the pipeline view on a changeset: a workspace whose signed trust root holds a pipeline
 * dev → uat → prod (prod after a day of soak in uat). The changeset page shows each stage with its
 * state; Advance moves it into dev, then uat, each time after a confirmation; prod then waits for
 * the soak, said in words with when it ends, and advancing into it (production's name typed) is
 * refused with what it waits for, nothing written. The view passes axe and works from the keyboard.
 */

const VAULT = { FERRY_VAULT_PASSPHRASE: 'pipeline journey passphrase' };
const LANGUAGE = 'Pipeline Journey Language';

const PIPELINE = {
  name: 'main',
  description: 'Every change goes dev → uat → prod, with a day in uat before prod.',
  stages: [{ environment: 'dev' }, { environment: 'uat' }, { environment: 'prod', soakHours: 24 }],
};

const PROD_POLICY = {
  approvalsRequired: 1,
  approvalsByRisk: { low: 1, medium: 1, high: { approvals: 2, fromGroup: 'cab' } },
  risk: { criticalObjects: ['routing.queue/Billing'] },
  postPromotionChecks: [{ kind: 'queue-member-groups' }],
  onCheckFailure: 'stop',
  emergencyOverride: { allowed: true, followUpHours: 12 },
} as const;

let journey: Journey;
let host: WebHost;
let page: Page;
let root: string;
let changesetId = '';
const pageErrors: string[] = [];

const folder = () => join(root, 'contact-centre');
const view = () => page.getByTestId('pipeline-view');
const stage = (environment: string) =>
  page.locator(`[data-testid="pipeline-stage"][data-environment="${environment}"]`);

before(async () => {
  journey = await startJourney('ferry-e2e-pipeline-', {
    viewport: { width: 1440, height: 1000 },
    env: VAULT,
  });
  ({ root, host, page } = journey);
  page.on('pageerror', (error) => pageErrors.push(error.message));
});
after(() => journey?.close());

async function advanceTo(environment: string): Promise<void> {
  const button = view().getByTestId('pipeline-advance');
  assert.equal(await button.getAttribute('data-environment'), environment);
  assert.equal(await text(button), `Advance to ${environment}…`);
  await button.click();
  const dialog = page.getByTestId('advance-dialog');
  await dialog.waitFor();
  // Focus starts on Cancel: a key held down does not write.
  assert.equal(
    await page.evaluate(() => document.activeElement?.getAttribute('data-testid')),
    'cancel-advance',
  );
  await dialog.getByTestId('confirm-advance').click();
  await dialog.waitFor({ state: 'detached' });
}

describe('pipeline journey in Chromium', () => {
  it('signs a pipeline dev → uat → prod into the workspace, and a changeset to follow it', async () => {
    await createWorkspaceInUi(page, host, folder(), 'Contact centre');
    await addSnapshottedSandboxOrgs(host, ['dev', 'uat', 'prod']);
    const { identity, workspace, authoring, changesets, pipelines } = host.services;
    await createKeyAsFirstAdmin({ keys: identity.keys, trust: identity.trust, workspace }, { owner: 'Ada' });
    await identity.trust.setPolicy('dev', { tier: 'dev', policy: { approvalsRequired: 0 } });
    await identity.trust.setPolicy('uat', { tier: 'test', policy: { approvalsRequired: 0 } });
    // prod's issue 20 settings: approvals by risk, risk inputs, a check, the follow-up window.
    await identity.trust.setPolicy('prod', { tier: 'prod', policy: PROD_POLICY });
    await pipelines.set([PIPELINE], 'pipeline.json');

    // A new language, absent everywhere: each stage's run writes it.
    const created = await authoring.addPicks({
      a: 'uat',
      b: 'dev',
      title: 'Pipeline language',
      picks: [{ type: 'routing.skill', key: SEEDED_DRIFT.devOnly.skill }],
    });
    changesetId = created.changeset.id;
    const { changeset } = await changesets.get(changesetId);
    await changesets.save({
      ...changeset,
      operations: [{ op: 'create', type: 'routing.language', key: LANGUAGE, body: { name: LANGUAGE } }],
    });
    await identity.authorship.sign(changesetId);
  });

  it('shows the pipeline on the changeset: dev ready, uat and prod not yet', async () => {
    await openSection(page, 'Changesets');
    await page
      .getByTestId('changeset-list')
      .getByRole('button', { name: 'Pipeline language', exact: true })
      .click();
    await page.locator(`[data-testid="changeset-editor"][data-changeset="${changesetId}"]`).waitFor();
    await view().waitFor();
    assert.equal(await text(view().getByTestId('pipeline-name')), 'main');
    await stage('dev').and(page.locator('[data-state="ready"]')).waitFor();
    assert.deepEqual(
      await view()
        .getByTestId('pipeline-stage')
        .evaluateAll((items) =>
          items.map((item) => [item.getAttribute('data-environment'), item.getAttribute('data-state')]),
        ),
      [
        ['dev', 'ready'],
        ['uat', 'pending'],
        ['prod', 'pending'],
      ],
    );
    assert.equal(await text(stage('dev').getByTestId('pipeline-stage-state')), 'Ready to advance');
    assert.equal(await stage('dev').getAttribute('aria-current'), 'step');
    assert.equal(await text(stage('dev').getByTestId('pipeline-stage-run')), 'No run of this version yet.');
    assert.ok((await text(view().getByTestId('pipeline-summary'))).length > 10);
    assert.match(await text(view().getByTestId('pipeline-advance-hint')), /promotes the changeset to dev/);
    await screenshot(page, 'pipeline-view-ready');
  });

  it('advances into dev after a confirmation: dev done with its run, uat next', async () => {
    await advanceTo('dev');
    const outcome = view().getByTestId('pipeline-outcome');
    await outcome.waitFor();
    assert.equal(await outcome.getAttribute('data-tone'), 'success', await text(outcome));
    assert.match(await text(outcome), /^Advanced to dev: run \S+ succeeded\./);
    await stage('dev').and(page.locator('[data-state="done"]')).waitFor();
    assert.match(
      await text(stage('dev').getByTestId('pipeline-stage-run')),
      /^Run \S+: succeeded, finished /,
    );
    const uat = await stage('uat').getAttribute('data-state');
    assert.ok(uat === 'ready' || uat === 'waiting', `uat is ${uat}`);
    assert.equal(await stage('uat').getAttribute('aria-current'), 'step');
    assert.equal(await text(view().getByTestId('pipeline-advance')), 'Advance to uat…');
  });

  it('advances into uat from the keyboard; prod then waits for the soak, in words with when it ends', async () => {
    await view().getByTestId('pipeline-advance').focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByTestId('advance-dialog');
    await dialog.waitFor();
    // Tab from Cancel reaches the confirm button; Enter there advances.
    await page.keyboard.press('Tab');
    assert.equal(
      await page.evaluate(() => document.activeElement?.getAttribute('data-testid')),
      'confirm-advance',
    );
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await stage('uat').and(page.locator('[data-state="done"]')).waitFor();
    assert.match(await text(view().getByTestId('pipeline-outcome')), /^Advanced to uat: run \S+ succeeded\./);
    await stage('prod').and(page.locator('[data-state="waiting"]')).waitFor();
    const soak = stage('prod')
      .getByTestId('pipeline-wait')
      .filter({ hasText: /soaking in uat/ });
    assert.equal(await soak.count(), 1, await text(stage('prod')));
    assert.match(
      await text(soak.getByTestId('pipeline-wait-ends')),
      /^Ends by itself \d{4}-\d\d-\d\d \d\d:\d\d \S+ \(in (23 h \d+ min|1 day)\)\.$/,
    );
    assert.ok(await soak.locator('time[datetime]').count(), 'the end is a <time> with its datetime');
    // prod needs an approval too: a wait only a person ends.
    assert.ok(
      (await stage('prod').getByTestId('pipeline-wait-ends').allTextContents()).some((ends) =>
        ends.includes('Needs a person'),
      ),
    );
    assert.match(await text(view().getByTestId('pipeline-summary')), /prod/);
    await screenshot(page, 'pipeline-view-prod-waiting');
  });

  it('asks for production’s name typed, then shows the refusal and writes nothing', async () => {
    await view().getByTestId('pipeline-advance').click();
    const dialog = page.getByTestId('advance-dialog');
    await dialog.waitFor();
    const confirm = dialog.getByTestId('confirm-advance');
    assert.ok(await confirm.isDisabled());
    assert.equal(
      await page.evaluate(() => document.activeElement?.getAttribute('data-testid')),
      'advance-confirm-environment',
    );
    assert.deepEqual(await accessibilityViolations(page, '[data-testid="advance-dialog"]'), []);
    await dialog.getByTestId('advance-confirm-environment').fill('Prod');
    assert.ok(await confirm.isDisabled());
    await dialog.getByTestId('advance-confirm-environment').fill('prod');
    await confirm.click();
    await dialog.waitFor({ state: 'detached' });
    const outcome = view().getByTestId('pipeline-outcome');
    await outcome.and(page.locator('[data-tone="refused"]')).waitFor();
    assert.match(await text(outcome), /soaking in uat/);
    assert.equal(await outcome.getAttribute('role'), 'alert');
    assert.equal(await stage('prod').getAttribute('data-state'), 'waiting');
    const languages = await (await host.services.environments.connector('prod')).list('routing.language');
    assert.equal(
      languages.some((language) => language.name === LANGUAGE),
      false,
    );
  });

  it('passes axe in light and dark mode', async () => {
    assert.deepEqual(await accessibilityViolations(page, '[data-testid="pipeline-view"]'), []);
    assert.deepEqual(
      await accessibilityViolations(page, '[data-testid="pipeline-view"]', 'moderate'),
      [],
      'not even a moderate finding',
    );
    await page.emulateMedia({ colorScheme: 'dark' });
    assert.deepEqual(await accessibilityViolations(page, '[data-testid="pipeline-view"]'), []);
    await screenshot(page, 'pipeline-view-dark');
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('plans prod: the plan shows its risk, each point with its reason, and what it needs', async () => {
    await page.getByTestId('changeset-editor').getByTestId('plan-promotion').click();
    await page.getByTestId('promotions-page').waitFor();
    await page.getByTestId('promotion-environment').selectOption('prod');
    await page.getByTestId('new-promotion').getByTestId('plan-promotion').click();
    const risk = page.getByTestId('plan-risk');
    await risk.waitFor();
    // Creating a language in production: the tier's point only, low.
    const level = risk.getByTestId('plan-risk-level');
    assert.equal(await level.getAttribute('data-level'), 'low');
    assert.equal(await text(level), 'Low risk, 1 point');
    const tier = risk.locator('[data-testid="plan-risk-point"][data-rule="tier"]');
    assert.deepEqual(await tier.locator('th, td').allTextContents(), [
      'Environment tier',
      '+1',
      'the target is a production environment',
    ]);
    assert.equal(
      await text(risk.getByTestId('plan-risk-requirement')),
      'prod needs 1 approval, as its policy sets for low risk.',
    );
    assert.deepEqual(await accessibilityViolations(page, '[data-testid="plan-risk"]'), []);
    await screenshot(page, 'pipeline-plan-risk');
  });

  it('keeps prod’s risk, checks and follow-up settings when its policy is saved from the form', async () => {
    await page.getByTestId('edit-policy').click();
    const editor = page.getByTestId('policy-editor');
    await editor.getByTestId('policy-kept').waitFor();
    const kept = (field: string) => editor.locator(`[data-testid="policy-kept-line"][data-field="${field}"]`);
    assert.match(await text(kept('approvalsByRisk')), /high: 2 approvals, 1 from cab/);
    assert.match(await text(kept('postPromotionChecks')), /member group/);
    assert.match(await text(kept('onCheckFailure')), /stops/);
    assert.match(await text(kept('followUpHours')), /12 hours/);
    assert.deepEqual(await accessibilityViolations(page, '[data-testid="policy-editor"]'), []);
    await editor.getByTestId('policy-allow-self-approval').check();
    await editor.getByTestId('save-policy').click();
    await editor.waitFor({ state: 'detached' });
    const { policy } = await host.services.identity.trust.policy('prod');
    assert.equal(policy.allowSelfApproval, true);
    assert.deepEqual(policy.approvalsByRisk, PROD_POLICY.approvalsByRisk);
    assert.deepEqual(policy.risk, PROD_POLICY.risk);
    assert.deepEqual(policy.postPromotionChecks, PROD_POLICY.postPromotionChecks);
    assert.equal(policy.onCheckFailure, 'stop');
    assert.equal(policy.emergencyOverride.followUpHours, 12);
  });

  it('ran without a page error', () => {
    assert.deepEqual(pageErrors, []);
  });
});
