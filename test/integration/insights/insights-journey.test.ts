import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createFerryServices, type FerryServices } from '../../../electron/host/core/ferry-services';
import { SEEDED_DRIFT } from '../../../electron/sandbox';
import { sandboxWorkspace, type SandboxWorkspace } from '../../support/sandbox-workspace';
import { tempDir } from '../../support/temp-dir';

const VAULT = { FERRY_VAULT_PASSPHRASE: 'insights journey passphrase' };
const HOUR = 60 * 60 * 1000;
/** Monday 2 November 2026; each step of the journey an hour later. */
const START = new Date('2026-11-02T09:00:00Z');

let now = START;
let workspace: SandboxWorkspace;
let ada: FerryServices;
let rita: FerryServices;
const tick = () => {
  now = new Date(now.getTime() + HOUR);
};

before(async () => {
  workspace = await sandboxWorkspace({
    prefix: 'ferry-insights-journey-',
    author: { name: 'Ada', email: 'ada@example.test' },
    env: VAULT,
  });
  const make = (dataDir: string, name: string) =>
    createFerryServices({
      dataDir,
      version: 'test',
      env: VAULT,
      author: { name, email: `${name.toLowerCase()}@example.test` },
      clock: () => now,
    });
  ada = make(workspace.dataDir, 'Ada');
  await ada.workspace.open(workspace.dir);
  rita = make(join(await tempDir('ferry-insights-journey-rita-'), 'data'), 'Rita');
  await rita.workspace.open(workspace.dir);
  const adaKey = await ada.identity.keys.init({ owner: 'Ada' });
  const ritaKey = await rita.identity.keys.init({ owner: 'Rita' });
  await ada.identity.trust.add(adaKey.publicKey, { owner: 'Ada', roles: ['author', 'approver', 'promoter'] });
  await ada.identity.trust.add(ritaKey.publicKey, { owner: 'Rita', roles: ['approver'] });
  // Prod needs an approval (signed policy), so a change nobody approved goes only by override.
  await ada.identity.trust.setPolicy('prod', { policy: { approvalsRequired: 1 } });
});
after(() => workspace.close());

async function changeset(title: string, type: string, key: string): Promise<string> {
  tick();
  const created = await ada.authoring.addPicks({ a: 'uat', b: 'dev', title, picks: [{ type, key }] });
  return created.changeset.id;
}

async function promote(id: string, environment: string, overrideReason?: string) {
  tick();
  const { result } = await ada.promotions.promote(
    id,
    environment,
    overrideReason === undefined ? {} : { overrideReason },
  );
  assert.equal(result.status, 'succeeded', result.failure?.message);
  return result;
}

describe('insights over a real workspace after a sandbox journey', () => {
  it('counts deployments, a rollback as a failure, an override and lead times', async () => {
    // 1. A skill, approved by Rita, promoted to uat and then prod.
    const skill = await changeset('Video skill', 'routing.skill', SEEDED_DRIFT.devOnly.skill);
    tick();
    await rita.identity.approvals.approve(skill, { decision: 'approved', comment: 'ok' });
    await promote(skill, 'uat');
    await promote(skill, 'prod');
    // 2. A language, approved and promoted to uat, then rolled back.
    const language = await changeset('Arabic', 'routing.language', SEEDED_DRIFT.devOnly.language);
    tick();
    await rita.identity.approvals.approve(language, { decision: 'approved', comment: 'ok' });
    const undone = await promote(language, 'uat');
    tick();
    const rollback = await ada.promotions.rollback(undone.runId);
    assert.equal(rollback.status, 'succeeded', rollback.failure?.message);
    // 3. A wrap-up code nobody approved, forced into prod with an emergency override.
    const wrapup = await changeset('Wrap-up code', 'routing.wrapupcode', SEEDED_DRIFT.devOnly.wrapupCode);
    const forced = await promote(wrapup, 'prod', 'INC-7: the video launch cannot wait');
    tick();

    const report = await ada.insights.metrics({
      from: '2026-11-01T00:00:00.000Z',
      to: '2026-11-03T00:00:00.000Z',
    });
    assert.equal(report.records.unverified.total, 0, JSON.stringify(report.records.unverified.items));
    assert.equal(
      report.deploymentFrequency.total,
      4,
      'skill to uat and prod, language to uat, wrap-up to prod',
    );
    assert.equal(report.changeFailureRate.deployments, 4);
    assert.equal(report.changeFailureRate.failures, 1);
    assert.equal(report.changeFailureRate.byCause.rolledBack, 1);
    assert.ok(report.changeFailureRate.evidence.items.some((item) => item.id === undone.runId));
    assert.equal(report.timeToRestore.restored.count, 1);
    assert.equal(report.governance.overrides.count, 1);
    const [override] = report.governance.overrides.items;
    assert.equal(override?.runId, forced.runId);
    assert.equal(override?.reason, 'INC-7: the video launch cannot wait');
    assert.equal(override?.by, 'Ada');
    // Lead time to prod: the skill and the wrap-up code, each created before it was promoted.
    assert.equal(report.leadTime.overall.count, 2);
    assert.ok((report.leadTime.overall.medianHours ?? 0) > 0);

    const document = await ada.insights.report({
      from: '2026-11-01T00:00:00.000Z',
      to: '2026-11-03T00:00:00.000Z',
    });
    assert.equal(document.fileName, 'ferry-insights-2026-11-01-to-2026-11-03');
    assert.match(document.html, /INC-7/);
  });
});
