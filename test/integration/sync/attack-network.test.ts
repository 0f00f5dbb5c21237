import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { FerryServices } from '../../../electron/host/core/ferry-services';
import { startGitHttpServer, type GitHttpServer } from '../../support/git-http-server';
import { nativeGit } from '../../support/native-git';
import { tempDir } from '../../support/temp-dir';
import { blob, commitAsMain, filesHolding, gitState, rejection, rev, treeWith } from './attack-craft';
import { teamMachine } from './sync-test-support';

/**
 * The network and the local git config as adversaries: a remote that sends half a pack and hangs
 * up, one that redirects to another host, and a .git/config edited by hand (a password in the
 * address, a plain-http address elsewhere, a pushurl or an http.corsProxy that would take the
 * transfer, and the credentials, somewhere else). After each: the workspace as it was, the
 * credentials sent nowhere else and written nowhere.
 */
const USER = 'ada';
const PASSWORD = 'attack-Net-Pass-9f3d17-DO-NOT-LEAK';
const ENV = { FERRY_VAULT_PASSPHRASE: 'attack-network-passphrase' };
const BIN = fileURLToPath(new URL('../../../bin/ferry.mjs', import.meta.url));

let root: string;
let server: GitHttpServer;
let ada: FerryServices;
let bob: FerryServices;
let dirA: string;
/** Another origin on this machine, recording what reaches it. */
let elsewhere: Server;
let elsewhereUrl: string;
const reachedElsewhere: { path: string; authorization: string | undefined }[] = [];

