import assert from 'node:assert/strict';
import { cp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createFerryServices, type FerryServices } from '../../electron/host/core/ferry-services';
import { changesetSchema } from '../../shared/model/changeset';
import { sandboxWorkspace, type SandboxWorkspace } from '../support/sandbox-workspace';
import { wrapupCode } from './promotion/promotion-test-support';

/**
 * Issue 20 attacks on the risk a plan is judged on, by a teammate who controls every file in the
 * workspace but not the admins' keys: ferry.json's tier, the snapshot of the target, and the
 * changeset's own fields. None of them changes the risk the gates use.
 */

const VAULT = { FERRY_VAULT_PASSPHRASE: 'risk attacks passphrase' };
const CODE = 'Critical Attack Code';

let workspace: SandboxWorkspace;
let ada: FerryServices;
let changesetId = '';

before(async () => {
  workspace = await sandboxWorkspace({
    prefix: 'ferry-risk-attacks-',
    author: { name: 'Ada', email: 'ada@example.test' },
    orgs: ['dev', 'prod'],
    env: VAULT,
  });
  ada = createFerryServices({
    dataDir: workspace.dataDir,
    version: 'test',
    env: VAULT,
    author: { name: 'Ada', email: 'ada@example.test' },
  });
  await ada.workspace.open(workspace.dir);
  const key = await ada.identity.keys.init({ owner: 'Ada' });
  await ada.identity.trust.add(key.publicKey, { owner: 'Ada', roles: ['author', 'approver', 'promoter'] });
  // The tier's point and a flagged object's two: medium, which needs 2 approvals.
  await ada.identity.trust.setPolicy('prod', {
    policy: {
      approvalsRequired: 0,
      approvalsByRisk: { low: 0, medium: 2, high: 3, critical: 3 },
      risk: { criticalObjects: [`routing.wrapupcode/${CODE}`] },
    },
  });
  const { changeset } = await ada.changesets.create({
    title: 'Critical code',
    idPrefix: 'critical-code',
    operations: [{ op: 'create', type: 'routing.wrapupcode', key: CODE, body: wrapupCode(CODE) }],
  });
  changesetId = changeset.id;
});
after(() => workspace.close());

async function judged() {
  const preview = await ada.promotions.plan(changesetId, 'prod');
  return {
    level: preview.plan.risk?.level,
    rules: preview.plan.risk?.points.filter((point) => point.points > 0).map((point) => point.rule),
    approvals: preview.plan.requirement?.approvals,
    passed: preview.decision.passed,
  };
}

const EXPECTED = { level: 'medium', rules: ['tier', 'critical-objects'], approvals: 2, passed: false };

describe('issue 20 attack: a change cannot lower its own risk', () => {
  it('judged on the live target with the signed tier and policy: medium, 2 approvals', async () => {
    assert.deepEqual(await judged(), EXPECTED);
  });

  it('ferry.json saying prod is a dev tier changes nothing', async () => {
    const file = join(workspace.dir, 'ferry.json');
    const original = await readFile(file, 'utf8');
    const config = JSON.parse(original) as { environments?: { name: string; tier?: string }[] };
    const prod = config.environments?.find((environment) => environment.name === 'prod');
    assert.ok(prod, original);
    prod.tier = 'dev';
    await writeFile(file, JSON.stringify(config, null, 2));
    try {
      assert.deepEqual(await judged(), EXPECTED);
    } finally {
      await writeFile(file, original);
    }
  });

  it('a doctored (or deleted) snapshot of prod changes nothing', async () => {
    // The snapshot (environments/prod/) says prod already has the code, as the dev one is.
    const prodFolder = join(workspace.dir, 'environments', 'prod');
    const devFolder = join(workspace.dir, 'environments', 'dev');
    const files = await readdir(prodFolder, { recursive: true });
    assert.ok(files.length > 0);
    await rm(prodFolder, { recursive: true, force: true });
    assert.deepEqual(await judged(), EXPECTED);
    // Dev's snapshot in its place: prod "is" dev, where nothing is flagged.
    await cp(devFolder, prodFolder, { recursive: true });
    assert.deepEqual(await judged(), EXPECTED);
    assert.deepEqual(await judged(), EXPECTED);
  });

  it("the changeset's own claims of risk, approvals or a standard change are not part of a changeset", () => {
    const changeset = {
      formatVersion: 1,
      id: 'claims',
      title: 'Claims',
      operations: [{ op: 'create', type: 'routing.wrapupcode', key: CODE, body: wrapupCode(CODE) }],
    };
    for (const claim of [
      { risk: { level: 'low' } },
      { requirement: { approvals: 0 } },
      { standardChange: 'add-queue-wrapup-code' },
    ]) {
      assert.equal(
        changesetSchema.safeParse({ ...changeset, ...claim }).success,
        false,
        JSON.stringify(claim),
      );
    }
  });
});
