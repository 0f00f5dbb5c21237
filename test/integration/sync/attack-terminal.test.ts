import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { FerryServices } from '../../../electron/host/core/ferry-services';
import { startGitHttpServer, type GitHttpServer } from '../../support/git-http-server';
import { nativeGit } from '../../support/native-git';
import { tempDir } from '../../support/temp-dir';
import { teamMachine } from './sync-test-support';

/**
 * What `ferry pull` and `ferry conflicts` print is partly a teammate's text (a changeset's
 * title). An escape sequence in it (here: cursor up, erase line) would be obeyed by the terminal
 * and could hide the line above it; it is printed escaped instead.
 */
const USER = 'ada';
const PASSWORD = 'attack-Term-Pass-4410cd-DO-NOT-LEAK';
const ENV = { FERRY_VAULT_PASSPHRASE: 'attack-terminal-passphrase' };
const BIN = fileURLToPath(new URL('../../../bin/ferry.mjs', import.meta.url));
const ESCAPE = '\u001b[1A\u001b[2K';

let root: string;
let server: GitHttpServer;

function machine(name: string): FerryServices {
  return teamMachine(join(root, `data-${name}`), name, ENV);
}

function cli(dir: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, '-w', dir, ...args],
      { env: { ...process.env, ...ENV, FERRY_DATA_DIR: join(root, 'data-Ada') } },
      (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

/** Bob sets a changeset's title by hand (as any editor could) and pushes it with git. */
async function retitle(dirB: string, id: string, title: string): Promise<void> {
  const file = join(dirB, 'changesets', `${id}.json`);
  const document = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
  await writeFile(file, `${JSON.stringify({ ...document, title }, null, 2)}\n`);
  nativeGit(dirB, 'add', '-A');
  execFileSync('git', [
    '-C',
    dirB,
    '-c',
    'user.name=Bob',
    '-c',
    'user.email=bob@example.test',
    'commit',
    '-q',
    '-m',
    'Retitle',
  ]);
}

describe('a teammate’s text on the terminal (issue 16 attacks)', () => {
  let ada: FerryServices;
  let bob: FerryServices;
  let dirA: string;
  let dirB: string;
  let id: string;

  before(async () => {
    root = await tempDir('ferry-attack-terminal-');
    server = await startGitHttpServer({ root, user: USER, password: PASSWORD });
    ada = machine('Ada');
    bob = machine('Bob');
    for (const services of [ada, bob]) {
      await services.remotes.login(server.url, { username: USER, password: PASSWORD });
    }
    dirA = (await ada.workspace.create(join(root, 'a'), 'Terminal')).path;
    id = (await ada.changesets.create({ title: 'Honest' })).changeset.id;
    await ada.remotes.add('origin', server.url);
    await ada.sync.push();
    dirB = (await bob.sync.clone(server.url, join(root, 'b'))).path;
  });
  after(async () => {
    await server.close();
  });

  it('a title with an escape sequence is printed escaped by ferry pull, conflicts and resolve', async () => {
    await retitle(dirB, id, `Video${ESCAPE} support`);
    await bob.sync.push();
    const pull = await cli(dirA, ['pull']);
    assert.equal(pull.code, 0, pull.stderr);
    assert.match(pull.stdout, /Video\\u001b\[1A\\u001b\[2K support/);
    assert.equal(`${pull.stdout}${pull.stderr}`.includes('\u001b'), false);
    // Both edit it now: the listing and the resolve name it by that title.
    for (const [services, text] of [
      [ada, 'Ada edits it'],
      [bob, 'Bob edits it'],
    ] as const) {
      const { changeset } = await services.changesets.get(id);
      await services.changesets.save({ ...changeset, description: text });
    }
    await bob.sync.push();
    const conflicts = await cli(dirA, ['conflicts']);
    assert.equal(conflicts.code, 0, conflicts.stderr);
    assert.match(conflicts.stdout, /Video\\u001b\[1A\\u001b\[2K support/);
    assert.equal(conflicts.stdout.includes('\u001b'), false);
    const resolve = await cli(dirA, ['resolve', id, 'both']);
    assert.equal(resolve.code, 0, resolve.stderr);
    assert.match(resolve.stdout, /Video\\u001b/);
    assert.equal(`${resolve.stdout}${resolve.stderr}`.includes('\u001b'), false);
  });
});
