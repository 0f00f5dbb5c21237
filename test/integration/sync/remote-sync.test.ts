import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { createFerryServices, type FerryServices } from '../../../electron/host/core/ferry-services';
import { RemoteService } from '../../../electron/services/sync/remote-service';
import { FerryError } from '../../../shared/api/api-error';
import { startGitHttpServer, type GitHttpServer } from '../../support/git-http-server';
import { nativeGit } from '../../support/native-git';
import { tempDir } from '../../support/temp-dir';
import { filesUnder } from './sync-test-support';

/**
 * Team workspaces over a git remote (issue 16), against native git's own smart-HTTP server with
 * basic auth on 127.0.0.1. Workspace A is driven through the services in this process, workspace
 * B through the real `ferry` bin in child processes, as two teammates on two machines would be.
 */
const BIN = fileURLToPath(new URL('../../../bin/ferry.mjs', import.meta.url));
const USER = 'rita';
/** Distinctive, so finding it anywhere it must not be is certain. */
const PASSWORD = 'git-Pass-5e1d77-DO-NOT-LEAK';
const WRONG_PASSWORD = 'wrong-Pass-90ab13-DO-NOT-LEAK';
const PASSPHRASE = 'remote-sync-test-passphrase';

let root: string;
let server: GitHttpServer;
let a: FerryServices;
let remotesA: RemoteService;
let dirA: string;
let dirB: string;
const dataA = () => join(root, 'data-a');
const dataB = () => join(root, 'data-b');

/** `ferry …` as teammate B (B's data folder and vault), with `input` on standard input. */
function ferryB(
  args: string[],
  options: { input?: string; env?: Record<string, string> } = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [BIN, ...args],
      {
        cwd: root,
        env: { ...process.env, FERRY_DATA_DIR: dataB(), FERRY_VAULT_PASSPHRASE: PASSPHRASE, ...options.env },
      },
      (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
    child.stdin?.end(options.input ?? '');
  });
}

/** B's own services, in this process, for edits the CLI has no command for (saving a changed changeset). */
async function servicesB(): Promise<FerryServices> {
  const services = createFerryServices({
    dataDir: dataB(),
    version: 'test',
    env: { FERRY_VAULT_PASSPHRASE: PASSPHRASE },
  });
  await services.workspace.open(dirB);
  return services;
}

