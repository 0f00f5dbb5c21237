import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Locator, Page } from 'playwright';
import { startWebHost, type WebHost } from '../../electron/host/web/web-host';
import { DEMO_CLIENTS } from '../../electron/sandbox';
import { apiFor, findByName, listAll, login, type Named } from '../integration/sandbox/sandbox-test-client';
import { nativeGit } from '../support/native-git';
import { tempDir } from '../support/temp-dir';
import { accessibilityViolations } from './support/axe';
import { launchChromium, RENDERER_DIR, screenshot } from './support/chromium';
import { text } from './support/journey';

let browser: Browser;
let root: string;
let host: WebHost;
let page: Page;

const folder = () => join(root, 'operations');
const EDITED_CODE = 'Account Updated';
const IGNORED_CODE = 'Billing Query Answered';
const HOTFIX_SKILL = 'Hotfix Skill';
const QUEUE = 'Complaints - Voice';

function row(name: string): Locator {
  return page.getByTestId('diff-list').getByTestId('diff-object').filter({ hasText: name });
}

/** Edits prod the way an admin would by hand: straight through the org's API, not through Ferry. */
async function editProdByHand(): Promise<void> {
  const base = host.sandbox?.url;
  assert.ok(base, 'the embedded sandbox runs');
  const api = apiFor(base, await login(base, DEMO_CLIENTS.prod));
  const codesPath = '/api/v2/routing/wrapupcodes';
  for (const [name, description] of [
    [EDITED_CODE, 'edited by hand in prod'],
    [IGNORED_CODE, 'wording agreed with the billing team'],
  ] as const) {
    const code = await findByName(api, codesPath, name);
    assert.equal((await api('PUT', `${codesPath}/${code.id}`, { name, description })).status, 200);
  }
  assert.equal((await api('POST', '/api/v2/routing/skills', { name: HOTFIX_SKILL })).status, 200);
  const queue = await findByName(api, '/api/v2/routing/queues', QUEUE);
  const ignored = await findByName(api, codesPath, IGNORED_CODE);
  const present = await listAll<Named>(api, `/api/v2/routing/queues/${queue.id}/wrapupcodes?pageSize=100`);
  assert.ok(!present.some((code) => code.id === ignored.id), `${QUEUE} starts without ${IGNORED_CODE}`);
  const added = await api('POST', `/api/v2/routing/queues/${queue.id}/wrapupcodes`, [{ id: ignored.id }]);
  assert.equal(added.status, 200);
}

before(async () => {
  root = await tempDir('ferry-e2e-drift-');
  browser = await launchChromium();
  host = await startWebHost({
    dataDir: join(root, 'user-data'),
    rendererDir: RENDERER_DIR,
    embeddedSandbox: { persist: false },
  });
  await host.services.workspace.create(folder(), 'Operations');
  await host.services.environments.save(
    { name: 'prod', label: 'Production', kind: 'sandbox', url: 'embedded', org: 'prod', tier: 'prod' },
    undefined,
  );
  await host.services.snapshots.run('prod');
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
});
after(async () => {
  await browser?.close();
  await host?.close();
});

