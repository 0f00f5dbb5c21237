import assert from 'node:assert/strict';
import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { FerryError } from '../../shared/api/api-error';
import type { FollowUp } from '../../shared/promotion/follow-ups/follow-up';
import { createFerryServices, type FerryServices } from '../../electron/host/core/ferry-services';
import { exitCodeFor } from '../../electron/host/cli/exit-codes';
import { FOLLOW_UP_OVERDUE_ACTION } from '../../electron/services/governance/follow-up-service';
import { sandboxWorkspace, type SandboxWorkspace } from '../support/sandbox-workspace';
import { tempDir } from '../support/temp-dir';
import { wrapupCode } from './promotion/promotion-test-support';

/**
 * Issue 20, time-bounded emergencies: an override to prod opens a follow-up due 24 hours later; at
 * +25 h it is overdue, listed by `ferry runs` and `ferry followups`, audited once, and it blocks
 * Ada's next override (not Bob's) until Rita approves retrospectively.
 *
 * The services run on a clock the test moves, starting 48 hours before the real time: the CLI
 * (a child process on the real clock) then sees the first follow-up overdue and Bob's, opened
 * at +25 h, still pending.
 */

const VAULT = { FERRY_VAULT_PASSPHRASE: 'follow-ups test passphrase' };
const HOUR = 60 * 60 * 1000;
const T0 = new Date(Math.floor((Date.now() - 48 * HOUR) / 1000) * 1000);
const at = (hours: number) => new Date(T0.getTime() + hours * HOUR);

let now = T0;
let workspace: SandboxWorkspace;
let ada: FerryServices;
let bob: FerryServices;
let rita: FerryServices;
let adaKeyId = '';
let bobKeyId = '';

