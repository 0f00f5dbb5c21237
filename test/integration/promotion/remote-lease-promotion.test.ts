import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { createFerryServices, type FerryServices } from '../../../electron/host/core/ferry-services';
import { RemoteLease } from '../../../electron/services/locks/remote-lease';
import { startSandbox, type SandboxHandle } from '../../../electron/sandbox';
import { startGitHttpServer, type GitHttpServer } from '../../support/git-http-server';
import { nativeGit } from '../../support/native-git';
import { listOrg } from '../../support/sandbox-http';
import { tempDir } from '../../support/temp-dir';
import { wrapupCode } from './promotion-test-support';

/**
 * Issue 16, point 5: one promoter per environment across machines. Two workspaces cloned from one
 * remote (native `git http-backend` on 127.0.0.1 with basic auth), each with its own data folder,
 * so each has its own local lock and its own signing key: two machines. Only the lease on the
 * shared remote stands between them. Promotions go through the real `ferry` bin.
 */

const BIN = fileURLToPath(new URL('../../../bin/ferry.mjs', import.meta.url));
const USER = 'release-team';
const PASSWORD = 'lease-Pass-7c21e0-DO-NOT-LEAK';
const PASSPHRASE = 'remote lease promotion passphrase';
const CODES = 16;
/** The race's runs are longer, so the winner surely still holds the lease when the other asks. */
const RACE_CODES = 40;

let root: string;
let sandbox: SandboxHandle;
let server: GitHttpServer;
let ada: FerryServices;
let bea: FerryServices;
let dirA: string;
let dirB: string;
/** The run that broke the expired lease: rolled back later, under the lease too. */
let breakingRun = '';

const envFor = (dataDir: string): NodeJS.ProcessEnv => ({
  FERRY_DATA_DIR: dataDir,
  FERRY_VAULT_PASSPHRASE: PASSPHRASE,
  FERRY_GIT_USERNAME: USER,
  FERRY_GIT_PASSWORD: PASSWORD,
});

function machine(dataDir: string, author: string): FerryServices {
  return createFerryServices({
    dataDir,
    version: 'test',
    env: envFor(dataDir),
    author: { name: author, email: `${author.toLowerCase()}@example.test` },
  });
}

/** `ferry -w <dir> …` as the machine whose data folder is `dataDir`. */
function ferry(
  dir: string,
  dataDir: string,
  args: string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, '-w', dir, ...args],
      { env: { ...process.env, ...envFor(dataDir) }, timeout: 180_000 },
      (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}
const ferryA = (args: string[]) => ferry(dirA, join(root, 'data-a'), args);
const ferryB = (args: string[]) => ferry(dirB, join(root, 'data-b'), args);

/** A changeset creating wrap-up codes named `<prefix> NN`, each described as `label`: whose landed shows. */
async function codesChangeset(
  services: FerryServices,
  label: string,
  prefix: string,
  count = CODES,
): Promise<string> {
  const operations = Array.from({ length: count }, (_, n) => {
    const name = `${prefix} ${String(n).padStart(2, '0')}`;
    return {
      op: 'create' as const,
      type: 'routing.wrapupcode',
      key: name,
      body: wrapupCode(name, 'Home', label),
    };
  });
  return (await services.changesets.create({ title: `Codes ${label}`, operations })).changeset.id;
}

/** The dev org's wrap-up codes starting with `prefix`, read over HTTP: name → description. */
async function codesInOrg(prefix: string): Promise<Map<string, string | undefined>> {
  type Code = { name: string; description?: string };
  const codes = await listOrg<Code>(sandbox, 'dev', '/api/v2/routing/wrapupcodes');
  return new Map(
    codes.filter((code) => code.name.startsWith(prefix)).map((code) => [code.name, code.description]),
  );
}

function leaseOn(clock?: () => Date): RemoteLease {
  return new RemoteLease({
    url: server.url,
    credentials: () => Promise.resolve({ username: USER, password: PASSWORD }),
    ...(clock ? { clock } : {}),
  });
}

