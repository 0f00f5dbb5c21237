import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { readdir, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { startSandbox, type SandboxHandle } from '../../../electron/sandbox';
import { createFerryServices, type FerryServices } from '../../../electron/host/core/ferry-services';
import { acquireEnvironmentLock, lockFileOf } from '../../../electron/services/locks/environment-lock';
import { environmentLockKey } from '../../../electron/services/locks/environment-lock-key';
import { wrapupCode } from '../promotion/promotion-test-support';
import { listOrg } from '../../support/sandbox-http';
import { tempDir } from '../../support/temp-dir';

/**
 * Issue 11, point 5: two `ferry promote` processes to one environment at once. Before the lock, the
 * second one's creates failed with "already exists" and its automatic rollback deleted the first
 * run's objects. Now exactly one promotes; the other is refused (exit 3) and writes nothing.
 */

const BIN = fileURLToPath(new URL('../../../bin/ferry.mjs', import.meta.url));
const VAULT = { FERRY_VAULT_PASSPHRASE: 'concurrent promote passphrase' };
const CODES_PER_CHANGESET = 12;

let sandbox: SandboxHandle;
let services: FerryServices;
let dir = '';
let dataDir = '';

/**
 * A `dev` workspace on the sandbox's dev org, with this machine's key trusted: tier dev needs no
 * approval. The one place this test sets up trust; if the trust root's API moves, change it here.
 */
async function devWorkspace(): Promise<void> {
  // Latency makes each run take seconds, so the two processes overlap.
  sandbox = await startSandbox({ rateLimitPerMinute: 100_000, faults: 'latency=15-30,seed=11' });
  const root = await tempDir('ferry-concurrent-');
  dataDir = join(root, 'data');
  dir = join(root, 'ws');
  services = createFerryServices({
    dataDir,
    version: 'test',
    env: VAULT,
    author: { name: 'Ada', email: 'ada@example.test' },
  });
  await services.workspace.create(dir, 'Concurrent');
  await services.environments.save(
    { name: 'dev', kind: 'sandbox', url: sandbox.url, org: 'dev', tier: 'dev' },
    undefined,
  );
  // This machine's key as the trust root's admin and promoter, adopting dev's tier as it is now.
  await services.identity.keys.init({ owner: 'Ada' });
  await services.identity.trust.init();
}

before(devWorkspace);
after(() => sandbox.close());

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, '-w', dir, ...args],
      { env: { ...process.env, ...VAULT, FERRY_DATA_DIR: dataDir }, timeout: 180_000 },
      (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

/** A changeset creating the same wrap-up codes, with its own description: whose landed shows. */
async function codesChangeset(label: string, prefix = 'Race code'): Promise<string> {
  const operations = Array.from({ length: CODES_PER_CHANGESET }, (_, n) => {
    const name = `${prefix} ${String(n).padStart(2, '0')}`;
    return {
      op: 'create' as const,
      type: 'routing.wrapupcode',
      key: name,
      body: wrapupCode(name, 'Home', label),
    };
  });
  const created = await services.changesets.create({ title: `Race ${label}`, operations });
  return created.changeset.id;
}

/** The dev org's wrap-up codes read over HTTP, by name. */
async function codesInOrg(): Promise<Map<string, string | undefined>> {
  type Code = { name: string; description?: string };
  const codes = await listOrg<Code>(sandbox, 'dev', '/api/v2/routing/wrapupcodes');
  return new Map(codes.map((code) => [code.name, code.description]));
}

async function lockFile(): Promise<string> {
  return lockFileOf(dataDir, environmentLockKey(await services.environments.get('dev')));
}

describe('one promoter per environment', () => {
  it('of two CLI promotions started at once, exactly one writes; the other exits 3 and deletes nothing', async () => {
    const first = await codesChangeset('first');
    const second = await codesChangeset('second');
    const before = await codesInOrg();
    assert.equal([...before.keys()].filter((name) => name.startsWith('Race code')).length, 0);

    const outcomes = await Promise.all([
      cli(['promote', first, '--to', 'dev', '--concurrency', '1']),
      cli(['promote', second, '--to', 'dev', '--concurrency', '1']),
    ]);
    const winners = outcomes.filter((outcome) => outcome.code === 0);
    assert.equal(winners.length, 1, outcomes.map((o) => `${o.code}: ${o.stdout}${o.stderr}`).join('\n---\n'));
    const loser = outcomes.find((outcome) => outcome.code !== 0);
    assert.ok(loser);
    assert.equal(loser.code, 3, `${loser.stdout}${loser.stderr}`);
    // Refused while the other ran, or (if it came after) by the re-read of the target.
    assert.match(
      `${loser.stdout}${loser.stderr}`,
      /is being changed by process \d+ on host|changed since the plan|cannot run/,
    );
    const winnerLabel = outcomes[0]?.code === 0 ? 'first' : 'second';
    process.stderr.write(`# the second promoter was refused with: ${loser.stderr.trim()}\n`);

    const org = await codesInOrg();
    const race = [...org].filter(([name]) => name.startsWith('Race code'));
    assert.equal(race.length, CODES_PER_CHANGESET, 'every code of the winning run is there');
    assert.ok(
      race.every(([, description]) => description === winnerLabel),
      `the org holds exactly the ${winnerLabel} run's result: ${JSON.stringify(race)}`,
    );
    assert.deepEqual(
      (await readdir(join(dataDir, 'locks'))).filter((name) => name.endsWith('.lock')),
      [],
    );
  });

  it('refuses while a live process holds the lock, naming it, and writes nothing', async () => {
    const id = await codesChangeset('blocked', 'Blocked code');
    const held = await acquireEnvironmentLock({
      dataDir,
      key: environmentLockKey(await services.environments.get('dev')),
      environment: 'dev',
      purpose: 'promote held-by-the-test',
    });
    try {
      const before = await codesInOrg();
      const refused = await cli(['promote', id, '--to', 'dev']);
      assert.equal(refused.code, 3, `${refused.stdout}${refused.stderr}`);
      const text = `${refused.stdout}${refused.stderr}`;
      assert.match(text, /environment\.locked|is being changed by/);
      assert.match(
        text,
        new RegExp(`process ${process.pid} on host ${hostname()} \\(promote held-by-the-test, since`),
      );
      assert.match(text, /Wait for it to finish/);
      assert.deepEqual(await codesInOrg(), before);
    } finally {
      await held.release();
    }
  });

  it('takes over the lock of a process that is no longer running, and says so in the result', async () => {
    // A real process that ran and ended: its pid is known to be gone.
    const dead = spawn(process.execPath, ['-e', '0']);
    const deadPid = dead.pid;
    await new Promise((resolve) => dead.once('exit', resolve));
    assert.ok(deadPid);
    const file = await lockFile();
    const since = new Date(Date.now() - 60_000).toISOString();
    await writeFile(
      file,
      `${JSON.stringify({ pid: deadPid, host: hostname(), purpose: 'promote crashed-run', environment: 'dev', startedAt: since })}\n`,
    );
    const operations = [
      {
        op: 'create' as const,
        type: 'routing.wrapupcode',
        key: 'After takeover',
        body: wrapupCode('After takeover'),
      },
    ];
    const { changeset } = await services.changesets.create({ title: 'After takeover', operations });
    const done = await cli(['promote', changeset.id, '--to', 'dev', '--json']);
    assert.equal(done.code, 0, `${done.stdout}${done.stderr}`);
    const result = JSON.parse(done.stdout) as { status: string; notes?: string[] };
    assert.equal(result.status, 'succeeded');
    assert.deepEqual(result.notes, [
      `took over the lock of process ${deadPid} on host ${hostname()} (promote crashed-run, since ${since}), which is no longer running`,
    ]);
    assert.equal((await codesInOrg()).has('After takeover'), true);
    assert.deepEqual(
      (await readdir(join(dataDir, 'locks'))).filter((name) => name.endsWith('.lock')),
      [],
    );
  });
});
