import assert from 'node:assert/strict';
import { copyFile, mkdir, readdir, readFile, rm, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { FerryError } from '../../../shared/api/api-error';
import { createFerryServices, type FerryServices } from '../../../electron/host/core/ferry-services';
import { writeFileAtomic } from '../../../electron/services/fs/atomic-write';
import { nativeGit } from '../../support/native-git';
import { tempDir } from '../../support/temp-dir';

/**
 * Issue 11 point 8: a teammate commits a symbolic link into the shared workspace (`changesets ->`
 * a folder outside it, `ferry.json ->` a file outside it). Ferry never writes through it: the
 * write is refused naming the link, and what the link points to is unchanged.
 */
let services: FerryServices;
let root: string;
let dir: string;

function refusedAt(path: string) {
  return (error: unknown) => {
    assert.ok(error instanceof FerryError, `expected a FerryError, got ${String(error)}`);
    assert.equal(error.code, 'workspace.symlink-refused', error.message);
    assert.ok(error.message.includes(path), error.message);
    assert.match(error.message, /git rm/);
    return true;
  };
}

/** Commits `name -> target` with plain git, as a teammate's push would bring it. */
async function commitLink(name: string, target: string): Promise<void> {
  await rm(join(dir, name), { recursive: true, force: true });
  await symlink(target, join(dir, name));
  nativeGit(dir, 'add', '-A', name);
  nativeGit(dir, '-c', 'user.name=Mallory', '-c', 'user.email=m@example.test', 'commit', '-qm', 'docs: typo');
  await services.workspace.open(dir);
}

before(async () => {
  root = await tempDir('ferry-symlinks-');
  services = createFerryServices({
    dataDir: join(root, 'data'),
    version: 'test',
    env: {},
    author: { name: 'Ada Author', email: 'ada@example.test' },
  });
  dir = join(root, 'ws');
  await services.workspace.create(dir, 'Symlinks');
});

describe('writes inside the workspace never follow a symbolic link', () => {
  it('refuses to write a changeset through a committed `changesets -> outside` folder link', async () => {
    const outside = join(root, 'outside-folder');
    await mkdir(outside);
    await commitLink('changesets', outside);

    await assert.rejects(
      services.changesets.create({ title: 'Lands outside?' }),
      refusedAt(join(dir, 'changesets')),
    );
    assert.deepEqual(await readdir(outside), []);

    // A link above the workspace is the user's own choice (a workspace opened through it) and is fine.
    const real = join(root, 'real');
    await mkdir(join(real, 'inner'), { recursive: true });
    await copyFile(join(dir, '.git', 'HEAD'), join(real, 'ferry.json'));
    await symlink(real, join(root, 'via-link'));
    await writeFileAtomic(join(root, 'via-link', 'inner', 'note.txt'), 'fine\n');
    assert.equal(await readFile(join(real, 'inner', 'note.txt'), 'utf8'), 'fine\n');
  });

  it('refuses to replace a committed `ferry.json -> outside` file link', async () => {
    const outside = join(root, 'bashrc');
    // A valid config, so the read succeeds and only the write is left to refuse.
    await copyFile(join(dir, 'ferry.json'), outside);
    const before = await readFile(outside, 'utf8');
    await commitLink('ferry.json', outside);

    await assert.rejects(
      services.environments.save(
        { name: 'dev', kind: 'sandbox', url: 'embedded', org: 'dev', tier: 'dev' },
        undefined,
      ),
      refusedAt(join(dir, 'ferry.json')),
    );
    assert.equal(await readFile(outside, 'utf8'), before);
    assert.equal(nativeGit(dir, 'ls-files', '-s', 'ferry.json').split(' ')[0], '120000');
  });
});
