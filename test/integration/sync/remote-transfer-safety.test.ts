import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createFerryServices, type FerryServices } from '../../../electron/host/core/ferry-services';
import { GitCredentials } from '../../../electron/services/sync/git-credentials';
import { RemoteService } from '../../../electron/services/sync/remote-service';
import { CredentialVault } from '../../../electron/services/vault/credential-vault';
import { headlessCipherFactory } from '../../../electron/services/vault/headless-cipher';
import { FerryError } from '../../../shared/api/api-error';
import { startGitHttpServer, type GitHttpServer } from '../../support/git-http-server';
import { nativeGit } from '../../support/native-git';
import { tempDir } from '../../support/temp-dir';

/**
 * The edges of team sync (issue 16) the main journey does not walk: a cancel in the middle of a
 * clone, uncommitted work in a file a pull would write, and credentials that open only for the
 * origin they were stored for.
 */
const USER = 'sam';
const PASSWORD = 'safety-Pass-31c0de-DO-NOT-LEAK';
const ENV = { FERRY_VAULT_PASSPHRASE: 'remote-safety-test-passphrase' };

let root: string;
let server: GitHttpServer;

async function teammate(name: string): Promise<{ services: FerryServices; remotes: RemoteService }> {
  const services = createFerryServices({ dataDir: join(root, `data-${name}`), version: 'test', env: ENV });
  const remotes = new RemoteService({ workspace: services.workspace, vault: services.vault, env: ENV });
  await remotes.login(server.url, { username: USER, password: PASSWORD });
  return { services, remotes };
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

describe('team sync safety (issue 16)', () => {
  let a: { services: FerryServices; remotes: RemoteService };
  let dirA: string;

  before(async () => {
    root = await tempDir('ferry-remote-safety-');
    server = await startGitHttpServer({ root, user: USER, password: PASSWORD });
    a = await teammate('a');
    dirA = (await a.services.workspace.create(join(root, 'a'), 'Safety')).path;
    await a.remotes.add('origin', server.url);
    await a.services.changesets.create({ title: 'Seed' });
    await a.remotes.push();
  });
  after(async () => {
    await server.close();
  });

  it('cloning an empty remote says there is nothing to clone yet, and leaves no folder', async () => {
    const empty = await startGitHttpServer({ root, user: USER, password: PASSWORD, name: 'empty' });
    try {
      const c = await teammate('c');
      // Another port is another origin: the credentials stored for the first server are not sent here.
      assert.equal(
        (await rejection(c.remotes.clone(empty.url, join(root, 'unauthorised')))).code,
        'sync.auth-failed',
      );
      await c.remotes.login(empty.url, { username: USER, password: PASSWORD });
      const target = join(root, 'from-empty');
      const error = await rejection(c.remotes.clone(empty.url, target));
      assert.equal(error.code, 'workspace.not-a-workspace');
      assert.match(error.message, /is empty/);
      assert.equal(existsSync(target), false);
    } finally {
      await empty.close();
    }
  });

  it('a clone cancelled while it transfers leaves no folder behind', async () => {
    const b = await teammate('b');
    const controller = new AbortController();
    const target = join(root, 'cancelled');
    const error = await rejection(
      b.remotes.clone(server.url, target, {
        signal: controller.signal,
        onProgress: () => controller.abort(),
      }),
    );
    assert.equal(error.code, 'sync.cancelled');
    assert.equal(existsSync(target), false);
    assert.deepEqual(
      (await readdir(root)).filter((name) => name.startsWith('.ferry-clone-')),
      [],
      'the staging folder is removed',
    );
  });

  it('a cancel stops a request the remote is slow to answer, at once', async () => {
    server.setDelay(20_000);
    try {
      const controller = new AbortController();
      const head = nativeGit(dirA, 'rev-parse', 'HEAD');
      const started = Date.now();
      setTimeout(() => controller.abort(), 300);
      const error = await rejection(a.remotes.pull({ signal: controller.signal }));
      assert.equal(error.code, 'sync.cancelled');
      assert.ok(Date.now() - started < 5_000, `the cancel took ${Date.now() - started} ms`);
      assert.equal(nativeGit(dirA, 'rev-parse', 'HEAD'), head);
    } finally {
      server.setDelay(0);
    }
  });

  it('a remote address hand-edited to carry a password is listed without it and never used', async () => {
    nativeGit(dirA, 'remote', 'add', 'edited', server.url.replace('http://', `http://${USER}:${PASSWORD}@`));
    try {
      const edited = (await a.remotes.list()).find((remote) => remote.name === 'edited');
      assert.deepEqual(edited, { name: 'edited', url: server.url, credentials: 'none' });
      const error = await rejection(a.remotes.fetch({ remote: 'edited' }));
      assert.equal(error.code, 'sync.remote-invalid');
      assert.ok(!JSON.stringify(error.toApiError()).includes(PASSWORD));
    } finally {
      nativeGit(dirA, 'remote', 'remove', 'edited');
    }
  });

  it('a pull that would overwrite uncommitted work is refused, changing nothing', async () => {
    const b = await teammate('b2');
    const dirB = (await b.remotes.clone(server.url, join(root, 'b2'))).path;
    const [seed] = await b.services.changesets.list();
    assert.ok(seed);
    const theirs = (await b.services.changesets.get(seed.id)).changeset;
    await b.services.changesets.save({ ...theirs, description: 'from b2' });
    assert.equal((await b.remotes.push()).outcome, 'pushed');

    const file = join(dirA, 'changesets', `${seed.id}.json`);
    const edited = `${await readFile(file, 'utf8')} `;
    await writeFile(file, edited);
    const head = nativeGit(dirA, 'rev-parse', 'HEAD');
    const error = await rejection(a.remotes.pull());
    assert.equal(error.code, 'sync.local-changes');
    assert.match(error.message, new RegExp(`changesets/${seed.id}\\.json`));
    assert.equal(await readFile(file, 'utf8'), edited);
    assert.equal(nativeGit(dirA, 'rev-parse', 'HEAD'), head);
    assert.equal(nativeGit(dirA, 'status', '--porcelain').trim(), `M changesets/${seed.id}.json`);
    assert.ok(existsSync(dirB));
    // Undo the edit by hand, as the message says; the pull then goes through.
    nativeGit(dirA, 'checkout', '--', `changesets/${seed.id}.json`);
    assert.equal((await a.remotes.pull()).outcome, 'fast-forward');
  });

  it('a pull whose checkout fails halfway puts the branch, the index and the files back', async () => {
    const b = await teammate('b3');
    const dirB = (await b.remotes.clone(server.url, join(root, 'b3'))).path;
    const arriving = await b.services.changesets.create({ title: 'Arrives with the notes' });
    // A teammate's plain file in a new folder (native git as the peer): A has a file of that name.
    await mkdir(join(dirB, 'notes'));
    await writeFile(join(dirB, 'notes', 'release.md'), 'Release notes\n');
    nativeGit(dirB, 'add', 'notes/release.md');
    nativeGit(
      dirB,
      '-c',
      'user.name=Sam',
      '-c',
      'user.email=sam@example.test',
      'commit',
      '-q',
      '-m',
      'Release notes',
    );
    await b.remotes.push();

    // An untracked file where the pull needs a folder: the pre-checks see nothing (the incoming
    // paths are absent here), and the checkout fails part-way.
    await writeFile(join(dirA, 'notes'), 'my own notes, not in git');
    const beforePull = {
      head: nativeGit(dirA, 'rev-parse', 'HEAD'),
      status: nativeGit(dirA, 'status', '--porcelain'),
      index: await readFile(join(dirA, '.git', 'index')),
    };
    const failed = await rejection(a.remotes.pull());
    assert.equal(failed.code, 'sync.local-changes');
    assert.match(failed.message, /undone/);
    assert.equal(nativeGit(dirA, 'rev-parse', 'HEAD'), beforePull.head);
    assert.equal(nativeGit(dirA, 'status', '--porcelain'), beforePull.status);
    assert.deepEqual(await readFile(join(dirA, '.git', 'index')), beforePull.index);
    assert.equal(existsSync(join(dirA, 'changesets', `${arriving.changeset.id}.json`)), false);
    assert.equal(await readFile(join(dirA, 'notes'), 'utf8'), 'my own notes, not in git');

    await rm(join(dirA, 'notes'));
    assert.equal((await a.remotes.pull()).outcome, 'fast-forward');
    assert.equal(nativeGit(dirA, 'status', '--porcelain'), '');
    assert.equal(await readFile(join(dirA, 'notes', 'release.md'), 'utf8'), 'Release notes\n');
  });

  it("a push the remote's own hook refuses is reported as refused, and nothing is lost", async () => {
    const hook = join(server.bareDir, 'hooks', 'pre-receive');
    await writeFile(hook, '#!/bin/sh\necho "main is protected" >&2\nexit 1\n', { mode: 0o755 });
    try {
      await a.services.changesets.create({ title: 'Held back' });
      const head = nativeGit(dirA, 'rev-parse', 'HEAD');
      const error = await rejection(a.remotes.push());
      assert.equal(error.code, 'sync.unreachable');
      assert.match(error.message, /refused the push/);
      assert.equal(nativeGit(dirA, 'rev-parse', 'HEAD'), head);
      assert.notEqual(nativeGit(server.bareDir, 'rev-parse', 'main'), head);
    } finally {
      await rm(hook);
    }
    assert.equal((await a.remotes.push()).outcome, 'pushed');
  });

  it('stored credentials open only for their own origin; the pipeline variable overrides them', async () => {
    const vault = new CredentialVault(join(root, 'data-c', 'vault.json'), headlessCipherFactory(ENV));
    const credentials = new GitCredentials(vault, ENV);
    await credentials.store('https://git.example.com', { username: USER, password: PASSWORD }, false);
    assert.deepEqual(await credentials.forOrigin('https://git.example.com'), {
      username: USER,
      password: PASSWORD,
    });
    assert.equal(await credentials.forOrigin('https://git.example.com:8443'), null);
    assert.equal(await credentials.forOrigin('https://evil.example.com'), null);
    assert.equal(await credentials.source('https://git.example.com'), 'vault');
    assert.equal(await credentials.source('https://evil.example.com'), 'none');
    const pipeline = new GitCredentials(vault, { ...ENV, FERRY_GIT_PASSWORD: 'from-pipeline' });
    assert.deepEqual(await pipeline.forOrigin('https://evil.example.com'), {
      username: 'git',
      password: 'from-pipeline',
    });
    assert.ok(!(await readFile(join(root, 'data-c', 'vault.json'), 'utf8')).includes(PASSWORD));
  });
});
