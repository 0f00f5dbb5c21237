import assert from 'node:assert/strict';
import { existsSync, lstatSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { createFerryServices, type FerryServices } from '../../../electron/host/core/ferry-services';
import { startGitHttpServer, type GitHttpServer } from '../../support/git-http-server';
import { nativeGit } from '../../support/native-git';
import { tempDir } from '../../support/temp-dir';
import {
  blob,
  commitAsMain,
  filesHolding,
  gitState,
  lsTree,
  rejection,
  rev,
  treeWith,
  type CraftEntry,
} from './attack-craft';

/**
 * A teammate with push access controls every byte of the remote. These trees hold what a Ferry
 * workspace never does — a `.git` folder, `..`, a symbolic link out of the workspace, a
 * submodule, names that are one file on macOS and Windows, a terminal escape in a name — and a
 * pull or clone of them must refuse in words (sync.unsafe-remote) with the workspace exactly as
 * it was, and no file of them written anywhere.
 */
const USER = 'ada';
const PASSWORD = 'attack-Trees-Pass-5e11a9-DO-NOT-LEAK';
const ENV = { FERRY_VAULT_PASSPHRASE: 'attack-trees-passphrase' };

let root: string;
let server: GitHttpServer;
let ada: FerryServices;
let dirA: string;
/** The remote's honest main, put back before each attack. */
let honest: string;
let outside: string;

async function member(name: string): Promise<FerryServices> {
  const services = createFerryServices({
    dataDir: join(root, `data-${name}`),
    version: 'test',
    env: ENV,
    author: { name, email: `${name}@example.test` },
  });
  await services.remotes.login(server.url, { username: USER, password: PASSWORD });
  return services;
}

/** Main's tree with `entries` in `folder`: a commit on top of the honest main, pushed as main. */
function attack(folder: string[], entries: CraftEntry[], remove: string[] = []): string {
  const tree = treeWith(server.bareDir, rev(server.bareDir, `${honest}^{tree}`), folder, entries, remove);
  return commitAsMain(server.bareDir, tree, [honest], 'Nothing to see here');
}

/** Pull refuses as sync.unsafe-remote, naming `named`; workspace, index, HEAD as they were. */
async function refusedPull(named: RegExp): Promise<void> {
  const before = gitState(dirA);
  const error = await rejection(ada.sync.pull());
  assert.equal(error.code, 'sync.unsafe-remote', error.message);
  assert.match(error.message, named);
  assert.deepEqual(gitState(dirA), before);
  // Conflicts reads their tree too: refused the same way, not with isomorphic-git's own error.
  assert.equal((await rejection(ada.sync.conflicts())).code, 'sync.unsafe-remote');
}

/** Clone refuses the same tree, and leaves no folder behind. */
async function refusedClone(name: string): Promise<void> {
  const other = await member(`clone-${name}`);
  const target = join(root, `clone-${name}`);
  const error = await rejection(other.sync.clone(server.url, target));
  assert.equal(error.code, 'sync.unsafe-remote', error.message);
  assert.equal(existsSync(target), false);
}

describe('a remote whose trees hold what a workspace never does (issue 16 attacks)', () => {
  before(async () => {
    root = await tempDir('ferry-attack-trees-');
    outside = join(root, 'outside');
    await mkdir(outside);
    await writeFile(join(outside, 'secret.txt'), 'not for the workspace\n');
    server = await startGitHttpServer({ root, user: USER, password: PASSWORD });
    ada = await member('ada');
    dirA = (await ada.workspace.create(join(root, 'a'), 'Attacked')).path;
    await ada.remotes.add('origin', server.url);
    await ada.changesets.create({ title: 'Seed' });
    await ada.sync.push();
    honest = rev(server.bareDir, 'main');
  });
  beforeEach(() => {
    nativeGit(server.bareDir, 'update-ref', 'refs/heads/main', honest);
  });
  after(async () => {
    await server.close();
  });

  it('a `.git` folder in their tree (a hook to run) is refused; no hook is written', async () => {
    const hook = blob(server.bareDir, '#!/bin/sh\ntouch /tmp/ferry-pwned\n');
    const hooks = treeWith(
      server.bareDir,
      null,
      [],
      [{ mode: '100755', type: 'blob', oid: hook, name: 'post-checkout' }],
    );
    const dotGit = treeWith(
      server.bareDir,
      null,
      [],
      [{ mode: '040000', type: 'tree', oid: hooks, name: 'hooks' }],
    );
    attack([], [{ mode: '040000', type: 'tree', oid: dotGit, name: '.git' }]);
    await refusedPull(/name git itself refuses/);
    assert.equal(existsSync(join(dirA, '.git', 'hooks', 'post-checkout')), false);
    await refusedClone('dotgit');
  });

  it('a `..` folder in a changeset folder is refused; nothing is written above the workspace', async () => {
    const escape = blob(server.bareDir, 'escaped\n');
    const up = treeWith(
      server.bareDir,
      null,
      [],
      [{ mode: '100644', type: 'blob', oid: escape, name: 'escaped.txt' }],
    );
    attack(['changesets'], [{ mode: '040000', type: 'tree', oid: up, name: '..' }]);
    await refusedPull(/name git itself refuses/);
    assert.equal(existsSync(join(dirA, 'escaped.txt')), false);
    assert.equal(existsSync(join(root, 'escaped.txt')), false);
  });

  it('a symbolic link pointing outside the workspace is refused; no link is written', async () => {
    const target = blob(server.bareDir, join(outside, 'secret.txt'));
    attack(['changesets'], [{ mode: '120000', type: 'blob', oid: target, name: 'stolen.json' }]);
    await refusedPull(/changesets\/stolen\.json" is a symbolic link/);
    assert.equal(existsSync(join(dirA, 'changesets', 'stolen.json')), false);
    assert.throws(() => lstatSync(join(dirA, 'changesets', 'stolen.json')));
    // The file a later edit would have written through the link is untouched.
    assert.equal(await readFile(join(outside, 'secret.txt'), 'utf8'), 'not for the workspace\n');
    await refusedClone('symlink');
  });

  it('a folder that is a link (so later writes under it land outside) is refused', async () => {
    const target = blob(server.bareDir, outside);
    attack([], [{ mode: '120000', type: 'blob', oid: target, name: 'runs' }]);
    await refusedPull(/"runs" is a symbolic link/);
    assert.throws(() => lstatSync(join(dirA, 'runs')));
  });

  it('a submodule (gitlink) is refused', async () => {
    attack([], [{ mode: '160000', type: 'commit', oid: 'deadbeef'.repeat(5), name: 'vendor' }]);
    await refusedPull(/"vendor" is a submodule/);
    assert.equal(existsSync(join(dirA, 'vendor')), false);
    await refusedClone('gitlink');
  });

  it('two names that differ only in case (one file on macOS and Windows) are refused', async () => {
    const [seed] = lsTree(server.bareDir, `${honest}:changesets`).filter((entry) => entry.type === 'blob');
    assert.ok(seed !== undefined);
    const shadow = blob(server.bareDir, '{"not":"a changeset"}\n');
    attack(['changesets'], [{ mode: '100644', type: 'blob', oid: shadow, name: seed.name.toUpperCase() }]);
    await refusedPull(/differ only in case/);
    assert.equal(existsSync(join(dirA, 'changesets', seed.name.toUpperCase())), false);
  });

  it('a name with a terminal escape in it is refused, and the refusal shows it escaped', async () => {
    const data = blob(server.bareDir, '{}\n');
    attack(['changesets'], [{ mode: '100644', type: 'blob', oid: data, name: '\u001b]0;owned\u0007x.json' }]);
    const before = gitState(dirA);
    const error = await rejection(ada.sync.pull());
    assert.equal(error.code, 'sync.unsafe-remote');
    assert.equal(error.message.includes('\u001b'), false);
    assert.match(error.message, /control character/);
    assert.deepEqual(gitState(dirA), before);
  });

  it('the same attacks inside a merge (both sides changed) are refused before anything is written', async () => {
    await ada.changesets.create({ title: 'Mine, not pushed' });
    const before = gitState(dirA);
    const target = blob(server.bareDir, join(outside, 'secret.txt'));
    attack(['environments'], [{ mode: '120000', type: 'blob', oid: target, name: 'linked' }]);
    const error = await rejection(ada.sync.pull());
    assert.equal(error.code, 'sync.unsafe-remote');
    assert.deepEqual(gitState(dirA), before);
    // A resolve with any choices is refused the same way.
    assert.equal(
      (await rejection(ada.sync.resolve([{ path: 'environments/linked', choice: 'theirs' }]))).code,
      'sync.unsafe-remote',
    );
    assert.deepEqual(gitState(dirA), before);
  });

  it('an honest remote still pulls after all that, and no credential was written anywhere', async () => {
    nativeGit(server.bareDir, 'update-ref', 'refs/heads/main', honest);
    const result = await ada.sync.sync();
    assert.equal(result.push.outcome, 'pushed');
    assert.equal(rev(server.bareDir, 'main'), rev(dirA, 'HEAD'));
    assert.equal(nativeGit(dirA, 'status', '--porcelain'), '');
    // The refused commits' objects stay in .git/objects, unreferenced by any branch: data, never files.
    assert.equal(nativeGit(dirA, 'ls-tree', '-r', 'HEAD').match(/^(120000|160000) /m), null);
    assert.deepEqual(await filesHolding(dirA, PASSWORD), []);
    assert.deepEqual(await filesHolding(server.root, PASSWORD), []);
  });
});
