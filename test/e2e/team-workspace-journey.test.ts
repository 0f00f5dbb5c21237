import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright';
import { createFerryServices, type FerryServices } from '../../electron/host/core/ferry-services';
import type { WebHost } from '../../electron/host/web/web-host';
import { createKeyAsFirstAdmin } from '../../electron/services/identity/first-admin';
import { SEEDED_DRIFT } from '../../electron/sandbox';
import { startGitHttpServer, type GitHttpServer } from '../support/git-http-server';
import { nativeGit } from '../support/native-git';
import { accessibilityViolations } from './support/axe';
import { screenshot } from './support/chromium';
import { openSection, startJourney, text, type Journey } from './support/journey';

/**
 * Issue 16's story in the app: Ada authors a changeset on her machine (headless) and pushes the
 * workspace to the team's git remote; Rita, in the app, opens it as a team workspace from the
 * welcome screen, approves the changeset and pushes; Ada pulls and sees Rita's approval.
 */
const VAULT = { FERRY_VAULT_PASSPHRASE: 'team workspace journey passphrase' };
/** The team's account on its git host (the test server knows one). */
const GIT_USER = 'contact-centre-team';
/** Distinctive, so finding it in any file of the clone is certain. */
const GIT_TOKEN = 'team-Token-4c2e91-DO-NOT-LEAK';
const { skill } = SEEDED_DRIFT.devOnly;

let journey: Journey;
let host: WebHost;
let page: Page;
let root: string;
let server: GitHttpServer;
/** Ada's machine: her own data folder, key and copy of the workspace. */
let ada: FerryServices;
let changesetId = '';
const pageErrors: string[] = [];

const adaFolder = () => join(root, 'ada-workspace');
const ritaFolder = () => join(root, 'rita-workspace');

/** Every file under `dir`, .git included, as text. */
async function filesUnder(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    out.set(path, (await readFile(path)).toString('latin1'));
  }
  return out;
}

before(async () => {
  journey = await startJourney('ferry-e2e-team-', { viewport: { width: 1440, height: 1000 }, env: VAULT });
  ({ root, host, page } = journey);
  page.on('pageerror', (error) => pageErrors.push(error.message));
  server = await startGitHttpServer({ user: GIT_USER, password: GIT_TOKEN });
  ada = createFerryServices({
    dataDir: join(root, 'ada-data'),
    version: 'test',
    env: VAULT,
    author: { name: 'Ada', email: 'ada@example.test' },
    embeddedSandboxUrl: () => host.sandbox?.url ?? null,
  });
});
after(async () => {
  await journey?.close();
  await server?.close();
});

