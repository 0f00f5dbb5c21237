import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright';
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
 * Issue 20: a prod promotion whose post-promotion check failed was rolled back; its run detail on
 * the Promotions page lists each check with how it ended and what was found.
 */

const VAULT = { FERRY_VAULT_PASSPHRASE: 'checks journey passphrase' };

let journey: Journey;
let host: WebHost;
let page: Page;
let runId = '';

before(async () => {
  journey = await startJourney('ferry-e2e-checks-', { viewport: { width: 1440, height: 1000 }, env: VAULT });
  ({ host, page } = journey);
});
after(() => journey?.close());

describe('post-promotion checks in the run detail', () => {
  it('promotes to prod with a check that fails, and the run is rolled back', async () => {
    await createWorkspaceInUi(page, host, join(journey.root, 'contact-centre'), 'Contact centre');
    await addSnapshottedSandboxOrgs(host, ['dev', 'prod']);
    const { publicKey } = await host.services.identity.keys.init({ owner: 'Ada' });
    await host.services.identity.trust.add(publicKey, { owner: 'Ada', roles: ['author', 'approver'] });
    await host.services.identity.trust.setPolicy('prod', {
      policy: {
        approvalsRequired: 0,
        postPromotionChecks: [
          { kind: 'data-table-row', table: 'Store Directory', key: 'LDN01' },
          {
            kind: 'data-table-row',
            label: 'The Leeds kiosk row is there',
            table: 'Store Directory',
            key: 'LDS09',
          },
        ],
      },
    });
    const created = await host.services.authoring.addPicks({
      a: 'prod',
      b: 'dev',
      title: 'Video skill',
      picks: [{ type: 'routing.skill', key: SEEDED_DRIFT.devOnly.skill }],
    });
    const { result } = await host.services.promotions.promote(created.changeset.id, 'prod');
    assert.equal(result.status, 'rolled-back', result.message);
    runId = result.runId;
  });

  it("shows each check's result in the run detail", async () => {
    await openSection(page, 'Promotions');
    const row = page.locator(`[data-testid="run-row"][data-run="${runId}"]`);
    await row.waitFor({ timeout: 30_000 });
    await row.getByTestId('open-run').click();
    const detail = page.getByTestId('run-detail');
    await detail.waitFor();
    assert.equal(await detail.getByTestId('run-status').getAttribute('data-status'), 'rolled-back');
    const checks = detail.getByTestId('run-checks');
    await checks.waitFor();
    assert.match(await text(checks), /1 of 2 failed/);
    const rows = checks.getByTestId('run-check');
    assert.equal(await rows.count(), 2);
    assert.equal(await rows.nth(0).getAttribute('data-passed'), 'true');
    assert.equal(await rows.nth(1).getAttribute('data-passed'), 'false');
    assert.match(await text(rows.nth(1)), /The Leeds kiosk row is there.*failed.*has no row "LDS09"/s);
    assert.match(await text(detail.getByTestId('run-failure')), /post-promotion check failed/);
    assert.deepEqual(await accessibilityViolations(page, '[data-testid="run-detail"]'), []);
    await screenshot(page, '58-post-promotion-checks');
  });
});
