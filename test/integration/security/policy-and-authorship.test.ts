import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { commitAsTeammate } from '../../support/teammate';
import { createFerryServices } from '../../../electron/host/core/ferry-services';
import { VAULT, refusedWith, skillChangeset, team, uatSkill, type Team } from './governance-fixture';

/**
 * Issue 11, "Policy by hand" and "Self-approval" (Deliver 2 and 3): the policy that gates a
 * promotion is the one the admins signed, and who wrote and who approved a changeset is judged
 * by keys only. Names, OS users and ferry.json decide nothing.
 */

let world: Team;
let dir = '';

before(async () => {
  world = await team('ferry-policy-authorship-');
  dir = world.workspace.dir;
});
after(() => world.close());

async function editFerryJson(
  change: (config: { environments: Record<string, unknown>[] }) => void,
): Promise<void> {
  const file = join(dir, 'ferry.json');
  const config = JSON.parse(await readFile(file, 'utf8')) as { environments: Record<string, unknown>[] };
  change(config);
  await writeFile(file, `${JSON.stringify(config, null, 2)}\n`);
  commitAsTeammate(dir, 'docs: typo');
}

describe('policy by hand: ferry.json edits change nothing', () => {
  it('keeps the signed policy when ferry.json says approvalsRequired 0, override off, tier dev', async () => {
    const changesetId = await skillChangeset(world.ada, 'Policy by hand');
    await editFerryJson((config) => {
      for (const environment of config.environments) {
        if (environment.name === 'uat') {
          environment.tier = 'dev';
          environment.policy = { approvalsRequired: 0, emergencyOverride: { allowed: true } };
        }
      }
    });
    const effective = await world.ada.identity.trust.policy('uat');
    assert.equal(effective.source, 'signed');
    assert.equal(effective.policy.approvalsRequired, 1);
    assert.equal(effective.tier, 'test');
    await refusedWith(world.ada.promotions.promote(changesetId, 'uat'), 'gate.refused', /0 of 1 approval/);
    assert.equal(await uatSkill(world.workspace), null, 'nothing reached the org');
  });

  it('gives an environment with no signed policy the secure default, whatever ferry.json claims', async () => {
    await editFerryJson((config) => {
      config.environments.push({
        name: 'prod',
        kind: 'sandbox',
        url: world.workspace.sandbox.url,
        org: 'prod',
        tier: 'dev',
        policy: { approvalsRequired: 0 },
      });
    });
    const effective = await world.ada.identity.trust.policy('prod');
    assert.equal(effective.source, 'default');
    assert.equal(effective.tier, 'prod');
    assert.equal(effective.policy.approvalsRequired, 1);
    assert.equal(effective.policy.allowSelfApproval, false);
    assert.equal(effective.policy.emergencyOverride.allowed, true);
    assert.match(effective.reason, /secure default/);
    // The plan says why, in the approvals gate.
    const changesetId = await skillChangeset(world.ada, 'To an unsigned environment');
    const preview = await world.ada.promotions.plan(changesetId, 'prod');
    const approvals = preview.decision.gates.find((gate) => gate.gate === 'approvals');
    assert.match(approvals?.reason ?? '', /0 of 1 approval.*no policy for "prod" is signed.*secure default/);
  });

  it('changes policy only through a signed version, which is audited', async () => {
    const result = await world.ada.identity.trust.setPolicy('uat', {
      tier: 'test',
      policy: { approvalsRequired: 1, maxApprovalAgeDays: 7 },
    });
    assert.equal(result.applied, true);
    assert.equal((await world.ada.identity.trust.policy('uat')).policy.maxApprovalAgeDays, 7);
    const entries = await world.ada.identity.audit.entries(world.keys.ada);
    assert.ok(
      entries.some(
        (entry) => entry.action === 'trust-apply' && /policy of uat/.test(String(entry.details.summary)),
      ),
    );
    // A teammate who is not an admin cannot sign one.
    await assert.rejects(
      world.mallory.identity.trust.setPolicy('uat', { policy: { approvalsRequired: 0 } }),
      /Only an admin/,
    );
  });
});

