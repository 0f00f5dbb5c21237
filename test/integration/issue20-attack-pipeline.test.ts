import assert from 'node:assert/strict';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { FerryError } from '../../shared/api/api-error';
import type { PipelineStatus } from '../../shared/promotion/pipeline/pipeline';
import { createFerryServices, type FerryServices } from '../../electron/host/core/ferry-services';
import { sandboxWorkspace, type SandboxWorkspace } from '../support/sandbox-workspace';

/**
 * Issue 20 attacks on pipelines, by a teammate with push access and her own key (author, approver),
 * not an admin: evidence she edits (a result's finishedAt to skip the soak), a run rolled back
 * after it succeeded, a changeset changed after uat, an unsigned pipeline written into trust/root
 * or trust/proposals, and two `ferry pipeline advance` processes at once.
 */

const VAULT = { FERRY_VAULT_PASSPHRASE: 'pipeline attacks passphrase' };
/** Monday 23 November 2026, 19:00 UTC: inside prod's evening window. */
const EVENING = new Date('2026-11-23T19:00:00Z');
const HOUR = 3_600_000;

let now = EVENING;
let workspace: SandboxWorkspace;
let ada: FerryServices;

/** Prod after 4 hours of soak in uat; no approvals anywhere, so only the pipeline rules decide. */
const PIPELINE = {
  name: 'main',
  stages: [
    { environment: 'dev' },
    { environment: 'uat' },
    {
      environment: 'prod',
      soakHours: 4,
      windows: [{ name: 'evenings', cron: '0 18 * * *', durationMinutes: 600, timeZone: 'UTC' }],
    },
  ],
};