function machine(name: string): FerryServices {
  return teamMachine(join(root, `data-${name}`), name, ENV);
}

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, '-w', dirA, ...args],
      { env: { ...process.env, ...ENV, FERRY_DATA_DIR: join(root, 'data-Ada') } },
      (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

/** Bob pushes a new changeset: Ada is one commit behind. */
async function bobPushes(title: string): Promise<void> {
  await bob.sync.pull();
  await bob.changesets.create({ title });
  await bob.sync.push();
}

async function assertNoCredentialWritten(): Promise<void> {
  for (const folder of [dirA, join(root, 'b'), join(root, 'data-Ada'), join(root, 'data-Bob'), server.root]) {
    assert.deepEqual(await filesHolding(folder, PASSWORD), [], `a credential was written under ${folder}`);
  }
}

describe('a flaky or hostile network, and a hand-edited .git/config (issue 16 attacks)', () => {
  before(async () => {
    root = await tempDir('ferry-attack-network-');
    server = await startGitHttpServer({ root, user: USER, password: PASSWORD });
    elsewhere = createServer((request, response) => {
      reachedElsewhere.push({ path: request.url ?? '', authorization: request.headers.authorization });
      response.writeHead(401, { 'WWW-Authenticate': 'Basic realm="elsewhere"' }).end();
    });
    await new Promise<void>((resolve) => elsewhere.listen(0, '127.0.0.1', resolve));
    elsewhereUrl = `http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}`;
    ada = machine('Ada');
    bob = machine('Bob');
    for (const services of [ada, bob]) {
      await services.remotes.login(server.url, { username: USER, password: PASSWORD });
    }
    dirA = (await ada.workspace.create(join(root, 'a'), 'Network')).path;
    await ada.changesets.create({ title: 'Seed' });
    await ada.remotes.add('origin', server.url);
    await ada.sync.push();
    await bob.sync.clone(server.url, join(root, 'b'));
  });
  after(async () => {
    server.setFault({ kind: 'none' });
    await server.close();
    elsewhere.closeAllConnections();
    await new Promise<void>((resolve) => elsewhere.close(() => resolve()));
  });

  it('a remote that sends half a pack and hangs up: sync.unreachable, and nothing changed', async () => {
    await bobPushes('Behind by one');
    const before = gitState(dirA);
    const tracking = rev(dirA, 'refs/remotes/origin/main');
    server.setFault({ kind: 'drop-mid-pack' });
    try {
      const error = await rejection(ada.sync.pull());
      assert.equal(error.code, 'sync.unreachable', error.message);
      assert.match(error.message, /closed before the fetch finished/);
      assert.equal(error.message.includes(PASSWORD), false);
      assert.deepEqual(gitState(dirA), before);
      assert.equal(rev(dirA, 'refs/remotes/origin/main'), tracking);
      // A clone cut off the same way leaves no folder.
      const carol = machine('Carol');
      await carol.remotes.login(server.url, { username: USER, password: PASSWORD });
      const target = join(root, 'carol');
      assert.equal((await rejection(carol.sync.clone(server.url, target))).code, 'sync.unreachable');
      assert.equal(existsSync(target), false);
    } finally {
      server.setFault({ kind: 'none' });
    }
    // Once the network is back, the same pull goes through and git finds the objects sound.
    assert.equal((await ada.sync.pull()).outcome, 'fast-forward');
    nativeGit(dirA, 'fsck', '--strict');
    await assertNoCredentialWritten();
  });

  it('a remote that redirects to another host: not followed, no credentials sent there', async () => {
    await bobPushes('Redirected');
    const before = gitState(dirA);
    server.setFault({ kind: 'redirect', to: elsewhereUrl });
    try {
      const pull = await rejection(ada.sync.pull());
      assert.equal(pull.code, 'sync.unreachable', pull.message);
      assert.match(pull.message, /redirect/i);
      assert.equal((await rejection(ada.sync.push())).code, 'sync.unreachable');
    } finally {
      server.setFault({ kind: 'none' });
    }
    assert.deepEqual(reachedElsewhere, []);
    assert.deepEqual(gitState(dirA), before);
    await ada.sync.pull();
  });

  it('a pushurl or http.corsProxy hand-added to .git/config does not take the transfer elsewhere', async () => {
    await ada.changesets.create({ title: 'Mine to push' });
    nativeGit(dirA, 'config', 'remote.origin.pushurl', `${elsewhereUrl}/stolen.git`);
    nativeGit(dirA, 'config', 'http.corsProxy', elsewhereUrl);
    nativeGit(dirA, 'config', 'branch.main.merge', 'refs/heads/elsewhere');
    try {
      assert.equal((await ada.sync.push()).outcome, 'pushed');
      assert.equal(rev(server.bareDir, 'main'), rev(dirA, 'HEAD'));
      await bobPushes('After the edit');
      assert.equal((await ada.sync.pull()).outcome, 'fast-forward');
    } finally {
      nativeGit(dirA, 'config', '--unset', 'remote.origin.pushurl');
      nativeGit(dirA, 'config', '--unset', 'http.corsProxy');
      nativeGit(dirA, 'config', '--unset', 'branch.main.merge');
    }
    assert.deepEqual(reachedElsewhere, []);
  });

  it('a fetch refspec hand-edited to write our own branch is refused: no local commit is dropped', async () => {
    await ada.sync.sync();
    await bobPushes('Bob, while Ada works');
    await ada.changesets.create({ title: 'Not pushed yet' });
    const before = gitState(dirA);
    nativeGit(dirA, 'config', '--replace-all', 'remote.origin.fetch', '+refs/heads/*:refs/heads/*');
    try {
      for (const attempt of [() => ada.sync.pull(), () => ada.sync.push(), () => ada.sync.status()]) {
        const error = await rejection(attempt());
        assert.equal(error.code, 'sync.remote-invalid', error.message);
        assert.match(error.message, /would overwrite this workspace's own branches/);
        assert.deepEqual(gitState(dirA), before);
      }
    } finally {
      nativeGit(
        dirA,
        'config',
        '--replace-all',
        'remote.origin.fetch',
        '+refs/heads/*:refs/remotes/origin/*',
      );
    }
    const pull = await ada.sync.pull();
    assert.equal(pull.outcome, 'merged');
    nativeGit(dirA, 'merge-base', '--is-ancestor', before.head, 'HEAD');
  });

  it('an address hand-edited to carry a password, or to plain http elsewhere, is refused and never printed', async () => {
    const original = nativeGit(dirA, 'config', 'remote.origin.url').trim();
    const withPassword = server.url.replace('http://', `http://${USER}:${PASSWORD}@`);
    try {
      for (const url of [
        withPassword,
        'http://10.255.255.1/team.git',
        'file:///etc/team.git',
        'ext::sh -c id',
      ]) {
        nativeGit(dirA, 'config', 'remote.origin.url', url);
        const before = gitState(dirA);
        const error = await rejection(ada.sync.pull());
        assert.equal(error.code, 'sync.remote-invalid', `${url}: ${error.message}`);
        assert.equal(JSON.stringify(error.toApiError()).includes(PASSWORD), false);
        assert.deepEqual(gitState(dirA), before);
      }
      nativeGit(dirA, 'config', 'remote.origin.url', withPassword);
      for (const args of [
        ['pull'],
        ['push'],
        ['remote', 'list'],
        ['sync', 'status'],
        ['conflicts'],
        ['--json', 'pull'],
      ]) {
        const run = await cli(args);
        assert.equal(
          `${run.stdout}${run.stderr}`.includes(PASSWORD),
          false,
          `ferry ${args.join(' ')} printed it`,
        );
      }
    } finally {
      nativeGit(dirA, 'config', 'remote.origin.url', original);
    }
    assert.equal(
      server.requests.some((line) => line.includes(PASSWORD)),
      false,
    );
    await assertNoCredentialWritten();
  });

  it('every progress event has numbers for loaded and total (0 while the total is unknown)', async () => {
    const events: { phase: string; loaded: unknown; total: unknown }[] = [];
    const carol = machine('Carol2');
    await carol.remotes.login(server.url, { username: USER, password: PASSWORD });
    await carol.remotes.clone(server.url, join(root, 'carol2'), {
      onProgress: (event) => events.push({ phase: event.phase, loaded: event.loaded, total: event.total }),
    });
    assert.ok(events.length > 0);
    for (const event of events) {
      assert.equal(typeof event.total, 'number', JSON.stringify(event));
      assert.equal(typeof event.loaded, 'number', JSON.stringify(event));
      assert.ok(Number.isFinite(event.total) && (event.total as number) >= 0, JSON.stringify(event));
    }
  });

  it('a 24 MB file pushed by a teammate pulls without a crash, byte for byte', async () => {
    const bytes = randomBytes(24 * 1024 * 1024);
    const big = blob(server.bareDir, bytes);
    const head = rev(server.bareDir, 'main');
    const tree = treeWith(
      server.bareDir,
      rev(server.bareDir, `${head}^{tree}`),
      ['environments'],
      [{ mode: '100644', type: 'blob', oid: big, name: 'huge.bin' }],
    );
    commitAsMain(server.bareDir, tree, [head], 'A very large file');
    const result = await ada.sync.pull();
    assert.ok(['fast-forward', 'merged'].includes(result.outcome));
    assert.equal(nativeGit(dirA, 'hash-object', join('environments', 'huge.bin')).trim(), big);
    await assertNoCredentialWritten();
  });
});
