import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright';
import type { WebHost } from '../../electron/host/web/web-host';
import { DEMO_CLIENTS } from '../../electron/sandbox';
import { apiFor, findByName, login } from '../integration/sandbox/sandbox-test-client';
import { accessibilityViolations } from './support/axe';
import { screenshot } from './support/chromium';
import {
  createWorkspaceInUi,
  addSnapshottedSandboxOrgs,
  openSection,
  startJourney,
  text,
  type Journey,
} from './support/journey';

/**
 * Issue 17, "Show it": a person makes an emergency group active in uat from a changeset. uat's
 * "Sales Floor Closure" is off and answers the Sales line with "Emergency Closure"; she turns it
 * on with the form's switch and has it play "Closed Message" instead, plans the promotion (the
 * plan names both flows), promotes, and uat's own API then has the group on, answering with the
 * id uat gives "Closed Message".
 */
const VAULT = { FERRY_VAULT_PASSPHRASE: 'emergency group journey passphrase' };
const GROUP = 'Sales Floor Closure';
const OLD_FLOW = 'Emergency Closure';
const NEW_FLOW = 'Closed Message';
const TITLE = 'Sales floor closed for the refit';
const GROUPS_PATH = '/api/v2/architect/emergencygroups';

let journey: Journey;
let host: WebHost;
let page: Page;
const pageErrors: string[] = [];

/** The uat org's API, as its admin would call it: not through Ferry. */
async function uatApi(): Promise<ReturnType<typeof apiFor>> {
  const base = host.sandbox?.url;
  assert.ok(base, 'the embedded sandbox runs');
  return apiFor(base, await login(base, DEMO_CLIENTS.uat));
}

interface EmergencyGroupBody {
  id: string;
  name: string;
  enabled?: boolean;
  emergencyCallFlows?: { emergencyFlow?: { id: string }; ivrs?: { id: string }[] }[];
}

async function uatGroup(): Promise<EmergencyGroupBody> {
  const api = await uatApi();
  const listed = await findByName(api, GROUPS_PATH, GROUP);
  const read = await api<EmergencyGroupBody>('GET', `${GROUPS_PATH}/${listed.id}`);
  assert.equal(read.status, 200);
  return read.body;
}

before(async () => {
  journey = await startJourney('ferry-e2e-emergency-group-', {
    viewport: { width: 1440, height: 1000 },
    env: VAULT,
  });
  ({ host, page } = journey);
  page.on('pageerror', (error) => pageErrors.push(error.message));
});
after(() => journey?.close());

