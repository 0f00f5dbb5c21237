import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { FerryServices } from '../../../electron/host/core/ferry-services';
import { startGitHttpServer, type GitHttpServer } from '../../support/git-http-server';
import { nativeGit } from '../../support/native-git';
import { tempDir } from '../../support/temp-dir';
import { blob, commitAsMain, gitState, mktree, rejection, rev, treeWith } from './attack-craft';
import { teamMachine } from './sync-test-support';

/**
 * A teammate who rewrites the remote's history (a force push, an unrelated history, a folder
 * turned into a file): a pull must never silently drop this workspace's commits, a push must never
 * force, and a merge must bring their tree as it is. Also: the files a teammate may push that
 * other tools act on (.gitattributes, hooks) arrive as plain data, nothing runs.
 */
const USER = 'ada';
const PASSWORD = 'attack-History-Pass-77c0aa-DO-NOT-LEAK';
const ENV = { FERRY_VAULT_PASSPHRASE: 'attack-history-passphrase' };

let root: string;
let server: GitHttpServer;
let ada: FerryServices;
let dirA: string;

function machine(name: string): FerryServices {
  return teamMachine(join(root, `data-${name}`), name, ENV);
}

/** A plain git commit in Ada's workspace of files Ferry does not author (notes beside the data). */
async function commitFiles(files: Record<string, string>, message: string): Promise<string> {
  for (const [path, text] of Object.entries(files)) {
    await mkdir(join(dirA, path, '..'), { recursive: true });
    await writeFile(join(dirA, path), text);
  }
  nativeGit(dirA, 'add', '--', ...Object.keys(files));
  execFileSync('git', [
    '-C',
    dirA,
    '-c',
    'user.name=Ada',
    '-c',
    'user.email=ada@example.test',
    'commit',
    '-q',
    '-m',
    message,
  ]);
  return rev(dirA, 'HEAD');
}

