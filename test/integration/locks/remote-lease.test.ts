import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { isFerryError, type FerryError } from '../../../shared/api/api-error';
import { compareAndSwapRemoteRef, readRemoteRef } from '../../../electron/services/git/remote-ref-lease';
import { RemoteLease, type LeaseRequest } from '../../../electron/services/locks/remote-lease';
import { nativeGit } from '../../support/native-git';
import { startGitHttpServer, type GitHttpServer } from '../../support/git-http-server';

/**
 * The remote environment lease against a real git server (native `git http-backend` on 127.0.0.1
 * with basic auth), with native git as the peer that inspects what the remote holds.
 */

const CHILD = fileURLToPath(new URL('./lease-acquirer-child.ts', import.meta.url));
const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const USERNAME = 'release-admin';
const PASSWORD = 'correct-horse-9f3b2c';

const IDENTITY = {
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.invalid',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.invalid',
};

let server: GitHttpServer;
let repoCount = 0;

before(async () => {
  server = await startGitHttpServer({ user: USERNAME, password: PASSWORD });
});
after(() => server.close());

/** A fresh shared remote per test, so tests do not see each other's leases. */
async function freshRemote(): Promise<{ url: string; bare: string }> {
  repoCount += 1;
  const name = `team-${repoCount}`;
  const bare = server.createRepository(name);
  return { url: server.urlOf(name), bare };
}

function leaseOn(url: string, options: { password?: string; clock?: () => Date } = {}): RemoteLease {
  const password = options.password ?? PASSWORD;
  return new RemoteLease({
    url,
    credentials: () => Promise.resolve({ username: USERNAME, password }),
    ...(options.clock ? { clock: options.clock } : {}),
  });
}

function request(holder: string, runId: string, extra: Partial<LeaseRequest> = {}): LeaseRequest {
  return { holder, runId, purpose: `promote video-support (${holder})`, ttlMs: 60_000, ...extra };
}

async function refused(promise: Promise<unknown>, code: string): Promise<FerryError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(isFerryError(error), `expected a FerryError, got ${String(error)}`);
    assert.equal(error.code, code, error.message);
    return error;
  }
  assert.fail(`expected ${code}, but it succeeded`);
}

function refs(bare: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const line of nativeGit(bare, 'for-each-ref', '--format=%(refname) %(objectname)')
    .trim()
    .split('\n')) {
    const [name, oid] = line.split(' ');
    if (name !== undefined && oid !== undefined && name !== '') map.set(name, oid);
  }
  return map;
}

function leaseFileOnRemote(bare: string, environment: string): { state: string; holder: string } {
  return JSON.parse(nativeGit(bare, 'show', `refs/ferry/locks/${environment}:lease.json`)) as {
    state: string;
    holder: string;
  };
}