async function rejection(promise: Promise<unknown>): Promise<FerryError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof FerryError, `expected a FerryError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected a refusal');
}

/** What a refused pull must leave exactly as it was: status, HEAD, the index and every working file. */
async function workspaceState(dir: string) {
  const files = await filesUnder(dir);
  const working = [...files].filter(([path]) => !path.startsWith('.git/'));
  return {
    status: nativeGit(dir, 'status', '--porcelain'),
    head: nativeGit(dir, 'rev-parse', 'HEAD').trim(),
    index: files.get('.git/index')?.toString('base64'),
    working: Object.fromEntries(working.map(([path, bytes]) => [path, bytes.toString('base64')])),
  };
}

function changesetIdFrom(output: string): string {
  const parsed = JSON.parse(output) as { changeset?: { id?: string }; id?: string };
  const id = parsed.changeset?.id ?? parsed.id;
  assert.ok(typeof id === 'string', output);
  return id;
}

describe('team workspace over a git remote (issue 16)', () => {
  before(async () => {
    root = await tempDir('ferry-remote-sync-');
    server = await startGitHttpServer({ root, user: USER, password: PASSWORD });
    a = createFerryServices({
      dataDir: dataA(),
      version: 'test',
      env: { FERRY_VAULT_PASSPHRASE: PASSPHRASE },
    });
    dirA = (await a.workspace.create(join(root, 'a'), 'Team workspace')).path;
    remotesA = new RemoteService({
      workspace: a.workspace,
      vault: a.vault,
      env: { FERRY_VAULT_PASSPHRASE: PASSPHRASE },
    });
    dirB = join(root, 'b');
  });
  after(async () => {
    await server.close();
  });

  it('A adds the remote (refusing addresses that would leak or go in clear), logs in and pushes', async () => {
    const withPassword = await rejection(
      remotesA.add('origin', server.url.replace('http://', `http://${USER}:${PASSWORD}@`)),
    );
    assert.equal(withPassword.code, 'sync.remote-invalid');
    assert.ok(!withPassword.message.includes(PASSWORD));
    assert.equal(
      (await rejection(remotesA.add('origin', 'http://git.example.com/team.git'))).code,
      'sync.remote-invalid',
    );
    assert.equal((await rejection(remotesA.add('bad name', server.url))).code, 'sync.remote-invalid');

    await remotesA.add('origin', server.url);
    assert.deepEqual(await remotesA.list(), [{ name: 'origin', url: server.url, credentials: 'none' }]);
    const anonymous = await rejection(remotesA.push());
    assert.equal(anonymous.code, 'sync.auth-failed');

    await remotesA.login('origin', { username: USER, password: PASSWORD });
    assert.equal((await remotesA.list())[0]?.credentials, 'vault');
    const pushed = await remotesA.push();
    assert.equal(pushed.outcome, 'pushed');
    assert.equal(
      nativeGit(server.bareDir, 'rev-parse', 'main').trim(),
      nativeGit(dirA, 'rev-parse', 'HEAD').trim(),
    );
    assert.equal((await remotesA.push()).outcome, 'up-to-date');
  });

  it('B logs in from standard input and clones with `ferry clone`', async () => {
    const login = await ferryB(['remote', 'login', server.url, '--username', USER], {
      input: `${PASSWORD}\n`,
    });
    assert.equal(login.code, 0, login.stderr);
    assert.ok(!login.stdout.includes(PASSWORD) && !login.stderr.includes(PASSWORD));
    const cloned = await ferryB(['clone', server.url, 'b']);
    assert.equal(cloned.code, 0, cloned.stderr);
    assert.match(cloned.stdout, /Cloned "Team workspace"/);
    assert.equal(nativeGit(dirB, 'rev-parse', 'HEAD').trim(), nativeGit(dirA, 'rev-parse', 'HEAD').trim());
    const listed = await ferryB(['-w', dirB, 'remote', 'list', '--json']);
    assert.equal(listed.code, 0, listed.stderr);
    assert.deepEqual(JSON.parse(listed.stdout), [{ name: 'origin', url: server.url, credentials: 'vault' }]);
    const added = await ferryB(['-w', dirB, 'remote', 'add', 'mirror', `${server.url}?x`]);
    assert.equal(added.code, 2, 'an address with a query is refused');
    assert.equal((await ferryB(['-w', dirB, 'remote', 'add', 'mirror', server.url])).code, 0);
    assert.equal((await ferryB(['-w', dirB, 'remote', 'remove', 'mirror'])).code, 0);
    assert.doesNotMatch(nativeGit(dirB, 'remote'), /mirror/);
    // A clone into a folder that is not empty is refused before any transfer.
    const again = await ferryB(['clone', server.url, 'b']);
    assert.equal(again.code, 2, again.stderr);
  });

  it('B creates a changeset and pushes; A pulls it as a fast-forward', async () => {
    const created = await ferryB(['-w', dirB, 'changeset', 'new', '--title', 'Video support', '--json']);
    assert.equal(created.code, 0, created.stderr);
    const id = changesetIdFrom(created.stdout);
    const pushed = await ferryB(['-w', dirB, 'push']);
    assert.equal(pushed.code, 0, pushed.stderr);
    assert.match(pushed.stdout, /Pushed main to origin/);

    const behind = await remotesA.status();
    assert.deepEqual([behind.ahead, behind.behind], [0, 1]);
    const phases = new Set<string>();
    const pulled = await remotesA.pull({
      onProgress: (event) => phases.add(`${event.operation}: ${event.phase}`),
    });
    assert.equal(pulled.outcome, 'fast-forward');
    assert.ok(phases.size > 0, 'the fetch reported its progress');
    assert.deepEqual(pulled.files, [`changesets/${id}.json`]);
    assert.equal((await a.changesets.get(id)).changeset.title, 'Video support');
    assert.equal(nativeGit(dirA, 'status', '--porcelain'), '');
  });

  it('both sides change different files: the pull merges, then each side has both', async () => {
    const mine = await a.changesets.create({ title: 'Queue tidy-up' });
    const created = await ferryB(['-w', dirB, 'changeset', 'new', '--title', 'Holiday hours', '--json']);
    assert.equal(created.code, 0, created.stderr);
    const theirs = changesetIdFrom(created.stdout);
    assert.equal((await ferryB(['-w', dirB, 'push'])).code, 0);

    // A is behind and ahead at once: its push is refused with "pull first".
    const both = await remotesA.status();
    assert.deepEqual([both.ahead, both.behind], [1, 1]);
    const statusB = await ferryB(['-w', dirB, 'remote', 'status', '--offline', '--json']);
    assert.equal(statusB.code, 0, statusB.stderr);
    const parsedB = JSON.parse(statusB.stdout) as { ahead: number; behind: number };
    assert.deepEqual([parsedB.ahead, parsedB.behind], [0, 0], 'B pushed all it has');
    const refused = await rejection(remotesA.push());
    assert.equal(refused.code, 'sync.behind');
    assert.match(refused.message, /pull first/);

    const synced = await remotesA.sync();
    assert.equal(synced.pull.outcome, 'merged');
    assert.deepEqual(synced.pull.files, [`changesets/${theirs}.json`]);
    assert.equal(synced.push.outcome, 'pushed');
    const afterSync = await remotesA.status({ offline: true });
    assert.deepEqual([afterSync.ahead, afterSync.behind], [0, 0]);
    assert.equal((await a.changesets.get(theirs)).changeset.title, 'Holiday hours');
    assert.equal(nativeGit(dirA, 'status', '--porcelain'), '');
    assert.equal(nativeGit(dirA, 'rev-list', '--parents', '-n', '1', 'HEAD').trim().split(' ').length, 3);

    const syncedB = await ferryB(['-w', dirB, 'sync']);
    assert.equal(syncedB.code, 0, syncedB.stderr);
    assert.match(syncedB.stdout, /Pulled origin\/main: 1 file changed/);
    assert.match(syncedB.stdout, /already has everything/);
    assert.ok((await stat(join(dirB, 'changesets', `${mine.changeset.id}.json`))).isFile());
    assert.equal(nativeGit(dirB, 'rev-parse', 'HEAD').trim(), nativeGit(dirA, 'rev-parse', 'HEAD').trim());
  });

  it('both sides change the same changeset: the pull is refused naming it, and A is exactly as before', async () => {
    const [video] = (await a.changesets.list()).filter((summary) => summary.title === 'Video support');
    assert.ok(video);
    const b = await servicesB();
    const theirs = (await b.changesets.get(video.id)).changeset;
    await b.changesets.save({ ...theirs, description: 'Edited by B: video for the VIP queue' });
    assert.equal((await ferryB(['-w', dirB, 'push'])).code, 0);

    const ours = (await a.changesets.get(video.id)).changeset;
    await a.changesets.save({ ...ours, description: 'Edited by A: video for every queue' });
    const beforePull = await workspaceState(dirA);

    const refused = await rejection(remotesA.pull());
    assert.equal(refused.code, 'sync.conflict');
    assert.match(refused.message, new RegExp(`changesets/${video.id}\\.json`));
    assert.deepEqual(refused.details?.changesets, [video.id]);
    assert.deepEqual(await workspaceState(dirA), beforePull);

    // The same refusal through the CLI: exit 3, the changeset named, nothing changed.
    const cli = await new Promise<{ code: number; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        [BIN, '-w', dirA, 'pull'],
        { env: { ...process.env, FERRY_DATA_DIR: dataA(), FERRY_VAULT_PASSPHRASE: PASSPHRASE } },
        (error, _stdout, stderr) =>
          resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stderr }),
      );
    });
    assert.equal(cli.code, 3, cli.stderr);
    assert.match(cli.stderr, new RegExp(video.id));
    assert.deepEqual(await workspaceState(dirA), beforePull);
    assert.equal(
      (await a.changesets.get(video.id)).changeset.description,
      'Edited by A: video for every queue',
    );
  });

  it('a wrong password is refused in words that never carry it; a cancelled transfer changes nothing', async () => {
    const wrong = await ferryB(['-w', dirB, 'pull', '--json'], {
      env: { FERRY_GIT_PASSWORD: WRONG_PASSWORD },
    });
    assert.equal(wrong.code, 3, wrong.stderr);
    const error = (JSON.parse(wrong.stdout) as { error: { code: string; message: string } }).error;
    assert.equal(error.code, 'sync.auth-failed');
    assert.match(error.message, /ferry remote login/);
    for (const text of [wrong.stdout, wrong.stderr]) {
      assert.ok(!text.includes(WRONG_PASSWORD) && !text.includes(PASSWORD));
    }
    const human = await ferryB(['-w', dirB, 'push'], { env: { FERRY_GIT_PASSWORD: WRONG_PASSWORD } });
    assert.equal(human.code, 3);
    assert.ok(!human.stderr.includes(WRONG_PASSWORD) && !human.stdout.includes(WRONG_PASSWORD));

    const headBefore = nativeGit(dirA, 'rev-parse', 'HEAD');
    const cancelled = await rejection(remotesA.pull({ signal: AbortSignal.abort() }));
    assert.equal(cancelled.code, 'sync.cancelled');
    assert.equal(nativeGit(dirA, 'rev-parse', 'HEAD'), headBefore);
  });

  it('no credential is in either workspace, its .git folder or the remote; native git finds all three sound', async () => {
    for (const dir of [dirA, dirB, server.bareDir]) {
      for (const [path, bytes] of await filesUnder(dir)) {
        for (const secret of [
          PASSWORD,
          WRONG_PASSWORD,
          Buffer.from(`${USER}:${PASSWORD}`).toString('base64'),
        ]) {
          assert.ok(!bytes.includes(secret), `${secret} found in ${dir}/${path}`);
        }
      }
      nativeGit(dir, 'fsck', '--strict');
    }
    assert.doesNotMatch(await readFile(join(dirA, '.git', 'config'), 'utf8'), new RegExp(USER));
    // The vaults hold them sealed: not in clear there either.
    for (const data of [dataA(), dataB()]) {
      for (const [path, bytes] of await filesUnder(data)) assert.ok(!bytes.includes(PASSWORD), `in ${path}`);
    }
  });
});
