import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright';
import type { WebHost } from '../../electron/host/web/web-host';
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
 * Issue 15 in the Promotions page: a plan to uat shows, under its step, where each value that is
 * uat's own came from: a parameter with its value, a mapped division, and a secret by name only,
 * whose value is nowhere in the page.
 */
const VAULT = { FERRY_VAULT_PASSPHRASE: 'plan values journey passphrase' };
const TOKEN = 'crm-tok-55aa-never-in-the-page';

let journey: Journey;
let host: WebHost;
let page: Page;
let changesetId = '';
const pageErrors: string[] = [];

before(async () => {
  journey = await startJourney('ferry-e2e-plan-values-', {
    viewport: { width: 1440, height: 1000 },
    env: VAULT,
  });
  ({ host, page } = journey);
  page.on('pageerror', (error) => pageErrors.push(error.message));
});
after(() => journey?.close());

describe('plan values in Chromium (issue 15)', () => {
  it('sets up uat with a calling number, a secret and a division mapping, and a changeset using them', async () => {
    await createWorkspaceInUi(page, host, join(journey.root, 'contact-centre'), 'Contact centre');
    await addSnapshottedSandboxOrgs(host, ['uat']);
    const { parameters, changesets } = host.services;
    await parameters.set({
      environment: 'uat',
      name: 'billingCallingNumber',
      value: '+441130000001',
      type: 'phone',
    });
    await parameters.set({ environment: 'uat', name: 'crmToken', value: TOKEN, type: 'secret' });
    await parameters.map('uat', 'authorization.division', 'Support Org', 'Customer Service');
    const created = await changesets.create({
      title: 'Billing line',
      operations: [
        {
          op: 'create',
          type: 'routing.queue',
          key: 'Billing Line',
          body: {
            name: 'Billing Line',
            callingPartyNumber: { $param: 'billingCallingNumber' },
            description: { $param: 'crmToken' },
            division: { $ref: 'authorization.division', name: 'Support Org' },
          },
        },
      ],
    });
    changesetId = created.changeset.id;
  });

  it('shows each value’s source under its step, the secret by name, and no secret value', async () => {
    await openSection(page, 'Promotions');
    await page.getByTestId('promotion-changeset').selectOption(changesetId);
    await page.getByTestId('promotion-environment').selectOption('uat');
    await page.getByTestId('plan-promotion').click();
    await page.getByTestId('plan-view').waitFor();
    const values = page.getByTestId('plan-step-value');
    await values.first().waitFor();
    assert.deepEqual(
      (await values.allTextContents()).map((line) => line.replace(/\s+/g, ' ').trim()),
      [
        // Names are mapped before parameters are put in, so the mapping comes first.
        'division: division "Support Org" is "Customer Service" in uat (mapping)',
        'callingPartyNumber: parameter billingCallingNumber = +441130000001 for uat',
        'description: secret parameter crmToken of uat (value not shown)',
      ],
    );
    assert.equal(await values.nth(2).getAttribute('data-secret'), 'true');
    assert.match(await text(page.getByTestId('plan-step-values')), /^Values for uat/);

    // The field changes read the secret as its name, never as the marker's JSON.
    await page.getByTestId('plan-step').first().getByTestId('plan-step-toggle').click();
    const fields = page.getByTestId('field-change');
    await fields.first().waitFor();
    const rows = (await fields.allTextContents()).map((row) => row.replace(/\s+/g, ' '));
    assert.ok(
      rows.some((row) => /^description\s*—\s*\(secret crmToken\)$/.test(row.trim())),
      rows.join(' | '),
    );
    const whole = (await page.content()) + (await text(page.locator('body')));
    assert.ok(!whole.includes(TOKEN), 'the secret value reached the page');
    assert.ok(!whole.includes('$secret'), 'a secret marker is shown as JSON');

    assert.deepEqual(await accessibilityViolations(page, '[data-testid="plan-view"]'), []);
    await screenshot(page, '52-plan-values');
    assert.deepEqual(pageErrors, []);
  });
});