before(async () => {
  workspace = await sandboxWorkspace({
    prefix: 'ferry-pipeline-attacks-',
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
  for (const environment of ['dev', 'uat', 'prod']) {
    await ada.identity.trust.setPolicy(environment, { policy: { approvalsRequired: 0 } });
  }
  await ada.pipelines.set([PIPELINE], 'pipeline.json');
});
after(() => workspace.close());

async function languageChangeset(name: string): Promise<string> {
  const { changeset } = await ada.changesets.create({
    title: name,
    idPrefix: name.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
    operations: [{ op: 'create', type: 'routing.language', key: name, body: { name } }],
  });
  return changeset.id;
}

function stage(status: PipelineStatus, environment: string) {
  const found = status.stages.find((candidate) => candidate.environment === environment);
  assert.ok(found, `stage ${environment}`);
  return found;
}

async function runsOf(changesetId: string) {
  return (await ada.engine.runs()).filter((run) => run.changesetId === changesetId);
}

/** Into dev and uat at EVENING; answers the uat run. */
async function throughUat(changesetId: string): Promise<string> {
  now = EVENING;
  assert.equal((await ada.pipelines.advance(changesetId)).environment, 'dev');
  const uat = await ada.pipelines.advance(changesetId);
  assert.equal(uat.environment, 'uat');
  assert.equal(uat.result.status, 'succeeded', uat.result.failure?.message);
  return uat.result.runId;
}

async function waiting(changesetId: string, rule: RegExp): Promise<void> {
  await assert.rejects(ada.pipelines.advance(changesetId), (error: unknown) => {
    assert.ok(error instanceof FerryError, String(error));
    assert.match(error.code, /^pipeline\.(waiting|invalid)$|^trust\./, error.message);
    assert.match(error.message, rule);
    return true;
  });
}

describe('issue 20 attack: pipeline evidence cannot be doctored', () => {
  it('a uat result whose finishedAt is moved back (to skip the soak) is not evidence', async () => {
    const changesetId = await languageChangeset('Backdated Soak');
    const uatRun = await throughUat(changesetId);
    const file = join(workspace.dir, 'runs', uatRun, 'result.json');
    const text = await readFile(file, 'utf8');
    const result = JSON.parse(text) as { finishedAt: string };
    const earlier = new Date(Date.parse(result.finishedAt) - 5 * HOUR).toISOString();
    await writeFile(file, text.replace(result.finishedAt, earlier));
    const status = await ada.pipelines.status(changesetId);
    assert.notEqual(stage(status, 'prod').state, 'ready', JSON.stringify(status));
    assert.equal(status.next === 'prod' && stage(status, 'prod').state === 'ready', false);
    assert.equal(JSON.stringify(status).includes(earlier), false, 'the edited time is named nowhere');
    if (status.next === 'prod') await waiting(changesetId, /.+/);
    assert.equal((await runsOf(changesetId)).filter((run) => run.environment === 'prod').length, 0);
    await writeFile(file, text);
  });

  it('a uat run rolled back after it succeeded is not evidence for prod', async () => {
    const changesetId = await languageChangeset('Rolled Back');
    const uatRun = await throughUat(changesetId);
    const undone = await ada.promotions.rollback(uatRun);
    assert.equal(undone.status, 'succeeded', undone.failure?.message);
    now = new Date(EVENING.getTime() + 5 * HOUR);
    const status = await ada.pipelines.status(changesetId);
    assert.notEqual(stage(status, 'prod').state, 'ready', JSON.stringify(status));
    assert.equal(status.next, 'uat', JSON.stringify(status));
    // A deliberate rollback reads as rolled back (uat as before the run), not as a failure.
    assert.equal(stage(status, 'uat').state, 'rolled-back', JSON.stringify(status));
    assert.match(status.summary, /was rolled back: uat holds what it had before that run/);
  });

  it('a changeset changed after uat starts over at dev (its digest has no runs)', async () => {
    const changesetId = await languageChangeset('Changed After Uat');
    await throughUat(changesetId);
    const { changeset } = await ada.changesets.get(changesetId);
    await ada.changesets.save({
      ...changeset,
      operations: [
        {
          op: 'create',
          type: 'routing.language',
          key: 'Changed After Uat 2',
          body: { name: 'Changed After Uat 2' },
        },
      ],
    });
    now = new Date(EVENING.getTime() + 5 * HOUR);
    const status = await ada.pipelines.status(changesetId);
    assert.equal(status.next, 'dev', JSON.stringify(status));
    assert.equal(stage(status, 'prod').state === 'ready', false);
    const advanced = await ada.pipelines.advance(changesetId);
    assert.equal(advanced.environment, 'dev');
  });
});

describe('issue 20 attack: pipelines only from the signed trust root', () => {
  let changesetId = '';
  const soakWait = /soak/;

  before(async () => {
    changesetId = await languageChangeset('Unsigned Pipeline');
    await throughUat(changesetId);
  });

  it('an unsigned proposal that drops the soak changes nothing', async () => {
    const rootDir = join(workspace.dir, 'trust', 'root');
    const versions = (await readdir(rootDir))
      .map((name) => Number.parseInt(name, 10))
      .filter(Number.isFinite);
    const latest = Math.max(...versions);
    const envelope = JSON.parse(await readFile(join(rootDir, `${latest}.json`), 'utf8')) as {
      payload: string;
      signatures: unknown[];
    };
    const document = JSON.parse(Buffer.from(envelope.payload, 'base64').toString('utf8')) as {
      pipelines?: { stages: Record<string, unknown>[] }[];
    };
    const prodStage = document.pipelines?.[0]?.stages[2];
    assert.ok(prodStage, 'the signed root holds the pipeline');
    delete prodStage.soakHours;
    delete prodStage.windows;
    const edited = { ...envelope, payload: Buffer.from(JSON.stringify(document)).toString('base64') };
    const proposals = join(workspace.dir, 'trust', 'proposals');
    await writeFile(
      join(proposals, `${latest + 1}.json`),
      JSON.stringify({ ...edited, signatures: [] }),
    ).catch(async () => {
      const { mkdir } = await import('node:fs/promises');
      await mkdir(proposals, { recursive: true });
      await writeFile(join(proposals, `${latest + 1}.json`), JSON.stringify({ ...edited, signatures: [] }));
    });
    const status = await ada.pipelines.status(changesetId);
    assert.equal(status.next, 'prod');
    assert.ok(
      stage(status, 'prod').waits.some((wait) => soakWait.test(wait.message)),
      JSON.stringify(status),
    );
    await waiting(changesetId, soakWait);
    await rm(join(proposals, `${latest + 1}.json`));

    // The same document edited in place in trust/root (its signatures no longer cover it).
    const rootFile = join(rootDir, `${latest}.json`);
    const original = await readFile(rootFile, 'utf8');
    await writeFile(rootFile, JSON.stringify(edited));
    try {
      let status2: PipelineStatus | null = null;
      try {
        status2 = await ada.pipelines.status(changesetId);
      } catch (error) {
        assert.ok(error instanceof FerryError, String(error));
        assert.match(error.code, /^trust\./, error.message);
      }
      if (status2 !== null) {
        assert.ok(
          stage(status2, 'prod').waits.some((wait) => soakWait.test(wait.message)),
          JSON.stringify(status2),
        );
      }
      await assert.rejects(ada.pipelines.advance(changesetId));
      // A new root version signed by nobody (or by a non-admin) is not the root either.
      await writeFile(rootFile, original);
      await writeFile(join(rootDir, `${latest + 1}.json`), JSON.stringify(edited));
      await assert.rejects(ada.pipelines.advance(changesetId));
      assert.equal((await runsOf(changesetId)).filter((run) => run.environment === 'prod').length, 0);
    } finally {
      await writeFile(rootFile, original);
      await rm(join(rootDir, `${latest + 1}.json`), { force: true });
    }
    assert.equal(stage(await ada.pipelines.status(changesetId), 'prod').state, 'waiting');
  });
});

describe('issue 20 attack: two advance processes at once', () => {
  it('two `ferry pipeline advance` CLI processes write exactly one run', async () => {
    const changesetId = await languageChangeset('Two Processes');
    const [first, second] = await Promise.all([
      workspace.cli(['pipeline', 'advance', changesetId]),
      workspace.cli(['pipeline', 'advance', changesetId]),
    ]);
    const both = `${first.stdout}${first.stderr}\n${second.stdout}${second.stderr}`;
    // One moves it into dev; the other waits for it, then finds it moved (pipeline.waiting, 3).
    assert.deepEqual([first.code, second.code].sort(), [0, 3], both);
    assert.match(both, /Another advance moved .* into dev/);
    assert.doesNotMatch(both, /audit log .* was rewritten/);
    assert.equal((await runsOf(changesetId)).length, 1);
    // The chain of the key both processes signed with is whole: the next record appends to it.
    const keyId = (await ada.identity.keys.requireIdentity()).keyId;
    const advances = (await ada.identity.audit.entries(keyId)).filter(
      (entry) => entry.action === 'pipeline-advance' && entry.subject === `changeset/${changesetId}`,
    );
    assert.equal(advances.length, 1);
    now = new Date(Date.now() + 60_000); // the CLI ran on the real clock
    assert.equal((await ada.pipelines.advance(changesetId)).environment, 'uat');
  });
});
