import assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright';
import type { WebHost } from '../../electron/host/web/web-host';
import { createFerryServices, type FerryServices } from '../../electron/host/core/ferry-services';
import {
  generateEd25519,
  openEd25519PrivateKey,
  signEd25519,
} from '../../electron/services/identity/ed25519';
import { newRunId } from '../../electron/services/promotion/run-store';
import { StartedRuns } from '../../electron/services/promotion/started-runs';
import { SEEDED_DRIFT } from '../../electron/sandbox';
import { buildEnvelope, dsseEnvelopeSchema, envelopePayload } from '../../shared/signing/dsse-envelope';
import { preAuthEncoding } from '../../shared/signing/pae';
import { parseStrictJson } from '../../shared/signing/strict-json';
import {
  TRUST_ROOT_PAYLOAD_TYPE,
  trustRootDigest,
  trustRootDocumentSchema,
  trustRootPayload,
} from '../../shared/trust/trust-root';
import { changesetOf, wrapupCode } from '../integration/promotion/promotion-test-support';
import { commitAsTeammate } from '../support/teammate';
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
 * Issue 11, point 9: the Trust page. An admin creates the signed trust root, trusts a co-admin's
 * key, raises the threshold to two and proposes a third key, which waits for the co-admin's
 * signature; a trust takeover committed with plain git and a forged run are refused with their
 * reasons on screen (Trust and Promotions pages).
 */

/** Headless hosts seal the signing keys with this; both machines of the story use the same one. */
const VAULT = { FERRY_VAULT_PASSPHRASE: 'trust journey passphrase' };
const AXE = fileURLToPath(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url));

let journey: Journey;
let root: string;
let host: WebHost;
let page: Page;
/** Rita's machine: her own data folder and key, the same workspace. */
let rita: FerryServices;
let changesetId = '';
const pageErrors: string[] = [];

const folder = () => join(root, 'contact-centre');

before(async () => {
  journey = await startJourney('ferry-e2e-trust-', { viewport: { width: 1440, height: 1000 }, env: VAULT });
  ({ root, host, page } = journey);
  page.on('pageerror', (error) => pageErrors.push(error.message));
});
after(() => journey?.close());

/** Another machine of the same team: its own data folder and key, the same workspace folder. */
async function teammate(owner: string): Promise<{ services: FerryServices; publicKey: string }> {
  const services = createFerryServices({
    dataDir: join(root, `${owner.toLowerCase()}-data`),
    version: 'test',
    env: VAULT,
    author: { name: owner, email: `${owner.toLowerCase()}@example.test` },
  });
  await services.workspace.open(folder());
  const { publicKey } = await services.identity.keys.init({ owner });
  return { services, publicKey };
}

async function openTrust(): Promise<void> {
  await openSection(page, 'Trust');
  await page.getByTestId('trust-page').waitFor();
}

/** Reloads the app (what a teammate's commit needs to be seen) and opens `section`. */
async function reloadInto(section: string): Promise<void> {
  await page.reload();
  await page.getByTestId('shell').waitFor();
  await openSection(page, section);
}

function trustedKey(owner: string) {
  return page
    .getByTestId('trusted-key')
    .filter({ has: page.getByRole('cell', { name: owner, exact: true }) });
}

