import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright';
import type { WebHost } from '../../electron/host/web/web-host';
import { createKeyAsFirstAdmin } from '../../electron/services/identity/first-admin';
import { RemoteLease, type HeldRemoteLease } from '../../electron/services/locks/remote-lease';
import { SEEDED_DRIFT } from '../../electron/sandbox';
import { startGitHttpServer, type GitHttpServer } from '../support/git-http-server';
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
 * Issue 16, point 5, in the app: the team workspace's remote holds uat's lease for another
 * machine. While that lease lives the page says who holds it and until when, and offers nothing
 * to break; once it has expired, "Break the lease…" asks why and promotes with the break audited.
 * A lease its holder took again meanwhile is not broken, and the page says so.
 */
const VAULT = { FERRY_VAULT_PASSPHRASE: 'lease break journey passphrase' };
const GIT_USER = 'release-team';
const GIT_TOKEN = 'lease-Token-91d3aa-DO-NOT-LEAK';
const { skill } = SEEDED_DRIFT.devOnly;
const REASON = 'Cy says the laptop died mid-run; nobody is promoting uat';

let journey: Journey;
let host: WebHost;
let page: Page;
let root: string;
let server: GitHttpServer;
let changesetId = '';
const pageErrors: string[] = [];

/** The lease as another machine (or one that died hours ago) takes it on the shared remote. */
function otherMachine(clock?: () => Date): RemoteLease {
  return new RemoteLease({
    url: server.url,
    credentials: () => Promise.resolve({ username: GIT_USER, password: GIT_TOKEN }),
    ...(clock ? { clock } : {}),
  });
}

/** Cy's run on a laptop that died two hours ago: its lease expired without being released. */
function plantExpiredLease(runId: string): Promise<HeldRemoteLease> {
  const twoHoursAgo = () => new Date(Date.now() - 2 * 60 * 60_000);
  return otherMachine(twoHoursAgo).acquire('uat', {
    holder: 'Cy (laptop)',
    runId,
    purpose: 'promote something',
    ttlMs: 60_000,
  });
}

/** Plans the changeset to uat and says yes to the promotion: the run panel then shows what came of it. */
async function promoteFromPage(): Promise<void> {
  if ((await page.getByTestId('close-run-panel').count()) > 0)
    await page.getByTestId('close-run-panel').click();
  await page.getByTestId('promotion-changeset').selectOption(changesetId);
  await page.getByTestId('promotion-environment').selectOption('uat');
  await page.getByTestId('plan-promotion').click();
  await page.getByTestId('plan-view').waitFor();
  const promote = page.getByTestId('promote');
  await promote.and(page.locator(':enabled')).waitFor({ timeout: 30_000 });
  await promote.click();
  const confirm = page.getByTestId('confirm-write-dialog');
  await confirm.waitFor();
  await confirm.getByTestId('confirm-write').click();
}

/** The lease notice once the promotion was refused. */
async function leaseNotice(kind: 'held' | 'expired' | 'renewed') {
  const notice = page.getByTestId('run-panel').locator(`[data-testid="lease-notice"][data-kind="${kind}"]`);
  await notice.waitFor({ timeout: 60_000 });
  return notice;
}

before(async () => {
  journey = await startJourney('ferry-e2e-lease-', { viewport: { width: 1440, height: 1000 }, env: VAULT });
  ({ root, host, page } = journey);
  page.on('pageerror', (error) => pageErrors.push(error.message));
  server = await startGitHttpServer({ user: GIT_USER, password: GIT_TOKEN });
});
after(async () => {
  await journey?.close();
  await server?.close();
});

