import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { FerryError } from '../../shared/api/api-error';
import { auditAppendLockKey, withAuditAppendLock } from '../../electron/services/audit/audit-append-lock';
import { acquireEnvironmentLock, lockFileOf } from '../../electron/services/locks/environment-lock';
import { PASSPHRASE, teamWorkspace } from './identity/identity-fixture';

/**
 * Several Ferry processes on one machine sharing a data folder and key (the app finishing a
 * promotion while `ferry approve` runs, two `ferry promote` to different environments) append to
 * the same audit chain at once. Each append reads the head and takes the next seq; without a lock
 * across processes two of them take the same seq and the chain forks.
 */
const CHILD = fileURLToPath(new URL('./audit-append-race-child.ts', import.meta.url));
const REPO = fileURLToPath(new URL('../..', import.meta.url));
const CHILDREN = 3;
const EACH = 6;

function runChild(args: Record<string, unknown>): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
    cwd: REPO,
    env: {
      ...process.env,
      FERRY_VAULT_PASSPHRASE: PASSPHRASE,
      FERRY_AUDIT_RACE_CHILD: JSON.stringify(args),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
  return new Promise((resolve) =>
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    }),
  );
}

/** The pid of a process that has just exited (and so no longer runs). */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
  const pid = child.pid;
  await new Promise((resolve) => child.once('exit', resolve));
  assert.ok(pid);
  return pid;
}

describe('audit log appended by several processes at once', () => {
  it('keeps one chain: every entry gets its own seq and the log verifies', async () => {
    const { ada, workspace } = await teamWorkspace('ferry-audit-race-');
    const { keyId } = await ada.identity.keys.init({ owner: 'Ada' });
    await ada.identity.audit.append(keyId, { action: 'race', subject: 'parent/before' });

    // Children take a second or two to load; all start appending at the same wall-clock moment.
    const startAt = Date.now() + 8_000;
    const results = await Promise.all(
      Array.from({ length: CHILDREN }, (_unused, index) =>
        runChild({ name: `c${index}`, dataDir: ada.dataDir, workspace, count: EACH, startAt }),
      ),
    );
    for (const result of results) assert.equal(result.code, 0, result.output);
    const given = results.flatMap(
      (result) => (JSON.parse(result.output.trim().split('\n').pop() ?? '{}') as { seqs: number[] }).seqs,
    );
    assert.equal(new Set(given).size, CHILDREN * EACH, `seqs handed out twice: ${given.join(' ')}`);

    const entries = await ada.identity.audit.entries(keyId);
    const total = 1 + CHILDREN * EACH;
    assert.deepEqual(
      entries.map((entry) => entry.seq),
      Array.from({ length: total }, (_unused, index) => index + 1),
    );
    for (let index = 1; index < entries.length; index += 1) {
      assert.equal(entries[index]?.prev, entries[index - 1]?.hash);
    }
    const verified = await ada.identity.audit.verify();
    assert.deepEqual(verified.problems, []);
    assert.equal(verified.ok, true);
    assert.equal(verified.entries, total);

    // And the parent, whose pins the children moved on, appends on top of their entries.
    const next = await ada.identity.audit.append(keyId, { action: 'race', subject: 'parent/after' });
    assert.equal(next.entry.seq, total + 1);
  });

  it('takes over the lock of a Ferry that died while appending', async () => {
    const { ada, workspace } = await teamWorkspace('ferry-audit-stale-');
    const { keyId } = await ada.identity.keys.init({ owner: 'Ada' });
    const file = lockFileOf(ada.dataDir, await auditAppendLockKey(workspace, keyId));
    await mkdir(dirname(file), { recursive: true });
    const holder = {
      pid: await deadPid(),
      host: hostname(),
      purpose: `append to the audit log of key ${keyId}`,
      environment: 'the audit log',
      startedAt: '2026-03-01T08:00:00.000Z',
    };
    await writeFile(file, `${JSON.stringify(holder)}\n`);
    const { entry } = await ada.identity.audit.append(keyId, { action: 'race', subject: 'after-crash' });
    assert.equal(entry.seq, 1);
    await assert.rejects(readFile(file), { code: 'ENOENT' });
  });

  it('waits a bounded time for a live writer, then says another Ferry is writing the audit log', async () => {
    const { ada, workspace } = await teamWorkspace('ferry-audit-busy-');
    const { keyId } = await ada.identity.keys.init({ owner: 'Ada' });
    const key = await auditAppendLockKey(workspace, keyId);
    const held = await acquireEnvironmentLock({
      dataDir: ada.dataDir,
      key,
      environment: 'x',
      purpose: 'test',
    });
    try {
      const request = {
        dataDir: ada.dataDir,
        workspaceDir: workspace,
        actor: keyId,
        clock: () => new Date(),
      };
      await assert.rejects(
        withAuditAppendLock({ ...request, waitMs: 400 }, async () => 'ran'),
        (error: unknown) => {
          assert.ok(error instanceof FerryError, String(error));
          assert.equal(error.code, 'audit.busy');
          assert.match(error.message, /Another Ferry process is writing the audit log/);
          assert.match(error.message, /Try again/);
          return true;
        },
      );
      // Released while a writer waits: the writer goes ahead.
      const waiting = withAuditAppendLock(request, async () => 'ran');
      await held.release();
      assert.equal(await waiting, 'ran');
    } finally {
      await held.release();
    }
  });
});
