import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright';
import type { WebHost } from '../../electron/host/web/web-host';
import { SEEDED_DRIFT } from '../../electron/sandbox';
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

/**
 * Issue 15 in Chromium: uat and prod have their own calling number on one queue. From the compare,
 * the person makes that field a parameter (the dialog sets each environment's own value), builds a
 * changeset from it, and plans it to both environments: each plan shows the parameter's own value.
 */
let journey: Journey;
let root: string;
let host: WebHost;
let page: Page;

const folder = () => join(root, 'contact-centre');
const PROD_NUMBER = '+442079460000';
const PARAMETER = 'queueCallingNumber';
const TITLE = 'Calling number per environment';
/** A queue the seed makes equal in uat and prod, with a calling number: chosen before the journey. */
let queue = '';
let uatNumber = '';
let changesetId = '';

async function runCompare(): Promise<void> {
  await page.getByTestId('run-compare').click();
  await page.getByTestId('diff-summary').waitFor();
  // The quick pass lists objects before their field changes; wait for the full one.
  await page
    .getByTestId('run-compare')
    .filter({ hasText: /^Compare$/ })
    .waitFor();
}

async function openQueue() {
  await page.getByTestId('diff-filter').fill(queue);
  const row = page.getByTestId('diff-list').getByTestId('diff-object').filter({ hasText: queue });
  await row.click();
  const panel = page.getByTestId('diff-object-panel');
  await panel.getByTestId('diff-object-title').filter({ hasText: queue }).waitFor();
  return panel;
}

async function planTo(environment: string, changesetId: string): Promise<string[]> {
  await page.getByTestId('promotion-changeset').selectOption(changesetId);
  await page.getByTestId('promotion-environment').selectOption(environment);
  await page.getByTestId('plan-promotion').click();
  const view = page.getByTestId('plan-view');
  await view
    .getByTestId('plan-step-value')
    .filter({ hasText: ` for ${environment}` })
    .first()
    .waitFor();
  return view.getByTestId('plan-step-value').allTextContents();
}

before(async () => {
  journey = await startJourney('ferry-e2e-param-compare-');
  ({ root, host, page } = journey);
});
after(() => journey?.close());

