import assert from 'node:assert/strict';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createFerryServices, type FerryServices } from '../../../electron/host/core/ferry-services';
import type { AuditEntry } from '../../../electron/services/audit/audit-entry';
import {
  DRIFT_ACCEPT_ACTION,
  DRIFT_CHECK_ACTION,
  DRIFT_IGNORE_ACTION,
  DRIFT_REVERT_ACTION,
  driftCheckDetailsSchema,
  driftTriageDetailsSchema,
} from '../../../shared/insights/insights-audit';
import { nativeGit } from '../../support/native-git';
import { sandboxWorkspace, type SandboxWorkspace } from '../../support/sandbox-workspace';
import { tempDir } from '../../support/temp-dir';

/**
 * Issue 19: drift checks and their triage land in the signed audit log, where Insights reads "drift
 * found per week and how it was triaged". Real workspace, real key, the sandbox's prod org.
 */
const VAULT = { FERRY_VAULT_PASSPHRASE: 'drift recording passphrase' };
const HOUR = 60 * 60 * 1000;

let now = new Date('2026-11-30T09:00:00Z');
let workspace: SandboxWorkspace;
/** Ada has a signing key on her machine; Noor, on the same workspace, has none. */
let ada: FerryServices;
let noor: FerryServices;
let keyId = '';

before(async () => {
  workspace = await sandboxWorkspace({
    prefix: 'ferry-recording-drift-',
    author: { name: 'Ada', email: 'ada@example.test' },
    orgs: ['prod'],
    env: VAULT,
  });
  ada = createFerryServices({
    dataDir: workspace.dataDir,
    version: 'test',
    env: VAULT,
    author: { name: 'Ada', email: 'ada@example.test' },
    clock: () => now,
  });
  await ada.workspace.open(workspace.dir);
  noor = createFerryServices({
    dataDir: join(await tempDir('ferry-recording-noor-'), 'data'),
    version: 'test',
    env: VAULT,
    author: { name: 'Noor', email: 'noor@example.test' },
    clock: () => now,
  });
  await noor.workspace.open(workspace.dir);
});
after(() => workspace.close());

function head(): string {
  return nativeGit(workspace.dir, 'rev-parse', 'HEAD').trim();
}

async function auditFiles(): Promise<string[]> {
  return readdir(join(workspace.dir, 'audit')).catch(() => []);
}

async function entries(action?: string): Promise<AuditEntry[]> {
  const all = await ada.identity.audit.entries(keyId);
  return action === undefined ? all : all.filter((entry) => entry.action === action);
}

/** Every entry's hash chain and signature check out, and everything written is committed. */
async function assertVerifiedAndCommitted(): Promise<void> {
  const verification = await ada.identity.audit.verify();
  assert.ok(verification.ok, JSON.stringify(verification.problems));
  assert.equal(verification.unsigned, 0);
  assert.equal(nativeGit(workspace.dir, 'status', '--porcelain'), '');
}

async function prodIds(): Promise<Record<string, Record<string, string>>> {
  return JSON.parse(await readFile(join(workspace.dir, 'environments/prod/ids.json'), 'utf8')) as Record<
    string,
    Record<string, string>
  >;
}

describe('drift without a signing identity', () => {
  it('works exactly as before and records nothing', async () => {
    const api = await noor.environments.connector('prod');
    await api.create('routing.skill', { name: 'Hotfix Skill' });
    const before = head();
    const report = await noor.drift.drift('prod');
    assert.deepEqual(
      report.result.objects.map((object) => `${object.status} ${object.key}`),
      ['added Hotfix Skill'],
    );
    await noor.drift.ignore('prod', 'routing.skill', 'Hotfix Skill', 'checked by hand');
    await noor.drift.unignore('prod', 'routing.skill', 'Hotfix Skill');
    assert.deepEqual(await auditFiles(), [], 'no audit file is written');
    // Only the ignore and unignore commits, as before issue 19.
    assert.equal(nativeGit(workspace.dir, 'rev-list', '--count', `${before}..HEAD`).trim(), '2');
  });
});

