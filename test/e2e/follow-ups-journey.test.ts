import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright';
import { createFerryServices, type FerryServices } from '../../electron/host/core/ferry-services';
import type { WebHost } from '../../electron/host/web/web-host';
import { createKeyAsFirstAdmin } from '../../electron/services/identity/first-admin';
import { wrapupCode } from '../integration/promotion/promotion-test-support';
import { tempDir } from '../support/temp-dir';
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
 * Issue 20 in the app: an emergency override Ada made 30 hours ago is overdue for its
 * retrospective approval, Bob's of two hours ago is pending. The Promotions page shows Ada's as
 * an alert saying what to do, and Bob's with the time left. The overrides are made through the
 * services on a clock set back, as the machines that made them would have signed them.
 */
const VAULT = { FERRY_VAULT_PASSPHRASE: 'follow-ups journey passphrase' };
const HOUR = 60 * 60 * 1000;

let journey: Journey;
let host: WebHost;
let page: Page;
let root: string;
let folder = '';
let adaRun = '';
let bobRun = '';

/** Someone's services on the same workspace, signing at a clock `hoursAgo` behind the real one. */
async function machine(name: string, dataDir: string, clock: { at: Date }): Promise<FerryServices> {
  const services = createFerryServices({
    dataDir,
    version: 'test',
    env: VAULT,
    author: { name, email: `${name.toLowerCase()}@example.test` },
    clock: () => clock.at,
    embeddedSandboxUrl: () => host.sandbox?.url ?? null,
  });
  await services.workspace.open(folder);
  return services;
}

async function overrideToProd(services: FerryServices, name: string, reason: string): Promise<string> {
  const { changeset } = await services.changesets.create({
    title: name,
    idPrefix: name.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
    operations: [{ op: 'create', type: 'routing.wrapupcode', key: name, body: wrapupCode(name) }],
  });
  const { result } = await services.promotions.promote(changeset.id, 'prod', { overrideReason: reason });
  assert.equal(result.status, 'succeeded', result.failure?.message);
  return result.runId;
}

before(async () => {
  journey = await startJourney('ferry-e2e-follow-ups-', {
    viewport: { width: 1280, height: 900 },
    env: VAULT,
  });
  ({ root, host, page } = journey);
});
after(() => journey?.close());

describe('overdue emergency overrides on the Promotions page', () => {
  it('sets up: prod needs one approval; Ada overrode 30 h ago, Bob 2 h ago', async () => {
    folder = join(root, 'contact-centre');
    await createWorkspaceInUi(page, host, folder, 'Contact centre');
    await addSnapshottedSandboxOrgs(host, ['dev', 'prod']);
    const clock = { at: new Date(Date.now() - 30 * HOUR) };
    // Ada's machine is this one (the app's data folder): her key signs as the first admin.
    const ada = await machine('Ada', join(root, 'user-data'), clock);
    await createKeyAsFirstAdmin({ ...ada.identity, workspace: ada.workspace }, { owner: 'Ada' });
    const bob = await machine('Bob', join(await tempDir('ferry-e2e-follow-ups-bob-'), 'data'), clock);
    const bobKey = await bob.identity.keys.init({ owner: 'Bob' });
    await ada.identity.trust.add(bobKey.publicKey, { owner: 'Bob', roles: ['author', 'promoter'] });
    await ada.identity.trust.setPolicy('prod', {
      policy: { approvalsRequired: 1, emergencyOverride: { allowed: true, followUpHours: 24 } },
    });
    adaRun = await overrideToProd(ada, 'Storm closure', 'INC-7 storm: close the lines now');
    clock.at = new Date(Date.now() - 2 * HOUR);
    bobRun = await overrideToProd(bob, 'Power cut', 'INC-9 power cut');
  });

  it('shows the overdue one as an alert saying what to do, and the pending one with its time left', async () => {
    await openSection(page, 'Promotions');
    await page.getByTestId('promotions-page').waitFor();
    const overdue = page.getByTestId('follow-ups-overdue');
    await overdue.waitFor({ timeout: 30_000 });
    assert.equal(await overdue.getAttribute('role'), 'alert');
    const overdueText = await text(overdue);
    assert.match(overdueText, /^1 emergency override is overdue for a retrospective approval/);
    assert.match(overdueText, /storm-closure-[0-9a-f]{6} → prod/);
    assert.match(overdueText, /Was due .* \(6 hours ago\)/);
    assert.match(overdueText, /Overridden by Ada on .*: INC-7 storm: close the lines now/);
    assert.match(
      overdueText,
      /Ask an approver other than Ada \(who overrode it and wrote it\) to run: ferry approve/,
    );
    assert.equal(await overdue.locator(`[data-run-id="${adaRun}"]`).count(), 1);

    const pending = page.getByTestId('follow-ups-pending');
    const pendingText = await text(pending);
    assert.match(pendingText, /^1 emergency override awaits its retrospective approval/);
    assert.match(pendingText, /Due .* \(in 22 hours\)/);
    assert.match(pendingText, /Overridden by Bob/);
    assert.equal(await pending.locator(`[data-run-id="${bobRun}"]`).count(), 1);

    assert.deepEqual(await accessibilityViolations(page, '[data-testid="follow-ups"]'), []);
    await screenshot(page, '90-follow-ups-overdue');
  });
});