describe('the remote environment lease', () => {
  it('lets one machine take an environment and refuses a second, naming the holder', async () => {
    const { url, bare } = await freshRemote();
    const held = await leaseOn(url).acquire('prod', request('Rita Admin', 'run-rita-1'));
    assert.equal(held.record.state, 'held');
    assert.equal(held.broke, null);
    assert.deepEqual(leaseFileOnRemote(bare, 'prod').holder, 'Rita Admin');

    const error = await refused(
      leaseOn(url).acquire('prod', request('Sam Release', 'run-sam-1')),
      'environment.locked',
    );
    assert.match(error.message, /Rita Admin/);
    assert.match(error.message, /run-rita-1/);
    assert.match(error.message, new RegExp(held.record.acquiredAt.replace(/[.]/g, '\\.')));
    assert.match(error.message, /Wait for that run to finish/);
    assert.equal(error.details?.holder, 'Rita Admin');
    // Another environment is independent.
    await leaseOn(url).acquire('uat', request('Sam Release', 'run-sam-2'));
  });

  it('lets the other machine in once the holder releases, and a stale release does not free it', async () => {
    const { url, bare } = await freshRemote();
    const rita = await leaseOn(url).acquire('prod', request('Rita Admin', 'run-rita-1'));
    assert.deepEqual(await rita.release(), { released: true, note: null });
    assert.equal(leaseFileOnRemote(bare, 'prod').state, 'released');
    assert.deepEqual(await rita.release(), { released: true, note: null }, 'release twice is harmless');

    const sam = await leaseOn(url).acquire('prod', request('Sam Release', 'run-sam-1'));
    assert.equal(sam.record.holder, 'Sam Release');
    await refused(leaseOn(url).acquire('prod', request('Rita Admin', 'run-rita-2')), 'environment.locked');
    assert.equal(leaseFileOnRemote(bare, 'prod').holder, 'Sam Release');
  });

  it('breaks only an expired lease, with a reason, and returns what it broke', async () => {
    const { url, bare } = await freshRemote();
    // Long enough to stay live through a slow machine's next call; `later` sees it expired.
    const rita = await leaseOn(url).acquire('prod', request('Rita Admin', 'run-rita-1', { ttlMs: 60_000 }));
    const later = () => new Date(Date.now() + 60 * 60_000);

    // Live: not breakable.
    await refused(leaseOn(url).break('prod', 'her laptop died', 'Sam Release'), 'lease.not-expired');
    // Expired: still refused without a reason, and the message says it expired and how to proceed.
    const expired = await refused(
      leaseOn(url, { clock: later }).acquire('prod', request('Sam Release', 'run-sam-1')),
      'environment.locked',
    );
    assert.match(expired.message, /Rita Admin/);
    assert.match(expired.message, /expired at/);
    assert.match(expired.message, /break the lease with a reason/);

    const broke = await leaseOn(url, { clock: later }).break(
      'prod',
      'her laptop died mid-run',
      'Sam Release',
    );
    assert.equal(broke.holder, 'Rita Admin');
    assert.equal(broke.runId, 'run-rita-1');
    assert.equal(broke.expiresAt, rita.record.expiresAt);
    assert.equal(broke.reason, 'her laptop died mid-run');
    assert.equal(broke.brokenBy, 'Sam Release');
    assert.equal(leaseFileOnRemote(bare, 'prod').state, 'released');
    // Nothing left to break once it is broken.
    await refused(leaseOn(url, { clock: later }).break('prod', 'again', 'Sam Release'), 'lease.not-expired');

    const sam = await leaseOn(url, { clock: later }).acquire('prod', request('Sam Release', 'run-sam-1'));
    // The displaced holder finds out: renew fails, release leaves the new holder's lease alone.
    await refused(rita.renew(), 'lease.lost');
    const late = await rita.release();
    assert.equal(late.released, false);
    assert.match(late.note ?? '', /Sam Release/);
    assert.equal(leaseFileOnRemote(bare, 'prod').holder, 'Sam Release');
    assert.equal(leaseFileOnRemote(bare, 'prod').state, 'held');
    await sam.renew();
  });

  it('takes an expired lease in one step when asked to break it, returning the broken lease', async () => {
    const { url } = await freshRemote();
    await leaseOn(url).acquire('prod', request('Rita Admin', 'run-rita-1', { ttlMs: 1_000 }));
    const later = () => new Date(Date.now() + 60 * 60_000);
    const sam = await leaseOn(url, { clock: later }).acquire(
      'prod',
      request('Sam Release', 'run-sam-1', { breakExpired: 'Rita confirmed her run is dead' }),
    );
    assert.equal(sam.broke?.holder, 'Rita Admin');
    assert.equal(sam.broke?.reason, 'Rita confirmed her run is dead');
    assert.equal(sam.record.broke?.runId, 'run-rita-1', 'the remote record shows the break too');
    // A break reason does not get past a live lease: refused as not expired, naming the holder.
    const live = await refused(
      leaseOn(url).acquire('prod', request('Ana', 'run-ana-1', { breakExpired: 'impatient' })),
      'lease.not-expired',
    );
    assert.match(live.message, /Sam Release.*run-sam-1/);
  });

  it("lets a recovery take back only its own run's lease, under the same key", async () => {
    const { url } = await freshRemote();
    const dead = await leaseOn(url).acquire('prod', request('Rita Admin', 'run-rita-1', { keyId: 'k-rita' }));
    // Another key, or another run of the same key, is refused as usual.
    await refused(
      leaseOn(url).acquire('prod', request('Sam Release', 'run-rita-1', { keyId: 'k-sam', reclaim: true })),
      'environment.locked',
    );
    await refused(
      leaseOn(url).acquire('prod', request('Rita Admin', 'run-rita-2', { keyId: 'k-rita', reclaim: true })),
      'environment.locked',
    );
    await refused(
      leaseOn(url).acquire('prod', request('Rita Admin', 'run-rita-1', { keyId: 'k-rita' })),
      'environment.locked',
    );
    const back = await leaseOn(url).acquire(
      'prod',
      request('Rita Admin', 'run-rita-1', { keyId: 'k-rita', reclaim: true, purpose: 'resume run-rita-1' }),
    );
    assert.equal(back.reclaimed?.runId, 'run-rita-1');
    assert.equal(back.broke, null);
    assert.equal(back.record.purpose, 'resume run-rita-1');
    // The dead process's handle no longer holds it.
    await refused(dead.renew(), 'lease.lost');
    assert.equal((await back.release()).released, true);
  });

  it('treats a lease record it cannot read as held until broken with a reason', async () => {
    const { url, bare } = await freshRemote();
    // A hand-made commit on the lease ref, as a broken tool or a person might leave it.
    const blob = execFileSync('git', ['-C', bare, 'hash-object', '-w', '--stdin'], { input: 'not json' })
      .toString()
      .trim();
    const tree = execFileSync('git', ['-C', bare, 'mktree'], { input: `100644 blob ${blob}\tlease.json\n` })
      .toString()
      .trim();
    const commit = execFileSync('git', ['-C', bare, 'commit-tree', tree, '-m', 'junk'], {
      env: { ...process.env, ...IDENTITY },
    })
      .toString()
      .trim();
    nativeGit(bare, 'update-ref', 'refs/ferry/locks/prod', commit);

    const error = await refused(
      leaseOn(url).acquire('prod', request('Rita Admin', 'r1')),
      'environment.locked',
    );
    assert.match(error.message, /cannot read/);
    const broke = await leaseOn(url).break('prod', 'junk left by a script', 'Rita Admin');
    assert.equal(broke.holder, 'unknown (unreadable lease record)');
    await leaseOn(url).acquire('prod', request('Rita Admin', 'r1'));
    assert.equal(leaseFileOnRemote(bare, 'prod').holder, 'Rita Admin');
  });

  it('says so when the remote refuses lease refs, instead of retrying as if raced', async () => {
    const { url, bare } = await freshRemote();
    writeFileSync(
      join(bare, 'hooks', 'pre-receive'),
      '#!/bin/sh\necho "refs/ferry is protected" >&2\nexit 1\n',
      {
        mode: 0o755,
      },
    );
    const error = await refused(
      leaseOn(url).acquire('prod', request('Rita Admin', 'r1')),
      'lease.remote-failed',
    );
    assert.match(error.message, /refused to update refs\/ferry\/locks\/prod \(pre-receive hook declined\)/);
    assert.match(error.message, /nothing was promoted/);
  });

  it('refuses to break a lease without a reason', async () => {
    const { url } = await freshRemote();
    await refused(leaseOn(url).acquire('prod', request('Rita Admin', 'r1', { breakExpired: '  ' })), 'usage');
    await refused(leaseOn(url).break('prod', '', 'Rita Admin'), 'usage');
  });

  it('lets exactly one of several acquirers racing in one process win', async () => {
    const { url, bare } = await freshRemote();
    const names = ['Rita Admin', 'Sam Release', 'Ana Ops', 'Lee Dev'];
    const outcomes = await Promise.allSettled(
      names.map((name, index) => leaseOn(url).acquire('prod', request(name, `run-${index}`))),
    );
    const winners = outcomes.filter((outcome) => outcome.status === 'fulfilled');
    assert.equal(winners.length, 1, JSON.stringify(outcomes.map((outcome) => outcome.status)));
    const holder = leaseFileOnRemote(bare, 'prod').holder;
    for (const outcome of outcomes) {
      if (outcome.status === 'fulfilled') continue;
      const error: unknown = outcome.reason;
      assert.ok(isFerryError(error) && error.code === 'environment.locked', String(error));
      assert.ok(error.message.includes(holder) || /kept changing/.test(error.message), error.message);
    }
  });

  it('lets exactly one of two processes started at once win', async () => {
    const { url, bare } = await freshRemote();
    const startAt = Date.now() + 4_000;
    const results = await Promise.all(
      ['Rita Admin', 'Sam Release'].map((holder, index) =>
        runChild(url, holder, `run-child-${index}`, startAt),
      ),
    );
    const winners = results.filter((result) => result.ok);
    assert.equal(winners.length, 1, JSON.stringify(results));
    const loser = results.find((result) => !result.ok);
    assert.equal(loser?.code, 'environment.locked');
    assert.equal(leaseFileOnRemote(bare, 'prod').holder, winners[0]?.holder);
  });

  it('refuses wrong credentials clearly, without the password in the error', async () => {
    const { url } = await freshRemote();
    const wrong = 'wrong-password-77aa11';
    const error = await refused(
      leaseOn(url, { password: wrong }).acquire('prod', request('Rita Admin', 'r1')),
      'lease.unauthorized',
    );
    assert.match(error.message, /refused the credentials/);
    assert.match(error.message, /check the user name and token/);
    const everything = `${error.message} ${JSON.stringify(error.details ?? {})} ${error.stack ?? ''}`;
    assert.ok(!everything.includes(wrong), 'the wrong password is not in the error');
    assert.ok(!everything.includes(PASSWORD), 'the real password is not in the error');

    // The swap itself refuses too, even when the read was let through.
    const { url: other } = await freshRemote();
    let calls = 0;
    const flaky = new RemoteLease({
      url: other,
      credentials: () => {
        calls += 1;
        return Promise.resolve({ username: USERNAME, password: calls <= 1 ? PASSWORD : wrong });
      },
    });
    const swapError = await refused(flaky.acquire('prod', request('Rita Admin', 'r2')), 'lease.unauthorized');
    assert.equal(calls, 2, 'one read, then the swap');
    assert.match(swapError.message, /HTTP 401/);
    assert.ok(!swapError.message.includes(wrong));
  });

  it('on a remote nobody pushed a branch to, says to push first instead of blaming other machines', async () => {
    // The server's own first repository is empty: no branch, no HEAD, only what the lease writes.
    const first = await leaseOn(server.url).acquire(
      'prod',
      request('Rita Admin', 'run-rita-1', { ttlMs: 1_000 }),
    );
    const later = () => new Date(Date.now() + 60 * 60_000);
    const error = await refused(
      leaseOn(server.url, { clock: later }).acquire(
        'prod',
        request('Sam Release', 'run-sam-1', { breakExpired: 'her laptop died' }),
      ),
      'lease.remote-failed',
    );
    assert.match(error.message, /has no branch yet.*ferry push/);
    assert.doesNotMatch(error.message, /other machines/);
    await first.release();
  });

  it('refuses a remote URL that carries credentials, without repeating them', async () => {
    const { url } = await freshRemote();
    const withSecret = url.replace('http://', `http://${USERNAME}:${PASSWORD}@`);
    const error = await refused(
      leaseOn(withSecret).acquire('prod', request('Rita Admin', 'r1')),
      'lease.remote-failed',
    );
    assert.ok(!error.message.includes(PASSWORD));
  });

  it('changes only refs/ferry/locks/<env> on the remote, never the workspace branches, and stores no credential', async () => {
    const { url, bare } = await freshRemote();
    const before = refs(bare);
    const held = await leaseOn(url).acquire('prod', request('Rita Admin', 'run-rita-1'));
    await held.renew();
    const during = refs(bare);
    await held.release();
    const afterRelease = refs(bare);
    for (const snapshot of [during, afterRelease]) {
      const changed = [...new Set([...before.keys(), ...snapshot.keys()])].filter(
        (name) => before.get(name) !== snapshot.get(name),
      );
      assert.deepEqual(changed, ['refs/ferry/locks/prod']);
    }
    assert.equal(afterRelease.get('refs/heads/main'), before.get('refs/heads/main'));
    // The lease commit is a root commit with only lease.json: no history for the workspace to pull.
    assert.equal(nativeGit(bare, 'rev-list', '--count', 'refs/ferry/locks/prod').trim(), '1');
    assert.equal(nativeGit(bare, 'ls-tree', '--name-only', 'refs/ferry/locks/prod').trim(), 'lease.json');
    assert.ok(!nativeGit(bare, 'show', 'refs/ferry/locks/prod:lease.json').includes(PASSWORD));
    nativeGit(bare, 'fsck', '--no-progress');
  });
});

