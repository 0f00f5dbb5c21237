import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { setTimeout as delay } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { RemoteLease } from '../../../electron/services/locks/remote-lease';
import { WorkspaceLeases, type LeaseBreakRecord } from '../../../electron/services/locks/workspace-lease';
import { PromotionEngine } from '../../../electron/services/promotion/promotion-engine';
import { startGitHttpServer, type GitHttpServer } from '../../support/git-http-server';
import { nativeGit } from '../../support/native-git';
import {
  acceptedWrites,
  changesetOf,
  promotionWorld,
  wrapupCode,
  type PromotionWorld,
} from './promotion-test-support';

/**
 * A run that loses its remote lease mid-run (someone broke it once it looked expired to them)
 * writes nothing more: not the rest of its steps, and not an undo of what it did, since another
 * machine may be writing now. Its result says why. Against a real git server and the sandbox.
 */

const USER = 'release-team';
const PASSWORD = 'lost-Pass-3a9d41-DO-NOT-LEAK';
const CODES = 100;
const run = promisify(execFile);

let world: PromotionWorld;
let server: GitHttpServer;

const credentials = () => Promise.resolve({ username: USER, password: PASSWORD });

describe('a run that loses its remote lease', () => {
  before(async () => {
    // Latency stretches the run to tens of seconds, so the lease is broken while it writes even when
    // a loaded machine makes each renewal (a push to the remote) take several seconds.
    world = await promotionWorld({ sandbox: { faults: 'latency=120-160,seed=21' } });
    server = await startGitHttpServer({ user: USER, password: PASSWORD });
    // The workspace is shared: pushed to the remote, where the lease then lives beside it.
    nativeGit(world.workspaceDir, 'remote', 'add', 'origin', server.url);
    // Not execFileSync: the server answers from this very process, so git must not block it.
    await run('git', [
      '-C',
      world.workspaceDir,
      'push',
      '--quiet',
      server.url.replace('http://', `http://${USER}:${PASSWORD}@`),
      'main',
    ]);
  });
  after(async () => {
    await server?.close();
    await world?.close();
  });

  it('stops writing at once, does not undo, and its result says it lost the lease', async () => {
    const breaks: LeaseBreakRecord[] = [];
    const engine = new PromotionEngine({
      workspace: world.services.workspace,
      environments: world.services.environments,
      snapshots: world.services.snapshots,
      dataDir: world.dataDir,
      leases: new WorkspaceLeases({
        workspaceDir: () => world.workspaceDir,
        credentials,
        identity: () => Promise.resolve({ holder: 'Rene Release', keyId: 'feedface' }),
        recordBreak: (record) => {
          breaks.push(record);
          return Promise.resolve();
        },
        // Renewed every two seconds: the loss is seen within about two seconds of the break.
        ttlMs: 6_000,
      }),
    });
    const operations = Array.from({ length: CODES }, (_, n) => {
      const name = `Lost lease ${String(n).padStart(2, '0')}`;
      return { op: 'create' as const, type: 'routing.wrapupcode', key: name, body: wrapupCode(name) };
    });
    const plan = await engine.plan(changesetOf('lost-lease', operations), 'uat');
    const from = world.requests.length;
    const running = engine.execute(plan, { concurrency: 1, snapshot: false });

    // Once a few codes are in, another machine, whose clock says the lease expired, breaks it.
    for (let poll = 0; poll < 400 && acceptedWrites(world.requests, from).length < 5; poll += 1) {
      await delay(25);
    }
    const taker = new RemoteLease({
      url: server.url,
      credentials,
      clock: () => new Date(Date.now() + 60 * 60_000),
    });
    const take = () =>
      taker.acquire('uat', {
        holder: 'Sam Other',
        runId: 'run-sam-1',
        purpose: 'promote from another machine',
        ttlMs: 60_000,
        breakExpired: 'its run looked dead from here',
      });
    // A renewal may move the ref under a slow taker: it tries again, a few times.
    let theirs = await take().catch(() => null);
    for (let attempt = 0; attempt < 3 && theirs === null; attempt += 1) {
      theirs = await take().catch(() => null);
    }
    assert.ok(theirs !== null, 'the other machine broke the lease');
    const writesAtBreak = acceptedWrites(world.requests, from).length;

    const result = await running;
    assert.equal(result.status, 'stopped', result.message);
    assert.ok(
      (result.notes ?? []).some((note) => /lost the lease on uat/.test(note) && /Sam Other/.test(note)),
      JSON.stringify(result.notes),
    );
    const written = acceptedWrites(world.requests, from);
    assert.ok(written.length < CODES, `stopped before the end: ${written.length} writes`);
    // Renewals come every two seconds and each write takes ~250 ms: a few more at most, and no deletes.
    assert.ok(
      written.length - writesAtBreak < 50,
      `${written.length - writesAtBreak} writes after the break`,
    );
    assert.ok(
      written.every((request) => request.method === 'POST'),
      'nothing was undone behind the new holder',
    );
    await delay(1_500);
    assert.equal(acceptedWrites(world.requests, from).length, written.length, 'and nothing after');
    // The run's release left the new holder's lease alone.
    const now = await taker.inspect('uat');
    assert.equal(now?.holder, 'Sam Other');
    assert.equal(now?.state, 'held');
    assert.equal(breaks.length, 0, 'this run broke nothing');
    await theirs.release();
  });
});