describe('a remote whose history was rewritten (issue 16 attacks)', () => {
  before(async () => {
    root = await tempDir('ferry-attack-history-');
    server = await startGitHttpServer({ root, user: USER, password: PASSWORD });
    ada = machine('Ada');
    await ada.remotes.login(server.url, { username: USER, password: PASSWORD });
    dirA = (await ada.workspace.create(join(root, 'a'), 'History')).path;
    await ada.changesets.create({ title: 'First' });
    await ada.remotes.add('origin', server.url);
    await ada.sync.push();
  });
  after(async () => {
    await server.close();
  });

  it('a force push that dropped our pushed commits: the pull keeps them, and the push is never forced', async () => {
    const root0 = rev(dirA, 'HEAD');
    const pushed = (await ada.changesets.create({ title: 'Pushed, then erased' })).changeset.id;
    await ada.sync.push();
    const local = (await ada.changesets.create({ title: 'Not pushed yet' })).changeset.id;
    const ours = rev(dirA, 'HEAD');
    // Mallory rewrites main: her commit straight on the first one, Ada's pushed commit gone.
    const note = blob(server.bareDir, 'rewritten\n');
    const rewritten = commitAsMain(
      server.bareDir,
      treeWith(
        server.bareDir,
        rev(server.bareDir, `${root0}^{tree}`),
        [],
        [{ mode: '100644', type: 'blob', oid: note, name: 'REWRITTEN.md' }],
      ),
      [root0],
      'History, rewritten',
    );
    // Push first: refused as behind, and the remote keeps Mallory's main (no force).
    assert.equal((await rejection(ada.sync.push())).code, 'sync.behind');
    assert.equal(rev(server.bareDir, 'main'), rewritten);
    // The pull merges: every commit of ours is still in the history, every file still here.
    const pull = await ada.sync.pull();
    assert.equal(pull.outcome, 'merged');
    nativeGit(dirA, 'merge-base', '--is-ancestor', ours, 'HEAD');
    nativeGit(dirA, 'merge-base', '--is-ancestor', rewritten, 'HEAD');
    for (const id of [pushed, local]) assert.equal((await ada.changesets.get(id)).changeset.id, id);
    assert.equal(await readFile(join(dirA, 'REWRITTEN.md'), 'utf8'), 'rewritten\n');
    assert.equal(nativeGit(dirA, 'status', '--porcelain'), '');
    // And the push that follows puts them back on the remote, as a fast-forward of Mallory's main.
    assert.equal((await ada.sync.push()).outcome, 'pushed');
    nativeGit(server.bareDir, 'merge-base', '--is-ancestor', ours, 'main');
  });

  it('an unrelated history on the remote is refused, the workspace as it was, and never overwritten', async () => {
    const ours = rev(server.bareDir, 'main');
    const stranger = blob(server.bareDir, '{"name":"Not our workspace"}\n');
    const orphan = commitAsMain(
      server.bareDir,
      mktree(server.bareDir, [{ mode: '100644', type: 'blob', oid: stranger, name: 'ferry.json' }]),
      [],
      'Someone else entirely',
    );
    const before = gitState(dirA);
    assert.equal((await rejection(ada.sync.pull())).code, 'sync.diverged');
    assert.deepEqual(gitState(dirA), before);
    assert.equal((await rejection(ada.sync.push())).code, 'sync.behind');
    assert.equal(rev(server.bareDir, 'main'), orphan);
    nativeGit(server.bareDir, 'update-ref', 'refs/heads/main', ours);
  });

  it('their folder turned into a file (and a file into a folder) is refused in words, changing nothing', async () => {
    await commitFiles({ 'notes/folder/a.txt': 'a\n', 'notes/plain': 'plain\n' }, 'Notes');
    await ada.sync.push();
    const base = rev(server.bareDir, 'main');
    const asFile = blob(server.bareDir, 'now a file\n');
    const inside = blob(server.bareDir, 'now inside a folder\n');
    const plainFolder = mktree(server.bareDir, [
      { mode: '100644', type: 'blob', oid: inside, name: 'b.txt' },
    ]);
    const theirs = commitAsMain(
      server.bareDir,
      treeWith(
        server.bareDir,
        rev(server.bareDir, `${base}^{tree}`),
        ['notes'],
        [
          { mode: '100644', type: 'blob', oid: asFile, name: 'folder' },
          { mode: '040000', type: 'tree', oid: plainFolder, name: 'plain' },
        ],
      ),
      [base],
      'Shapes swapped',
    );
    // Ada changed something else meanwhile: the pull is a merge, built tree by tree.
    await ada.changesets.create({ title: 'Meanwhile' });
    const before = gitState(dirA);
    const merged = await rejection(ada.sync.pull());
    assert.equal(merged.code, 'sync.unsafe-remote', merged.message);
    assert.match(merged.message, /"notes\/folder", "notes\/plain" from a file into a folder or back/);
    assert.deepEqual(gitState(dirA), before);
    // Without a commit of ours in between it is a fast-forward: refused the same way.
    nativeGit(dirA, 'reset', '-q', '--hard', base);
    const fastForward = await rejection(ada.sync.pull());
    assert.equal(fastForward.code, 'sync.unsafe-remote', fastForward.message);
    assert.equal(rev(dirA, 'HEAD'), base);
    assert.equal(nativeGit(dirA, 'status', '--porcelain'), '');
    assert.equal(await readFile(join(dirA, 'notes', 'folder', 'a.txt'), 'utf8'), 'a\n');
    // Put back, the remote pulls again.
    nativeGit(server.bareDir, 'update-ref', 'refs/heads/main', base);
    assert.notEqual(theirs, base);
  });

  it('a conflict on a file a teammate made 24 MB is listed with a note in its place, and resolves', async () => {
    await ada.sync.sync();
    await commitFiles({ 'notes/big.txt': 'small\n' }, 'Small note');
    await ada.sync.push();
    const base = rev(server.bareDir, 'main');
    await commitFiles({ 'notes/big.txt': 'mine, still small\n' }, 'My note');
    const huge = blob(server.bareDir, Buffer.alloc(24 * 1024 * 1024, 'x'));
    commitAsMain(
      server.bareDir,
      treeWith(
        server.bareDir,
        rev(server.bareDir, `${base}^{tree}`),
        ['notes'],
        [{ mode: '100644', type: 'blob', oid: huge, name: 'big.txt' }],
      ),
      [base],
      'A huge note',
    );
    const conflicts = await ada.sync.conflicts();
    assert.equal(conflicts.length, 1);
    assert.ok(JSON.stringify(conflicts).length < 64 * 1024, 'the listing carries the whole file');
    assert.match(conflicts[0]?.theirs ?? '', /24\.0 MB, too large to show here/);
    assert.equal(conflicts[0]?.mine, 'mine, still small\n');
    const result = await ada.sync.resolve([{ path: 'notes/big.txt', choice: 'mine' }], {
      theirsCommit: conflicts[0]?.theirsCommit,
    });
    assert.equal(result.outcome, 'merged');
    assert.equal(await readFile(join(dirA, 'notes', 'big.txt'), 'utf8'), 'mine, still small\n');
    await ada.sync.push();
  });

  it('a pushed .gitattributes and hook scripts arrive as plain data: nothing runs, no filter applies', async () => {
    await ada.sync.push();
    const base = rev(server.bareDir, 'main');
    const marker = join(root, 'hook-ran');
    const script = blob(server.bareDir, `#!/bin/sh\ntouch ${marker}\n`);
    const attributes = blob(server.bareDir, '* filter=evil diff=evil\n*.json text eol=crlf\n');
    const hooks = mktree(server.bareDir, [
      { mode: '100755', type: 'blob', oid: script, name: 'post-merge' },
      { mode: '100755', type: 'blob', oid: script, name: 'post-checkout' },
    ]);
    commitAsMain(
      server.bareDir,
      treeWith(
        server.bareDir,
        rev(server.bareDir, `${base}^{tree}`),
        [],
        [
          { mode: '100644', type: 'blob', oid: attributes, name: '.gitattributes' },
          { mode: '040000', type: 'tree', oid: hooks, name: '.githooks' },
        ],
      ),
      [base],
      'Helpful tooling',
    );
    nativeGit(dirA, 'config', 'filter.evil.smudge', `sh -c 'touch ${marker}'`);
    try {
      assert.equal((await ada.sync.pull()).outcome, 'fast-forward');
    } finally {
      nativeGit(dirA, 'config', '--remove-section', 'filter.evil');
    }
    await assert.rejects(readFile(marker));
    assert.equal(
      await readFile(join(dirA, '.githooks', 'post-merge'), 'utf8'),
      `#!/bin/sh\ntouch ${marker}\n`,
    );
    // Bytes as committed: no eol conversion or filter was applied to the workspace's files.
    const [first] = await ada.changesets.list();
    assert.ok(first !== undefined);
    const file = join('changesets', `${first.id}.json`);
    assert.equal((await readFile(join(dirA, file), 'utf8')).includes('\r\n'), false);
    assert.doesNotMatch(nativeGit(dirA, 'config', '--list', '--local'), /hookspath/i);
  });
});
