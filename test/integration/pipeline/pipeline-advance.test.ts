import assert from 'node:assert/strict';
import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { FerryError } from '../../../shared/api/api-error';
import type { PipelineStatus } from '../../../shared/promotion/pipeline/pipeline';
import { createFerryServices, type FerryServices } from '../../../electron/host/core/ferry-services';
import { exitCodeFor } from '../../../electron/host/cli/exit-codes';
import { SEEDED_DRIFT } from '../../../electron/sandbox';
import { sandboxWorkspace, type SandboxWorkspace } from '../../support/sandbox-workspace';
import { tempDir } from '../../support/temp-dir';

const VAULT = { FERRY_VAULT_PASSPHRASE: 'pipeline test passphrase' };
/** Monday 23 November 2026, 10:00 UTC: outside prod's evening window. */
const MORNING = new Date('2026-11-23T10:00:00Z');

let now = MORNING;
let workspace: SandboxWorkspace;
let ada: FerryServices;
let rita: FerryServices;

/** Prod opens only in the evening (18:00–04:00 UTC), after an hour of soak in uat. */
const PIPELINE = {
  name: 'main',
  stages: [
    { environment: 'dev' },
    { environment: 'uat' },
    {
      environment: 'prod',
      soakHours: 1,
      requireNoDrift: true,
      windows: [{ name: 'evenings', cron: '0 18 * * *', durationMinutes: 600, timeZone: 'UTC' }],
    },
  ],
};

