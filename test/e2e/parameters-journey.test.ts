import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright';
import type { WebHost } from '../../electron/host/web/web-host';
import { SEEDED_DRIFT } from '../../electron/sandbox';
import { formatDiffPath } from '../../shared/diff/diff-path';
import type { DependencyChoice } from '../../shared/model/changeset-wire';
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

/** Secrets go to the vault, sealed with this passphrase on the headless host. */
const VAULT = { FERRY_VAULT_PASSPHRASE: 'parameters journey passphrase' };
/** The secret typed into the page: it must never be seen in it again. */
const SECRET = 'crm-token-5f2c9a7e-never-shown';
const { queue, schedule, datatableRow } = SEEDED_DRIFT.devOnly;
const QUEUE_OPERATION = `create routing.queue/${queue}`;
const TABLE = datatableRow.table;

let root: string;
let host: WebHost;
let page: Page;
let journey: Journey;
let changesetId = '';
const pageErrors: string[] = [];

const folder = () => join(root, 'contact-centre');

before(async () => {
  journey = await startJourney('ferry-e2e-parameters-', {
    viewport: { width: 1440, height: 1000 },
    env: VAULT,
  });
  ({ root, host, page } = journey);
  page.on('pageerror', (error) => pageErrors.push(error.message));
});
after(() => journey?.close());

/** The uat Parameters page, opened from uat's row on the Environments page. */
async function openUatParameters(): Promise<void> {
  await openSection(page, 'Environments');
  await page.getByTestId('environment-uat').getByTestId('open-parameters').click();
  await page.locator('[data-testid="parameters-page"][data-environment="uat"]').waitFor();
}

function parameterRow(name: string) {
  return page.locator(`[data-testid="parameter-row"][data-name="${name}"]`);
}

async function setParameter(name: string, type: string, value: string): Promise<void> {
  await page.getByTestId('parameter-name').fill(name);
  await page.getByTestId('parameter-type').selectOption(type);
  await page.getByTestId('parameter-value').fill(value);
  await page.getByTestId('save-parameter').click();
}

/** The queue's create operation, open in the form view of the changeset editor. */
async function openQueueForm(): Promise<void> {
  await openSection(page, 'Changesets');
  await page.locator(`[data-testid="changeset-row"][data-changeset="${changesetId}"] button`).first().click();
  await page.getByTestId('changeset-editor').waitFor();
  await page.locator(`[data-operation="${QUEUE_OPERATION}"]`).click();
  await page.getByTestId('operation-view-form').click();
  await page.getByTestId('operation-form').waitFor();
}

/** Makes a field of the open form a parameter through its "Parameter…" action. */
async function makeParameter(field: string, name: string): Promise<void> {
  const form = page.getByTestId('operation-form');
  await form.getByTestId(`field-${field}-make-parameter`).click();
  await form.getByTestId(`field-${field}-parameter-name`).fill(name);
  await form.getByTestId(`field-${field}-parameter-confirm`).click();
  await form.locator(`[data-testid="field-${field}-parameter"][data-parameter="${name}"]`).waitFor();
}

