import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { createFerryServices, type FerryServices } from '../../../electron/host/core/ferry-services';
import { SYNC_HISTORY_FILE } from '../../../electron/services/sync/sync-history';
import { FerryError } from '../../../shared/api/api-error';
import type { SyncHistoryEntry } from '../../../shared/sync/sync-wire';
import { startGitHttpServer, type GitHttpServer } from '../../support/git-http-server';
import { nativeGit } from '../../support/native-git';
import { tempDir } from '../../support/temp-dir';

/**
 * Issue 16, the history of pulls and pushes: every clone, pull, push and sync through SyncService
 * on this machine is kept (failed ones with their reason) inside the workspace's .git folder, never
 * committed, never holding a credential; `ferry remote history` shows it newest first.
 */
const BIN = fileURLToPath(new URL('../../../bin/ferry.mjs', import.meta.url));
const USER = 'rita';
const PASSWORD = 'hist-Pass-31c9aa-DO-NOT-LEAK';
const WRONG_PASSWORD = 'hist-Wrong-77e0b2-DO-NOT-LEAK';
const VAULT = { FERRY_VAULT_PASSPHRASE: 'sync history passphrase' };

let root: string;
let server: GitHttpServer;
let a: FerryServices;
let b: FerryServices;
let dirA: string;
let dirB: string;

function services(name: string): FerryServices {
  return createFerryServices({
    dataDir: join(root, `data-${name}`),
    version: 'test',
    env: VAULT,
    author: { name, email: `${name}@example.test` },
  });
}

function ferry(dir: string, dataDir: string, args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      [BIN, '-w', dir, ...args],
      { env: { ...process.env, ...VAULT, FERRY_DATA_DIR: dataDir, ...env } },
      (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

async function refusal(promise: Promise<unknown>): Promise<FerryError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof FerryError, `expected a FerryError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected a refusal');
}

const shape = (entries: SyncHistoryEntry[]) => entries.map((entry) => `${entry.operation} ${entry.outcome}`);

describe('sync history (issue 16)', () => {
  before(async () => {
    root = await tempDir('ferry-sync-history-');
    server = await startGitHttpServer({ root, user: USER, password: PASSWORD });
    a = services('a');
    b = services('b');
    dirA = (await a.workspace.create(join(root, 'a'), 'History workspace')).path;
    dirB = join(root, 'b');
    await a.remotes.add('origin', server.url);
    for (const member of [a, b])
      await member.remotes.login(server.url, { username: USER, password: PASSWORD });
  });
  after(() => server.close());

  it('records a push, a clone in the clone, and a refused push with its reason (re-thrown as it came)', async () => {
    assert.deepEqual(await a.sync.history(), []);
    await a.sync.push();
    await b.sync.clone(server.url, dirB);
    const cloned = await b.sync.history();
    assert.deepEqual(shape(cloned), ['clone ok']);
    assert.match(cloned[0]?.summary ?? '', new RegExp(`Cloned ${server.url.replace(/\./g, '\\.')} into `));

    await b.changesets.create({ title: 'From B' });
    await b.sync.push();
    await a.changesets.create({ title: 'From A' });
    const refused = await refusal(a.sync.push());
    assert.equal(refused.code, 'sync.behind');
    const history = await a.sync.history();
    assert.deepEqual(shape(history), ['push failed', 'push ok']);
    assert.equal(history[0]?.remote, 'origin');
    assert.equal(history[0]?.summary, `Push failed: ${refused.message}`);
  });

  it('records a sync with what it pulled, newest first', async () => {
    const synced = await a.sync.sync();
    assert.equal(synced.pull.outcome, 'merged');
    const [latest] = await a.sync.history();
    assert.equal(latest?.operation, 'sync');
    assert.equal(latest?.outcome, 'ok');
    assert.match(
      latest?.summary ?? '',
      /Pulled 1 file from origin\/main \(merged with local changes\): 1 new changeset \(From B\); Pushed main to origin/,
    );
    assert.equal((await b.sync.pull()).outcome, 'fast-forward');
    assert.deepEqual(shape(await b.sync.history()), ['pull ok', 'push ok', 'clone ok']);
  });

  it('records a pull refused by a conflict and the resolve that follows', async () => {
    const [fromA] = (await a.changesets.list()).filter((summary) => summary.title === 'From A');
    assert.ok(fromA);
    const theirs = (await b.changesets.get(fromA.id)).changeset;
    await b.changesets.save({ ...theirs, description: 'B was here' });
    await b.sync.push();
    const ours = (await a.changesets.get(fromA.id)).changeset;
    await a.changesets.save({ ...ours, description: 'A was here' });
    const conflict = await refusal(a.sync.pull());
    assert.equal(conflict.code, 'sync.conflict');
    await a.sync.resolve([{ path: `changesets/${fromA.id}.json`, choice: 'mine' }]);
    const [resolved, refused] = await a.sync.history();
    assert.deepEqual([resolved?.operation, resolved?.outcome], ['resolve', 'ok']);
    assert.match(resolved?.summary ?? '', /^Resolved 1 conflict \(From A: mine kept\)/);
    assert.deepEqual([refused?.operation, refused?.outcome], ['pull', 'failed']);
    assert.equal(refused?.summary, `Pull failed: ${conflict.message}`);
  });

  it('records a failed pull without the password, and `ferry remote history` shows it all, never in git', async () => {
    const wrong = await ferry(dirB, join(root, 'data-b'), ['pull'], { FERRY_GIT_PASSWORD: WRONG_PASSWORD });
    assert.equal(wrong.code, 3, wrong.stderr);

    const human = await ferry(dirB, join(root, 'data-b'), ['remote', 'history']);
    assert.equal(human.code, 0, human.stderr);
    const lines = human.stdout.trim().split('\n');
    assert.equal(lines.length, 5, human.stdout);
    assert.match(lines[0] ?? '', /pull +origin {2}FAILED: Pull failed: .*ferry remote login/);
    assert.match(lines[4] ?? '', /clone +origin {2}Cloned /);

    const json = await ferry(dirB, join(root, 'data-b'), ['remote', 'history', '--limit', '2', '--json']);
    assert.equal(json.code, 0, json.stderr);
    assert.deepEqual(shape(JSON.parse(json.stdout) as SyncHistoryEntry[]), ['pull failed', 'push ok']);
    assert.equal((await ferry(dirB, join(root, 'data-b'), ['remote', 'history', '--limit', '0'])).code, 2);

    for (const dir of [dirA, dirB]) {
      const text = await readFile(join(dir, '.git', SYNC_HISTORY_FILE), 'utf8');
      for (const secret of [
        PASSWORD,
        WRONG_PASSWORD,
        Buffer.from(`${USER}:${PASSWORD}`).toString('base64'),
      ]) {
        assert.ok(!text.includes(secret), `${secret} in ${dir}'s history`);
      }
      assert.equal(nativeGit(dir, 'status', '--porcelain'), '', 'the history is not a workspace file');
      assert.equal(nativeGit(dir, 'ls-files', '.git').trim(), '');
    }
  });
});