describe('team workspace journey in Chromium', () => {
  it('Ada prepares the workspace on her machine, trusts Rita as approver and pushes it', async () => {
    await ada.workspace.create(adaFolder(), 'Contact centre');
    await createKeyAsFirstAdmin({ ...ada.identity, workspace: ada.workspace }, { owner: 'Ada' });
    // Rita made her key on her machine earlier and sent Ada the public half.
    const rita = await host.services.identity.keys.init({ owner: 'Rita' });
    await ada.identity.trust.add(rita.publicKey, { owner: 'Rita', roles: ['approver'] });
    for (const [org, tier] of [
      ['dev', 'dev'],
      ['uat', 'test'],
    ] as const) {
      await ada.environments.save({ name: org, kind: 'sandbox', url: 'embedded', org, tier }, undefined);
      await ada.snapshots.run(org);
    }
    const created = await ada.authoring.addPicks({
      a: 'uat',
      b: 'dev',
      title: 'Video skill',
      picks: [{ type: 'routing.skill', key: skill }],
    });
    changesetId = created.changeset.id;
    assert.equal(nativeGit(adaFolder(), 'status', '--porcelain'), '', 'everything is committed');

    await ada.remotes.add('origin', server.url);
    await ada.remotes.login('origin', { username: GIT_USER, password: GIT_TOKEN });
    assert.equal((await ada.sync.push()).outcome, 'pushed');
  });

  it('Rita opens it as a team workspace from the welcome screen, with her user name and token', async () => {
    await page.goto(host.bridge.url);
    await page.getByTestId('welcome').waitFor();
    assert.deepEqual(await accessibilityViolations(page, '[data-testid="welcome"]'), []);
    await screenshot(page, '79-team-welcome');
    await page.getByRole('button', { name: 'Open a team workspace…' }).click();
    const dialog = page.getByTestId('clone-dialog');
    await dialog.waitFor();
    assert.deepEqual(await accessibilityViolations(page, '[data-testid="clone-dialog"]'), []);
    await dialog.getByLabel('Address of the team workspace').fill(server.url);
    await dialog.getByLabel('Folder for it on this machine (empty or new)').fill(ritaFolder());
    await dialog.getByLabel('User name').fill(GIT_USER);
    // A mistyped token first: refused in words for this dialog, and no folder is left behind.
    await dialog.getByLabel('Token or password').fill('not-the-token');
    await dialog.getByRole('button', { name: 'Clone and open' }).click();
    const refused = dialog.getByTestId('clone-error');
    await refused.waitFor({ timeout: 30_000 });
    assert.match(await text(refused), /refused the user name and token.*fill them in below/);
    assert.equal(existsSync(ritaFolder()), false);
    await dialog.getByLabel('Token or password').fill(GIT_TOKEN);
    await screenshot(page, '80-team-clone-dialog');
    await dialog.getByRole('button', { name: 'Clone and open' }).click();
    await page.getByTestId('shell').or(dialog.getByTestId('clone-error')).waitFor({ timeout: 30_000 });
    if ((await dialog.getByTestId('clone-error').count()) > 0) assert.fail(await text(dialog));
    assert.equal(await text(page.getByTestId('workspace-name').locator('strong')), 'Contact centre');
    assert.equal(
      nativeGit(ritaFolder(), 'rev-parse', 'HEAD').trim(),
      nativeGit(adaFolder(), 'rev-parse', 'HEAD').trim(),
    );
    // The sidebar shows the workspace is shared and even with its remote.
    const indicator = page.getByTestId('sync-indicator');
    await indicator.waitFor();
    assert.equal(await indicator.getAttribute('data-ahead'), '0');
    assert.equal(await indicator.getAttribute('data-behind'), '0');
    // The indicator leads to the Sync page.
    await indicator.click();
    await page.getByTestId('sync-page').waitFor();
    await page.getByTestId('sync-status-text').filter({ hasText: 'Up to date with origin' }).waitFor();
    // The token went to Rita's vault, never into her copy of the workspace or its .git folder.
    for (const [path, content] of await filesUnder(ritaFolder())) {
      assert.ok(!content.includes(GIT_TOKEN), `the token is in ${path}`);
    }
  });

  it('Rita approves the changeset in the app', async () => {
    await openSection(page, 'Promotions');
    await page.getByTestId('identity-owner').filter({ hasText: 'Rita' }).waitFor();
    await page.getByTestId('promotion-changeset').selectOption(changesetId);
    await page.getByTestId('promotion-environment').selectOption('uat');
    await page.getByTestId('plan-promotion').click();
    await page.getByTestId('plan-view').waitFor({ timeout: 30_000 });
    await page.getByTestId('approval-comment').fill('checked the video queue');
    await page.getByTestId('approve-changeset').click();
    const approval = page.getByTestId('approval').filter({ hasText: 'Rita' });
    await approval.waitFor();
    assert.equal(await approval.getAttribute('data-status'), 'valid');
  });

  it('the Sync page says a teammate is waiting for the approval, and pushes it', async () => {
    await openSection(page, 'Sync');
    await page.getByTestId('sync-page').waitFor();
    const indicator = page.getByTestId('sync-indicator');
    await page.locator('[data-testid="sync-indicator"]:not([data-ahead="0"])').waitFor();
    assert.match(await text(indicator), /↑1/);
    assert.match(await text(page.getByTestId('sync-remote')), new RegExp(`origin.*${server.url}.*Logged in`));
    await page.getByTestId('sync-status-text').waitFor();
    assert.match(await text(page.getByTestId('sync-status-text')), /to push/);
    const waiting = page.getByTestId('sync-waiting');
    await waiting.waitFor();
    assert.match(await text(waiting), /Teammates are waiting.*Video skill approved by Rita/);
    assert.deepEqual(await accessibilityViolations(page, '[data-testid="sync-page"]'), []);
    await screenshot(page, '81-team-sync-page');

    // Logged out, the push is refused and the login opens by itself; with the token it goes through.
    await page.getByTestId('sync-logout').click();
    await page.getByTestId('sync-remote-credentials').filter({ hasText: 'Not logged in' }).waitFor();
    await page.getByTestId('sync-push').click();
    const login = page.getByTestId('sync-login-dialog');
    await login.waitFor({ timeout: 30_000 });
    assert.match(await text(page.getByRole('alert').filter({ hasText: 'refused' })), /log in to it/);
    assert.deepEqual(await accessibilityViolations(page, '[data-testid="sync-login-dialog"]'), []);
    await login.getByLabel('User name (optional)').fill(GIT_USER);
    await login.getByLabel('Token or password').fill(GIT_TOKEN);
    await login.getByRole('button', { name: 'Store in the vault' }).click();
    await login.waitFor({ state: 'detached' });
    await page.getByTestId('sync-remote-credentials').filter({ hasText: 'Logged in' }).waitFor();
    await page.getByTestId('sync-push').click();
    await page
      .getByTestId('sync-notice')
      .filter({ hasText: 'Pushed to origin' })
      .waitFor({ timeout: 30_000 });
    await page.locator('[data-testid="sync-indicator"][data-ahead="0"][data-behind="0"]').waitFor();
    assert.equal(await page.getByTestId('sync-waiting').count(), 0);
    await page.getByTestId('sync-history-entry').first().waitFor();
    assert.match(await text(page.getByTestId('sync-history-entry').first()), /push/);
    assert.equal(
      nativeGit(server.bareDir, 'rev-parse', 'main').trim(),
      nativeGit(ritaFolder(), 'rev-parse', 'HEAD').trim(),
    );
    await screenshot(page, '82-team-pushed');
  });

  it('Ada pulls on her machine and sees Rita’s approval', async () => {
    const pulled = await ada.sync.pull();
    assert.equal(pulled.outcome, 'fast-forward');
    assert.deepEqual(
      pulled.summary.approvals.map((approval) => [approval.changesetId, approval.approver]),
      [[changesetId, 'Rita']],
    );
    assert.ok(
      pulled.summary.sentences.some((sentence) => /Rita approved Video skill/.test(sentence)),
      pulled.summary.sentences.join(' | '),
    );
    assert.deepEqual(pulled.summary.flagged, []);
    const approvals = await ada.identity.approvals.list(changesetId);
    const rita = approvals.find((approval) => approval.owner === 'Rita');
    assert.equal(rita?.status, 'valid', 'Ada has Rita’s approval, and it verifies on her machine');
    assert.deepEqual(pageErrors, []);
  });

  it('a pull Rita cancels leaves her workspace as it was', async () => {
    // Both edit the changeset: Ada on her machine (pushed), Rita on hers (not yet).
    const theirs = (await ada.changesets.get(changesetId)).changeset;
    await ada.changesets.save({ ...theirs, description: 'Ada: video for every queue' });
    assert.equal((await ada.sync.push()).outcome, 'pushed');
    const mine = (await host.services.changesets.get(changesetId)).changeset;
    await host.services.changesets.save({ ...mine, description: 'Rita: video for the VIP queue only' });
    const head = nativeGit(ritaFolder(), 'rev-parse', 'HEAD').trim();

    server.setDelay(5_000);
    try {
      await page.getByTestId('sync-pull').click();
      const transfer = page.getByTestId('sync-transfer');
      await transfer.waitFor();
      await transfer.getByRole('button', { name: 'Cancel' }).click();
      await page
        .getByRole('alert')
        .filter({ hasText: /cancelled/ })
        .waitFor({ timeout: 15_000 });
    } finally {
      server.setDelay(0);
    }
    assert.equal(await page.getByTestId('sync-transfer').count(), 0);
    assert.equal(nativeGit(ritaFolder(), 'rev-parse', 'HEAD').trim(), head);
    assert.equal(nativeGit(ritaFolder(), 'status', '--porcelain'), '');
  });

  it('pulling the changeset both edited opens the conflict dialog; both keeps theirs and a copy of hers', async () => {
    await page.getByTestId('sync-pull').click();
    const dialog = page.getByTestId('conflict-dialog');
    await dialog.waitFor({ timeout: 30_000 });
    const item = dialog.getByTestId('conflict-item');
    await item.first().waitFor();
    assert.equal(await item.count(), 1);
    assert.match(await text(page.getByRole('alert').first()), /you and a teammate changed the same files/);
    assert.match(await text(item), /Video skill.*not chosen yet/);
    const detail = dialog.getByTestId('conflict-detail');
    // Rita approved the version both started from: neither edited version carries an approval.
    assert.match(await text(detail.getByTestId('conflict-mine')), /Yours \(this workspace\)/);
    assert.match(await text(detail.getByTestId('conflict-theirs')), /Theirs \(the remote\)/);
    assert.ok(await dialog.getByTestId('conflict-resolve').isDisabled(), 'nothing chosen yet');
    await detail.getByLabel(/Keep both/).check();
    assert.match(await text(detail), /Both keeps theirs and saves yours as a copy with a new id/);
    // Monaco's diff, not the plain fallback shown while it loads.
    await detail.locator('.monaco-diff-editor').waitFor();
    assert.deepEqual(await accessibilityViolations(page, '[data-testid="conflict-dialog"]'), []);
    await screenshot(page, '83-team-conflict-dialog');
    await dialog.getByTestId('conflict-resolve').click();
    await dialog.waitFor({ state: 'detached', timeout: 30_000 });
    // (Monaco leaves empty live regions of its own behind; the banner is the one with words.)
    assert.equal(
      await page.getByRole('alert').filter({ hasText: 'changed the same files' }).count(),
      0,
      'the conflict banner went with the conflict',
    );

    const resolved = page.getByTestId('sync-resolved-item');
    await resolved.waitFor();
    assert.equal(await resolved.getAttribute('data-choice'), 'both');
    assert.match(await text(resolved), /Video skill: took the remote’s version and saved yours as/);
    assert.equal(
      (await host.services.changesets.get(changesetId)).changeset.description,
      'Ada: video for every queue',
    );
    const copies = (await host.services.changesets.list()).filter((summary) => summary.id !== changesetId);
    assert.equal(copies.length, 1);
    assert.equal(
      (await host.services.changesets.get(copies[0]?.id ?? '')).changeset.description,
      'Rita: video for the VIP queue only',
    );
    assert.equal(nativeGit(ritaFolder(), 'status', '--porcelain'), '');
    await page.locator('[data-testid="sync-indicator"][data-behind="0"]:not([data-ahead="0"])').waitFor();
    // The page as it is now (what the resolve kept, failed and done transfers) reads in both themes.
    assert.deepEqual(await accessibilityViolations(page, '[data-testid="sync-page"]'), []);
    await page.getByTestId('shell').getByTestId('theme-choice').selectOption('dark');
    assert.deepEqual(await accessibilityViolations(page, '[data-testid="sync-page"]'), []);
    assert.deepEqual(await accessibilityViolations(page, '.sidebar'), []);
    await screenshot(page, '84-team-resolved-dark');
    assert.deepEqual(pageErrors, []);
  });
});
