import assert from 'node:assert/strict';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { channels } from '../../shared/api/channels';
import { isFerryError } from '../../shared/api/api-error';
import {
  readCommitChanges,
  readCommitFileTexts,
  MAX_SHOWN_BYTES,
} from '../../electron/services/workspace/commit-changes';
import { nativeGit } from '../support/native-git';
import { tempDir } from '../support/temp-dir';

/** History opens a commit into its files and each file's before/after, read by isomorphic-git from a real repo. */

let dir: string;
let first: string;
let second: string;
let third: string;

function commitAll(message: string): string {
  nativeGit(dir, 'add', '-A');
  nativeGit(dir, '-c', 'user.name=Ada', '-c', 'user.email=ada@example.test', 'commit', '-q', '-m', message);
  return nativeGit(dir, 'rev-parse', 'HEAD').trim();
}

before(async () => {
  dir = await tempDir('ferry-commit-changes-');
  nativeGit(dir, 'init', '-q', '-b', 'main');
  await mkdir(join(dir, 'environments/uat/snapshot/routing.queue'), { recursive: true });
  await writeFile(join(dir, 'ferry.json'), '{\n  "name": "w"\n}\n');
  await writeFile(
    join(dir, 'environments/uat/snapshot/routing.queue/Billing.json'),
    '{\n  "timeoutMs": 30000\n}\n',
  );
  await writeFile(join(dir, 'environments/uat/snapshot/routing.queue/Sales.json'), '{}\n');
  first = commitAll('init');
  await writeFile(
    join(dir, 'environments/uat/snapshot/routing.queue/Billing.json'),
    '{\n  "timeoutMs": 45000\n}\n',
  );
  await rm(join(dir, 'environments/uat/snapshot/routing.queue/Sales.json'));
  await mkdir(join(dir, 'changesets'));
  await writeFile(join(dir, 'changesets/raise-acw-1a2b3c.json'), '{"id":"raise-acw-1a2b3c"}\n');
  second = commitAll('snapshot uat: 1 changed, 1 removed\n\nbody');
  await writeFile(join(dir, 'big.json'), 'x'.repeat(MAX_SHOWN_BYTES + 1));
  third = commitAll('big');
});

describe('what a workspace commit changed', () => {
  it('lists the files a commit added, changed and deleted against its parent, and no others', async () => {
    const changes = await readCommitChanges(dir, second);
    assert.equal(changes.parent, first);
    assert.equal(changes.message, 'snapshot uat: 1 changed, 1 removed\n\nbody');
    assert.equal(changes.author, 'Ada');
    assert.deepEqual(changes.files, [
      { path: 'changesets/raise-acw-1a2b3c.json', change: 'added' },
      { path: 'environments/uat/snapshot/routing.queue/Billing.json', change: 'modified' },
      { path: 'environments/uat/snapshot/routing.queue/Sales.json', change: 'deleted' },
    ]);
    assert.equal(changes.totalFiles, 3);
  });

  it('lists every file of the first commit as added', async () => {
    const changes = await readCommitChanges(dir, first);
    assert.equal(changes.parent, null);
    assert.deepEqual(
      changes.files.map((file) => `${file.change} ${file.path}`),
      [
        'added environments/uat/snapshot/routing.queue/Billing.json',
        'added environments/uat/snapshot/routing.queue/Sales.json',
        'added ferry.json',
      ],
    );
  });

  it("reads a file's text before and after the commit", async () => {
    assert.deepEqual(
      await readCommitFileTexts(dir, second, 'environments/uat/snapshot/routing.queue/Billing.json'),
      {
        before: '{\n  "timeoutMs": 30000\n}\n',
        after: '{\n  "timeoutMs": 45000\n}\n',
        tooLarge: false,
      },
    );
    const deleted = await readCommitFileTexts(
      dir,
      second,
      'environments/uat/snapshot/routing.queue/Sales.json',
    );
    assert.deepEqual(deleted, { before: '{}\n', after: null, tooLarge: false });
    const big = await readCommitFileTexts(dir, third, 'big.json');
    assert.deepEqual(big, { before: null, after: null, tooLarge: true });
  });

  it('refuses a commit the workspace does not have, saying what to do', async () => {
    await assert.rejects(readCommitChanges(dir, 'f'.repeat(40)), (error: unknown) => {
      assert.ok(isFerryError(error));
      assert.equal(error.code, 'request.invalid');
      assert.match(error.message, /no commit fffffff\. Open a commit from the History list/);
      return true;
    });
  });

  it('the channel accepts only full commit ids and paths inside the workspace', () => {
    const request = channels['workspace.commitFile'].request;
    assert.equal(request.safeParse({ commit: second, path: 'changesets/a.json' }).success, true);
    for (const path of ['../etc/passwd', '/etc/passwd', 'a/../../b', 'a//b', 'a\\b', '', 'a/./b']) {
      assert.equal(request.safeParse({ commit: second, path }).success, false, path);
    }
    for (const commit of ['HEAD', 'main', second.slice(0, 7), `${second}0`]) {
      assert.equal(channels['workspace.commitChanges'].request.safeParse({ commit }).success, false, commit);
    }
  });
});
