import assert from 'node:assert/strict';
import { readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { FerryError } from '../../../shared/api/api-error';
import { createFerryServices, type FerryServices } from '../../../electron/host/core/ferry-services';
import { exitCodeFor } from '../../../electron/host/cli/exit-codes';
import { SEEDED_DRIFT } from '../../../electron/sandbox';
import { sandboxWorkspace, type SandboxWorkspace } from '../../support/sandbox-workspace';
import { tempDir } from '../../support/temp-dir';

const VAULT = { FERRY_VAULT_PASSPHRASE: 'governance test passphrase' };
/** Monday 23 November 2026, 11:00 in Lagos (WAT = UTC+1): inside peak hours. */
const PEAK = new Date('2026-11-23T10:00:00Z');
/** The same day at 20:00 in Lagos: outside them. */
const EVENING = new Date('2026-11-23T19:00:00Z');

let now = PEAK;
let workspace: SandboxWorkspace;
let ada: FerryServices;
let rita: FerryServices;

const PEAK_HOURS = {
  name: 'peak hours',
  cron: '0 8 * * 1-5',
  durationMinutes: 600,
  timeZone: 'Africa/Lagos',
};

before(async () => {
  workspace = await sandboxWorkspace({
    prefix: 'ferry-governance-',
    author: { name: 'Ada', email: 'ada@example.test' },
    orgs: ['dev', 'uat'],
    env: VAULT,
  });
  // The services under test run on a clock the test moves; the set-up ones only took snapshots.
  ada = createFerryServices({
    dataDir: workspace.dataDir,
    version: 'test',
    env: VAULT,
    author: { name: 'Ada', email: 'ada@example.test' },
    clock: () => now,
  });
  await ada.workspace.open(workspace.dir);
  rita = createFerryServices({
    dataDir: join(await tempDir('ferry-governance-rita-'), 'data'),
    version: 'test',
    env: VAULT,
    author: { name: 'Rita', email: 'rita@example.test' },
    clock: () => now,
  });
  await rita.workspace.open(workspace.dir);
  const adaKey = await ada.identity.keys.init({ owner: 'Ada' });
  const ritaKey = await rita.identity.keys.init({ owner: 'Rita' });
  await ada.identity.trust.add(adaKey.publicKey, { owner: 'Ada', roles: ['author', 'approver'] });
  await ada.identity.trust.add(ritaKey.publicKey, { owner: 'Rita', roles: ['approver'] });
  // Policy counts only when signed into the trust root by an admin (Ada, its first one).
  await ada.identity.trust.setPolicy('uat', { policy: { approvalsRequired: 1, denyWindows: [PEAK_HOURS] } });
});
after(() => workspace.close());

async function refused(promise: Promise<unknown>, reason: RegExp): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof FerryError, String(error));
    assert.equal(error.code, 'gate.refused');
    assert.equal(exitCodeFor(error.code), 3, 'a gate refusal exits 3 in the CLI');
    assert.match(error.message, reason);
    return true;
  });
}

async function skillChangeset(title: string): Promise<string> {
  const created = await ada.authoring.addPicks({
    a: 'uat',
    b: 'dev',
    title,
    picks: [{ type: 'routing.skill', key: SEEDED_DRIFT.devOnly.skill }],
  });
  return created.changeset.id;
}