describe('the compare-and-swap under the lease', () => {
  const file = (text: string) => ({
    path: 'lease.json',
    content: new TextEncoder().encode(text),
    message: text,
    author: { name: 'Test', email: 'test@example.invalid' },
  });

  it('updates the ref only when it still holds the value the writer read', async () => {
    const { url, bare } = await freshRemote();
    const target = {
      url,
      ref: 'refs/ferry/locks/prod',
      credentials: () => Promise.resolve({ username: USERNAME, password: PASSWORD }),
    };
    const now = new Date();
    // Two creators at once: receive-pack lets exactly one create the ref.
    const created = await Promise.all([
      compareAndSwapRemoteRef(target, { expected: null, file: file('a'), now }),
      compareAndSwapRemoteRef(target, { expected: null, file: file('b'), now }),
    ]);
    assert.deepEqual(created.map((result) => result.updated).sort(), [false, true]);
    const first = created.find((result) => result.updated);
    assert.ok(first?.updated);
    assert.equal(await readRemoteRef(target), first.oid);

    const second = await compareAndSwapRemoteRef(target, { expected: first.oid, file: file('c'), now });
    assert.ok(second.updated);
    // A writer still holding the first value (whose commit the server has) is refused.
    const stale = await compareAndSwapRemoteRef(target, { expected: first.oid, file: file('d'), now });
    assert.equal(stale.updated, false);
    assert.equal(nativeGit(bare, 'show', 'refs/ferry/locks/prod:lease.json'), 'c');
  });
});

interface ChildResult {
  ok: boolean;
  holder?: string;
  code?: string;
  message?: string;
}

function runChild(url: string, holder: string, runId: string, startAt: number): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
      cwd: REPO,
      env: {
        ...process.env,
        FERRY_LEASE_CHILD: JSON.stringify({
          url,
          environment: 'prod',
          holder,
          runId,
          username: USERNAME,
          startAt,
        }),
        FERRY_LEASE_CHILD_PASSWORD: PASSWORD,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`lease child exited ${code}: ${err}`));
      resolve(JSON.parse(out.trim()) as ChildResult);
    });
  });
}
