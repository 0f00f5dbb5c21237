import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { FerryError } from '../../../shared/api/api-error';
import type { GateResult } from '../../../shared/model/plan';
import { createFerryServices, type FerryServices } from '../../../electron/host/core/ferry-services';
import { exitCodeFor } from '../../../electron/host/cli/exit-codes';
import { SEEDED_DRIFT } from '../../../electron/sandbox';
import { sandboxWorkspace, type SandboxWorkspace } from '../../support/sandbox-workspace';

/**
 * Issue 20: a signed pipeline's rules are a gate of EVERY promotion into a later stage, not only
 * of `ferry pipeline advance`: a person cannot promote straight to prod from the Promotions page
 * or `ferry promote` while uat soaks, or with no uat run at all, unless in an emergency override.
 */
const VAULT = { FERRY_VAULT_PASSPHRASE: 'pipeline gate test passphrase' };
const START = new Date('2026-11-23T10:00:00Z');
const HOUR = 3_600_000;

let now = START;
let workspace: SandboxWorkspace;
let ada: FerryServices;

const PIPELINE = {
  name: 'main',
  stages: [{ environment: 'dev' }, { environment: 'uat' }, { environment: 'prod', soakHours: 24 }],
};

before(async () => {
  workspace = await sandboxWorkspace({
    prefix: 'ferry-pipeline-gate-',
    author: { name: 'Ada', email: 'ada@example.test' },
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
  const adaKey = await ada.identity.keys.init({ owner: 'Ada' });
  await ada.identity.trust.add(adaKey.publicKey, { owner: 'Ada', roles: ['author', 'approver'] });
  // No approvals anywhere: the only gate a direct promotion can fail here is the pipeline's.
  await ada.identity.trust.setPolicy('dev', { policy: { approvalsRequired: 0 } });
  await ada.identity.trust.setPolicy('uat', { policy: { approvalsRequired: 0 } });
  await ada.identity.trust.setPolicy('prod', {
    policy: { approvalsRequired: 0, emergencyOverride: { allowed: true } },
  });
  await ada.pipelines.set([PIPELINE], 'pipeline.json');
});
after(() => workspace.close());

async function languageChangeset(title: string, name: string): Promise<string> {
  const created = await ada.authoring.addPicks({
    a: 'uat',
    b: 'dev',
    title,
    picks: [{ type: 'routing.skill', key: SEEDED_DRIFT.devOnly.skill }],
  });
  const { changeset } = await ada.changesets.get(created.changeset.id);
  await ada.changesets.save({
    ...changeset,
    operations: [{ op: 'create', type: 'routing.language', key: name, body: { name } }],
  });
  return created.changeset.id;
}

async function refused(promise: Promise<unknown>): Promise<GateResult> {
  let gate: GateResult | undefined;
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof FerryError, String(error));
    assert.equal(error.code, 'gate.refused', error.message);
    assert.equal(exitCodeFor(error.code), 3);
    const gates = (error.details as { gates: GateResult[] }).gates;
    gate = gates.find((candidate) => candidate.gate === 'pipeline');
    assert.ok(gate, JSON.stringify(gates));
    assert.equal(gate.passed, false);
    // The pipeline gate is the only one that failed.
    assert.deepEqual(
      gates.filter((candidate) => !candidate.passed).map((candidate) => candidate.gate),
      ['pipeline'],
    );
    return true;
  });
  return gate as unknown as GateResult;
}

async function promoted(changesetId: string, environment: string, overrideReason?: string) {
  const { result } = await ada.promotions.promote(
    changesetId,
    environment,
    overrideReason !== undefined ? { overrideReason } : {},
  );
  assert.equal(result.status, 'succeeded', result.failure?.message);
  return result;
}

describe('a signed pipeline gates every promotion into a later stage', () => {
  let changesetId = '';

  it('the first stage has no pipeline gate; prod with no uat run is refused, naming uat', async () => {
    now = START;
    changesetId = await languageChangeset('Gate language', 'Gate Language');
    const dev = await ada.promotions.plan(changesetId, 'dev');
    assert.equal(
      dev.decision.gates.some((gate) => gate.gate === 'pipeline'),
      false,
      'the first stage of a pipeline gets no pipeline gate row',
    );
    await promoted(changesetId, 'dev');
    const gate = await refused(ada.promotions.promote(changesetId, 'prod'));
    assert.match(gate.reason, /pipeline main/);
    assert.match(gate.reason, /uat/);
    assert.match(gate.reason, /none yet, move it into uat first/);
    assert.match(gate.reason, new RegExp(`ferry pipeline advance ${changesetId}`));
  });

  it('after uat succeeded, still refused during the soak', async () => {
    const uat = await promoted(changesetId, 'uat');
    const plan = await ada.promotions.plan(changesetId, 'uat');
    assert.equal(plan.decision.gates.find((gate) => gate.gate === 'pipeline')?.passed, true);
    now = new Date(new Date(uat.finishedAt).getTime() + 2 * HOUR);
    const gate = await refused(ada.promotions.promote(changesetId, 'prod'));
    assert.match(gate.reason, /soaking in uat until .*22 h left/);
    // Nothing was written to prod.
    const languages = await (await ada.environments.connector('prod')).list('routing.language');
    assert.equal(
      languages.some((language) => language.name === 'Gate Language'),
      false,
    );
  });

  it('after the soak a direct promotion to prod passes the pipeline gate', async () => {
    now = new Date(now.getTime() + 23 * HOUR);
    const plan = await ada.promotions.plan(changesetId, 'prod');
    const gate = plan.decision.gates.find((candidate) => candidate.gate === 'pipeline');
    assert.equal(gate?.passed, true, gate?.reason);
    assert.match(gate?.reason ?? '', /pipeline main/);
    const result = await promoted(changesetId, 'prod');
    assert.equal(result.override, null);
    const status = await ada.pipelines.status(changesetId);
    assert.equal(status.next, null);
  });

  it('an emergency override goes through during the soak, and the run records it', async () => {
    now = new Date('2026-11-30T10:00:00Z');
    const id = await languageChangeset('Urgent language', 'Urgent Language');
    await promoted(id, 'dev');
    await promoted(id, 'uat');
    now = new Date(now.getTime() + HOUR);
    await refused(ada.promotions.promote(id, 'prod'));
    const result = await promoted(id, 'prod', 'P1 outage: the IVR needs this language now');
    assert.equal(result.override?.reason, 'P1 outage: the IVR needs this language now');
    const gate = result.gates.find((candidate) => candidate.gate === 'pipeline');
    assert.equal(gate?.passed, false);
    assert.match(gate?.reason ?? '', /soaking in uat/);
    const keyId = (await ada.identity.keys.requireIdentity()).keyId;
    const overrides = (await ada.identity.audit.entries(keyId)).filter(
      (entry) => entry.action === 'override' && entry.subject === `changeset/${id}`,
    );
    assert.equal(overrides.length, 1);
    assert.deepEqual((overrides[0]?.details as { gates: string[] }).gates, ['pipeline']);
    // As any override: it opens a follow-up (an approval after the fact).
    const followUp = (await ada.followUps.list()).find((candidate) => candidate.runId === result.runId);
    assert.equal(followUp?.state, 'pending', JSON.stringify(followUp));
  });
});