/** axe-core over one region of the page: WCAG 2 A and AA rules. */
async function accessibilityViolations(selector: string): Promise<string[]> {
  // Evaluated over the DevTools protocol: the app's CSP (script-src 'self') refuses an injected <script>.
  await page.evaluate(await readFile(AXE, 'utf8'));
  return page.evaluate(async (region) => {
    const axe = (
      window as unknown as {
        axe: {
          run(
            context: Element,
            options: object,
          ): Promise<{
            passes: unknown[];
            violations: { id: string; help: string; nodes: { target: unknown[] }[] }[];
          }>;
        };
      }
    ).axe;
    const element = document.querySelector(region);
    if (!element) return [`${region} is not on the page`];
    const { passes, violations } = await axe.run(element, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    // No rule passing would mean axe looked at nothing: that is not a clean report.
    if (passes.length === 0) return ['axe-core checked no rule at all'];
    return violations.map(
      (violation) =>
        `${violation.id}: ${violation.help} (${violation.nodes.map((node) => JSON.stringify(node.target)).join(', ')})`,
    );
  }, selector);
}

/** A forged run as a teammate would commit it: plan.json and journal lines, no signature, no result. */
async function forgeRun(label: string, writerHost: string): Promise<string> {
  const plan = await host.services.engine.plan(
    changesetOf(label, [
      { op: 'create', type: 'routing.wrapupcode', key: `${label} code`, body: wrapupCode(`${label} code`) },
    ]),
    'uat',
  );
  const now = new Date();
  const runId = newRunId(now, label);
  const at = now.toISOString();
  const journal = [
    {
      kind: 'run-started',
      seq: 0,
      at,
      runId,
      runKind: 'promote',
      rollbackOf: null,
      changesetId: label,
      environment: 'uat',
      fingerprint: plan.fingerprint,
      steps: 1,
      override: null,
      pid: 999_999,
      host: writerHost,
    },
  ];
  const runFolder = join(folder(), 'runs', runId);
  await mkdir(runFolder, { recursive: true });
  await writeFile(join(runFolder, 'plan.json'), `${JSON.stringify(plan, null, 2)}\n`);
  await writeFile(
    join(runFolder, 'journal.jsonl'),
    journal.map((entry) => `${JSON.stringify(entry)}\n`).join(''),
  );
  return runId;
}

describe('trust journey in Chromium', () => {
  it('sets up a workspace with uat and a changeset', async () => {
    await createWorkspaceInUi(page, host, folder(), 'Contact centre');
    await addSnapshottedSandboxOrgs(host, ['dev', 'uat']);
  });

  it('creates this machine’s key and the trust root from the Trust page, Ada its first admin', async () => {
    await openTrust();
    await page.getByTestId('create-trust-root').waitFor();
    assert.match(await text(page.getByTestId('create-trust-root')), /you its first admin/);
    await page.getByTestId('identity-owner-input').fill('Ada');
    await page.getByTestId('create-identity').click();
    await page.getByTestId('machine-key-owner').filter({ hasText: 'Ada' }).waitFor();
    const ada = await host.services.identity.keys.requireIdentity();
    assert.equal(await text(page.getByTestId('machine-key-id')), ada.keyId);

    // With no trust root yet, making the key made its owner the first admin (version 1).
    await page.getByTestId('trust-root').waitFor();
    assert.equal(await text(page.getByTestId('trust-version')), '1');
    assert.equal(await page.getByTestId('trust-pinned').getAttribute('data-confirmed'), 'true');
    assert.match(await text(page.getByTestId('trust-admins')), /^Ada \(/);
    const status = await host.services.identity.trust.status();
    assert.equal(await text(page.getByTestId('trust-fingerprint')), status.fingerprint);
    assert.equal(await trustedKey('Ada').count(), 1);
    assert.match(await text(trustedKey('Ada')), /admin, author, approver, promoter.*all environments.*valid/);

    // A changeset Ada authors now is signed by her key on save.
    const created = await host.services.authoring.addPicks({
      a: 'uat',
      b: 'dev',
      title: 'Video skill',
      picks: [{ type: 'routing.skill', key: SEEDED_DRIFT.devOnly.skill }],
    });
    changesetId = created.changeset.id;
  });

  it('trusts Rita’s key as a co-admin through the form', async () => {
    const made = await teammate('Rita');
    rita = made.services;
    const form = page.getByTestId('add-key');
    await form.getByTestId('add-key-submit').click();
    assert.match(await text(form), /Paste the public key/, 'an empty form says what is missing');
    await form.getByTestId('add-key-pem').fill(made.publicKey);
    await form.getByTestId('add-key-owner').fill('Rita');
    await form.getByTestId('add-key-role-admin').check();
    await form.getByTestId('add-key-submit').click();
    await page.getByTestId('trust-notice').filter({ hasText: 'Trust root version 2 is in effect' }).waitFor();
    await trustedKey('Rita').waitFor();
    assert.match(await text(trustedKey('Rita')), /admin, approver/);
    assert.match(await text(page.getByTestId('trust-admins')), /Ada .*Rita/);
  });

  it('raises the threshold to two: it waits for Rita, who signs it from her machine', async () => {
    await page.getByTestId('threshold-input').fill('2');
    await page.getByTestId('threshold-submit').click();
    const proposal = page.locator('[data-testid="proposal"][data-version="3"]');
    await proposal.waitFor();
    assert.match(
      await text(proposal.getByTestId('proposal-needs')),
      /needs 1 more admin signature.*\(Rita\)/i,
    );
    assert.equal(await text(page.getByTestId('trust-version')), '2', 'not in effect before Rita signs');

    const signed = await rita.identity.trust.sign(3);
    assert.equal(signed.applied, true);
    await reloadInto('Trust');
    await page.getByTestId('trust-version').filter({ hasText: '3' }).waitFor();
    assert.match(await text(page.getByTestId('trust-threshold')), /^2 admin signatures/);
    await page.getByTestId('no-proposals').waitFor();
  });

  it('proposes a third key: pending, needing one more admin signature (Rita)', async () => {
    const sam = generateEd25519();
    const form = page.getByTestId('add-key');
    await form.getByTestId('add-key-pem').fill(sam.publicKey.pem);
    await form.getByTestId('add-key-owner').fill('Sam');
    await form.getByTestId('add-key-role-author').check();
    await form.getByTestId('add-key-environments').fill('uat');
    await form.getByTestId('add-key-submit').click();
    await page.getByTestId('trust-notice').filter({ hasText: 'Proposed trust root version 4' }).waitFor();
    const proposal = page.locator('[data-testid="proposal"][data-version="4"]');
    await proposal.waitFor();
    assert.match(await text(proposal), /add Sam/);
    assert.match(await text(proposal), /signed by Ada/);
    assert.match(
      await text(proposal.getByTestId('proposal-needs')),
      /needs 1 more admin signature.*\(Rita\)/i,
    );
    assert.equal(await trustedKey('Sam').count(), 0, 'Sam is not trusted before Rita signs');
    assert.ok(await proposal.getByTestId('sign-proposal').isDisabled(), 'Ada signed it already');
    await screenshot(page, '70-trust-pending');
  });

  it('Rita signs from her machine; after a reload Sam is trusted and the proposal gone', async () => {
    const signed = await rita.identity.trust.sign(4);
    assert.equal(signed.applied, true);
    await reloadInto('Trust');
    await trustedKey('Sam').waitFor();
    assert.match(await text(trustedKey('Sam')), /author.*uat.*valid/);
    await page.getByTestId('no-proposals').waitFor();
    assert.equal(await text(page.getByTestId('trust-version')), '4');
    await screenshot(page, '71-trust-page');
  });

  it('has no WCAG 2 A/AA violations on the Trust page (axe-core)', async () => {
    assert.deepEqual(await accessibilityViolations('[data-testid="trust-page"]'), []);
  });

  it('lists a forged run committed with plain git as history, never as interrupted', async () => {
    const runId = await forgeRun('forged', 'mallory-laptop');
    commitAsTeammate(folder(), 'docs: typo');
    await reloadInto('Promotions');
    const row = page.locator(`[data-testid="run-row"][data-run="${runId}"]`);
    await row.waitFor();
    assert.equal(await row.getAttribute('data-status'), 'incomplete');
    assert.match(await text(row), /from another machine \(history\)/);
    assert.equal(await page.getByTestId('interrupted-run').count(), 0, 'nothing is offered to resume');
    await row.getByTestId('open-run').click();
    await page.getByTestId('run-detail').waitFor();
    assert.equal(await page.getByTestId('rollback-history-run').count(), 0, 'nor to roll back');
    await screenshot(page, '72-trust-forged-run-history');
  });

  it('refuses to resume a forged run put where this machine’s interrupted run was (run.unverified)', async () => {
    // The run id is one this machine started (its marker is in the data folder, out of the
    // teammate's reach); the files in the workspace are the teammate's.
    const runId = await forgeRun('replaced', hostname());
    await new StartedRuns(join(root, 'user-data'), folder).record(runId, new Date());
    commitAsTeammate(folder(), 'runs: tidy');
    await reloadInto('Promotions');
    const interrupted = page.getByTestId('interrupted-run').filter({ hasText: runId });
    await interrupted.waitFor();
    await interrupted.getByTestId('recover-resume').click();
    // Resuming writes to uat, so it asks first like every write; the refusal comes after the yes.
    await page.getByTestId('confirm-write-dialog').getByTestId('confirm-write').click();
    const refusal = page.getByTestId('run-panel').getByRole('alert');
    await refusal.waitFor();
    const message = await text(refusal);
    assert.ok(message.includes(`runs/${runId}/plan.dsse.json`), message);
    assert.match(message, /Nothing was written/);
    await screenshot(page, '73-trust-forged-run-refused');
  });

  it('refuses a trust takeover: a forged root version committed with plain git, on the Trust page', async () => {
    // Mallory signs a version 5 that makes her an admin, with her own key, and commits it.
    const mallory = generateEd25519();
    const newest = await readFile(join(folder(), 'trust/root/4.json'), 'utf8');
    const envelope = dsseEnvelopeSchema.parse(parseStrictJson(newest));
    const payload = envelopePayload(envelope);
    const current = trustRootDocumentSchema.parse(parseStrictJson(new TextDecoder().decode(payload)));
    const forged = trustRootDocumentSchema.parse({
      ...current,
      version: 5,
      previous: trustRootDigest(payload),
      createdAt: new Date().toISOString(),
      proposedBy: mallory.publicKey.keyId,
      summary: 'docs: typo',
      adminThreshold: 1,
      keys: [
        ...current.keys,
        {
          keyId: mallory.publicKey.keyId,
          algorithm: 'ed25519',
          publicKey: mallory.publicKey.pem,
          owner: 'Mallory',
          roles: ['admin', 'approver', 'promoter'],
          environments: [],
        },
      ],
    });
    const forgedPayload = trustRootPayload(forged);
    const sig = signEd25519(
      openEd25519PrivateKey(mallory.privateKeyPem).key,
      preAuthEncoding(TRUST_ROOT_PAYLOAD_TYPE, forgedPayload),
    );
    const forgedEnvelope = buildEnvelope(TRUST_ROOT_PAYLOAD_TYPE, forgedPayload, [
      { keyid: mallory.publicKey.keyId, sig },
    ]);
    await writeFile(join(folder(), 'trust/root/5.json'), `${JSON.stringify(forgedEnvelope, null, 2)}\n`);
    const commit = commitAsTeammate(folder(), 'docs: typo');

    await reloadInto('Trust');
    const refusal = page.locator('[data-testid="refusal"][data-code="trust.unverified"]');
    await refusal.waitFor();
    assert.equal(await refusal.getAttribute('role'), 'alert');
    assert.equal(await text(refusal.getByTestId('refusal-file')), 'trust/root/5.json');
    assert.equal(await text(refusal.getByTestId('refusal-commit')), commit);
    const message = await text(refusal.getByTestId('refusal-message'));
    assert.match(message, /trust\/root\/5\.json is signed by 0 of the 2 admin keys/);
    assert.match(message, /docs: typo/);
    assert.match(message, /by Mallory/);
    assert.ok(message.includes(`git revert ${commit}`), message);
    assert.equal(await page.getByTestId('trusted-keys').count(), 0, 'nothing of the root is shown');
    await page.getByTestId('pin-form').waitFor();
    await screenshot(page, '74-trust-takeover-refused');
    assert.deepEqual(await accessibilityViolations('[data-testid="trust-page"]'), []);
  });

  it('refuses the plan on the Promotions page with the same reason, naming the file', async () => {
    await openSection(page, 'Promotions');
    await page.getByTestId('promotion-changeset').selectOption(changesetId);
    await page.getByTestId('promotion-environment').selectOption('uat');
    await page.getByTestId('plan-promotion').click();
    const refusal = page.getByRole('alert').filter({ hasText: 'trust/root/5.json' });
    await refusal.waitFor();
    const message = await text(refusal);
    assert.match(message, /The trust root of this workspace does not verify: trust\/root\/5\.json/);
    assert.match(message, /Mallory/);
    assert.equal(await page.getByTestId('plan-view').count(), 0, 'no plan is shown');
    await screenshot(page, '75-trust-takeover-promotions');
  });

  it('ran without an uncaught error in the page', () => {
    assert.deepEqual(pageErrors, []);
  });
});