describe('emergency group journey in Chromium (issue 17)', () => {
  it('starts with uat’s Sales Floor Closure off, answering with Emergency Closure', async () => {
    await createWorkspaceInUi(page, host, join(journey.root, 'contact-centre'), 'Contact centre');
    await addSnapshottedSandboxOrgs(host, ['uat']);
    const group = await uatGroup();
    assert.equal(group.enabled, false);
    const api = await uatApi();
    const emergencyClosure = await findByName(api, '/api/v2/flows', OLD_FLOW);
    assert.equal(group.emergencyCallFlows?.[0]?.emergencyFlow?.id, emergencyClosure.id);
  });

  it('creates a changeset for uat and opens the group in the form', async () => {
    await openSection(page, 'Changesets');
    await page.getByTestId('new-changeset-title-input').fill(TITLE);
    await page.getByTestId('create-changeset').click();
    await page.getByTestId('changeset-editor').waitFor();
    await page.getByTestId('changeset-target').selectOption('uat');
    await page.getByTestId('target-snapshot').waitFor();
    const add = page.getByTestId('add-operation-form');
    await add.getByLabel('Kind').selectOption('update');
    await add.getByLabel('Type').selectOption('architect.emergencygroup');
    await add.getByTestId('add-operation-key').fill(GROUP);
    await add.getByTestId('add-operation').click();
    await page.locator(`[data-operation="update architect.emergencygroup/${GROUP}"]`).waitFor();
    await page.getByTestId('operation-view-form').click();
    const form = page.locator('[data-testid="object-form"][data-type="architect.emergencygroup"]');
    await form.waitFor();
    assert.equal(await form.getByTestId('field-name').inputValue(), GROUP);
    assert.equal(await form.getByTestId('field-name').isDisabled(), true, 'the key of an update is locked');
  });

  it('turns the group on with a real switch and points its entry at another inbound flow', async () => {
    const form = page.getByTestId('operation-form');
    const enabled = form.getByRole('switch', { name: 'Enabled' });
    assert.equal(await enabled.getAttribute('aria-checked'), 'false');
    assert.match(await text(form.getByTestId('field-enabled-state')), /^Off/);
    // A keyboard user flips it as any switch: focus, then Space.
    await enabled.focus();
    await page.keyboard.press('Space');
    assert.equal(await enabled.getAttribute('aria-checked'), 'true');
    assert.match(await text(form.getByTestId('field-enabled-state')), /^On/);
    await page.getByTestId('changeset-dirty').waitFor();

    const entry = form.getByTestId('emergency-call-flow');
    assert.equal(await entry.count(), 1);
    const flow = entry.getByTestId('field-emergencyCallFlows[0].emergencyFlow');
    assert.equal(await flow.inputValue(), OLD_FLOW);
    // The flows offered are the inbound call flows uat's IVRs and groups use, by name.
    const listId = await flow.getAttribute('list');
    assert.ok(listId);
    const offered = await page
      .locator(`datalist[id="${listId}"] option`)
      .evaluateAll((options) => options.map((option) => (option as HTMLOptionElement).value));
    for (const name of [OLD_FLOW, NEW_FLOW, 'Holiday Message', 'Main IVR']) {
      assert.ok(offered.includes(name), `${name} is offered: ${offered.join(', ')}`);
    }
    // Typed in another case, it is stored in the spelling uat uses.
    await flow.fill(NEW_FLOW.toLowerCase());
    assert.equal(await entry.getByTestId('field-emergencyCallFlows[0].emergencyFlow-unknown').count(), 0);
    const ivrs = entry.getByTestId('field-emergencyCallFlows[0].ivrs');
    assert.equal(await ivrs.getByLabel('Sales Line', { exact: true }).isChecked(), true);
    assert.equal(await ivrs.getByLabel('Main Line', { exact: true }).isChecked(), false);

    // The JSON view shows the same draft: a boolean and a reference by name.
    await page.getByTestId('operation-view-json').click();
    const lines = page.getByTestId('json-editor').locator('.view-lines');
    await lines.filter({ hasText: '"enabled": true' }).waitFor({ timeout: 15_000 });
    await lines.filter({ hasText: `"name": "${NEW_FLOW}"` }).waitFor();
    await page.getByTestId('operation-view-form').click();
    await form.getByRole('switch', { name: 'Enabled' }).waitFor();
    assert.equal(await form.getByRole('switch', { name: 'Enabled' }).getAttribute('aria-checked'), 'true');
    await screenshot(page, '56-emergency-group-form');
    assert.deepEqual(
      await accessibilityViolations(page, '[data-testid="operation-form"]'),
      [],
      'axe: the form',
    );
  });

  it('checks the changeset against uat and saves it', async () => {
    await page
      .getByTestId('validation-status')
      .filter({ hasText: /^Valid/ })
      .waitFor({ timeout: 15_000 });
    await page.getByTestId('save-changeset').click();
    await page
      .getByTestId('editor-notice')
      .filter({ hasText: /^Saved/ })
      .waitFor();
    const [listed] = (await host.services.changesets.list()).filter((item) => item.title === TITLE);
    assert.ok(listed);
    const { changeset } = await host.services.changesets.get(listed.id);
    const operation = changeset.operations[0];
    assert.ok(operation?.op === 'update');
    assert.deepEqual(
      operation.changes.map(({ path, after }) => [path, after]),
      [
        ['emergencyCallFlows[0].emergencyFlow', { $ref: 'architect.flow', name: NEW_FLOW }],
        ['enabled', true],
      ],
    );
  });

  it('plans the promotion to uat: the step names both flows by name', async () => {
    await page.getByTestId('plan-promotion').click();
    await page.getByTestId('promotions-page').waitFor();
    await page.getByTestId('identity-owner-input').fill('Ada');
    await page.getByTestId('create-identity').click();
    await page.getByTestId('identity-owner').waitFor();
    await page.getByTestId('promotion-environment').selectOption('uat');
    await page.getByTestId('plan-promotion').click();
    await page.getByTestId('plan-view').waitFor();
    if ((await page.getByTestId('sign-as-author').count()) > 0) {
      await page.getByTestId('sign-as-author').click();
      await page.getByTestId('authorship-unsigned').waitFor({ state: 'detached' });
    }
    await page.locator('[data-testid="plan-view"][aria-busy="false"]').waitFor();
    const steps = page.getByTestId('plan-step');
    assert.equal(await steps.count(), 1);
    const step = steps.first();
    assert.equal(await step.getAttribute('data-action'), 'update');
    assert.match(await text(step), new RegExp(`${GROUP}.*PUT ${GROUPS_PATH}/`));
    await step.getByTestId('plan-step-toggle').click();
    const rows = page.getByTestId('field-change');
    await rows.first().waitFor();
    const changes = (await rows.allTextContents()).map((row) => row.replace(/\s+/g, ' ').trim());
    assert.ok(
      changes.some((row) => /^enabled\s*false\s*true$/.test(row)),
      changes.join(' | '),
    );
    // The flows read by name in the plan, uat's current one and the one the step sets.
    const flowRow = changes.find((row) => row.startsWith('emergencyCallFlows[0].emergencyFlow'));
    assert.ok(flowRow, changes.join(' | '));
    assert.ok(flowRow.includes(`"${OLD_FLOW}"`) && flowRow.includes(`"${NEW_FLOW}"`), flowRow);
    await page.locator('[data-testid="promote"]:not([disabled])').waitFor();
    await screenshot(page, '57-emergency-group-plan');
    assert.deepEqual(
      await accessibilityViolations(page, '[data-testid="promotions-page"]'),
      [],
      'axe: the plan',
    );
  });

  it('promotes: uat’s API has the group on, answering with uat’s Closed Message', async () => {
    await page.getByTestId('promote').click();
    const dialog = page.getByTestId('confirm-write-dialog');
    assert.equal(
      await text(dialog.getByTestId('confirm-write-summary')),
      '0 creates, 1 update, 0 deletes on uat',
    );
    await dialog.getByTestId('confirm-write').click();
    const status = page.getByTestId('run-panel').getByTestId('run-status');
    await status.waitFor({ timeout: 30_000 });
    assert.equal(
      await status.getAttribute('data-status'),
      'succeeded',
      await text(page.getByTestId('run-panel')),
    );
    assert.match(await text(page.getByTestId('verify-result')), /^1 object read back, 0 mismatches$/);

    const group = await uatGroup();
    assert.equal(group.enabled, true);
    const api = await uatApi();
    const closedMessage = await findByName(api, '/api/v2/flows', NEW_FLOW);
    assert.equal(group.emergencyCallFlows?.length, 1);
    assert.equal(group.emergencyCallFlows?.[0]?.emergencyFlow?.id, closedMessage.id);
    const salesLine = await findByName(api, '/api/v2/architect/ivrs', 'Sales Line');
    assert.deepEqual(
      group.emergencyCallFlows?.[0]?.ivrs?.map((ivr) => ivr.id),
      [salesLine.id],
    );
  });

  it('the IVR form refuses a number that is not E.164, saying what to type, and adds a good one', async () => {
    // Back in Changesets, the editor is where it was left.
    await openSection(page, 'Changesets');
    await page.getByTestId('changeset-editor').filter({ hasText: TITLE }).waitFor();
    const add = page.getByTestId('add-operation-form');
    await add.getByLabel('Type').selectOption('architect.ivr');
    await add.getByTestId('add-operation-key').fill('Sales Line');
    await add.getByTestId('add-operation').click();
    await page.getByTestId('operation-view-form').click();
    const form = page.locator('[data-testid="object-form"][data-type="architect.ivr"]');
    await form.waitFor();
    const numbers = form.getByTestId('dnis-number');
    assert.equal(await numbers.count(), 2, 'uat’s two test numbers for the Sales line');
    assert.equal(await form.getByTestId('field-openHoursFlow').inputValue(), 'Sales IVR');
    assert.equal(await form.getByTestId('field-scheduleGroup').inputValue(), 'Sales Hours');

    const typed = form.getByTestId('field-dnis-new');
    await typed.fill('+44 330 700 0099');
    await form.getByTestId('field-dnis-add').click();
    const error = form.getByTestId('field-dnis-new-error');
    assert.match(await text(error), /Leave out spaces.*E\.164.*e\.g\. \+443306000001/);
    assert.equal(await typed.getAttribute('aria-invalid'), 'true');
    assert.equal(await numbers.count(), 2, 'nothing added');
    await typed.fill('+443307000099');
    await typed.press('Enter');
    await numbers.nth(2).waitFor();
    assert.equal(await typed.inputValue(), '');
    // A number edited in place into something else blocks Save, with the reason beside it.
    await form.getByTestId('field-dnis[0]').fill('0330 700');
    assert.match(await text(form.getByTestId('field-dnis[0]-error')), /Start with \+|Leave out spaces/);
    assert.equal(await page.getByTestId('save-changeset').isDisabled(), true);
    await screenshot(page, '58-ivr-form');
    assert.deepEqual(
      await accessibilityViolations(page, '[data-testid="operation-form"]'),
      [],
      'axe: the IVR form',
    );
    await page.getByTestId('revert').click();
  });

  it('the utilization form shows capacity per media type and per label, and is accessible', async () => {
    const add = page.getByTestId('add-operation-form');
    await add.getByLabel('Type').selectOption('routing.utilization');
    await add.getByTestId('add-operation-key').fill('organization');
    await add.getByTestId('add-operation').click();
    await page.getByTestId('operation-view-form').click();
    const form = page.locator('[data-testid="object-form"][data-type="routing.utilization"]');
    await form.waitFor();
    assert.equal(await form.getByLabel('Chat maximum capacity', { exact: true }).inputValue(), '3');
    assert.equal(await form.getByLabel('Chat interrupted by call', { exact: true }).isChecked(), true);
    await form.getByLabel('Email maximum capacity', { exact: true }).fill('4');
    await form.getByLabel('Complex Case interrupted by VIP', { exact: true }).waitFor();
    assert.equal(await form.getByLabel('Complex Case interrupted by VIP', { exact: true }).isChecked(), true);
    await page.getByTestId('changeset-dirty').waitFor();
    await screenshot(page, '59-utilization-form');
    assert.deepEqual(
      await accessibilityViolations(page, '[data-testid="operation-form"]'),
      [],
      'axe: the utilization form',
    );
    await page.getByTestId('revert').click();
  });

  it('the group form edits who sees a group and its numbers, and is accessible', async () => {
    const add = page.getByTestId('add-operation-form');
    await add.getByLabel('Type').selectOption('directory.group');
    await add.getByTestId('add-operation-key').fill('Out of Hours Cover');
    await add.getByTestId('add-operation').click();
    await page.getByTestId('operation-view-form').click();
    const form = page.locator('[data-testid="object-form"][data-type="directory.group"]');
    await form.waitFor();
    assert.equal(await form.getByTestId('field-visibility').inputValue(), 'public');
    await form.getByTestId('field-visibility').selectOption('members');
    await form.getByTestId('field-addresses-new').fill('+443307009000');
    await form.getByTestId('field-addresses-add').click();
    await form.getByTestId('group-address').first().waitFor();
    assert.equal(await form.getByTestId('field-addresses[0].address').inputValue(), '+443307009000');
    await page.getByTestId('changeset-dirty').waitFor();
    assert.deepEqual(
      await accessibilityViolations(page, '[data-testid="operation-form"]'),
      [],
      'axe: the group form',
    );
    await page.getByTestId('revert').click();
  });

  it('ran without an uncaught error in the page', () => {
    assert.deepEqual(pageErrors, []);
  });
});