describe('breaking an expired environment lease in Chromium', () => {
  it('sets up a team workspace: uat, a changeset for it, this machine’s key, the remote', async () => {
    await createWorkspaceInUi(page, host, join(root, 'contact-centre'), 'Contact centre');
    await addSnapshottedSandboxOrgs(host, ['dev', 'uat']);
    const { identity, workspace } = host.services;
    await createKeyAsFirstAdmin({ ...identity, workspace }, { owner: 'Ada' });
    // No approval needed for uat here: this journey is about the lease, not the gates.
    await identity.trust.setPolicy('uat', { policy: { approvalsRequired: 0 } });
    const created = await host.services.authoring.addPicks({
      a: 'uat',
      b: 'dev',
      title: 'Video skill',
      picks: [{ type: 'routing.skill', key: skill }],
    });
    changesetId = created.changeset.id;
    await host.services.remotes.add('origin', server.url);
    await host.services.remotes.login('origin', { username: GIT_USER, password: GIT_TOKEN });
    assert.equal((await host.services.sync.push()).outcome, 'pushed');
    await openSection(page, 'Promotions');
    await page.getByTestId('promotions-page').waitFor();
  });

  it('a live lease: the page names its holder, run and end, says to wait, and offers no break', async () => {
    const live = await otherMachine().acquire('uat', {
      holder: 'Bea',
      keyId: 'bea-key-5f3a',
      runId: 'run-bea-live-1',
      purpose: 'promote other',
      ttlMs: 10 * 60_000,
    });
    try {
      await promoteFromPage();
      const notice = await leaseNotice('held');
      assert.match(
        await text(notice),
        /^Bea \(key bea-key-5f3a\) is promoting to uat \(run run-bea-live-1\) until \d\d:\d\d \S+\. Wait for them to finish, then try again\.$/,
      );
      assert.equal(await notice.getByTestId('break-lease').count(), 0);
      assert.equal(await page.getByTestId('run-panel').getByRole('alert').count(), 1, 'one message, not two');
    } finally {
      await live.release();
    }
    assert.equal((await host.services.engine.runs()).length, 0, 'nothing ran');
  });

  it('an expired lease offers “Break the lease…”: an accessible dialog that wants a reason', async () => {
    await plantExpiredLease('run-cy-lost-1');
    await promoteFromPage();
    const notice = await leaseNotice('expired');
    assert.match(await text(notice), /^Cy \(laptop\) was promoting to uat \(run run-cy-lost-1\) until /);
    assert.match(await text(notice), /audited/);
    await screenshot(page, '84-lease-expired-notice');
    const open = notice.getByRole('button', { name: 'Break the lease…' });
    await open.click();
    const dialog = page.getByRole('dialog', { name: 'Break the lease on uat?' });
    await dialog.waitFor();
    assert.equal(await dialog.getAttribute('data-testid'), 'break-lease-dialog');
    // Focus starts in the reason, which is labelled and required.
    const reason = dialog.getByLabel('Reason (required)');
    assert.equal(await reason.evaluate((element) => element === document.activeElement), true);
    assert.match(await text(dialog), /audited/);
    assert.deepEqual(await accessibilityViolations(page, '[data-testid="break-lease-dialog"]'), []);
    // Escape leaves the lease alone and gives focus back to the button that opened the dialog.
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    assert.equal(await open.evaluate((element) => element === document.activeElement), true);
    // Without a reason nothing is sent.
    await open.click();
    await dialog.getByRole('button', { name: 'Break the lease and promote' }).click();
    await dialog.getByTestId('break-lease-problem').waitFor();
    assert.equal(await reason.getAttribute('aria-invalid'), 'true');
    assert.deepEqual(await accessibilityViolations(page, '[data-testid="break-lease-dialog"]'), []);
    await screenshot(page, '85-lease-break-dialog');
    assert.equal((await host.services.engine.runs()).length, 0, 'nothing ran');
  });

  it('a lease its holder took again meanwhile is not broken, and the page says so plainly', async () => {
    // Cy came back and took uat again while the dialog was open.
    const renewed = await otherMachine().acquire('uat', {
      holder: 'Cy (laptop)',
      runId: 'run-cy-back-2',
      purpose: 'promote something',
      ttlMs: 10 * 60_000,
      breakExpired: 'my own run, restarted',
    });
    try {
      const dialog = page.getByTestId('break-lease-dialog');
      await dialog.getByLabel('Reason (required)').fill(REASON);
      await dialog.getByRole('button', { name: 'Break the lease and promote' }).click();
      const notice = await leaseNotice('renewed');
      assert.match(
        await text(notice),
        /^The lease was not broken: Cy \(laptop\) holds it again and is promoting to uat \(run run-cy-back-2\) until /,
      );
      assert.equal(await notice.getByTestId('break-lease').count(), 0);
    } finally {
      await renewed.release();
    }
    assert.equal((await host.services.engine.runs()).length, 0, 'nothing ran');
  });

  it('breaks an expired lease with a reason: the promotion runs and the break is on record', async () => {
    await plantExpiredLease('run-cy-lost-3');
    await promoteFromPage();
    const notice = await leaseNotice('expired');
    await notice.getByRole('button', { name: 'Break the lease…' }).click();
    const dialog = page.getByTestId('break-lease-dialog');
    await dialog.getByLabel('Reason (required)').fill(REASON);
    await dialog.getByRole('button', { name: 'Break the lease and promote' }).click();
    await dialog.waitFor({ state: 'detached' });
    const status = page.getByTestId('run-panel').getByTestId('run-status');
    await status.waitFor({ timeout: 60_000 });
    assert.equal(
      await status.getAttribute('data-status'),
      'succeeded',
      await text(page.getByTestId('run-panel')),
    );
    assert.equal(await page.getByTestId('lease-notice').count(), 0);
    await screenshot(page, '86-lease-broken-promoted');

    // The run says whose lease it broke; the audit log has the reason; this run took the lease and gave it back.
    const runs = await host.services.engine.runs();
    assert.equal(runs.length, 1);
    const runId = runs[0]?.id ?? '';
    const result = JSON.parse(
      await readFile(join(root, 'contact-centre', 'runs', runId, 'result.json'), 'utf8'),
    ) as { notes?: string[] };
    assert.ok(
      result.notes?.some(
        (note) => note.includes('held by Cy (laptop) for run run-cy-lost-3') && note.includes(REASON),
      ),
      JSON.stringify(result.notes),
    );
    const keyId = (await host.services.identity.keys.requireIdentity()).keyId;
    const audit = await readFile(join(root, 'contact-centre', 'audit', `${keyId}.jsonl`), 'utf8');
    assert.ok(audit.includes(REASON), 'the reason is in the audit log');
    const lease = await otherMachine().inspect('uat');
    assert.equal(lease?.state, 'released');
    assert.equal(lease?.holder, 'Ada', 'this machine took it by the break, then gave it back');
    assert.equal(lease?.runId, runId);
  });

  it('ran without an uncaught error in the page', () => {
    assert.deepEqual(pageErrors, []);
  });
});