describe('self-approval is judged by keys', () => {
  it('still sees the author when she edits the unsigned author field', async () => {
    const changesetId = await skillChangeset(world.rita, 'Rita writes, Rita approves');
    // Rita's key is trusted as approver only; give her the author role too, as admins would.
    await world.ada.identity.trust.add(world.publicKeys.rita, {
      owner: 'Rita',
      roles: ['approver', 'author'],
    });
    await world.rita.identity.authorship.sign(changesetId);
    const file = join(dir, 'changesets', `${changesetId}.json`);
    const changeset = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    changeset.author = 'Ada';
    delete changeset.authorKeyId;
    await writeFile(file, `${JSON.stringify(changeset, null, 2)}\n`);
    commitAsTeammate(dir, 'fix author');
    await world.rita.identity.authorship.sign(changesetId);
    await world.rita.identity.approvals.approve(changesetId, { decision: 'approved' });
    await refusedWith(world.ada.promotions.promote(changesetId, 'uat'), 'gate.refused', /self-approval/);
    assert.equal(await uatSkill(world.workspace), null);
  });

  it('counts no approval of a changeset nobody signed as author, until its author signs it', async () => {
    // Made by a machine with no usable key (as in the README's old order: changeset, then key).
    const changesetId = await skillChangeset(world.mallory, 'Unsigned change');
    const authors = await world.ada.identity.authorship.authorship(changesetId);
    assert.equal(authors.authors.length, 0, "Mallory's key is not trusted as author");
    await world.rita.identity.approvals.approve(changesetId, { decision: 'approved' });
    await refusedWith(
      world.ada.promotions.promote(changesetId, 'uat'),
      'gate.refused',
      /not signed by its author.*ferry changeset sign/,
    );
    await world.ada.identity.authorship.sign(changesetId);
    const preview = await world.ada.promotions.plan(changesetId, 'uat');
    assert.equal(preview.decision.passed, true, JSON.stringify(preview.decision.gates));
  });

  it("refuses when the only approval is the promoter's own", async () => {
    const changesetId = await skillChangeset(world.ada, 'Ada promotes with Ada');
    // Rita signs as author (a second author), Ada approves, Ada promotes: the only approval is hers.
    await world.rita.identity.authorship.sign(changesetId);
    await world.ada.identity.approvals.approve(changesetId, { decision: 'approved' });
    await refusedWith(
      world.ada.promotions.promote(changesetId, 'uat'),
      'gate.refused',
      /self-approval|promoter's own/,
    );
  });

  it('counts an approval only for the environments it names', async () => {
    const changesetId = await skillChangeset(world.ada, 'Approved for dev only');
    await world.rita.identity.approvals.approve(changesetId, { decision: 'approved', environments: ['dev'] });
    const listed = await world.ada.identity.approvals.list(changesetId, undefined, { environment: 'uat' });
    assert.deepEqual(
      listed.map((approval) => approval.status),
      ['other-environment'],
    );
    await refusedWith(
      world.ada.promotions.promote(changesetId, 'uat'),
      'gate.refused',
      /does not cover this environment/,
    );
  });

  it('lets an approval age out after the policy maximum', async () => {
    const changesetId = await skillChangeset(world.ada, 'Old approval');
    await world.rita.identity.approvals.approve(changesetId, { decision: 'approved' });
    const listed = await world.ada.identity.approvals.list(changesetId, undefined, {
      environment: 'uat',
      maxAgeDays: 7,
    });
    assert.equal(listed[0]?.status, 'valid');
    // Ada's machine eight days later: the same approval no longer counts.
    const eightDaysLater = createFerryServices({
      dataDir: world.workspace.dataDir,
      version: 'test',
      env: VAULT,
      author: { name: 'Ada', email: 'ada@example.test' },
      clock: () => new Date(Date.now() + 8 * 24 * 60 * 60 * 1000),
    });
    await eightDaysLater.workspace.open(dir);
    const later = await eightDaysLater.identity.approvals.list(changesetId, undefined, {
      environment: 'uat',
      maxAgeDays: 7,
    });
    assert.equal(later[0]?.status, 'too-old');
    assert.equal(later[0]?.counts, false);
  });
});
