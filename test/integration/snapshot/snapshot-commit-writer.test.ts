import assert from 'node:assert/strict';
import fs, { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import git from 'isomorphic-git';
import { isFerryError } from '../../../shared/api/api-error';
import {
  commitSubtree,
  type CommitSubtreeOptions,
  type CommitSubtreeResult,
} from '../../../electron/services/git/commit-subtree';
import { nativeGit } from '../../support/native-git';
import { tempDir } from '../../support/temp-dir';

const author = { name: 'Ferry Test', email: 'ferry@example.test' };
const now = new Date('2025-03-04T05:06:07Z');

async function newRepo(): Promise<string> {
  const dir = await tempDir('ferry-snapshot-');
  nativeGit(dir, 'init', '-q', '-b', 'main');
  return dir;
}

function snapshot(
  dir: string,
  files: Record<string, string>,
  extra: Partial<CommitSubtreeOptions> = {},
): Promise<CommitSubtreeResult> {
  return commitSubtree({
    dir,
    subtreePath: 'environments/dev',
    files: new Map(Object.entries(files)),
    message: 'snapshot dev',
    author,
    now,
    ...extra,
  });
}

/** A queue body as the canonical form would write it. */
function queue(name: string, extra = ''): string {
  return `${JSON.stringify({ name, description: `queue ${name}${extra}`, skills: [] }, null, 2)}\n`;
}

function assertCleanAndValid(dir: string): void {
  assert.equal(nativeGit(dir, 'status', '--porcelain', '--untracked-files=all'), '');
  nativeGit(dir, 'fsck', '--strict', '--no-dangling');
}

/**
 * The stat data written into the index matches the files exactly: `diff-files` trusts stat
 * data and does not refresh, so any mismatch would list the file.
 */
function assertIndexStatExact(dir: string): void {
  assert.equal(nativeGit(dir, 'diff-files', '--name-only'), '');
}

/** Everything a user could see changed: HEAD, every ref, the index bytes and all files. */
async function visibleState(dir: string): Promise<Record<string, string>> {
  const state: Record<string, string> = {
    head: nativeGit(dir, 'rev-parse', '--verify', '-q', 'HEAD').trim(),
    refs: nativeGit(dir, 'for-each-ref'),
    index: existsSync(join(dir, '.git/index'))
      ? (await readFile(join(dir, '.git/index'))).toString('hex')
      : '',
  };
  const walk = async (folder: string): Promise<void> => {
    for (const entry of await readdir(join(dir, folder), { withFileTypes: true })) {
      const path = folder === '' ? entry.name : `${folder}/${entry.name}`;
      if (path === '.git') continue;
      if (entry.isDirectory()) {
        state[`${path}/`] = 'folder';
        await walk(path);
      } else {
        state[path] = await readFile(join(dir, path), 'utf8');
      }
    }
  };
  await walk('');
  return state;
}

function safeRevParse(dir: string): string {
  try {
    return nativeGit(dir, 'rev-parse', '--verify', '-q', 'HEAD').trim();
  } catch {
    return '';
  }
}

describe('commitSubtree', () => {
  it('makes the first commit of a repository that native git reads back', async () => {
    const dir = await newRepo();
    const result = await snapshot(dir, {
      'snapshot/routing.queue/Sales.json': queue('Sales'),
      'snapshot/routing.queue/Sales copy.json': queue('Sales'),
      'snapshot/routing.queue/Support.json': queue('Support'),
      'snapshot/routing.skill/English.json': queue('English'),
      'ids.json': '{}\n',
    });
    assert.ok(result.commit);
    assert.deepEqual(result.added, [
      'ids.json',
      'snapshot/routing.queue/Sales copy.json',
      'snapshot/routing.queue/Sales.json',
      'snapshot/routing.queue/Support.json',
      'snapshot/routing.skill/English.json',
    ]);
    assert.deepEqual(result.modified, []);
    assert.deepEqual(result.removed, []);
    assert.equal(result.blobsWritten, 4, 'two identical bodies share one blob');

    assert.equal(nativeGit(dir, 'rev-parse', 'refs/heads/main').trim(), result.commit);
    assert.equal(
      nativeGit(dir, 'log', '--format=%s|%an|%ae|%at').trim(),
      `snapshot dev|${author.name}|${author.email}|${now.getTime() / 1000}`,
    );
    assert.equal(
      nativeGit(dir, 'show', 'HEAD:environments/dev/snapshot/routing.queue/Sales.json'),
      queue('Sales'),
    );
    assert.equal(
      await readFile(join(dir, 'environments/dev/snapshot/routing.skill/English.json'), 'utf8'),
      queue('English'),
    );
    assert.match(nativeGit(dir, 'reflog', '-1', '--format=%gs'), /^commit \(initial\): snapshot dev/);
    assertIndexStatExact(dir);
    assertCleanAndValid(dir);
  });

  it('makes no commit and writes nothing when the content is unchanged', async () => {
    const dir = await newRepo();
    const files = { 'snapshot/routing.queue/Sales.json': queue('Sales'), 'ids.json': '{}\n' };
    const first = await snapshot(dir, files);
    const before = await visibleState(dir);
    const again = await snapshot(dir, files);
    assert.deepEqual(again, { commit: null, added: [], modified: [], removed: [], blobsWritten: 0 });
    assert.deepEqual(await visibleState(dir), before);
    assert.equal(nativeGit(dir, 'rev-parse', 'HEAD').trim(), first.commit);
    assert.equal(nativeGit(dir, 'rev-list', '--count', 'HEAD').trim(), '1');
  });

  it('makes no commit for an empty first snapshot', async () => {
    const dir = await newRepo();
    const result = await snapshot(dir, {});
    assert.equal(result.commit, null);
    assert.equal(safeRevParse(dir), '');
  });

  it('writes exactly one blob for one changed file, and records it as modified', async () => {
    const dir = await newRepo();
    const files: Record<string, string> = {};
    for (let i = 0; i < 50; i++) files[`snapshot/routing.queue/q${i}.json`] = queue(`q${i}`);
    const first = await snapshot(dir, files);
    files['snapshot/routing.queue/q7.json'] = queue('q7', ' changed');
    const second = await snapshot(dir, files, { message: 'snapshot dev: 1 changed' });
    assert.ok(second.commit);
    assert.equal(second.blobsWritten, 1);
    assert.deepEqual(second.modified, ['snapshot/routing.queue/q7.json']);
    assert.deepEqual(second.added, []);
    assert.deepEqual(second.removed, []);
    assert.equal(nativeGit(dir, 'rev-parse', 'HEAD^').trim(), first.commit);
    assert.equal(
      nativeGit(dir, 'diff', '--name-status', 'HEAD^', 'HEAD').trim(),
      'M\tenvironments/dev/snapshot/routing.queue/q7.json',
    );
    assert.equal(
      await readFile(join(dir, 'environments/dev/snapshot/routing.queue/q7.json'), 'utf8'),
      queue('q7', ' changed'),
    );
    assertIndexStatExact(dir);
    assertCleanAndValid(dir);
  });

  it('removes deleted files and the folders they leave empty', async () => {
    const dir = await newRepo();
    await snapshot(dir, {
      'snapshot/routing.queue/Sales.json': queue('Sales'),
      'snapshot/routing.skill/English.json': queue('English'),
    });
    const result = await snapshot(dir, { 'snapshot/routing.queue/Sales.json': queue('Sales') });
    assert.deepEqual(result.removed, ['snapshot/routing.skill/English.json']);
    assert.equal(result.blobsWritten, 0);
    assert.equal(existsSync(join(dir, 'environments/dev/snapshot/routing.skill')), false);
    assert.equal(
      nativeGit(dir, 'ls-tree', '-r', '--name-only', 'HEAD').trim(),
      'environments/dev/snapshot/routing.queue/Sales.json',
    );
    assertCleanAndValid(dir);

    const emptied = await snapshot(dir, {});
    assert.ok(emptied.commit);
    assert.equal(nativeGit(dir, 'ls-tree', '-r', '--name-only', 'HEAD').trim(), '');
    assert.equal(existsSync(join(dir, 'environments/dev')), false);
    assertCleanAndValid(dir);
  });

  it('leaves other folders, their files and their index entries untouched', async () => {
    const dir = await newRepo();
    await writeFile(join(dir, 'ferry.json'), '{"formatVersion":1}\n');
    nativeGit(dir, 'add', 'ferry.json');
    nativeGit(dir, '-c', 'user.name=x', '-c', 'user.email=x@y', 'commit', '-q', '-m', 'workspace');
    await snapshot(
      dir,
      { 'snapshot/routing.queue/Sales.json': queue('Sales') },
      { subtreePath: 'environments/uat' },
    );
    const uatTree = nativeGit(dir, 'rev-parse', 'HEAD:environments/uat').trim();

    // A user's own work elsewhere: a staged edit and an untracked file must survive as they are.
    await writeFile(join(dir, 'ferry.json'), '{"formatVersion":2}\n');
    nativeGit(dir, 'add', 'ferry.json');
    await writeFile(join(dir, 'notes.txt'), 'mine\n');

    const result = await snapshot(dir, { 'snapshot/routing.queue/Sales.json': queue('Sales dev') });
    assert.ok(result.commit);
    assert.equal(nativeGit(dir, 'rev-parse', 'HEAD:environments/uat').trim(), uatTree);
    assert.equal(nativeGit(dir, 'show', 'HEAD:ferry.json'), '{"formatVersion":1}\n');
    assert.equal(nativeGit(dir, 'status', '--porcelain'), 'M  ferry.json\n?? notes.txt\n');
    assert.equal(
      await readFile(join(dir, 'environments/uat/snapshot/routing.queue/Sales.json'), 'utf8'),
      queue('Sales'),
    );
    nativeGit(dir, 'fsck', '--strict', '--no-dangling');
  });

  it('leaves HEAD, the index and the files as they were when aborted', async () => {
    const dir = await newRepo();
    const files: Record<string, string> = {};
    for (let i = 0; i < 3000; i++) files[`snapshot/routing.queue/q${i}.json`] = queue(`q${i}`);
    await snapshot(dir, files);
    for (let i = 0; i < 3000; i += 2) files[`snapshot/routing.queue/q${i}.json`] = queue(`q${i}`, ' v2');
    delete files['snapshot/routing.queue/q1.json'];
    files['snapshot/routing.skill/new.json'] = queue('new');
    const before = await visibleState(dir);

    const preAborted = AbortSignal.abort();
    await assert.rejects(snapshot(dir, files, { signal: preAborted }), { name: 'AbortError' });
    assert.deepEqual(await visibleState(dir), before);

    for (const phase of ['hashing', 'writing-objects'] as const) {
      const controller = new AbortController();
      let seen = false;
      await assert.rejects(
        snapshot(dir, files, {
          signal: controller.signal,
          onProgress: (progress) => {
            if (progress.phase === phase) {
              seen = true;
              controller.abort();
            }
          },
        }),
        { name: 'AbortError' },
      );
      assert.ok(seen, `the ${phase} phase reported progress`);
      assert.deepEqual(await visibleState(dir), before);
      assert.equal(existsSync(join(dir, '.git/index.lock')), false);
      assertCleanAndValid(dir);
    }

    const completed = await snapshot(dir, files);
    assert.ok(completed.commit);
    assert.equal(completed.modified.length, 1500);
    assertCleanAndValid(dir);
  });

  it('handles names with spaces and unicode', async () => {
    const dir = await newRepo();
    // Fullwidth letters (U+FF..) and emoji (beyond U+FFFF) sort differently in UTF-16 and in
    // UTF-8, and git wants the UTF-8 order in trees and in the index.
    const names = [
      'Sales Team.json',
      'Ünïcödé – queue.json',
      '日本語 キュー.json',
      'emoji 🚀.json',
      'emoji ｆｕｌｌ.json',
      'a-b.json',
      'a.json',
    ];
    const files: Record<string, string> = {};
    for (const name of names) files[`snapshot/routing.queue/${name}`] = queue(name);
    files['snapshot/routing.queue/a/nested.json'] = queue('nested');
    files['snapshot/Spaced Type/x.json'] = queue('x');
    files['snapshot/🚀 type/x.json'] = queue('x');
    files['snapshot/ｆ type/x.json'] = queue('x');
    const result = await snapshot(dir, files);
    assert.ok(result.commit);
    const listed = nativeGit(dir, 'ls-tree', '-r', '-z', '--name-only', 'HEAD').split('\0').filter(Boolean);
    assert.deepEqual(
      [...listed].sort(),
      Object.keys(files)
        .map((path) => `environments/dev/${path}`)
        .sort(),
    );
    for (const name of names) {
      assert.equal(
        await readFile(join(dir, 'environments/dev/snapshot/routing.queue', name), 'utf8'),
        queue(name),
      );
    }
    assertCleanAndValid(dir);
    delete files['snapshot/routing.queue/日本語 キュー.json'];
    const removal = await snapshot(dir, files);
    assert.deepEqual(removal.removed, ['snapshot/routing.queue/日本語 キュー.json']);
    assertCleanAndValid(dir);
  });

  it('commits thousands of files in one folder through a pack that native git reads', async () => {
    const dir = await newRepo();
    const files: Record<string, string> = {};
    for (let i = 0; i < 5000; i++) files[`snapshot/routing.queue/queue-${i}.json`] = queue(`queue-${i}`);
    const result = await snapshot(dir, files);
    assert.equal(result.blobsWritten, 5000);
    // The blobs go into one pack; the five trees and the commit stay loose.
    const counts = nativeGit(dir, 'count-objects', '-v');
    assert.equal(counts.match(/^in-pack: (\d+)$/m)?.[1], '5000');
    assert.equal(counts.match(/^count: (\d+)$/m)?.[1], '6');
    assert.equal(counts.match(/^packs: (\d+)$/m)?.[1], '1');
    nativeGit(dir, 'verify-pack', ...(await packIndexes(dir)));
    assertCleanAndValid(dir);
    assert.equal(
      nativeGit(dir, 'show', 'HEAD:environments/dev/snapshot/routing.queue/queue-4321.json'),
      queue('queue-4321'),
    );
    // The rest of Ferry reads the workspace through isomorphic-git: it must read the pack too.
    const { blob } = await git.readBlob({
      fs,
      dir,
      oid: result.commit ?? '',
      filepath: 'environments/dev/snapshot/routing.queue/queue-1234.json',
    });
    assert.equal(Buffer.from(blob).toString('utf8'), queue('queue-1234'));
    const [logged] = await git.log({ fs, dir, depth: 1 });
    assert.equal(logged?.oid, result.commit);
  });

  it('builds on packed objects and packed refs after git gc, on the branch HEAD names', async () => {
    const dir = await newRepo();
    await snapshot(dir, { 'snapshot/routing.queue/Sales.json': queue('Sales') });
    nativeGit(dir, 'checkout', '-q', '-b', 'feature');
    nativeGit(dir, 'gc', '-q');
    assert.equal(existsSync(join(dir, '.git/refs/heads/feature')), false, 'gc packed the refs');
    const main = nativeGit(dir, 'rev-parse', 'main').trim();
    const result = await snapshot(dir, {
      'snapshot/routing.queue/Sales.json': queue('Sales'),
      'snapshot/routing.queue/Support.json': queue('Support'),
    });
    assert.ok(result.commit);
    assert.deepEqual(result.added, ['snapshot/routing.queue/Support.json']);
    assert.equal(nativeGit(dir, 'rev-parse', 'feature').trim(), result.commit);
    assert.equal(nativeGit(dir, 'rev-parse', 'main').trim(), main);
    assertCleanAndValid(dir);
  });

  it('restores files edited or deleted on disk and rebuilds a missing index', async () => {
    const dir = await newRepo();
    const files = {
      'snapshot/routing.queue/Sales.json': queue('Sales'),
      'snapshot/routing.queue/Support.json': queue('Support'),
    };
    await writeFile(join(dir, 'README.md'), 'workspace\n');
    nativeGit(dir, 'add', 'README.md');
    nativeGit(dir, '-c', 'user.name=x', '-c', 'user.email=x@y', 'commit', '-q', '-m', 'readme');
    await snapshot(dir, files);
    await writeFile(
      join(dir, 'environments/dev/snapshot/routing.queue/Sales.json'),
      queue('Sales', ' hand edit'),
    );
    await rm(join(dir, 'environments/dev/snapshot/routing.queue/Support.json'));
    await mkdir(join(dir, 'environments/dev/snapshot/routing.queue'), { recursive: true });
    const repaired = await snapshot(dir, files);
    assert.equal(repaired.commit, null);
    assertCleanAndValid(dir);

    await rm(join(dir, '.git/index'));
    const rebuilt = await snapshot(dir, files);
    assert.equal(rebuilt.commit, null);
    assertCleanAndValid(dir);
    // Native git can keep working on top of what was written.
    await writeFile(join(dir, 'README.md'), 'workspace v2\n');
    nativeGit(dir, '-c', 'user.name=x', '-c', 'user.email=x@y', 'commit', '-q', '-am', 'readme v2');
    assertCleanAndValid(dir);
    assert.equal(
      nativeGit(dir, 'show', 'HEAD:environments/dev/snapshot/routing.queue/Sales.json'),
      queue('Sales'),
    );
  });

  it('lets the message count what changed', async () => {
    const dir = await newRepo();
    await snapshot(dir, { 'a.json': '1\n', 'b.json': '2\n' });
    const result = await snapshot(
      dir,
      { 'a.json': '1 changed\n', 'c.json': '3\n' },
      {
        message: (change) =>
          `snapshot dev: ${change.added.length} added, ${change.modified.length} changed, ${change.removed.length} removed`,
      },
    );
    assert.ok(result.commit);
    assert.equal(
      nativeGit(dir, 'log', '-1', '--format=%s').trim(),
      'snapshot dev: 1 added, 1 changed, 1 removed',
    );
    assertCleanAndValid(dir);
  });

  it('refuses paths that escape the subtree or name .git, changing nothing', async () => {
    const dir = await newRepo();
    for (const bad of ['../x.json', '.git/config', 'a//b.json', '/abs.json', 'a\\b.json', 'x/./y.json']) {
      await assert.rejects(snapshot(dir, { [bad]: '{}\n' }), (error: unknown) => isFerryError(error));
    }
    await assert.rejects(
      snapshot(dir, { 'a.json': '{}\n' }, { subtreePath: '../elsewhere' }),
      (error: unknown) => isFerryError(error),
    );
    await assert.rejects(snapshot(dir, { 'a.json': '{}\n', 'a.json/b.json': '{}\n' }), (error: unknown) =>
      isFerryError(error),
    );
    assert.equal(existsSync(join(dir, '.git/index.lock')), false);
    assert.equal(safeRevParse(dir), '');
  });
});

async function packIndexes(dir: string): Promise<string[]> {
  const packDir = join(dir, '.git/objects/pack');
  return (await readdir(packDir)).filter((name) => name.endsWith('.idx')).map((name) => join(packDir, name));
}
