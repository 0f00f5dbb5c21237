import assert from 'node:assert/strict';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createFerryServices, type FerryServices } from '../../electron/host/core/ferry-services';
import { sandboxWorkspace, type SandboxWorkspace } from '../support/sandbox-workspace';
import { tempDir } from '../support/temp-dir';
import { wrapupCode } from './promotion/promotion-test-support';

/**
 * Issue 20 attacks on emergency follow-ups, by Ada: a teammate with push access who holds only her
 * own key (author, approver, promoter). She tries to frame Bob with an override, to hide her own
 * overdue follow-up, and to resolve it herself.
 */

const VAULT = { FERRY_VAULT_PASSPHRASE: 'follow-up attacks passphrase' };
const HOUR = 60 * 60 * 1000;
const T0 = new Date(Math.floor((Date.now() - 48 * HOUR) / 1000) * 1000);
const at = (hours: number) => new Date(T0.getTime() + hours * HOUR);

let now = T0;
let workspace: SandboxWorkspace;
let admin: FerryServices;
let ada: FerryServices;
let bob: FerryServices;
let adaKeyId = '';
let bobKeyId = '';

async function person(name: string): Promise<FerryServices> {
  const services = createFerryServices({
    dataDir: join(await tempDir(`ferry-fu-attack-${name.toLowerCase()}-`), 'data'),
    version: 'test',
    env: VAULT,
    author: { name, email: `${name.toLowerCase()}@example.test` },
    clock: () => now,
  });
  await services.workspace.open(workspace.dir);
  return services;
}

before(async () => {
  workspace = await sandboxWorkspace({
    prefix: 'ferry-fu-attack-',
    author: { name: 'Ada', email: 'ada@example.test' },
    orgs: ['dev', 'prod'],
    env: VAULT,
  });
  admin = await person('Admin');
  ada = await person('Ada');
  bob = await person('Bob');
  const adminKey = await admin.identity.keys.init({ owner: 'Admin' });
  const adaKey = await ada.identity.keys.init({ owner: 'Ada' });
  const bobKey = await bob.identity.keys.init({ owner: 'Bob' });
  adaKeyId = adaKey.keyId;
  bobKeyId = bobKey.keyId;
  await admin.identity.trust.add(adminKey.publicKey, { owner: 'Admin', roles: ['admin'] });
  await admin.identity.trust.add(adaKey.publicKey, {
    owner: 'Ada',
    roles: ['author', 'approver', 'promoter'],
  });
  await admin.identity.trust.add(bobKey.publicKey, {
    owner: 'Bob',
    roles: ['author', 'approver', 'promoter'],
  });
  await admin.identity.trust.setPolicy('prod', {
    policy: { approvalsRequired: 1, emergencyOverride: { allowed: true, followUpHours: 24 } },
  });
});
after(() => workspace.close());

async function wrapUpChangeset(services: FerryServices, name: string): Promise<string> {
  const { changeset } = await services.changesets.create({
    title: name,
    idPrefix: name.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
    operations: [{ op: 'create', type: 'routing.wrapupcode', key: name, body: wrapupCode(name) }],
  });
  return changeset.id;
}

describe('issue 20 attack: follow-ups cannot be pinned on others or hidden', () => {
  let adaRun = '';
  let claimedBob = '';

  it("a run Ada signs claiming override.by 'Bob' is Ada's follow-up, not Bob's", async () => {
    const first = await wrapUpChangeset(ada, 'Attack one');
    const promoted = await ada.promotions.promote(first, 'prod', { overrideReason: 'INC-1 outage' });
    assert.equal(promoted.result.status, 'succeeded', promoted.result.failure?.message);
    adaRun = promoted.result.runId;
    // Straight through the engine with her own key: the override names Bob.
    const second = await wrapUpChangeset(ada, 'Attack two');
    const { changeset } = await ada.changesets.get(second);
    const plan = await ada.engine.plan(changeset, 'prod');
    const result = await ada.engine.execute(plan, { override: { reason: 'Bob said so', by: 'Bob' } });
    assert.equal(result.status, 'succeeded', result.failure?.message);
    claimedBob = result.runId;
    const list = await ada.followUps.list();
    const claimed = list.find((followUp) => followUp.runId === claimedBob);
    assert.ok(claimed, JSON.stringify(list));
    assert.deepEqual(claimed.overriddenBy, { keyId: adaKeyId, owner: 'Ada' });
    now = at(25);
    assert.deepEqual(await bob.followUps.overdueOf(bobKeyId), []);
    assert.deepEqual(
      (await ada.followUps.overdueOf(adaKeyId)).map((followUp) => followUp.runId).sort(),
      [adaRun, claimedBob].sort(),
    );
  });

  it('editing her run folder does not clear her overdue follow-up', async () => {
    const journal = join(workspace.dir, 'runs', adaRun, 'journal.jsonl');
    const text = await readFile(journal, 'utf8');
    await writeFile(journal, text.replace('"override":{', '"overrideX":{'));
    assert.ok(
      (await ada.followUps.overdueOf(adaKeyId)).some((followUp) => followUp.runId === adaRun),
      'the edited run is still overdue',
    );
    await writeFile(journal, text);
  });

  it('deleting her run folders does not clear her overdue follow-ups: the signed audit log keeps them', async () => {
    // Her promotion's run (audited as every governed promotion is). The engine-only run above
    // has no audit entry: a key holder who bypasses the service can skip every record, so only
    // what Ferry recorded can be held against her.
    await rm(join(workspace.dir, 'runs', adaRun), { recursive: true, force: true });
    const overdue = await ada.followUps.overdueOf(adaKeyId);
    const kept = overdue.find((followUp) => followUp.runId === adaRun);
    assert.ok(kept, JSON.stringify(overdue));
    assert.deepEqual(kept.overriddenBy, { keyId: adaKeyId, owner: 'Ada' });
    assert.equal(kept.state, 'overdue');
    assert.equal(kept.reason, 'INC-1 outage');
    assert.ok(Date.parse(kept.dueAt) - T0.getTime() <= 24 * HOUR + 60_000, kept.dueAt);
    assert.deepEqual(await bob.followUps.overdueOf(bobKeyId), []);
    // And it still blocks her next override.
    const third = await wrapUpChangeset(ada, 'Attack three');
    await assert.rejects(
      ada.promotions.promote(third, 'prod', { overrideReason: 'again' }),
      (error: Error & { code?: string }) =>
        error.code === 'gate.refused' && /follow-up|overdue/i.test(error.message),
    );
  });

  it('a new key Ada makes herself (untrusted) cannot approve her own override', async () => {
    const second = await person('Ada');
    await second.identity.keys.init({ owner: 'Ada' });
    const followUp = (await ada.followUps.overdueOf(adaKeyId))[0];
    assert.ok(followUp);
    await second.identity.approvals
      .approve(followUp.changesetId, { decision: 'approved', comment: 'looks fine to me' })
      .catch(() => undefined);
    assert.ok((await ada.followUps.overdueOf(adaKeyId)).some((item) => item.runId === followUp.runId));
  });
});