/** A port on 127.0.0.1 nobody listens on any more: a remote that cannot be reached. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  assert.ok(address !== null && typeof address === 'object');
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return address.port;
}

describe('one promoter per environment across machines (issue 16, point 5)', () => {
  before(async () => {
    // Latency makes each run take seconds, so the two machines' runs overlap.
    sandbox = await startSandbox({ rateLimitPerMinute: 100_000, faults: 'latency=20-40,seed=16' });
    root = await tempDir('ferry-remote-lease-');
    server = await startGitHttpServer({ user: USER, password: PASSWORD });
    ada = machine(join(root, 'data-a'), 'Ada');
    dirA = (await ada.workspace.create(join(root, 'a'), 'Team workspace')).path;
    await ada.environments.save(
      { name: 'dev', kind: 'sandbox', url: sandbox.url, org: 'dev', tier: 'dev' },
      undefined,
    );
    await ada.identity.keys.init({ owner: 'Ada' });
    await ada.identity.trust.init();
    // Bea, on her own machine: her own key, trusted by Ada as a promoter for dev.
    bea = machine(join(root, 'data-b'), 'Bea');
    const beaKey = await bea.identity.keys.init({ owner: 'Bea' });
    await ada.identity.trust.add(beaKey.publicKey, {
      owner: 'Bea',
      roles: ['promoter'],
      environments: ['dev'],
    });
  });
  after(async () => {
    await server?.close();
    await sandbox?.close();
  });

  it('without a remote, only the local lock applies and a promotion works as before', async () => {
    const id = await codesChangeset(ada, 'local', 'Local code');
    const promoted = await ferryA(['promote', id, '--to', 'dev']);
    assert.equal(promoted.code, 0, `${promoted.stdout}${promoted.stderr}`);
    assert.equal((await codesInOrg('Local code')).size, CODES);
    assert.deepEqual(server.requests, [], 'nothing asked the git server for a lease');
  });

  it('shares the workspace: Ada pushes, Bea clones it on her machine', async () => {
    await ada.remotes.add('origin', server.url);
    await ada.remotes.push();
    dirB = (await bea.remotes.clone(server.url, join(root, 'b'))).path;
    await bea.workspace.open(dirB);
    assert.equal(nativeGit(dirB, 'rev-parse', 'HEAD').trim(), nativeGit(dirA, 'rev-parse', 'HEAD').trim());
  });

  it('of two machines promoting one environment at once, exactly one writes; the other exits 3 naming the holder', async () => {
    const fromAda = await codesChangeset(ada, 'ada', 'Race code', RACE_CODES);
    const fromBea = await codesChangeset(bea, 'bea', 'Race code', RACE_CODES);
    assert.equal((await codesInOrg('Race code')).size, 0);
    const requestsBefore = server.requests.length;

    const [a, b] = await Promise.all([
      ferryA(['promote', fromAda, '--to', 'dev', '--concurrency', '1']),
      ferryB(['promote', fromBea, '--to', 'dev', '--concurrency', '1']),
    ]);
    const outcomes = [
      { who: 'Ada', label: 'ada', ...a },
      { who: 'Bea', label: 'bea', ...b },
    ];
    const told = outcomes.map((o) => `${o.who} ${o.code}: ${o.stdout}${o.stderr}`).join('\n---\n');
    const winners = outcomes.filter((outcome) => outcome.code === 0);
    assert.equal(winners.length, 1, told);
    const winner = winners[0];
    const loser = outcomes.find((outcome) => outcome.code !== 0);
    assert.ok(winner !== undefined && loser !== undefined);
    assert.equal(loser.code, 3, told);
    const refusal = `${loser.stdout}${loser.stderr}`;
    // Refused by the lease, naming who holds it, for which run, and until when.
    assert.match(refusal, /environment\.locked|being promoted from another machine/, told);
    assert.match(
      refusal,
      new RegExp(
        `${winner.who} \\(key [0-9a-f]+\\) holds its lease for run \\S+-${winner.label === 'ada' ? fromAda : fromBea}-`,
      ),
      told,
    );
    assert.match(refusal, /until \d{4}-\d{2}-\d{2}T/);
    process.stderr.write(`# the other machine was refused with: ${loser.stderr.trim()}\n`);

    // The sandbox holds exactly the winner's codes: the loser wrote nothing and deleted nothing.
    const race = [...(await codesInOrg('Race code'))];
    assert.equal(race.length, RACE_CODES, 'every code of the winning run is there');
    assert.ok(
      race.every(([, description]) => description === winner.label),
      `the org holds exactly ${winner.who}'s codes: ${JSON.stringify(race)}`,
    );
    // Both asked the remote for the lease; the winner released it at the end.
    assert.ok(server.requests.length > requestsBefore);
    const lease = await leaseOn().inspect('dev');
    assert.equal(lease?.state, 'released');
    assert.equal(lease?.holder, winner.who);
  });

  it('an expired lease blocks until broken with --break-lease; the break is audited', async () => {
    // A run on a machine that died two hours ago: its lease expired without being released.
    const twoHoursAgo = () => new Date(Date.now() - 2 * 60 * 60_000);
    const ghost = await leaseOn(twoHoursAgo).acquire('dev', {
      holder: 'Cy (laptop)',
      runId: 'run-cy-lost-1',
      purpose: 'promote something',
      ttlMs: 60_000,
    });
    const id = await codesChangeset(ada, 'after-break', 'Break code');

    const blocked = await ferryA(['promote', id, '--to', 'dev']);
    assert.equal(blocked.code, 3, `${blocked.stdout}${blocked.stderr}`);
    assert.match(blocked.stderr, /Cy \(laptop\).*run-cy-lost-1.*expired at/s);
    assert.equal((await codesInOrg('Break code')).size, 0, 'nothing written while blocked');

    // A break needs a reason, on every command that takes the lease.
    for (const args of [
      ['promote', id, '--to', 'dev'],
      ['resume', 'no-such-run'],
      ['rollback', 'no-such-run'],
    ]) {
      const empty = await ferryA([...args, '--break-lease', '  ']);
      assert.equal(empty.code, 2, `${args[0]}: ${empty.stderr}`);
      assert.match(empty.stderr, /--break-lease needs a reason/);
    }

    const broken = await ferryA([
      'promote',
      id,
      '--to',
      'dev',
      '--break-lease',
      'Cy says the laptop died mid-run',
    ]);
    assert.equal(broken.code, 0, `${broken.stdout}${broken.stderr}`);
    assert.equal((await codesInOrg('Break code')).size, CODES);
    // The run's own record says the lease it ran under was taken by breaking Cy's.
    const runId = /\(run (\S+), succeeded\)/.exec(broken.stdout)?.[1];
    assert.ok(runId !== undefined, broken.stdout);
    breakingRun = runId;
    const result = JSON.parse(await readFile(join(dirA, 'runs', runId, 'result.json'), 'utf8')) as {
      notes?: string[];
    };
    assert.ok(
      result.notes?.some((note) =>
        /expired lease on dev \(held by Cy \(laptop\) for run run-cy-lost-1/.test(note),
      ),
      JSON.stringify(result.notes),
    );

    // The audit log (signed, hash-chained) says who broke whose lease, and why.
    const keyId = (await ada.identity.keys.requireIdentity()).keyId;
    const lines = (await readFile(join(dirA, 'audit', `${keyId}.jsonl`), 'utf8')).trim().split('\n');
    const entries = lines.map(
      (line) => JSON.parse(line) as { action: string; subject: string; details: Record<string, unknown> },
    );
    const breaks = entries.filter((entry) => entry.action === 'lease-break');
    assert.equal(breaks.length, 1);
    assert.equal(breaks[0]?.subject, 'environment/dev');
    assert.deepEqual(
      {
        reason: breaks[0]?.details.reason,
        brokenBy: breaks[0]?.details.brokenBy,
        displacedHolder: breaks[0]?.details.displacedHolder,
        displacedRunId: breaks[0]?.details.displacedRunId,
        remote: breaks[0]?.details.remote,
      },
      {
        reason: 'Cy says the laptop died mid-run',
        brokenBy: 'Ada',
        displacedHolder: 'Cy (laptop)',
        displacedRunId: 'run-cy-lost-1',
        remote: 'origin',
      },
    );
    assert.ok((await ada.identity.audit.verify()).problems.length === 0, 'the audit chain verifies');
    // The dead run's own release finds the lease gone and frees nothing.
    assert.equal((await ghost.release()).released, false);
  });

  it('a lease that has not expired is never broken, reason or not; a rollback is refused by it too, then takes it', async () => {
    const live = await leaseOn().acquire('dev', {
      holder: 'Dee',
      runId: 'run-dee-live-1',
      purpose: 'promote a long one',
      ttlMs: 60_000,
    });
    try {
      const id = await codesChangeset(bea, 'impatient', 'Impatient code');
      const refused = await ferryB(['promote', id, '--to', 'dev', '--break-lease', 'in a hurry']);
      assert.equal(refused.code, 3, `${refused.stdout}${refused.stderr}`);
      assert.match(refused.stderr, /lease\.not-expired|cannot be broken yet/);
      assert.match(refused.stderr, /Dee.*run-dee-live-1/);
      assert.equal((await codesInOrg('Impatient code')).size, 0);
      // A rollback writes to the environment too: refused the same way while Dee holds it.
      const rollback = await ferryA(['rollback', breakingRun]);
      assert.equal(rollback.code, 3, `${rollback.stdout}${rollback.stderr}`);
      assert.match(
        rollback.stderr,
        /being promoted from another machine: Dee holds its lease for run run-dee-live-1/,
      );
      assert.equal((await codesInOrg('Break code')).size, CODES, 'nothing rolled back');
    } finally {
      await live.release();
    }
    // Once Dee is done, the rollback takes the lease itself, and gives it back.
    const rollback = await ferryA(['rollback', breakingRun]);
    assert.equal(rollback.code, 0, `${rollback.stdout}${rollback.stderr}`);
    assert.equal((await codesInOrg('Break code')).size, 0);
    const lease = await leaseOn().inspect('dev');
    assert.equal(lease?.state, 'released');
    assert.equal(lease?.holder, 'Ada');
    assert.match(lease?.purpose ?? '', new RegExp(`roll back run ${breakingRun}`));
  });

  it('refuses, writing nothing, when the remote cannot be reached, and says what to do', async () => {
    const url = server.url;
    const headBefore = nativeGit(dirA, 'rev-parse', 'HEAD').trim();
    nativeGit(dirA, 'remote', 'set-url', 'origin', `http://127.0.0.1:${await closedPort()}/team.git`);
    try {
      const id = await codesChangeset(ada, 'offline', 'Offline code');
      const headWithChangeset = nativeGit(dirA, 'rev-parse', 'HEAD').trim();
      assert.notEqual(headWithChangeset, headBefore);
      const refused = await ferryA(['promote', id, '--to', 'dev']);
      assert.notEqual(refused.code, 0, `${refused.stdout}${refused.stderr}`);
      assert.match(refused.stderr, /lease\.remote-failed|could not be read or updated/);
      assert.match(refused.stderr, /check the connection/);
      assert.match(refused.stderr, /ferry remote remove origin/);
      assert.equal((await codesInOrg('Offline code')).size, 0, 'nothing written to the sandbox');
      assert.equal(nativeGit(dirA, 'rev-parse', 'HEAD').trim(), headWithChangeset, 'no run recorded');
    } finally {
      nativeGit(dirA, 'remote', 'set-url', 'origin', url);
    }
  });
});
