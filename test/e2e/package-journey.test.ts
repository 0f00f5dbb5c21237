import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright';
import type { FerryServices } from '../../electron/host/core/ferry-services';
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
  trustedApprover,
  type Journey,
} from './support/journey';

/** Headless hosts seal the signing keys with this; both machines of the story use the same one. */
const VAULT = { FERRY_VAULT_PASSPHRASE: 'package journey passphrase' };
const TITLE = 'Video skill';
const { skill, language } = SEEDED_DRIFT.devOnly;

let root: string;
let host: WebHost;
/** Rita's machine: her own data folder and key, the same workspace A. */
let rita: FerryServices;
let page: Page;
let changesetId = '';
let adaPem = '';
let ritaPem = '';
let exportedFile = '';
const pageErrors: string[] = [];

const folderA = () => join(root, 'contact-centre');
const folderB = () => join(root, 'other-team');
const folderC = () => join(root, 'third-team');

/** axe-core in light and in dark mode: no serious or critical violation in either. */
async function assertAccessibleInBothThemes(selector: string, name: string): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    assert.deepEqual(await accessibilityViolations(page, selector), [], `${name} in ${scheme} mode`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

let journey: Journey;

before(async () => {
  journey = await startJourney('ferry-e2e-package-', {
    viewport: { width: 1440, height: 1000 },
    env: VAULT,
    acceptDownloads: true,
  });
  ({ root, host, page } = journey);
  page.on('pageerror', (error) => pageErrors.push(error.message));
});
after(() => journey?.close());

/** The verification report once it answers for `target`: an earlier one may still be on screen. */
function report(target: string) {
  return page.locator(`[data-testid="package-report"][data-target="${target}"]`);
}

async function checksOf(scope: ReturnType<Page['locator']>) {
  return scope
    .getByTestId('package-check')
    .evaluateAll((items) =>
      items.map((item) => ({ check: item.dataset.check ?? '', passed: item.dataset.passed === 'true' })),
    );
}

/**
 * The package with its changeset artifact edited after Ada signed it. Only the base64 of
 * `changeset.json` changes, to the same length and still canonical, so every check on the file's
 * shape passes and the digest is what catches it.
 */
function tamper(original: string): string {
  const container = JSON.parse(original) as { artifacts: { name: string; data: string }[] };
  const artifact = container.artifacts.find((item) => item.name === 'changeset.json');
  assert.ok(artifact, 'the package carries changeset.json');
  const changeset = Buffer.from(artifact.data, 'base64').toString('utf8');
  assert.ok(changeset.includes(TITLE));
  const edited = Buffer.from(changeset.replace(TITLE, 'Video skiII'), 'utf8').toString('base64');
  return original.replace(artifact.data, edited);
}

describe('signed change package journey in Chromium', () => {
  it('sets up workspace A: two trusted keys, a governed uat, a changeset Rita approved', async () => {
    await createWorkspaceInUi(page, host, folderA(), 'Contact centre');
    await addSnapshottedSandboxOrgs(host, ['dev', 'uat']);
    const ada = await host.services.identity.keys.init({ owner: 'Ada' });
    adaPem = ada.publicKey;
    // Ada's key makes the trust root (she is its first admin), and she signs uat's policy into it.
    await host.services.identity.trust.add(adaPem, { owner: 'Ada', roles: ['author', 'approver'] });
    await host.services.identity.trust.setPolicy('uat', { policy: { approvalsRequired: 1 } });

    const approver = await trustedApprover(host, {
      folder: folderA(),
      dataDir: join(root, 'rita-data'),
      owner: 'Rita',
      env: VAULT,
    });
    rita = approver.services;
    ritaPem = approver.publicKey;

    const created = await host.services.authoring.addPicks({
      a: 'uat',
      b: 'dev',
      title: TITLE,
      picks: [{ type: 'routing.skill', key: skill }],
    });
    changesetId = created.changeset.id;
    await rita.identity.approvals.approve(changesetId, { decision: 'approved', comment: 'ok' });
  });

  it('exports the changeset for uat and saves the package file', async () => {
    await openSection(page, 'Packages');
    await page.getByTestId('packages-page').waitFor();
    // Export says which step is missing while it is off.
    assert.ok(await page.getByTestId('export-package').isDisabled());
    assert.equal(await text(page.getByTestId('export-blocked')), 'Choose the changeset to export first.');
    await page.getByTestId('export-changeset').selectOption(changesetId);
    assert.equal(
      await text(page.getByTestId('export-blocked')),
      'Tick at least one environment the package is for.',
    );
    await page.locator('[data-testid="export-target"][data-environment="uat"]').check();
    await page.getByTestId('export-source').selectOption('dev');
    await page.getByTestId('export-expiry').fill('400');
    await page.getByTestId('export-expiry-error').waitFor();
    assert.ok(await page.getByTestId('export-package').isDisabled(), 'a year at most');
    assert.match(await text(page.getByTestId('export-blocked')), /^Fix the expiry first: /);
    await assertAccessibleInBothThemes('[data-testid="packages-page"]', 'the packages page');
    await page.getByTestId('export-expiry').fill('30');

    const download = page.waitForEvent('download');
    await page.getByTestId('export-package').click();
    // A refusal shows as a banner: fail with what it says rather than wait out the download.
    const refused = page
      .getByRole('alert')
      .waitFor()
      .then(async () => {
        throw new Error(`Export refused: ${await text(page.getByRole('alert'))}`);
      });
    const saved = await Promise.race([download, refused]);
    exportedFile = join(root, saved.suggestedFilename());
    await saved.saveAs(exportedFile);
    assert.equal(saved.suggestedFilename(), `${changesetId}.ferrypkg.json`);
    assert.equal(await text(page.getByTestId('exported-file')), saved.suggestedFilename());

    const exported = page.getByTestId('export-report');
    assert.equal(await exported.getAttribute('data-ok'), 'true', await text(exported));
    assert.match(
      await text(exported.getByTestId('package-verdict')),
      /Verified: signed by Ada, approved by Rita/,
    );
    assert.equal(await text(exported.getByTestId('package-targets')), 'uat');
    const packageText = await readFile(exportedFile, 'utf8');
    assert.ok(JSON.parse(packageText), 'the package is JSON');
    await screenshot(page, '60-package-exported');
  });

  it('asks before exporting a package that fails its own checks', async () => {
    const unapproved = await host.services.authoring.addPicks({
      a: 'uat',
      b: 'dev',
      title: 'Video language',
      picks: [{ type: 'routing.language', key: language }],
    });
    await page.reload();
    await openSection(page, 'Packages');
    await page.getByTestId('export-changeset').selectOption(unapproved.changeset.id);
    await page.locator('[data-testid="export-target"][data-environment="uat"]').check();
    await page.getByTestId('export-package').click();
    const dialog = page.getByTestId('export-confirm-dialog');
    await dialog.waitFor();
    assert.match(await text(dialog.getByTestId('export-confirm-summary')), /fails 1 of its own checks:/);
    assert.match(await text(dialog), /approvals:uat.*approve the changeset/);
    await assertAccessibleInBothThemes('[data-testid="export-confirm-dialog"]', 'the export confirmation');
    await screenshot(page, '64-package-export-confirm');

    await dialog.getByTestId('export-confirm-cancel').click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByTestId('export-declined').waitFor();
    assert.equal(await page.getByTestId('exported-file').count(), 0, 'nothing was saved');
    const declined = page.getByTestId('export-report');
    assert.equal(await declined.getAttribute('data-ok'), 'false');
    // The failed check leads, with what to do; the passed ones are folded under their count.
    const first = declined.getByTestId('package-check').first();
    assert.equal(await first.getAttribute('data-check'), 'approvals:uat');
    assert.match(await text(first.getByTestId('check-remedy')), /approve the changeset/);
    assert.equal(await declined.getByTestId('passed-checks').getAttribute('open'), null);
    assert.match(await text(declined.getByTestId('passed-checks').locator('summary')), /^\d+ passed checks$/);
    assert.equal(
      (await page.getByTestId('package-report').count()) + (await declined.count()),
      1,
      'one report',
    );

    const download = page.waitForEvent('download');
    await page.getByTestId('export-package').click();
    await dialog.getByTestId('export-anyway').click();
    const saved = await download;
    assert.equal(saved.suggestedFilename(), `${unapproved.changeset.id}.ferrypkg.json`);
    assert.equal(await page.getByTestId('export-report').getAttribute('data-ok'), 'false');
  });

  it('opens workspace B, which trusts the same two keys and has its own governed uat', async () => {
    await host.services.workspace.create(folderB(), 'Other team');
    await host.services.identity.trust.add(adaPem, { owner: 'Ada', roles: ['author', 'approver'] });
    await host.services.identity.trust.add(ritaPem, { owner: 'Rita', roles: ['approver'] });
    await host.services.environments.save(
      { name: 'uat', kind: 'sandbox', url: 'embedded', org: 'uat', tier: 'test' },
      undefined,
    );
    await host.services.identity.trust.setPolicy('uat', { tier: 'test', policy: { approvalsRequired: 1 } });
    await page.reload();
    await page.getByTestId('shell').waitFor();
    await page.getByTestId('workspace-name').filter({ hasText: 'Other team' }).waitFor();
    await openSection(page, 'Packages');
    await page.getByTestId('empty-packages').waitFor();
    assert.equal(existsSync(join(folderB(), 'changesets', `${changesetId}.json`)), false);
  });

  it('verifies the package against uat: signed by Ada, approved by Rita, every check passed', async () => {
    await page.getByTestId('package-file').setInputFiles(exportedFile);
    await page.getByTestId('package-report').waitFor();
    await page.getByTestId('package-target').selectOption('uat');
    const verified = report('uat');
    await verified.waitFor();
    assert.equal(await verified.getAttribute('data-ok'), 'true', await text(verified));
    assert.match(
      await text(verified.getByTestId('package-verdict')),
      /Verified: signed by Ada, approved by Rita/,
    );
    assert.equal(await text(verified.getByTestId('package-changeset-id')), changesetId);
    assert.equal(await text(verified.getByTestId('package-title')), TITLE);

    const checks = await checksOf(verified);
    for (const name of ['author-signature', 'artifact:changeset.json', 'approvals:uat']) {
      assert.ok(
        checks.some((check) => check.check === name),
        `${name} is among ${checks.map((check) => check.check).join(', ')}`,
      );
    }
    assert.deepEqual(
      checks.filter((check) => !check.passed),
      [],
      'every check passed',
    );
    const signers = await verified
      .getByTestId('package-signer')
      .evaluateAll((rows) =>
        rows.map(
          (row) => `${row.dataset.role}:${row.querySelector('strong')?.textContent}:${row.dataset.trusted}`,
        ),
      );
    assert.ok(signers.includes('author:Ada:true'), signers.join(', '));
    assert.ok(signers.includes('approver:Rita:true'), signers.join(', '));
    assert.equal(await verified.getByTestId('already-imported').count(), 0);
    assert.ok(await page.getByTestId('import-package').isEnabled());
    await screenshot(page, '61-package-verified');
  });

  it('imports the changeset and its approvals; a second import changes nothing', async () => {
    await page.getByTestId('import-package').click();
    const result = page.getByTestId('import-result');
    await result.waitFor();
    assert.equal(await result.getAttribute('data-changed'), 'true', await text(result));
    assert.match(await text(result), new RegExp(`Imported ${changesetId} with 1 approval`));
    assert.ok(existsSync(join(folderB(), 'changesets', `${changesetId}.json`)));
    const approvals = await readdir(join(folderB(), 'changesets', `${changesetId}.approvals`));
    assert.ok(approvals.length >= 1, 'Rita’s approval came with it');
    await report('uat').getByTestId('already-imported').waitFor();
    await screenshot(page, '62-package-imported');

    await page.getByTestId('import-package').click();
    await page.locator('[data-testid="import-result"][data-changed="false"]').waitFor();
    assert.match(await text(page.getByTestId('import-result')), /Nothing changed/);

    await page.getByTestId('open-imported-changeset').click();
    await page.locator(`[data-testid="changeset-editor"][data-changeset="${changesetId}"]`).waitFor();
    assert.equal(await text(page.getByTestId('changeset-title')), TITLE);
  });

  it('rejects a tampered package: red, the failed check named, Import off', async () => {
    const tamperedFile = join(root, 'tampered-package.json');
    await writeFile(tamperedFile, tamper(await readFile(exportedFile, 'utf8')));
    await openSection(page, 'Packages');
    await page.getByTestId('package-file').setInputFiles(tamperedFile);
    const rejected = page.locator('[data-testid="package-report"][data-ok="false"]');
    await rejected.waitFor();
    assert.match(await text(rejected.getByTestId('package-verdict')), /Rejected: \d+ checks? failed/);
    const failed = (await checksOf(rejected)).filter((check) => !check.passed).map((check) => check.check);
    assert.ok(failed.length >= 1);
    // The edit changed the changeset's bytes: its digest no longer matches what Ada signed.
    assert.ok(failed.includes('artifact:changeset.json'), failed.join(', '));
    assert.match(
      await text(rejected.locator('[data-testid="package-check"][data-check="artifact:changeset.json"]')),
      /altered/,
    );
    assert.match(await text(rejected.getByTestId('package-failed-checks')), /artifact:changeset\.json/);
    assert.ok(await page.getByTestId('import-package').isDisabled());
    // The keys are still the trusted ones: what fails is what they signed, not who they are.
    assert.equal(
      await rejected
        .locator('[data-testid="package-signer"][data-role="approver"]')
        .getAttribute('data-trusted'),
      'true',
    );
    assert.match(await text(page.getByTestId('import-hint')), /Import is off/);
    assert.equal(await page.getByTestId('import-result').count(), 0);
    await screenshot(page, '63-package-rejected');
  });

  it('offers to trust the key of an approver this workspace does not know, with its fingerprint', async () => {
    await host.services.workspace.create(folderC(), 'Third team');
    await host.services.identity.trust.add(adaPem, { owner: 'Ada', roles: ['author', 'approver'] });
    await page.reload();
    await page.getByTestId('workspace-name').filter({ hasText: 'Third team' }).waitFor();
    await openSection(page, 'Packages');
    await page.getByTestId('package-file').setInputFiles(exportedFile);
    const rejected = page.locator('[data-testid="package-report"][data-ok="false"]');
    await rejected.waitFor();
    const ritaKey = await rejected
      .locator('[data-testid="package-signer"][data-role="approver"] code')
      .getAttribute('title');
    assert.ok(ritaKey);
    const untrusted = rejected.locator('[data-testid="package-check"][data-check="approval-1-trusted"]');
    const remedy = untrusted.getByTestId('check-remedy');
    assert.equal(await remedy.getAttribute('data-remedy'), 'trust-key');
    assert.match(await text(remedy), /^Trust this key/);
    assert.equal(await text(remedy.getByTestId('key-fingerprint')), ritaKey);
    assert.match(await text(remedy), /ferry trust add <public-key-file>/);
    assert.doesNotMatch(await text(page.getByTestId('package-import')), /Ask the sender for a new package/);
    // Failed checks come before the summary and the signatures.
    const order = await rejected.evaluate((element) =>
      [...element.querySelectorAll('[data-testid="failed-checks"], [data-testid="package-summary"]')].map(
        (node) => (node as HTMLElement).dataset.testid,
      ),
    );
    assert.deepEqual(order, ['failed-checks', 'package-summary']);
    await screenshot(page, '65-package-trust-this-key');
    await assertAccessibleInBothThemes('[data-testid="packages-page"]', 'a rejected package report');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, '66-package-report-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await remedy.getByTestId('open-trust-page').click();
    assert.equal(await text(page.locator('h1')), 'Trust');
  });

  it('ran without an uncaught error in the page', () => {
    assert.deepEqual(pageErrors, []);
  });
});