describe('parameters journey in Chromium', () => {
  it('sets up dev and uat, and a changeset for uat: a queue, a schedule and a data table', async () => {
    await createWorkspaceInUi(page, host, folder(), 'Contact centre');
    await addSnapshottedSandboxOrgs(host, ['dev', 'uat']);
    const picks = [
      { type: 'routing.queue', key: queue },
      { type: 'architect.schedule', key: schedule },
      { type: 'flows.datatable', key: TABLE },
    ];
    let choices: DependencyChoice[] = [];
    // Bring every missing dependency along from dev, as the Add to changeset dialog would.
    for (let round = 0; round < 5; round += 1) {
      const { missing } = await host.services.authoring.resolvePicks({ a: 'uat', b: 'dev', picks, choices });
      if (missing.length === 0) break;
      choices = [
        ...choices,
        ...missing.map((item) => ({ type: item.type, key: item.key, choice: 'bring' as const })),
      ];
    }
    const created = await host.services.authoring.addPicks({
      a: 'uat',
      b: 'dev',
      title: 'Video queue with parameters',
      picks,
      choices,
    });
    changesetId = created.changeset.id;
    // Added behind the page's back: a reload shows them.
    await page.reload();
    await page.getByTestId('shell').waitFor();
  });

  it('opens uat’s Parameters tab from its row, by keyboard too, and explains what parameters are for', async () => {
    await openSection(page, 'Environments');
    const button = page.getByTestId('environment-uat').getByTestId('open-parameters');
    await button.focus();
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="parameters-page"][data-environment="uat"]').waitFor();
    assert.equal(await page.getByRole('tab', { name: 'Parameters' }).getAttribute('aria-selected'), 'true');
    await page.getByTestId('parameters-empty').waitFor();
    assert.match(await text(page.getByTestId('parameters-empty')), /differs per environment/);
    // Focus starts at the page's title, not lost with the button that opened it.
    assert.match(await page.evaluate(() => document.activeElement?.textContent ?? ''), /Parameters of/);
  });

  it('refuses a phone number that is not E.164, showing why beside the form, and adds nothing', async () => {
    await page.getByTestId('parameter-type').selectOption('phone');
    assert.match(await text(page.getByTestId('parameter-hint')), /E\.164.*\+442079460000/);
    await setParameter('billingCallingNumber', 'phone', '+44 (0) 20 7946 0000');
    const error = page.getByTestId('parameter-form').getByTestId('parameter-error');
    await error.waitFor();
    assert.match(await text(error), /E\.164/);
    assert.equal(await parameterRow('billingCallingNumber').count(), 0);
    await page.getByTestId('parameters-empty').waitFor();
    const file = await readFile(join(folder(), 'environments', 'uat', 'parameters.json'), 'utf8').catch(
      () => null,
    );
    assert.equal(file, null, 'nothing was written for a refused value');

    await page.getByTestId('parameter-value').fill('+442079460000');
    await page.getByTestId('save-parameter').click();
    await parameterRow('billingCallingNumber').waitFor();
    assert.equal(
      await text(parameterRow('billingCallingNumber').getByTestId('parameter-shown-value')),
      '+442079460000',
    );
    assert.equal(await page.getByTestId('parameter-error').count(), 0);
    // Saved, the form is empty again for the next one.
    assert.equal(await page.getByTestId('parameter-name').inputValue(), '');
  });

  it('keeps a secret in the vault: typed in a password field, then never in the page again', async () => {
    await page.getByTestId('parameter-type').selectOption('secret');
    assert.equal(await page.getByTestId('parameter-value').getAttribute('type'), 'password');
    await setParameter('crmToken', 'secret', SECRET);
    await parameterRow('crmToken').waitFor();
    assert.equal(
      await text(parameterRow('crmToken').getByTestId('parameter-shown-value')),
      'set on this machine',
    );
    assert.equal(await page.getByTestId('parameter-value').inputValue(), '');
    assert.equal((await page.content()).includes(SECRET), false, 'the secret is nowhere in the DOM');
    // Changing it starts from an empty field: the page never had the value to put there.
    await parameterRow('crmToken').getByTestId('change-parameter').click();
    assert.equal(await page.getByTestId('parameter-value').inputValue(), '');
    assert.equal((await page.content()).includes(SECRET), false);
    const file = await readFile(join(folder(), 'environments', 'uat', 'parameters.json'), 'utf8');
    assert.equal(file.includes(SECRET), false, 'nor in the workspace');
    await page.getByTestId('parameter-name').fill('');
  });

  it('sets the number the changeset will use', async () => {
    await setParameter('videoAcwTimeoutMs', 'number', '45000');
    await parameterRow('videoAcwTimeoutMs').waitFor();
  });

  it('adds a reference mapping, and refuses a chain with the reason beside the form', async () => {
    await page.getByRole('tab', { name: 'Mappings' }).click();
    await page.getByTestId('mappings-empty').waitFor();
    await page.getByTestId('mapping-type').selectOption('authorization.division');
    await page.getByTestId('mapping-from').fill('Customer Service');
    await page.getByTestId('mapping-to').fill('Customer Care');
    await page.getByTestId('save-mapping').click();
    const mapping = page.locator(
      '[data-testid="mapping-row"][data-type="authorization.division"][data-from="Customer Service"]',
    );
    await mapping.waitFor();
    assert.match(await text(mapping), /Customer Service.*Customer Care/);

    await page.getByTestId('mapping-from').fill('Customer Care');
    await page.getByTestId('mapping-to').fill('Home');
    await page.getByTestId('save-mapping').click();
    const error = page.getByTestId('mapping-form').getByTestId('mapping-error');
    await error.waitFor();
    assert.match(await text(error), /chain|mapped to/);
    assert.equal(await page.getByTestId('mapping-row').count(), 1);
    await screenshot(page, '60-parameters-mappings');
  });

  it('passes axe on both tabs', async () => {
    assert.deepEqual(await accessibilityViolations(page, '[data-testid="parameters-page"]'), []);
    await page.getByRole('tab', { name: 'Parameters' }).click();
    await page.getByTestId('parameters-table').waitFor();
    assert.deepEqual(await accessibilityViolations(page, '[data-testid="parameters-page"]'), []);
    await screenshot(page, '61-parameters-tab');
  });

  it('makes queue fields parameters in the changeset form and saves {"$param": …}', async () => {
    await openQueueForm();
    const form = page.getByTestId('operation-form');
    const timeout = 'acwSettings.timeoutMs';
    // The name is offered from the queue and the field, and checked as it is typed.
    await form.getByTestId(`field-${timeout}-make-parameter`).click();
    const name = form.getByTestId(`field-${timeout}-parameter-name`);
    assert.match(await name.inputValue(), /^videoSupportVoice/);
    await name.fill('acw timeout');
    await form.getByTestId(`field-${timeout}-parameter-name-error`).waitFor();
    assert.equal(await form.getByTestId(`field-${timeout}-parameter-confirm`).isDisabled(), true);
    await name.fill('videoAcwTimeoutMs');
    await name.press('Enter');
    const chip = form.getByTestId(`field-${timeout}-parameter`);
    await chip.waitFor();
    assert.equal(await text(chip), 'parameter videoAcwTimeoutMs');
    // Focus moved to the way back, so the keyboard user is not lost.
    assert.equal(
      await page.evaluate(() => document.activeElement?.getAttribute('data-testid')),
      `field-${timeout}-plain-value`,
    );
    // The name (the natural key) is never offered as a parameter.
    assert.equal(await form.getByTestId('field-name-make-parameter').count(), 0);

    // Every kind of control shows a parameter as a chip: a select, a reference, a number in a
    // table, a checkbox, a text area.
    await makeParameter('acwSettings.wrapupPrompt', 'videoWrapupPrompt');
    await makeParameter('division', 'videoDivision');
    await makeParameter('mediaSettings.call.alertingTimeoutSeconds', 'videoCallAlerting');
    await makeParameter('mediaSettings.call.enableAutoAnswer', 'videoAutoAnswer');
    await makeParameter('description', 'videoDescription');
    // …and one turned back into a plain value, which the form then edits as before.
    await form.getByTestId('field-description-plain-value').click();
    await form.getByTestId('field-description').fill('Video queue');
    assert.deepEqual(await accessibilityViolations(page, '[data-testid="operation-form"]'), []);
    await screenshot(page, '62-changeset-form-parameters');

    await page.getByTestId('save-changeset').click();
    await page
      .getByTestId('editor-notice')
      .filter({ hasText: /^Saved/ })
      .waitFor();
    const saved = await host.services.changesets.get(changesetId);
    const operation = saved.changeset.operations.find(
      (item) => item.op === 'create' && item.type === 'routing.queue',
    );
    assert.ok(operation?.op === 'create');
    const body = operation.body as Record<string, unknown>;
    const acw = body.acwSettings as Record<string, unknown>;
    assert.deepEqual(acw.timeoutMs, { $param: 'videoAcwTimeoutMs' });
    assert.deepEqual(acw.wrapupPrompt, { $param: 'videoWrapupPrompt' });
    assert.deepEqual(body.division, { $param: 'videoDivision' });
    const call = (body.mediaSettings as Record<string, Record<string, unknown>>).call;
    assert.deepEqual(call?.alertingTimeoutSeconds, { $param: 'videoCallAlerting' });
    assert.deepEqual(call?.enableAutoAnswer, { $param: 'videoAutoAnswer' });
    assert.equal(body.description, 'Video queue');
  });

  it('shows the saved parameters again when the changeset is reopened, and the check asks uat only for the values it lacks', async () => {
    await page.reload();
    await page.getByTestId('shell').waitFor();
    await openQueueForm();
    const form = page.getByTestId('operation-form');
    await form
      .locator('[data-testid="field-acwSettings.timeoutMs-parameter"][data-parameter="videoAcwTimeoutMs"]')
      .waitFor();
    await form.locator('[data-testid="field-division-parameter"][data-parameter="videoDivision"]').waitFor();
    // The check accepts every marker's position; it asks only for the values uat lacks (it has
    // videoAcwTimeoutMs), pointing at its Parameters tab.
    const findings = page.getByTestId('validation-panel').getByTestId('finding');
    await findings.first().waitFor();
    const said = await findings.allTextContents();
    const needed = said.flatMap((finding) => {
      const match = /needs the parameter (\w+), which uat does not have/.exec(finding);
      return match?.[1] === undefined ? [] : [match[1]];
    });
    assert.deepEqual(
      [...new Set(needed)].sort(),
      ['videoAutoAnswer', 'videoCallAlerting', 'videoDivision', 'videoWrapupPrompt'],
      said.join('\n'),
    );
    // Nothing else is said about the queue's fields that hold parameters: their shape is checked
    // per environment, once a value is known. (uat's mapping of "Customer Service" may be reported
    // for the other operations: uat has no "Customer Care".)
    for (const finding of said.filter((item) => !/needs the parameter/.test(item)))
      assert.doesNotMatch(finding, /operations\[0\]\.body\.(acwSettings|division|mediaSettings)/, finding);
  });

  it('makes a schedule’s start and rule, and a data table cell, parameters too', async () => {
    // The editor is still open from the step before.
    await page.locator(`[data-operation="create architect.schedule/${schedule}"]`).click();
    await page.getByTestId('operation-view-form').click();
    const form = page.getByTestId('operation-form');
    await makeParameter('start', 'videoHoursStart');
    await makeParameter('rrule', 'videoHoursRule');
    // The natural key is never offered, whatever the type.
    assert.equal(await form.getByTestId('field-name-make-parameter').count(), 0);

    await page.locator(`[data-operation="update flows.datatable/${TABLE}"]`).click();
    await page.getByTestId('operation-view-form').click();
    const row = await page.evaluate(() => {
      const keys = [...document.querySelectorAll<HTMLInputElement>('[data-testid^="field-rows["]')];
      const found = keys.find((input) => input.dataset.testid?.endsWith('].key') && input.value === 'LDN01');
      return Number(/\[(\d+)\]/.exec(found?.dataset.testid ?? '')?.[1] ?? -1);
    });
    assert.ok(row >= 0, 'the LDN01 row is in the table');
    const cell = formatDiffPath(['rows', row, 'Phone Number']);
    await form.getByTestId(`field-${cell}-make-parameter`).click();
    // Suggested from the table, the row and the column.
    assert.equal(
      await form.getByTestId(`field-${cell}-parameter-name`).inputValue(),
      'storeDirectoryLDN01PhoneNumber',
    );
    await form.getByTestId(`field-${cell}-parameter-confirm`).click();
    await form.locator(`[data-testid="field-${cell}-parameter"]`).waitFor();
    assert.deepEqual(await accessibilityViolations(page, '[data-testid="operation-form"]'), []);

    await page.getByTestId('save-changeset').click();
    await page
      .getByTestId('editor-notice')
      .filter({ hasText: /^Saved/ })
      .waitFor();
    const { changeset } = await host.services.changesets.get(changesetId);
    const created = changeset.operations.find((item) => item.type === 'architect.schedule');
    assert.ok(created?.op === 'create');
    assert.deepEqual(created.body.start, { $param: 'videoHoursStart' });
    assert.deepEqual(created.body.rrule, { $param: 'videoHoursRule' });
    const table = changeset.operations.find((item) => item.type === 'flows.datatable');
    assert.ok(table !== undefined);
    assert.match(JSON.stringify(table), /\{"\$param":"storeDirectoryLDN01PhoneNumber"\}/);
  });

  it('refuses to unset a parameter the changeset uses, naming it, until "Unset anyway"', async () => {
    await openUatParameters();
    await parameterRow('videoAcwTimeoutMs').getByTestId('unset-parameter').click();
    const refusal = page.getByTestId('parameter-in-use');
    await refusal.waitFor();
    assert.match(
      await text(refusal),
      new RegExp(`videoAcwTimeoutMs is used by the changeset ${changesetId}`),
    );
    assert.equal(await parameterRow('videoAcwTimeoutMs').count(), 1);
    assert.deepEqual(await accessibilityViolations(page, '[data-testid="parameters-page"]'), []);
    await page.getByTestId('unset-anyway').click();
    await parameterRow('videoAcwTimeoutMs').waitFor({ state: 'detached' });
    assert.equal(await refusal.count(), 0);

    // One nothing uses goes at once, secret and all.
    await parameterRow('crmToken').getByTestId('unset-parameter').click();
    await parameterRow('crmToken').waitFor({ state: 'detached' });
    const [view] = await host.services.parameters.list('uat');
    assert.deepEqual(
      view?.parameters.map((parameter) => parameter.name),
      ['billingCallingNumber'],
    );
    assert.deepEqual(pageErrors, []);
  });
});