describe('drift with a signing identity', () => {
  it('records a drift check with its counts, signed and committed', async () => {
    keyId = (await ada.identity.keys.init({ owner: 'Ada' })).keyId;
    const { ['routing.wrapupcode']: codes } = await prodIds();
    const codeId = codes?.['Account Updated'];
    assert.ok(codeId);
    const api = await ada.environments.connector('prod');
    await api.update('routing.wrapupcode', codeId, { name: 'Account Updated', description: 'by hand' });

    const report = await ada.drift.drift('prod');
    assert.deepEqual(report.result.objects.map((object) => `${object.status} ${object.key}`).sort(), [
      'added Hotfix Skill',
      'changed Account Updated',
    ]);
    const checks = await entries(DRIFT_CHECK_ACTION);
    assert.equal(checks.length, 1);
    const [check] = checks;
    assert.equal(check?.subject, 'environment/prod');
    assert.equal(check?.at, now.toISOString());
    assert.deepEqual(driftCheckDetailsSchema.parse(check?.details), {
      environment: 'prod',
      added: 1,
      changed: 1,
      removed: 0,
      ignored: 0,
    });
    assert.match(
      nativeGit(workspace.dir, 'log', '-1', '--format=%s'),
      /audit: drift-check environment\/prod/,
    );
    await assertVerifiedAndCommitted();
  });

  it('records an identical check again only after a day, and at once when the counts change', async () => {
    const before = head();
    // The page may run drift each time it opens, even twice at once: one entry stands for them.
    await Promise.all([ada.drift.drift('prod'), ada.drift.drift('prod')]);
    await ada.drift.drift('prod');
    now = new Date(now.getTime() + 23 * HOUR);
    await ada.drift.drift('prod');
    assert.equal(head(), before, 'no commit for a check that found what the last one did');
    assert.equal((await entries(DRIFT_CHECK_ACTION)).length, 1);

    now = new Date(now.getTime() + 1 * HOUR);
    await ada.drift.drift('prod');
    const afterADay = await entries(DRIFT_CHECK_ACTION);
    assert.equal(afterADay.length, 2, 'a day after the last recorded check it is recorded again');
    assert.deepEqual(afterADay[0]?.details, afterADay[1]?.details);

    const api = await ada.environments.connector('prod');
    await api.create('routing.skill', { name: 'Second Hotfix' });
    now = new Date(now.getTime() + 1 * HOUR);
    await ada.drift.drift('prod');
    const changed = await entries(DRIFT_CHECK_ACTION);
    assert.equal(changed.length, 3);
    assert.equal(driftCheckDetailsSchema.parse(changed[2]?.details).added, 2);
    await assertVerifiedAndCommitted();
  });

  it('records an accept that moved the baseline, and not one that did nothing', async () => {
    const accepted = await ada.drift.accept('prod', 'routing.skill', 'Hotfix Skill');
    assert.ok(accepted.commit);
    const again = await ada.drift.accept('prod', 'routing.skill', 'Hotfix Skill');
    assert.equal(again.commit, null);
    const accepts = await entries(DRIFT_ACCEPT_ACTION);
    assert.equal(accepts.length, 1);
    assert.equal(accepts[0]?.subject, 'environment/prod');
    assert.deepEqual(driftTriageDetailsSchema.parse(accepts[0]?.details), {
      environment: 'prod',
      type: 'routing.skill',
      key: 'Hotfix Skill',
    });
    await assertVerifiedAndCommitted();
  });

  it('records a revert with the changeset that reverts it', async () => {
    const reverted = await ada.drift.revert('prod', 'routing.wrapupcode', 'Account Updated');
    const reverts = await entries(DRIFT_REVERT_ACTION);
    assert.equal(reverts.length, 1);
    assert.deepEqual(driftTriageDetailsSchema.parse(reverts[0]?.details), {
      environment: 'prod',
      type: 'routing.wrapupcode',
      key: 'Account Updated',
      changesetId: reverted.changesetId,
    });
    await assertVerifiedAndCommitted();
  });

  it('records an ignore with its reason, and the next check counts the object as ignored', async () => {
    await ada.drift.ignore('prod', 'routing.skill', 'Second Hotfix', '  owned by the site team ');
    const ignores = await entries(DRIFT_IGNORE_ACTION);
    assert.equal(ignores.length, 1);
    assert.deepEqual(driftTriageDetailsSchema.parse(ignores[0]?.details), {
      environment: 'prod',
      type: 'routing.skill',
      key: 'Second Hotfix',
      reason: 'owned by the site team',
    });

    const report = await ada.drift.drift('prod');
    assert.deepEqual(
      report.result.objects.map((object) => object.key),
      ['Account Updated'],
    );
    const checks = await entries(DRIFT_CHECK_ACTION);
    assert.deepEqual(driftCheckDetailsSchema.parse(checks[checks.length - 1]?.details), {
      environment: 'prod',
      added: 0,
      changed: 1,
      removed: 0,
      ignored: 1,
    });
    await assertVerifiedAndCommitted();
  });

  it('still refuses an ignore without a reason, recording nothing', async () => {
    const before = (await entries()).length;
    await assert.rejects(ada.drift.ignore('prod', 'routing.skill', 'Billing', '  '), /needs a reason/);
    assert.equal((await entries()).length, before);
  });
});

describe('a drift check whose recording fails', () => {
  it('is still answered, and the failure is logged', async () => {
    const file = join(workspace.dir, 'audit', `${keyId}.jsonl`);
    const original = await readFile(file, 'utf8');
    const warnings: string[] = [];
    const logged = createFerryServices({
      dataDir: workspace.dataDir,
      version: 'test',
      env: VAULT,
      author: { name: 'Ada', email: 'ada@example.test' },
      clock: () => now,
      logger: { info() {}, warn: (message) => warnings.push(message), error() {} },
    });
    await logged.workspace.open(workspace.dir);
    // A damaged last line: the audit log refuses to chain onto it.
    await writeFile(file, `${original}not an entry\n`);
    try {
      now = new Date(now.getTime() + 2 * 24 * HOUR);
      const report = await logged.drift.drift('prod');
      assert.deepEqual(
        report.result.objects.map((object) => object.key),
        ['Account Updated'],
      );
      assert.equal(warnings.length, 1);
      assert.match(warnings[0] ?? '', /Could not record drift-check .*ferry audit verify/);
    } finally {
      await writeFile(file, original);
    }
  });
});