before(async () => {
  workspace = await sandboxWorkspace({
    prefix: 'ferry-pipeline-',
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
  rita = createFerryServices({
    dataDir: join(await tempDir('ferry-pipeline-rita-'), 'data'),
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
  await ada.identity.trust.setPolicy('dev', { policy: { approvalsRequired: 0 } });
  await ada.identity.trust.setPolicy('uat', { policy: { approvalsRequired: 0 } });
  // One approval whatever the risk rules make of a new skill (low with the issue 20 rules).
  await ada.identity.trust.setPolicy('prod', {
    policy: { approvalsRequired: 1, approvalsByRisk: { low: 1, medium: 1, high: 2, critical: 2 } },
  });
  await ada.pipelines.set([PIPELINE], 'pipeline.json');
});
after(() => workspace.close());

async function skillChangeset(title: string, skill: string): Promise<string> {
  const created = await ada.authoring.addPicks({
    a: 'uat',
    b: 'dev',
    title,
    picks: [{ type: 'routing.skill', key: SEEDED_DRIFT.devOnly.skill }],
  });
  const { changeset } = await ada.changesets.get(created.changeset.id);
  await ada.changesets.save({
    ...changeset,
    operations: [{ op: 'create', type: 'routing.language', key: skill, body: { name: skill } }],
  });
  return created.changeset.id;
}

function stage(status: PipelineStatus, environment: string) {
  const found = status.stages.find((candidate) => candidate.environment === environment);
  assert.ok(found, `stage ${environment}`);
  return found;
}

async function refusedWith(promise: Promise<unknown>, code: string, pattern?: RegExp): Promise<FerryError> {
  let caught: FerryError | null = null;
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof FerryError, String(error));
    assert.equal(error.code, code, error.message);
    if (pattern) assert.match(error.message, pattern);
    caught = error;
    return true;
  });
  return caught as unknown as FerryError;
}

async function runsOf(changesetId: string) {
  return (await ada.engine.runs()).filter((run) => run.changesetId === changesetId);
}

describe('pipeline dev → uat → prod with soak, a window and risk-based approvals', () => {
  let changesetId = '';

  it('starts ready to enter dev, and advances into it', async () => {
    changesetId = await skillChangeset('Pipeline skill', 'Pipeline Skill');
    const first = await ada.pipelines.status(changesetId);
    assert.equal(first.pipeline, 'main');
    assert.equal(first.next, 'dev');
    assert.equal(stage(first, 'dev').state, 'ready');
    assert.equal(stage(first, 'prod').state, 'pending');
    const advanced = await ada.pipelines.advance(changesetId);
    assert.equal(advanced.environment, 'dev');
    assert.equal(advanced.result.status, 'succeeded', advanced.result.failure?.message);
    assert.equal(stage(advanced.status, 'dev').state, 'done');
    assert.equal(stage(advanced.status, 'uat').state, 'ready');
    assert.equal(advanced.status.next, 'uat');
  });

  it('advances into uat; prod then waits for the soak, the window and an approval', async () => {
    const advanced = await ada.pipelines.advance(changesetId);
    assert.equal(advanced.environment, 'uat');
    assert.equal(advanced.result.status, 'succeeded', advanced.result.failure?.message);
    const status = await ada.pipelines.status(changesetId);
    const prod = stage(status, 'prod');
    assert.equal(prod.state, 'waiting');
    const soak = prod.waits.find((wait) => wait.rule === 'soak');
    assert.ok(soak, JSON.stringify(prod.waits));
    assert.equal(
      soak.until,
      new Date(new Date(advanced.result.finishedAt).getTime() + 3_600_000).toISOString(),
    );
    assert.match(soak.message, /^soaking in uat until .* \(1 h left\)$/);
    assert.ok(prod.waits.some((wait) => wait.rule === 'window'));
    assert.match(status.summary, /^Waiting to enter prod: soaking in uat/);
    const refused = await refusedWith(
      ada.pipelines.advance(changesetId),
      'pipeline.waiting',
      /soaking in uat/,
    );
    assert.equal(exitCodeFor(refused.code), 3);
  });

  it('past the soak but outside the window it waits for the window, with when it opens', async () => {
    now = new Date('2026-11-23T12:00:00Z');
    const prod = stage(await ada.pipelines.status(changesetId), 'prod');
    assert.equal(
      prod.waits.some((wait) => wait.rule === 'soak'),
      false,
    );
    const window = prod.waits.find((wait) => wait.rule === 'window');
    assert.ok(window, JSON.stringify(prod.waits));
    assert.equal(window.until, '2026-11-23T18:00:00.000Z');
    assert.match(window.message, /outside the allowed windows of prod .*next opens 18:00 UTC \(in 6 h\)/);
    await refusedWith(ada.pipelines.advance(changesetId), 'pipeline.waiting', /allowed windows/);
  });

  it('inside the window it needs the approval the risk requires; approved, it advances into prod', async () => {
    now = new Date('2026-11-23T19:00:00Z');
    const waiting = stage(await ada.pipelines.status(changesetId), 'prod');
    assert.deepEqual(
      waiting.waits.map((wait) => wait.rule),
      ['gates'],
      JSON.stringify(waiting.waits),
    );
    // A new language in prod scores the tier's point alone: low, which this policy gives 1 approval.
    assert.match(waiting.waits[0]?.message ?? '', /^needs approvals \(risk low\): .*0 of 1 approval/);
    assert.match(waiting.waits[0]?.message ?? '', new RegExp(`ferry approve ${changesetId}`));
    await rita.identity.approvals.approve(changesetId, { decision: 'approved', comment: 'fine for prod' });
    const ready = await ada.pipelines.status(changesetId);
    assert.equal(stage(ready, 'prod').state, 'ready', JSON.stringify(stage(ready, 'prod').waits));
    const advanced = await ada.pipelines.advance(changesetId);
    assert.equal(advanced.environment, 'prod');
    assert.equal(advanced.result.status, 'succeeded', advanced.result.failure?.message);
    assert.deepEqual(
      advanced.status.stages.map((candidate) => candidate.state),
      ['done', 'done', 'done'],
    );
    assert.equal(advanced.status.next, null);
    await refusedWith(ada.pipelines.advance(changesetId), 'pipeline.finished');
    const prodSkills = await (await ada.environments.connector('prod')).list('routing.language');
    assert.ok(prodSkills.some((skill) => skill.name === 'Pipeline Skill'));
  });

  it('audits each advance with the pipeline, digest and stages', async () => {
    const keyId = (await ada.identity.keys.requireIdentity()).keyId;
    const entries = (await ada.identity.audit.entries(keyId)).filter(
      (entry) => entry.action === 'pipeline-advance' && entry.subject === `changeset/${changesetId}`,
    );
    const { digest } = await ada.changesets.get(changesetId);
    assert.deepEqual(
      entries.map((entry) => entry.details),
      [
        { pipeline: 'main', changesetId, digest, from: null, to: 'dev' },
        { pipeline: 'main', changesetId, digest, from: 'dev', to: 'uat' },
        { pipeline: 'main', changesetId, digest, from: 'uat', to: 'prod' },
      ],
    );
  });
});

describe('pipeline evidence and races', () => {
  it('a change edited in uat after its run there blocks prod with a drift wait', async () => {
    now = new Date('2026-11-23T19:00:00Z');
    const changesetId = await skillChangeset('Drifting skill', 'Drifting Skill');
    await ada.pipelines.advance(changesetId);
    await ada.pipelines.advance(changesetId);
    await rita.identity.approvals.approve(changesetId, { decision: 'approved', comment: 'ok' });
    now = new Date('2026-11-23T20:30:00Z');
    assert.equal(stage(await ada.pipelines.status(changesetId), 'prod').state, 'ready');
    const uat = await ada.environments.connector('uat');
    const skill = (await uat.list('routing.language')).find(
      (candidate) => candidate.name === 'Drifting Skill',
    );
    assert.ok(skill);
    await uat.remove('routing.language', String(skill.id));
    const prod = stage(await ada.pipelines.status(changesetId), 'prod');
    assert.equal(prod.state, 'waiting');
    const drift = prod.waits.find((wait) => wait.rule === 'drift');
    assert.ok(drift, JSON.stringify(prod.waits));
    assert.match(drift.message, /uat drifted since run .*Drifting Skill.* no longer there/);
    await refusedWith(ada.pipelines.advance(changesetId), 'pipeline.waiting', /drifted/);
  });

  it('a forged run folder is not progress and is named nowhere', async () => {
    const genuine = await skillChangeset('Genuine', 'Genuine Skill');
    const genuineRun = (await ada.pipelines.advance(genuine)).result.runId;
    const forged = await skillChangeset('Forged', 'Forged Skill');
    const { digest } = await ada.changesets.get(forged);
    const forgedRun = genuineRun.replace(genuine, forged).replace(/-[0-9a-f]{6}$/, '-f0f0f0');
    const folder = join(workspace.dir, 'runs', forgedRun);
    await cp(join(workspace.dir, 'runs', genuineRun), folder, { recursive: true });
    const { digest: genuineDigest } = await ada.changesets.get(genuine);
    for (const file of ['plan.json', 'result.json', 'journal.jsonl']) {
      const text = await readFile(join(folder, file), 'utf8');
      await writeFile(
        join(folder, file),
        text.replaceAll(genuineRun, forgedRun).replaceAll(genuine, forged).replaceAll(genuineDigest, digest),
      );
    }
    assert.ok(
      (await runsOf(forged)).some((run) => run.id === forgedRun),
      'the engine lists the folder',
    );
    const status = await ada.pipelines.status(forged);
    assert.equal(status.next, 'dev');
    assert.equal(stage(status, 'dev').state, 'ready');
    assert.equal(JSON.stringify(status).includes(forgedRun), false);
  });

  it('two advances at once write one run; the other is refused', async () => {
    const changesetId = await skillChangeset('Raced', 'Raced Skill');
    const outcomes = await Promise.allSettled([
      ada.pipelines.advance(changesetId),
      ada.pipelines.advance(changesetId),
    ]);
    const fulfilled = outcomes.filter((outcome) => outcome.status === 'fulfilled');
    const rejected = outcomes.filter((outcome) => outcome.status === 'rejected');
    assert.equal(fulfilled.length, 1, JSON.stringify(outcomes));
    assert.equal(rejected.length, 1);
    const reason: unknown = rejected[0]?.reason;
    assert.ok(reason instanceof FerryError && reason.code === 'pipeline.waiting', String(reason));
    assert.match(reason.message, /Another advance moved .* into dev/);
    assert.equal((await runsOf(changesetId)).length, 1);
  });

  it('names what is wrong with a pipeline file, and which pipeline when several or none', async () => {
    await refusedWith(
      ada.pipelines.set([{ name: 'typo', stages: [{ environment: 'prd' }] }], 'typo.json'),
      'pipeline.invalid',
      /typo\.json.*stages\[0\]\.environment "prd" is not an environment/,
    );
    await refusedWith(
      ada.pipelines.status('no-such', { pipeline: 'other' }),
      'pipeline.not-found',
      /"other"/,
    );
  });
});