describe('making a compared field a parameter, in Chromium (issue 15)', () => {
  it('opens a workspace with uat and prod, where one queue has a calling number of its own in prod', async () => {
    await createWorkspaceInUi(page, host, folder(), 'Contact centre');
    await addSnapshottedSandboxOrgs(host, ['uat', 'prod']);
    const differing = (await host.services.compare.compare('uat', 'prod')).result.objects.map(
      (object) => object.key,
    );
    const prod = await host.services.environments.connector('prod');
    const found = (await prod.list('routing.queue')).find(
      (item) => typeof item.callingPartyNumber === 'string' && !differing.includes(String(item.name)),
    );
    assert.ok(found, 'the seed has a queue with a calling number, equal in uat and prod');
    queue = String(found.name);
    uatNumber = String(found.callingPartyNumber);
    assert.notEqual(uatNumber, PROD_NUMBER);
    await prod.update('routing.queue', String(found.id), { ...found, callingPartyNumber: PROD_NUMBER });
    await host.services.snapshots.run('prod');
  });

  it('compares prod to uat: the calling number shows apart, as differing per environment', async () => {
    await openSection(page, 'Compare');
    await page.locator('select[name="a-environment"]').selectOption('uat');
    await page.locator('select[name="b-environment"]').selectOption('prod');
    await runCompare();
    assert.match(
      await text(page.getByTestId('environment-specific-count')),
      /field.* differ per environment/,
    );
    const panel = await openQueue();
    const group = panel.getByTestId('environment-changes');
    assert.match(await text(group), /Differs per environment/);
    assert.match(await text(group.getByTestId('field-change')), new RegExp(`callingPartyNumber`));
  });

  it('makes it a parameter: the dialog suggests phone and prefills each environment with its own value', async () => {
    const panel = page.getByTestId('diff-object-panel');
    await panel.getByTestId('environment-changes').getByTestId('make-parameter').click();
    const dialog = page.getByTestId('make-parameter-dialog');
    await dialog.waitFor();
    assert.equal(await dialog.getByTestId('parameter-type').inputValue(), 'phone');
    assert.match(await dialog.getByTestId('parameter-name').inputValue(), /CallingPartyNumber$/);
    assert.equal(await dialog.getByTestId('parameter-value-prod').inputValue(), PROD_NUMBER);
    assert.equal(await dialog.getByTestId('parameter-value-uat').inputValue(), uatNumber);
    assert.deepEqual(
      await accessibilityViolations(page, '[data-testid="make-parameter-dialog"]'),
      [],
      'axe: the dialog',
    );

    // A name that is not an identifier is refused where it is typed, with why.
    await dialog.getByTestId('parameter-name').fill('calling number');
    assert.equal(await dialog.getByTestId('parameter-name').getAttribute('aria-invalid'), 'true');
    await dialog.getByTestId('parameter-name').fill(PARAMETER);
    await screenshot(page, 'parameter-from-compare');
    await dialog.getByTestId('confirm-make-parameter').click();
    await dialog.waitFor({ state: 'detached' });

    for (const [environment, value] of [
      ['uat', uatNumber],
      ['prod', PROD_NUMBER],
    ] as const) {
      const view = await host.services.parameters.view(environment);
      assert.deepEqual(
        view.parameters.map((parameter) => [parameter.name, parameter.type, parameter.value]),
        [[PARAMETER, 'phone', value]],
      );
    }
    assert.match(
      await text(panel.getByTestId('made-parameter')),
      new RegExp(`built as parameter ${PARAMETER}`),
    );
  });

  it('resolving parameters and mappings, the queue no longer differs', async () => {
    await page.getByTestId('resolve-parameters').check();
    await page.getByTestId('resolution-note').waitFor();
    await page
      .getByTestId('run-compare')
      .filter({ hasText: /^Compare$/ })
      .waitFor();
    assert.match(
      await text(page.getByTestId('resolution-parameter')),
      new RegExp(
        `Parameter ${PARAMETER} \\(\\${PROD_NUMBER} in prod, \\${uatNumber} in uat\\) made 1 field equal`,
      ),
    );
    await page.getByTestId('diff-filter').fill(queue);
    await page.getByTestId('diff-list-empty').waitFor();
    assert.deepEqual(await accessibilityViolations(page, '[data-testid="resolution-note"]'), []);
    await page.getByTestId('resolve-parameters').uncheck();
    await page.getByTestId('diff-list').getByTestId('diff-object').filter({ hasText: queue }).waitFor();
  });

  it('adds the field to a changeset, written as the parameter', async () => {
    const panel = await openQueue();
    await panel.getByTestId('environment-changes').getByTestId('pick-field').check();
    await page.getByTestId('add-to-changeset').click();
    const dialog = page.getByTestId('add-to-changeset-dialog');
    await dialog.getByTestId('new-changeset-title').fill(TITLE);
    await dialog.getByTestId('continue-add-to-changeset').click();
    const values = dialog.getByTestId('picks-parameters');
    await values.waitFor();
    assert.match(
      await text(values.getByTestId('picks-parameter')),
      new RegExp(`written as parameter ${PARAMETER}`),
    );
    await dialog
      .getByTestId('picks-parameters-missing')
      .filter({ hasText: 'uat has a value for every parameter' })
      .waitFor();
    assert.deepEqual(await accessibilityViolations(page, '[data-testid="add-to-changeset-dialog"]'), []);
    await dialog.getByTestId('confirm-add-to-changeset').click();
    await dialog.getByTestId('picks-saved').waitFor();
    await dialog.getByRole('button', { name: 'Close', exact: true }).last().click();

    const files = await readdir(join(folder(), 'changesets'));
    const file = files.find((name) => name.startsWith('calling-number-per-environment'));
    assert.ok(file, files.join(', '));
    const saved = JSON.parse(await readFile(join(folder(), 'changesets', file), 'utf8')) as {
      id: string;
      operations: unknown[];
    };
    assert.deepEqual(saved.operations, [
      {
        op: 'update',
        type: 'routing.queue',
        key: queue,
        changes: [{ path: 'callingPartyNumber', before: uatNumber, after: { $param: PARAMETER } }],
      },
    ]);
    changesetId = saved.id;
  });

  it('plans it to uat and to prod: each plan shows the parameter with that environment’s value', async () => {
    await openSection(page, 'Promotions');
    const uat = await planTo('uat', changesetId);
    assert.ok(
      uat.some((line) => line.includes(`parameter ${PARAMETER} = ${uatNumber} for uat`)),
      uat.join('\n'),
    );
    const prod = await planTo('prod', changesetId);
    assert.ok(
      prod.some((line) => line.includes(`parameter ${PARAMETER} = ${PROD_NUMBER} for prod`)),
      prod.join('\n'),
    );
    await screenshot(page, 'parameter-plan-prod');
  });

  it('flags a data table column as differing per environment for the team, and unflags it', async () => {
    const { table } = SEEDED_DRIFT.prodOnly.datatableRow;
    await openSection(page, 'Compare');
    await page.getByTestId('diff-filter').fill(table);
    await page.getByTestId('diff-list').getByTestId('diff-object').filter({ hasText: table }).click();
    const panel = page.getByTestId('diff-object-panel');
    await panel.getByTestId('diff-object-title').filter({ hasText: table }).waitFor();
    assert.equal(await panel.getByTestId('environment-changes').count(), 0);
    // The row's old version out, its new one in: flagging either flags the column they differ in.
    const rowChanges = panel.getByTestId('field-change');
    assert.equal(await rowChanges.count(), 2);
    await rowChanges.last().getByTestId('flag-environment-field').click();
    // Compared again: the row's old and new versions differ only in that column now.
    await panel.getByTestId('environment-changes').getByTestId('field-change').nth(1).waitFor();
    const file = JSON.parse(
      await readFile(join(folder(), 'compare', 'environment-fields.json'), 'utf8'),
    ) as unknown;
    assert.deepEqual(file, { fields: [{ type: 'flows.datatable', path: 'rows[].Phone Number' }] });

    const listed = page.getByTestId('environment-fields');
    await listed.getByRole('button', { name: /Differs per environment/ }).click();
    assert.deepEqual(await accessibilityViolations(page, '[data-testid="environment-fields"]'), []);
    // Declared by the object type: listed, and not removable.
    const declared = listed.getByTestId('environment-field').filter({ hasText: 'callingPartyNumber' });
    assert.equal(await declared.getByTestId('remove-environment-field').count(), 0);
    await listed
      .getByTestId('environment-field')
      .filter({ hasText: 'Phone Number' })
      .getByTestId('remove-environment-field')
      .click();
    await listed
      .getByTestId('environment-field')
      .filter({ hasText: 'Phone Number' })
      .waitFor({ state: 'detached' });
    await panel.getByTestId('environment-changes').waitFor({ state: 'detached' });
  });
});
