import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { FerryServices } from '../../../electron/host/core/ferry-services';
import { channels } from '../../../shared/api/channels';
import { syncConflictSchema } from '../../../shared/sync/sync-wire';
import { startGitHttpServer, type GitHttpServer } from '../../support/git-http-server';
import { tempDir } from '../../support/temp-dir';
import { gitState, rejection, rev } from './attack-craft';
import { teamMachine } from './sync-test-support';

/**
 * A resolve is a choice made looking at a listing. When a teammate pushes again between the
 * listing and the resolve (changing an already-listed file, say), the choice would be applied to
 * a version nobody looked at: with the listing's `theirsCommit` sent back, the resolve is refused
 * (sync.remote-moved) and nothing is merged. Without it (the CLI without --at) the resolve works
 * as before, against the remote as it is when it runs.
 */
const USER = 'ada';
const PASSWORD = 'attack-Race-Pass-0b7e42-DO-NOT-LEAK';
const ENV = { FERRY_VAULT_PASSPHRASE: 'attack-race-passphrase' };
const BIN = fileURLToPath(new URL('../../../bin/ferry.mjs', import.meta.url));

let root: string;
let server: GitHttpServer;

function machine(name: string): FerryServices {
  return teamMachine(join(root, `data-${name}`), name, ENV);
}

async function edit(services: FerryServices, id: string, description: string): Promise<void> {
  const { changeset } = await services.changesets.get(id);
  await services.changesets.save({ ...changeset, description });
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

describe('a resolve after the remote moved on (issue 16 attacks)', () => {
  let ada: FerryServices;
  let bob: FerryServices;
  let dirA: string;
  let id: string;

  before(async () => {
    root = await tempDir('ferry-attack-race-');
    server = await startGitHttpServer({ root, user: USER, password: PASSWORD });
    ada = machine('Ada');
    bob = machine('Bob');
    for (const services of [ada, bob]) {
      await services.remotes.login(server.url, { username: USER, password: PASSWORD });
    }
    dirA = (await ada.workspace.create(join(root, 'a'), 'Race')).path;
    id = (await ada.changesets.create({ title: 'Contested' })).changeset.id;
    await ada.remotes.add('origin', server.url);
    await ada.sync.push();
    await bob.sync.clone(server.url, join(root, 'b'));
    await edit(bob, id, 'Bob, first');
    await bob.sync.push();
    await edit(ada, id, 'Ada');
  });
  after(async () => {
    await server.close();
  });

  it('each listed conflict carries the remote commit it was worked out against', async () => {
    const conflicts = await ada.sync.conflicts();
    assert.equal(conflicts.length, 1);
    assert.equal(conflicts[0]?.theirsCommit, rev(server.bareDir, 'main'));
    // The wire still takes a listing without it (older hosts), and the resolve request takes it.
    const withoutIt: Record<string, unknown> = { ...conflicts[0] };
    delete withoutIt.theirsCommit;
    assert.ok(syncConflictSchema.safeParse(withoutIt).success);
    assert.ok(
      channels['sync.resolve'].request.safeParse({
        resolutions: [{ path: id, choice: 'mine' }],
        theirsCommit: conflicts[0]?.theirsCommit,
      }).success,
    );
  });

  it('a teammate pushing again after the listing makes the resolve refuse, changing nothing', async () => {
    const listed = await ada.sync.conflicts();
    const looked = listed[0]?.theirsCommit;
    assert.ok(looked !== undefined);
    // Bob changes the very file Ada is deciding about.
    await edit(bob, id, 'Bob, second thoughts');
    await bob.sync.push();
    const before = gitState(dirA);
    const error = await rejection(
      ada.sync.resolve([{ path: id, choice: 'theirs' }], { theirsCommit: looked }),
    );
    assert.equal(error.code, 'sync.remote-moved');
    assert.match(error.message, /review the conflicts again/);
    assert.deepEqual(gitState(dirA), before);

    // The CLI: the listing names the commit and the resolve it suggests carries it.
    const listing = await cli(dirA, ['conflicts']);
    assert.equal(listing.code, 0, listing.stderr);
    const now = rev(server.bareDir, 'main');
    assert.match(listing.stdout, new RegExp(`--at ${now}`));
    await edit(bob, id, 'Bob, third thoughts');
    await bob.sync.push();
    const stale = await cli(dirA, ['resolve', id, 'theirs', '--at', now]);
    assert.notEqual(stale.code, 0);
    assert.match(stale.stderr, /changed since you looked/);
    assert.deepEqual(gitState(dirA), before);
    const malformed = await cli(dirA, ['resolve', id, 'theirs', '--at', 'HEAD']);
    assert.notEqual(malformed.code, 0);
    assert.match(malformed.stderr, /--at takes the 40-character commit/);
  });

  it('with the commit it looked at now, the resolve goes through and keeps what was chosen', async () => {
    const listed = await ada.sync.conflicts();
    const result = await ada.sync.resolve([{ path: id, choice: 'theirs' }], {
      theirsCommit: listed[0]?.theirsCommit,
    });
    assert.equal(result.outcome, 'merged');
    assert.equal((await ada.changesets.get(id)).changeset.description, 'Bob, third thoughts');
    assert.equal(rev(dirA, 'HEAD^2'), rev(server.bareDir, 'main'));
  });
});
