import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { RemoteLease } from '../../../electron/services/locks/remote-lease';
import { startGitHttpServer, type GitHttpServer } from '../../support/git-http-server';
import { codesInOrg, promoteAndKill, runWorld, type RunWorld } from '../security/run-fixture';
import { wrapupCode } from './promotion-test-support';

/**
 * A promotion killed mid-run in a team workspace leaves its environment lease held on the shared
 * remote (nobody released it). Recovering that run on the same machine takes the run's own lease
 * back at once, instead of being refused by it until it expires; anyone else is still refused.
 * The real `ferry` bin, a real git server and the sandbox.
 */

const USER = 'release-team';
const PASSWORD = 'recover-Pass-61be02-DO-NOT-LEAK';
const run = promisify(execFile);

let world: RunWorld;
let server: GitHttpServer;

function lease(): RemoteLease {
  return new RemoteLease({
    url: server.url,
    credentials: () => Promise.resolve({ username: USER, password: PASSWORD }),
  });
}

describe('recovering an interrupted run in a team workspace', () => {
  before(async () => {
    // The CLI processes the fixture starts read the remote's credentials from their environment.
    process.env.FERRY_GIT_USERNAME = USER;
    process.env.FERRY_GIT_PASSWORD = PASSWORD;
    world = await runWorld('ferry-lease-recovery-', { latency: 'latency=20-40,seed=8' });
    server = await startGitHttpServer({ user: USER, password: PASSWORD });
    await world.services.remotes.add('origin', server.url);
    // Not execFileSync: the server answers from this very process, so git must not block it.
    await run('git', [
      '-C',
      world.dir,
      'push',
      '--quiet',
      server.url.replace('http://', `http://${USER}:${PASSWORD}@`),
      'main',
    ]);
  });
  after(async () => {
    delete process.env.FERRY_GIT_USERNAME;
    delete process.env.FERRY_GIT_PASSWORD;
    await server?.close();
    await world?.close();
  });

  it('takes back the lease its dead process left, resumes, and releases it; others stay refused meanwhile', async () => {
    const { changeset } = await world.services.changesets.create({
      title: 'resume under lease',
      idPrefix: 'leased',
      operations: Array.from({ length: 12 }, (_, index) => ({
        op: 'create' as const,
        type: 'routing.wrapupcode',
        key: `Leased code ${index + 1}`,
        body: wrapupCode(`Leased code ${index + 1}`),
      })),
    });
    const runId = await promoteAndKill(world, changeset.id, 'leased', 7);

    // The dead run still holds uat's lease: its process never released it.
    const left = await lease().inspect('uat');
    assert.equal(left?.state, 'held');
    assert.equal(left?.runId, runId);
    assert.equal(left?.keyId, world.keyId);
    // Another run is refused by it, naming the interrupted run.
    const other = new RemoteLease({
      url: server.url,
      credentials: () => Promise.resolve({ username: USER, password: PASSWORD }),
    });
    await assert.rejects(
      other.acquire('uat', { holder: 'Sam', runId: 'run-sam', purpose: 'x', ttlMs: 60_000 }),
      (error: Error & { code?: string }) =>
        error.code === 'environment.locked' && error.message.includes(runId),
    );

    const resumed = await world.cli(['resume', runId]);
    assert.equal(resumed.code, 0, `${resumed.stdout}${resumed.stderr}`);
    const codes = await codesInOrg(world.sandbox, 'uat');
    assert.equal([...codes.keys()].filter((name) => name.startsWith('Leased code')).length, 12);
    const result = JSON.parse(await readFile(join(world.dir, 'runs', runId, 'result.json'), 'utf8')) as {
      notes?: string[];
    };
    assert.ok(
      result.notes?.some((note) => note.includes(`run ${runId} held when it was interrupted`)),
      JSON.stringify(result.notes),
    );
    const released = await lease().inspect('uat');
    assert.equal(released?.state, 'released');
    assert.equal(released?.runId, runId);
    assert.match(released?.purpose ?? '', /resume interrupted run/);
  });
});