async function person(name: string, dataDir?: string): Promise<FerryServices> {
  const services = createFerryServices({
    dataDir: dataDir ?? join(await tempDir(`ferry-follow-ups-${name.toLowerCase()}-`), 'data'),
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
    prefix: 'ferry-follow-ups-',
    author: { name: 'Ada', email: 'ada@example.test' },
    orgs: ['dev', 'prod'],
    env: VAULT,
  });
  // Ada shares the CLI's data folder: `workspace.cli` signs as Ada.
  ada = await person('Ada', workspace.dataDir);
  bob = await person('Bob');
  rita = await person('Rita');
  const adaKey = await ada.identity.keys.init({ owner: 'Ada' });
  const bobKey = await bob.identity.keys.init({ owner: 'Bob' });
  const ritaKey = await rita.identity.keys.init({ owner: 'Rita' });
  adaKeyId = adaKey.keyId;
  bobKeyId = bobKey.keyId;
  await ada.identity.trust.add(adaKey.publicKey, { owner: 'Ada', roles: ['author', 'approver', 'promoter'] });
  await ada.identity.trust.add(bobKey.publicKey, { owner: 'Bob', roles: ['author', 'approver', 'promoter'] });
  await ada.identity.trust.add(ritaKey.publicKey, { owner: 'Rita', roles: ['approver'] });
  // Prod needs one approval: promoting without it takes an emergency override, due back in 24 h.
  await ada.identity.trust.setPolicy('prod', {
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

async function override(services: FerryServices, changesetId: string, reason: string): Promise<string> {
  const { result } = await services.promotions.promote(changesetId, 'prod', { overrideReason: reason });
  assert.equal(result.status, 'succeeded', result.failure?.message);
  assert.equal(result.override?.reason, reason);
  return result.runId;
}

async function overdueEntries(): Promise<string[]> {
  const subjects: string[] = [];
  for (const keyId of [adaKeyId, bobKeyId]) {
    for (const entry of await ada.identity.audit.entries(keyId).catch(() => [])) {
      if (entry.action === FOLLOW_UP_OVERDUE_ACTION) subjects.push(entry.subject);
    }
  }
  return subjects;
}

function followUpOf(list: FollowUp[], runId: string): FollowUp {
  const found = list.find((followUp) => followUp.runId === runId);
  assert.ok(found, `a follow-up for ${runId} in ${JSON.stringify(list)}`);
  return found;
}

describe('an emergency override is time-bounded by its follow-up', () => {
  let first = '';
  let firstRun = '';
  let bobRun = '';

  it('an override to prod opens a pending follow-up due 24 hours after the run started', async () => {
    first = await wrapUpChangeset(ada, 'Storm closure');
    assert.deepEqual(await ada.followUps.list(), []);
    firstRun = await override(ada, first, 'INC-7 storm: close the lines now');
    const followUp = followUpOf(await ada.followUps.list(), firstRun);
    assert.equal(followUp.state, 'pending');
    assert.equal(followUp.changesetId, first);
    assert.equal(followUp.environment, 'prod');
    assert.equal(followUp.reason, 'INC-7 storm: close the lines now');
    assert.deepEqual(followUp.overriddenBy, { keyId: adaKeyId, owner: 'Ada' });
    assert.equal(Date.parse(followUp.dueAt) - Date.parse(followUp.overriddenAt), 24 * HOUR);
    assert.equal(followUp.approvedBy, null);
    assert.match(followUp.message, new RegExp(`ferry approve ${first} --environments prod`));
    assert.deepEqual(await ada.followUps.overdueOf(adaKeyId), []);
  });

  it('a policy signed later does not move a follow-up already owed: its window was signed with the run', async () => {
    await ada.identity.trust.setPolicy('prod', {
      policy: { approvalsRequired: 1, emergencyOverride: { allowed: true, followUpHours: 4 } },
    });
    const moved = followUpOf(await ada.followUps.list(), firstRun);
    assert.equal(Date.parse(moved.dueAt) - Date.parse(moved.overriddenAt), 24 * HOUR);
    // The audit entry of the override keeps the window too: a deleted run folder does not shorten it.
    const entries = await ada.identity.audit.entries(adaKeyId);
    const recorded = entries.find((entry) => entry.action === 'override');
    assert.equal(recorded?.details.followUpHours, 24);
    await ada.identity.trust.setPolicy('prod', {
      policy: { approvalsRequired: 1, emergencyOverride: { allowed: true, followUpHours: 24 } },
    });
  });

  it("the author's own approval does not resolve it", async () => {
    await ada.identity.approvals.approve(first, { decision: 'approved', comment: 'my own' });
    assert.equal(followUpOf(await ada.followUps.list(), firstRun).state, 'pending');
  });

  it('at +25 h it is overdue for Ada, not for Bob', async () => {
    now = at(25);
    const followUp = followUpOf(await ada.followUps.list(), firstRun);
    assert.equal(followUp.state, 'overdue');
    assert.match(followUp.message, /^Ask an approver other than Ada/);
    assert.match(followUp.message, /Ada cannot use another emergency override/);
    assert.deepEqual(
      (await ada.followUps.overdueOf(adaKeyId)).map((item) => item.runId),
      [firstRun],
    );
    assert.deepEqual(await ada.followUps.overdueOf(bobKeyId), []);
  });

  it("Ada's next override is refused by the override gate (exit 3), and audited as overdue once", async () => {
    // A line planted in an audit file of a key nobody trusts does not count as recorded.
    const planted = {
      seq: 1,
      at: at(24.5).toISOString(),
      actor: 'f'.repeat(64),
      action: FOLLOW_UP_OVERDUE_ACTION,
      subject: `run/${firstRun}`,
      details: {},
      prev: null,
      hash: `sha256:${'0'.repeat(64)}`,
    };
    await writeFile(join(workspace.dir, 'audit', `${'f'.repeat(64)}.jsonl`), `${JSON.stringify(planted)}\n`);
    const second = await wrapUpChangeset(ada, 'Flood closure');
    await assert.rejects(
      ada.promotions.promote(second, 'prod', { overrideReason: 'INC-8 flood' }),
      (error: unknown) => {
        assert.ok(error instanceof FerryError, String(error));
        assert.equal(error.code, 'gate.refused');
        assert.equal(exitCodeFor(error.code), 3);
        assert.match(error.message, /override: /);
        return true;
      },
    );
    // The same refusal through the CLI.
    const cli = await workspace.cli([
      '--json',
      'promote',
      second,
      '--to',
      'prod',
      '--override-reason',
      'INC-8',
    ]);
    assert.equal(cli.code, 3, cli.stdout + cli.stderr);
    assert.match(cli.stdout, /override/);
    assert.deepEqual(await overdueEntries(), [`run/${firstRun}`], 'audited once, however often observed');
  });

  it("Bob's override passes; his own follow-up opens, pending", async () => {
    const third = await wrapUpChangeset(bob, 'Power cut');
    bobRun = await override(bob, third, 'INC-9 power cut');
    const followUps = await bob.followUps.list();
    assert.equal(followUpOf(followUps, bobRun).state, 'pending');
    assert.equal(followUpOf(followUps, bobRun).overriddenBy.owner, 'Bob');
    assert.deepEqual(await overdueEntries(), [`run/${firstRun}`], 'not audited a second time');
  });

  it('recordOverdue records nothing already recorded', async () => {
    assert.deepEqual(await ada.followUps.recordOverdue(adaKeyId), []);
    assert.deepEqual(await overdueEntries(), [`run/${firstRun}`]);
  });

  it('`ferry runs` and `ferry followups` show it overdue first, with what to do', async () => {
    const runs = await workspace.cli(['runs']);
    assert.equal(runs.code, 0, runs.stderr);
    const block = runs.stdout.slice(runs.stdout.indexOf('Follow-ups of emergency overrides'));
    assert.match(block, /^Follow-ups of emergency overrides: 1 overdue, 1 pending/);
    assert.ok(block.indexOf('OVERDUE') < block.indexOf('pending '), block);
    assert.match(
      block,
      new RegExp(
        `Ask an approver other than Ada \\(who overrode it and wrote it\\) to run: ferry approve ${first}`,
      ),
    );

    const json = await workspace.cli(['runs', '--json']);
    const data = JSON.parse(json.stdout) as { id: string }[];
    assert.ok(
      data.some((run) => run.id === firstRun),
      'ferry runs --json stays the list of runs',
    );

    const listed = await workspace.cli(['followups', '--json']);
    assert.equal(listed.code, 0, listed.stderr);
    assert.equal(followUpOf(JSON.parse(listed.stdout) as FollowUp[], firstRun).state, 'overdue');
    assert.equal(followUpOf(JSON.parse(listed.stdout) as FollowUp[], bobRun).state, 'pending');
    const words = await workspace.cli(['followups']);
    assert.equal(words.code, 0, 'overdue follow-ups inform; they are not a failing exit code');
    assert.match(words.stdout, /1 overdue, 1 pending, 0 resolved, 0 resolved late/);
  });

  it('a forged or unsigned override run frames no one', async () => {
    const forged = firstRun.replace(/-[0-9a-f]{6}$/, '-f0f0f0');
    await cp(join(workspace.dir, 'runs', firstRun), join(workspace.dir, 'runs', forged), { recursive: true });
    const unsigned = bobRun.replace(/-[0-9a-f]{6}$/, '-0a0a0a');
    await mkdir(join(workspace.dir, 'runs', unsigned));
    for (const file of ['plan.json', 'journal.jsonl', 'result.json']) {
      const text = await readFile(join(workspace.dir, 'runs', bobRun, file), 'utf8');
      await writeFile(join(workspace.dir, 'runs', unsigned, file), text.replaceAll(bobRun, unsigned));
    }
    const runIds = (await ada.followUps.list()).map((followUp) => followUp.runId).sort();
    assert.deepEqual(runIds, [firstRun, bobRun].sort());
  });

  it("Rita's retrospective approval resolves it late, and Ada may override again", async () => {
    now = at(26);
    await rita.identity.approvals.approve(first, {
      decision: 'approved',
      comment: 'reviewed after the storm',
    });
    const followUp = followUpOf(await ada.followUps.list(), firstRun);
    assert.equal(followUp.state, 'resolved-late');
    assert.equal(followUp.approvedBy?.owner, 'Rita');
    assert.equal(followUp.approvedBy?.at, at(26).toISOString());
    assert.deepEqual(await ada.followUps.overdueOf(adaKeyId), []);
    const fourth = await wrapUpChangeset(ada, 'Heat wave');
    await override(ada, fourth, 'INC-10 heat wave');
  });
});