describe('governed promotion: gates from policy and signed approvals', () => {
  let changesetId = '';
  let runId = '';

  it('records the author key on the changeset, and refuses without approvals', async () => {
    changesetId = await skillChangeset('Video skill');
    const { changeset } = await ada.changesets.get(changesetId);
    assert.equal(changeset.authorKeyId, (await ada.identity.keys.requireIdentity()).keyId);
    await refused(ada.promotions.promote(changesetId, 'uat'), /approvals: .*0 of 1/);
  });

  it('does not count self-approval', async () => {
    await ada.identity.approvals.approve(changesetId, { decision: 'approved', comment: 'looks right to me' });
    await refused(ada.promotions.promote(changesetId, 'uat'), /approvals: .*self-approval|own changeset/i);
  });

  it('does not count an approval of an earlier version', async () => {
    await rita.identity.approvals.approve(changesetId, { decision: 'approved', comment: 'ok' });
    const { changeset } = await ada.changesets.get(changesetId);
    await ada.changesets.save({ ...changeset, description: 'edited after approval' });
    await refused(ada.promotions.promote(changesetId, 'uat'), /stale/);
  });

  it('refuses in peak hours, and an override without a reason', async () => {
    await rita.identity.approvals.approve(changesetId, { decision: 'approved', comment: 'ok again' });
    await refused(ada.promotions.promote(changesetId, 'uat'), /deny-window: peak hours .*Africa\/Lagos/);
    await refused(ada.promotions.promote(changesetId, 'uat', { overrideReason: '  ' }), /override: /);
  });

  it('promotes with an emergency override, records it, and writes the change-control document', async () => {
    const { result } = await ada.promotions.promote(changesetId, 'uat', {
      overrideReason: 'INC-4411: video launch cannot wait',
    });
    assert.equal(result.status, 'succeeded', result.failure?.message);
    runId = result.runId;
    assert.equal(result.override?.reason, 'INC-4411: video launch cannot wait');
    const html = await readFile(join(workspace.dir, 'runs', runId, 'change-control.html'), 'utf8');
    assert.match(html, /INC-4411/);
    assert.match(html, /Video skill/);
    const markdown = await readFile(join(workspace.dir, 'runs', runId, 'change-control.md'), 'utf8');
    for (const section of [
      'Summary',
      'Approvals',
      'Windows and override',
      'Changes',
      'Rollback plan',
      'Execution',
    ]) {
      assert.match(markdown, new RegExp(`#+ ${section}`));
    }
    const keyId = (await ada.identity.keys.requireIdentity()).keyId;
    const actions = (await ada.identity.audit.entries(keyId)).map((entry) => entry.action);
    assert.deepEqual(actions.slice(-2), ['override', 'promote']);
  });

  it('outside peak hours it promotes on approvals alone, and a run rolls back exactly', async () => {
    now = EVENING;
    const second = await skillChangeset('Arabic language');
    const { changeset } = await ada.changesets.get(second);
    await ada.changesets.save({
      ...changeset,
      operations: [
        {
          op: 'create',
          type: 'routing.language',
          key: SEEDED_DRIFT.devOnly.language,
          body: { name: SEEDED_DRIFT.devOnly.language },
        },
      ],
    });
    await rita.identity.approvals.approve(second, { decision: 'approved', comment: 'fine' });
    const preview = await ada.promotions.plan(second, 'uat');
    assert.equal(preview.decision.passed, true, JSON.stringify(preview.decision.gates));
    const { result } = await ada.promotions.promote(second, 'uat');
    assert.equal(result.status, 'succeeded');

    const rolledBack = await ada.promotions.rollback(runId);
    assert.equal(rolledBack.status, 'succeeded', rolledBack.failure?.message);
    const uat = await ada.environments.connector('uat');
    const skills = await uat.list('routing.skill');
    assert.ok(!skills.some((skill) => skill.name === SEEDED_DRIFT.devOnly.skill), 'the first run is undone');
    const languages = await uat.list('routing.language');
    assert.ok(
      languages.some((language) => language.name === SEEDED_DRIFT.devOnly.language),
      'the second stays',
    );
  });

  it('`ferry audit verify` passes, then names an edited entry', async () => {
    const ok = await workspace.cli(['audit', 'verify']);
    assert.equal(ok.code, 0, ok.stdout + ok.stderr);
    const keyId = (await ada.identity.keys.requireIdentity()).keyId;
    const file = join(workspace.dir, 'audit', `${keyId}.jsonl`);
    const lines = (await readFile(file, 'utf8')).trimEnd().split('\n');
    // Ada's chain starts with her trust root versions; the override entry is further down.
    const override = lines.findIndex((line) => line.includes('"override"'));
    assert.ok(override >= 0, 'the override is in the audit log');
    lines[override] = lines[override]?.replace('"override"', '"approve"') ?? '';
    await writeFile(file, `${lines.join('\n')}\n`);
    const bad = await workspace.cli(['audit', 'verify']);
    assert.equal(bad.code, 1);
    assert.match(bad.stdout + bad.stderr, /edited/);
  });

  it('`ferry plan` prints the steps and gates, and exits 3 when a gate fails', async () => {
    const third = await skillChangeset('Unapproved');
    const pdf = join(workspace.dir, '..', 'change-control.pdf');
    const planned = await workspace.cli(['plan', third, '--to', 'uat', '--document', pdf]);
    assert.equal(planned.code, 3, planned.stderr);
    assert.match(planned.stdout, /create\s+routing\.skill "Video Support"\s+POST \/api\/v2\/routing\/skills/);
    assert.match(planned.stdout, /✗ approvals: /);
    // The change-control document printed by headless Chromium, as a pipeline would attach it.
    assert.equal((await readFile(pdf)).subarray(0, 5).toString('latin1'), '%PDF-');
  });

  it('deleting a changeset takes its approvals with it, in the same commit', async () => {
    const doomed = await skillChangeset('Doomed');
    await rita.identity.approvals.approve(doomed, { decision: 'approved', comment: 'ok' });
    await ada.changesets.remove(doomed);
    await assert.rejects(readFile(join(workspace.dir, 'changesets', `${doomed}.approvals`, 'x')));
    const { readdir } = await import('node:fs/promises');
    assert.ok(!(await readdir(join(workspace.dir, 'changesets'))).some((name) => name.startsWith(doomed)));
  });

  it("shows a run's change-control document, but never through a link a teammate committed", async () => {
    const markdownOf = async (): Promise<unknown> => {
      const reply = await ada.dispatcher.dispatch('promotions.run', { runId });
      assert.equal(reply.ok, true, JSON.stringify(reply));
      return reply.ok ? (reply.value as { changeControlMarkdown: unknown }).changeControlMarkdown : undefined;
    };
    assert.match(String(await markdownOf()), /override/i);
    // A pushed `runs/<id>/change-control.md -> outside` (or a linked run folder) reads as no document.
    const outside = join(await tempDir('ferry-outside-'), 'private.txt');
    await writeFile(outside, 'PRIVATE KEY MATERIAL');
    const document = join(workspace.dir, 'runs', runId, 'change-control.md');
    await rm(document);
    await symlink(outside, document);
    assert.equal(await ada.promotions.changeControlDocument(runId, 'markdown'), null);
    assert.equal(await markdownOf(), null);
  });
});