describe('drift journey in Chromium through the browser bridge', () => {
  it('finds nothing before prod is touched, reached from the environment row', async () => {
    await page.goto(host.bridge.url);
    await page.getByTestId('environment-prod').getByTestId('check-drift').click();
    assert.equal(await page.getByTestId('tab-drift').getAttribute('aria-selected'), 'true');
    assert.equal(await page.locator('select[name="drift-environment"]').inputValue(), 'prod');
    await page.getByTestId('run-drift').click();
    await page.getByTestId('diff-list-empty').waitFor();
    assert.equal(await text(page.getByTestId('diff-total')), 'No differences');
  });

  it('sees hand edits made in prod since its snapshot', async () => {
    await editProdByHand();
    await page.getByTestId('run-drift').click();
    await row(HOTFIX_SKILL).waitFor();
    assert.equal(await text(page.getByTestId('diff-total')), '4 differences');
    assert.equal(await text(row(HOTFIX_SKILL).getByTestId('diff-status')), 'Added');
    assert.equal(await text(row(EDITED_CODE).getByTestId('diff-status')), 'Changed');
    assert.equal(await text(row(QUEUE).getByTestId('diff-status')), 'Changed');
    assert.equal(await text(page.getByTestId('drift-counts')), '4 drifted: 4 to triage');
    // Who and when, as the org's API reported them on the live read (the hand edit was by prod's client).
    assert.match(await text(row(EDITED_CODE).getByTestId('drift-row-when')), /^\d{1,2} \w{3} \d{4}$/);
    await row(EDITED_CODE).click();
    assert.match(
      await text(page.getByTestId('diff-object-panel').getByTestId('drift-provenance')),
      new RegExp(
        `^Changed in prod by ${DEMO_CLIENTS.prod.clientId} on \\d{1,2} \\w{3} \\d{4}, \\d{2}:\\d{2} UTC\\.$`,
      ),
    );

    await row(QUEUE).click();
    const panel = page.getByTestId('diff-object-panel');
    const change = panel.getByTestId('field-change').filter({ hasText: 'wrapupCodes' });
    assert.equal(await text(change), `wrapupCodes + "${IGNORED_CODE}"`);
    await panel
      .getByTestId('diff-editor')
      .locator('.editor.modified .view-lines')
      .waitFor({ timeout: 15_000 });
    await screenshot(page, '22-drift');

    // A reference is a link to the object it names, when that object drifted too.
    await change.getByTestId('reference-link').click();
    assert.equal(await text(panel.getByTestId('diff-object-title')), IGNORED_CODE);
  });

  it('ignores one with a reason, accepts one and drafts a revert for another', async () => {
    const panel = page.getByTestId('diff-object-panel');
    await panel.getByTestId('drift-ignore').click();
    const dialog = page.getByTestId('ignore-drift-dialog');
    await dialog.locator('textarea[name="reason"]').fill('Billing owns this wording');
    await dialog.getByRole('button', { name: 'Ignore drift' }).click();
    await dialog.waitFor({ state: 'detached' });
    assert.equal(await text(panel.getByTestId('triage-outcome')), 'Ignored: Billing owns this wording');
    const ignored = page.getByTestId('ignored-objects').getByTestId('ignored-object');
    assert.match(await text(ignored), new RegExp(`${IGNORED_CODE}.*Billing owns this wording`));

    await row(HOTFIX_SKILL).click();
    await panel.getByTestId('drift-accept').click();
    await panel.getByTestId('triage-outcome').waitFor();
    assert.match(
      await text(panel.getByTestId('triage-outcome')),
      /Accepted into the baseline · commit [0-9a-f]{7}/,
    );
    assert.match(nativeGit(folder(), 'log', '-1', '--format=%s'), /drift prod: accept skill "Hotfix Skill"/);

    await row(EDITED_CODE).click();
    await panel.getByTestId('drift-revert').click();
    const changeset = panel.getByTestId('changeset-id');
    await changeset.waitFor();
    const id = await text(changeset);
    assert.match(id, /^revert-prod-account-updated-[0-9a-f]{6}$/);
    assert.match(nativeGit(folder(), 'log', '-1', '--format=%s'), new RegExp(`changeset ${id} reverts`));
    assert.equal(await text(row(EDITED_CODE).getByTestId('triage-tag')), 'revert drafted');
    assert.equal(await text(row(HOTFIX_SKILL).getByTestId('triage-tag')), 'accepted');
    // The counts follow each action.
    assert.equal(
      await text(page.getByTestId('drift-counts')),
      '4 drifted: 1 accepted, 1 revert drafted, 1 ignored, 1 to triage',
    );
    assert.deepEqual(await page.getByTestId('drafted-revert-link').allTextContents(), [id]);
    await screenshot(page, '23-drift-triaged');
  });

  it('leaves only the untriaged differences on the next check', async () => {
    await page.getByTestId('run-drift').click();
    await row(HOTFIX_SKILL).waitFor({ state: 'detached' });
    await row(IGNORED_CODE).waitFor({ state: 'detached' });
    assert.equal(await text(page.getByTestId('diff-total')), '2 differences');
    assert.ok(await row(EDITED_CODE).isVisible(), 'a drafted revert changes nothing in prod yet');
    assert.deepEqual(await page.locator('.error-banner').allTextContents(), []);
  });

  it('shows the drift of an object again after "Stop ignoring"', async () => {
    await page.getByTestId('ignored-objects').getByTestId('unignore').first().click();
    await row(IGNORED_CODE).waitFor();
    assert.equal(await text(page.getByTestId('diff-total')), '3 differences');
    assert.equal(await text(page.getByTestId('drift-counts')), '3 drifted: 1 revert drafted, 2 to triage');
  });

  it('triages several at once: tick them, draft their reverts, open one from its link', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      assert.deepEqual(await accessibilityViolations(page), [], `the drift page in ${scheme} mode`);
    }
    await page.emulateMedia({ colorScheme: 'light' });
    await page.getByTestId('tick-untriaged').click();
    assert.equal(await text(page.getByTestId('drift-ticked')), '2 ticked');
    // An object already triaged cannot be ticked again.
    assert.ok(await row(EDITED_CODE).locator('..').getByTestId('pick-object').isDisabled());
    await page.getByTestId('bulk-revert').click();
    await page.getByTestId('drift-counts').filter({ hasText: 'all triaged' }).waitFor();
    assert.equal(await text(page.getByTestId('drift-counts')), '3 drifted: 3 reverts drafted, all triaged');
    assert.equal(await text(row(QUEUE).getByTestId('triage-tag')), 'revert drafted');
    assert.equal(await text(row(IGNORED_CODE).getByTestId('triage-tag')), 'revert drafted');
    const links = page.getByTestId('drafted-revert-link');
    assert.equal(await links.count(), 3);
    const drafted = (await links.allTextContents()).map((item) => item.trim());
    for (const id of drafted) {
      assert.match(nativeGit(folder(), 'log', '--format=%s'), new RegExp(`changeset ${id} reverts`));
    }
    await screenshot(page, '24-drift-bulk');
    await links.last().click();
    await page.locator(`[data-testid="changeset-editor"][data-changeset="${drafted[2] ?? ''}"]`).waitFor();
    assert.deepEqual(await page.locator('.error-banner').allTextContents(), []);
  });
});
