import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ErrorCode, FerryError } from '../../../shared/api/api-error';
import { WORKSPACE_FORMAT_VERSION } from '../../../shared/model/workspace';
import { createFerryServices } from '../../../electron/host/core/ferry-services';
import { nativeGit } from '../../support/native-git';
import { tempDir } from '../../support/temp-dir';

async function setup() {
  const root = await tempDir();
  const services = createFerryServices({
    dataDir: join(root, 'user-data'),
    version: '0.0.0-test',
    author: { name: 'Ada Admin', email: 'ada@example.test' },
    clock: () => new Date('2026-11-23T10:00:00.000Z'),
  });
  return { root, services, workspace: services.workspace };
}

async function rejectsWith(promise: Promise<unknown>, code: string, message?: RegExp) {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof FerryError, `expected a FerryError, got ${String(error)}`);
    assert.equal(error.code, code);
    if (message) assert.match(error.message, message);
    return true;
  });
}

describe('workspace service on real folders', () => {
  it('creates a git repository with ferry.json and a first commit that native git reads', async () => {
    const { root, workspace } = await setup();
    const folder = join(root, 'contact-centre');
    const info = await workspace.create(folder, 'Contact centre');
    assert.equal(info.name, 'Contact centre');
    assert.equal(info.formatVersion, WORKSPACE_FORMAT_VERSION);
    assert.match(info.head ?? '', /^[0-9a-f]{40}$/);

    assert.equal(
      nativeGit(folder, 'log', '--format=%H %an %s').trim(),
      `${info.head} Ada Admin Create workspace "Contact centre"`,
    );
    assert.equal(nativeGit(folder, 'status', '--porcelain'), '');
    assert.equal(nativeGit(folder, 'rev-parse', '--abbrev-ref', 'HEAD').trim(), 'main');
    nativeGit(folder, 'fsck', '--strict');
    const config = JSON.parse(await readFile(join(folder, 'ferry.json'), 'utf8')) as Record<string, unknown>;
    assert.equal(config.formatVersion, WORKSPACE_FORMAT_VERSION);
    assert.deepEqual(config.environments, []);
  });

  it('creates inside an existing empty folder and leaves no staging folder behind', async () => {
    const { root, workspace } = await setup();
    const folder = join(root, 'empty');
    await mkdir(folder);
    await workspace.create(folder);
    assert.deepEqual((await readdir(root)).sort(), ['empty', 'user-data']);
    assert.deepEqual((await readdir(folder)).sort(), ['.git', 'ferry.json']);
  });

  it('refuses a non-empty folder and an existing workspace, changing nothing', async () => {
    const { root, workspace } = await setup();
    const busy = join(root, 'busy');
    await mkdir(busy);
    await writeFile(join(busy, 'notes.txt'), 'keep me');
    await rejectsWith(workspace.create(busy), ErrorCode.workspaceFolderNotEmpty, /not empty/);
    assert.deepEqual(await readdir(busy), ['notes.txt']);

    const existing = join(root, 'existing');
    await workspace.create(existing);
    const before = nativeGit(existing, 'rev-parse', 'HEAD');
    await rejectsWith(workspace.create(existing), ErrorCode.workspaceExists, /already a Ferry workspace/);
    assert.equal(nativeGit(existing, 'rev-parse', 'HEAD'), before);
  });

  it('refuses relative paths', async () => {
    const { workspace } = await setup();
    await rejectsWith(workspace.create('relative/folder'), ErrorCode.pathInvalid, /absolute/);
  });

  it('opens a workspace, remembers it as recent, and reads its history', async () => {
    const { root, services, workspace } = await setup();
    const folder = join(root, 'ws');
    await workspace.create(folder, 'First');
    workspace.close();
    assert.equal(await workspace.info(), null);
    const info = await workspace.open(folder);
    assert.equal(info.name, 'First');
    const recent = workspace.recent();
    assert.equal(recent.length, 1);
    assert.equal(recent[0]?.path, info.path);
    assert.equal(recent[0]?.available, true);
    const history = await workspace.history();
    assert.equal(history.length, 1);
    assert.equal(history[0]?.message, 'Create workspace "First"');

    // A second service instance on the same data folder sees the same recent list (settings on disk).
    const again = createFerryServices({ dataDir: join(root, 'user-data'), version: '0.0.0-test' });
    assert.equal(again.workspace.recent()[0]?.path, info.path);
    assert.equal(services.settings.recent().length, 1);
  });

  it('marks a recent workspace whose folder has gone as unavailable, and forgets it on request', async () => {
    const { root, workspace } = await setup();
    const folder = join(root, 'gone');
    await workspace.create(folder);
    await import('node:fs/promises').then((fs) => fs.rm(folder, { recursive: true }));
    assert.equal(workspace.recent()[0]?.available, false);
    assert.deepEqual(workspace.forgetRecent(workspace.recent()[0]?.path ?? ''), []);
  });

  describe('refusals that change nothing', () => {
    async function expectUntouched(
      prepare: (folder: string) => Promise<void>,
      code: string,
      message: RegExp,
    ): Promise<void> {
      const { root, workspace } = await setup();
      const good = join(root, 'good');
      await workspace.create(good);
      const bad = join(root, 'bad');
      await mkdir(bad);
      await prepare(bad);
      const filesBefore = (await readdir(bad)).sort();
      await rejectsWith(workspace.open(bad), code, message);
      assert.deepEqual((await readdir(bad)).sort(), filesBefore, 'the folder is unchanged');
      assert.equal(
        (await workspace.info())?.path,
        (await workspace.open(good)).path,
        'still on the good one',
      );
      assert.deepEqual(
        workspace.recent().map((item) => item.path),
        [(await workspace.info())?.path],
        'the refused folder is not in the recent list',
      );
    }

    it('a folder that is not a workspace', async () => {
      await expectUntouched(
        async (folder) => writeFile(join(folder, 'readme.md'), 'hello'),
        ErrorCode.workspaceNotAWorkspace,
        /is not a Ferry workspace: it has no ferry\.json/,
      );
    });

    it('a ferry.json from a newer Ferry', async () => {
      await expectUntouched(
        async (folder) => {
          nativeGit(folder, 'init', '-q');
          await writeFile(join(folder, 'ferry.json'), JSON.stringify({ formatVersion: 99, name: 'x' }));
        },
        ErrorCode.workspaceNewerFormat,
        /format version 99; this Ferry reads up to version 1/,
      );
    });

    it('a corrupt ferry.json (not JSON)', async () => {
      await expectUntouched(
        async (folder) => {
          nativeGit(folder, 'init', '-q');
          await writeFile(join(folder, 'ferry.json'), '{"formatVersion": 1, "name": ');
        },
        ErrorCode.workspaceCorrupt,
        /ferry\.json is not valid JSON/,
      );
    });

    it('a ferry.json of the wrong shape, naming the bad field', async () => {
      await expectUntouched(
        async (folder) => {
          nativeGit(folder, 'init', '-q');
          await writeFile(
            join(folder, 'ferry.json'),
            JSON.stringify({ formatVersion: 1, name: 'x', createdAt: 'yesterday', environments: [] }),
          );
        },
        ErrorCode.workspaceCorrupt,
        /createdAt/,
      );
    });

    it('a ferry.json without a git repository', async () => {
      await expectUntouched(
        async (folder) =>
          writeFile(
            join(folder, 'ferry.json'),
            JSON.stringify({ formatVersion: 1, name: 'x', createdAt: new Date().toISOString() }),
          ),
        ErrorCode.workspaceCorrupt,
        /no git repository/,
      );
    });

    it('a folder that does not exist', async () => {
      const { root, workspace } = await setup();
      await rejectsWith(workspace.open(join(root, 'nope')), ErrorCode.workspaceNotFound, /does not exist/);
      assert.equal(existsSync(join(root, 'nope')), false);
    });
  });
});
