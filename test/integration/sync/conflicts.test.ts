import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { createFerryServices, type FerryServices } from '../../../electron/host/core/ferry-services';
import { FerryError } from '../../../shared/api/api-error';
import type { Changeset } from '../../../shared/model/changeset';
import type { PullResultWire, SyncConflict } from '../../../shared/sync/sync-wire';
import { startGitHttpServer, type GitHttpServer } from '../../support/git-http-server';
import { nativeGit } from '../../support/native-git';
import { tempDir } from '../../support/temp-dir';
import { filesUnder } from './sync-test-support';

/**
 * Conflicts in a team workspace (issue 16, point 2), against native git's smart-HTTP server on
 * 127.0.0.1: Ada (this workspace, "mine") and Bob (a clone, "theirs") edit the same changesets,
 * Rita approves Ada's versions; the conflicts are listed side by side and resolved each way in one
 * merge commit, a refused or failed resolve leaves Ada's workspace exactly as it was, and two
 * snapshots of one environment merge by themselves, the newer kept whole.
 */
const BIN = fileURLToPath(new URL('../../../bin/ferry.mjs', import.meta.url));
const USER = 'ada';
const PASSWORD = 'conflict-Pass-77ab01-DO-NOT-LEAK';
const ENV = {
  FERRY_VAULT_PASSPHRASE: 'conflicts-test-passphrase',
  FERRY_GIT_USERNAME: USER,
  FERRY_GIT_PASSWORD: PASSWORD,
};

let root: string;
let server: GitHttpServer;
let ada: FerryServices;
let bob: FerryServices;
let rita: FerryServices;
let dirA: string;
let dirB: string;
/** All three machines share one clock, a minute in the past, so approvals are never "in the future". */
const clock = () => new Date(Date.now() - 60_000);

function machine(name: string): FerryServices {
  return createFerryServices({
    dataDir: join(root, `data-${name.toLowerCase()}`),
    version: 'test',
    env: ENV,
    author: { name, email: `${name.toLowerCase()}@example.test` },
    clock,
  });
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

/** `ferry …` as Ada, in a child process on her data folder. */
function ferryA(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, '-w', dirA, ...args],
      { cwd: root, env: { ...process.env, ...ENV, FERRY_DATA_DIR: join(root, 'data-ada') } },
      (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

/** What a refused or undone resolve must leave as it was: HEAD, the branch, the index, every working file. */
async function workspaceState(dir: string) {
  const files = await filesUnder(dir);
  return {
    status: nativeGit(dir, 'status', '--porcelain'),
    head: nativeGit(dir, 'rev-parse', 'HEAD').trim(),
    branch: nativeGit(dir, 'symbolic-ref', 'HEAD').trim(),
    index: files.get('.git/index')?.toString('base64'),
    working: Object.fromEntries(
      [...files]
        .filter(([path]) => !path.startsWith('.git/'))
        .map(([path, bytes]) => [path, bytes.toString('base64')]),
    ),
  };
}

/** Plain git commit of everything in `dir` with both dates set: a snapshot taken at `at`. */
function commitAt(dir: string, message: string, at: string, name: string): string {
  nativeGit(dir, 'add', '-A');
  execFileSync(
    'git',
    [
      '-C',
      dir,
      '-c',
      `user.name=${name}`,
      '-c',
      `user.email=${name.toLowerCase()}@example.test`,
      'commit',
      '-q',
      '-m',
      message,
    ],
    { env: { ...process.env, GIT_AUTHOR_DATE: at, GIT_COMMITTER_DATE: at } },
  );
  return nativeGit(dir, 'rev-parse', 'HEAD').trim();
}

/** An environment's snapshot as a machine would write it: object files and ids.json. */
async function writeSnapshot(
  dir: string,
  environment: string,
  queues: Record<string, string>,
): Promise<void> {
  const folder = join(dir, 'environments', environment);
  await rm(join(folder, 'snapshot'), { recursive: true, force: true });
  await mkdir(join(folder, 'snapshot', 'routing.queue'), { recursive: true });
  const ids: Record<string, string> = {};
  for (const [name, note] of Object.entries(queues)) {
    await writeFile(
      join(folder, 'snapshot', 'routing.queue', `${name}.json`),
      `${JSON.stringify({ name, description: note }, null, 2)}\n`,
    );
    ids[name] = `${environment}-${name}-${note.length}`;
  }
  await writeFile(join(folder, 'ids.json'), `${JSON.stringify({ 'routing.queue': ids }, null, 2)}\n`);
}

async function edit(services: FerryServices, id: string, description: string): Promise<Changeset> {
  const { changeset } = await services.changesets.get(id);
  return (await services.changesets.save({ ...changeset, description })).changeset;
}

describe('conflicts in a team workspace (issue 16)', () => {
  const ids = { keepMine: '', keepTheirs: '', keepBoth: '' };
  let beforeResolve: Awaited<ReturnType<typeof workspaceState>>;
  let theirsHead: string;

  before(async () => {
    root = await tempDir('ferry-conflicts-');
    server = await startGitHttpServer({ root, user: USER, password: PASSWORD });
    ada = machine('Ada');
    dirA = (await ada.workspace.create(join(root, 'a'), 'Conflicts')).path;
    await ada.identity.keys.init({ owner: 'Ada' });
    await ada.environments.save(
      { name: 'uat', kind: 'sandbox', url: 'embedded', org: 'uat', tier: 'test' },
      undefined,
    );
    rita = machine('Rita');
    await rita.workspace.open(dirA);
    const ritaKey = await rita.identity.keys.init({ owner: 'Rita' });
    await ada.identity.trust.add(ritaKey.publicKey, { owner: 'Rita', roles: ['approver'] });
    ids.keepMine = (await ada.changesets.create({ title: 'Keep mine' })).changeset.id;
    ids.keepTheirs = (await ada.changesets.create({ title: 'Keep theirs' })).changeset.id;
    ids.keepBoth = (await ada.changesets.create({ title: 'Keep both' })).changeset.id;
    await ada.remotes.add('origin', server.url);
    assert.equal((await ada.remotes.push()).outcome, 'pushed');
    bob = machine('Bob');
    dirB = (await bob.remotes.clone(server.url, join(root, 'b'))).path;
  });
  after(async () => {
    await server.close();
  });

  it('a changeset edited on both sides refuses the pull, naming it and saying how to resolve', async () => {
    for (const id of Object.values(ids)) await edit(bob, id, `Bob: ${id}`);
    // Bob also brings a new folder, which an untracked file of Ada's is in the way of (below).
    await mkdir(join(dirB, 'notes'));
    await writeFile(join(dirB, 'notes', 'release.md'), 'Release notes\n');
    commitAt(dirB, 'Release notes', new Date().toISOString(), 'Bob');
    await bob.remotes.push();
    theirsHead = nativeGit(server.bareDir, 'rev-parse', 'main').trim();

    for (const id of Object.values(ids)) {
      await edit(ada, id, `Ada: ${id}`);
      await rita.identity.approvals.approve(id, { decision: 'approved', comment: 'fine' });
    }
    beforeResolve = await workspaceState(dirA);
    const refused = await rejection(ada.remotes.pull());
    assert.equal(refused.code, 'sync.conflict');
    assert.deepEqual(
      refused.details?.files,
      Object.values(ids)
        .map((id) => `changesets/${id}.json`)
        .sort(),
    );
    assert.match(refused.message, /ferry conflicts/);
    assert.match(refused.message, /ferry resolve <path or changeset id> mine\|theirs\|both/);
    assert.match(refused.message, /Sync page/);
    assert.deepEqual(await workspaceState(dirA), beforeResolve);
  });

  it('lists each conflict side by side, with who approved each version, and changes nothing', async () => {
    const conflicts = await ada.sync.conflicts();
    assert.equal(conflicts.length, 3);
    for (const [title, id] of [
      ['Keep mine', ids.keepMine],
      ['Keep theirs', ids.keepTheirs],
      ['Keep both', ids.keepBoth],
    ] as const) {
      const conflict = conflicts.find((item) => item.changesetId === id);
      assert.ok(conflict, id);
      assert.equal(conflict.kind, 'changeset');
      assert.equal(conflict.path, `changesets/${id}.json`);
      assert.equal(conflict.title, title);
      assert.deepEqual(conflict.choices, ['mine', 'theirs', 'both']);
      assert.match(conflict.mine ?? '', /"description": "Ada: /);
      assert.match(conflict.theirs ?? '', /"description": "Bob: /);
      assert.match(conflict.base ?? '', /"description": ""/);
      assert.deepEqual(conflict.approvals, { mine: ['Rita'], theirs: [] });
    }
    // The CLI lists the same, in words and as JSON.
    const listed = await ferryA(['conflicts']);
    assert.equal(listed.code, 0, listed.stderr);
    assert.match(listed.stdout, /both changed 3 files/);
    assert.match(listed.stdout, /you changed description; they changed description/);
    assert.match(listed.stdout, /yours: {3}approved by Rita/);
    assert.match(listed.stdout, new RegExp(`ferry resolve .*${ids.keepMine} <choice>`));
    const json = JSON.parse((await ferryA(['conflicts', '--json'])).stdout) as SyncConflict[];
    assert.deepEqual(
      json.map((item) => item.changesetId).sort(),
      conflicts.map((item) => item.changesetId).sort(),
    );
    assert.deepEqual(await workspaceState(dirA), beforeResolve);
  });

  it('a resolve missing a choice, with a choice a file does not allow, or cancelled changes nothing', async () => {
    const partial = await rejection(ada.sync.resolve([{ path: ids.keepMine, choice: 'mine' }]));
    assert.equal(partial.code, 'sync.resolution-invalid');
    assert.match(
      partial.message,
      new RegExp(
        `no choice was given for .*${ids.keepTheirs}.*${ids.keepBoth}|no choice was given for .*${ids.keepBoth}.*${ids.keepTheirs}`,
      ),
    );
    const unknown = await rejection(
      ada.sync.resolve([
        { path: ids.keepMine, choice: 'mine' },
        { path: ids.keepTheirs, choice: 'theirs' },
        { path: ids.keepBoth, choice: 'both' },
        { path: 'ferry.json', choice: 'mine' },
      ]),
    );
    assert.equal(unknown.code, 'sync.resolution-invalid');
    assert.match(unknown.message, /ferry\.json is not in conflict/);
    const cli = await ferryA(['resolve', ids.keepMine, 'mine', ids.keepTheirs]);
    assert.equal(cli.code, 2, 'an unpaired argument is a usage error');
    const cancelled = await rejection(
      ada.sync.resolve(
        [
          { path: ids.keepMine, choice: 'mine' },
          { path: ids.keepTheirs, choice: 'theirs' },
          { path: ids.keepBoth, choice: 'both' },
        ],
        { signal: AbortSignal.abort() },
      ),
    );
    assert.equal(cancelled.code, 'sync.cancelled');
    assert.deepEqual(await workspaceState(dirA), beforeResolve);
  });

  it('a resolve whose checkout fails part-way is undone: HEAD, index and files exactly as before', async () => {
    // An untracked file where the merge needs Bob's folder: the checks pass, the checkout fails.
    await writeFile(join(dirA, 'notes'), 'my own notes, not in git');
    const before = await workspaceState(dirA);
    const failed = await rejection(
      ada.sync.resolve([
        { path: ids.keepMine, choice: 'mine' },
        { path: `changesets/${ids.keepTheirs}.json`, choice: 'theirs' },
        { path: ids.keepBoth, choice: 'both' },
      ]),
    );
    assert.equal(failed.code, 'sync.local-changes');
    assert.match(failed.message, /undone/);
    assert.deepEqual(await workspaceState(dirA), before);
    assert.ok(!(await readdir(join(dirA, 'changesets'))).some((name) => name.includes('-copy-')));
    await rm(join(dirA, 'notes'));
    assert.deepEqual(await workspaceState(dirA), beforeResolve);
  });

  it('resolves mine, theirs and both in one merge commit; approvals of a superseded version show as stale', async () => {
    const resolved = await ferryA([
      'resolve',
      ids.keepMine,
      'mine',
      `changesets/${ids.keepTheirs}.json`,
      'theirs',
      ids.keepBoth,
      'both',
    ]);
    assert.equal(resolved.code, 0, resolved.stderr);
    assert.match(resolved.stdout, new RegExp(`changeset ${ids.keepMine} "Keep mine": kept yours`));
    assert.match(
      resolved.stdout,
      new RegExp(`changeset ${ids.keepTheirs} "Keep theirs": kept theirs; yours stays in history`),
    );
    assert.match(resolved.stdout, /approvals of your version now show as stale/);
    assert.match(resolved.stdout, /as the new changeset \S+-copy-[0-9a-f]{6} "Keep both \(your copy\)"/);

    // One merge commit: this workspace's commit and the remote's as its parents.
    const parents = nativeGit(dirA, 'rev-list', '--parents', '-n', '1', 'HEAD').trim().split(' ').slice(1);
    assert.deepEqual(parents, [beforeResolve.head, theirsHead]);
    assert.equal(nativeGit(dirA, 'status', '--porcelain'), '');
    nativeGit(dirA, 'fsck', '--strict');
    await ada.workspace.open(dirA);
    assert.equal(await readFile(join(dirA, 'notes', 'release.md'), 'utf8'), 'Release notes\n');

    const statusOf = async (id: string) =>
      (await ada.identity.approvals.list(id)).map((approval) => [approval.owner, approval.status]);
    // Mine kept: Rita's approval still counts.
    assert.equal((await ada.changesets.get(ids.keepMine)).changeset.description, `Ada: ${ids.keepMine}`);
    assert.deepEqual(await statusOf(ids.keepMine), [['Rita', 'valid']]);
    // Theirs kept: Rita approved Ada's version, which is gone: stale.
    assert.equal((await ada.changesets.get(ids.keepTheirs)).changeset.description, `Bob: ${ids.keepTheirs}`);
    assert.deepEqual(await statusOf(ids.keepTheirs), [['Rita', 'stale']]);
    // Both: theirs under the id (Rita's approval stale there), Ada's as a new changeset without approvals.
    assert.equal((await ada.changesets.get(ids.keepBoth)).changeset.description, `Bob: ${ids.keepBoth}`);
    assert.deepEqual(await statusOf(ids.keepBoth), [['Rita', 'stale']]);
    const copies = (await ada.changesets.list()).filter((item) => item.id.includes('-copy-'));
    assert.equal(copies.length, 1);
    const copy = await ada.changesets.get(copies[0]?.id ?? '');
    assert.equal(copy.changeset.title, 'Keep both (your copy)');
    assert.equal(copy.changeset.description, `Ada: ${ids.keepBoth}`);
    assert.match(copy.changeset.origin ?? '', new RegExp(ids.keepBoth));
    assert.deepEqual(await ada.identity.approvals.list(copy.changeset.id), []);
    assert.equal(existsSync(join(dirA, `changesets/${copy.changeset.id}.approvals`)), false);
    // The approval status on the command line says so too.
    const cliStatus = await ferryA(['approvals', ids.keepTheirs, '--json']);
    assert.equal(cliStatus.code, 0, cliStatus.stderr);
    assert.match(cliStatus.stdout, /"status": "stale"/);

    // The team gets it: Ada pushes, Bob fast-forwards to the same commit.
    assert.equal((await ada.remotes.push()).outcome, 'pushed');
    assert.equal((await bob.remotes.pull()).outcome, 'fast-forward');
    assert.equal(nativeGit(dirB, 'rev-parse', 'HEAD'), nativeGit(dirA, 'rev-parse', 'HEAD'));
    assert.equal((await bob.changesets.get(copy.changeset.id)).changeset.title, 'Keep both (your copy)');
    assert.deepEqual(await ada.sync.conflicts(), []);
  });

  it('two snapshots of one environment merge by themselves: the newer is kept whole, the older stays in history', async () => {
    // Whole seconds, as git records them.
    const day = new Date(Math.floor(Date.now() / 1000 - 2 * 24 * 3600) * 1000);
    const at = (hours: number) => new Date(day.getTime() + hours * 3600_000).toISOString();
    // Bob's snapshot is newer; Ada's older one has a queue Bob's has not, and she edits parameters.json.
    await writeSnapshot(dirB, 'uat', { Billing: 'from Bob', Sales: 'from Bob' });
    commitAt(dirB, 'snapshot uat: 2 added', at(2), 'Bob');
    await bob.remotes.push();
    await writeSnapshot(dirA, 'uat', { Billing: 'from Ada', Support: 'from Ada' });
    const adaSnapshot = commitAt(dirA, 'snapshot uat: 2 added', at(1), 'Ada');
    await writeFile(join(dirA, 'environments', 'uat', 'parameters.json'), '{}\n');
    commitAt(dirA, 'parameters uat', at(3), 'Ada');

    assert.deepEqual(await ada.sync.conflicts(), []);
    const pulled: PullResultWire = await ada.sync.pull();
    assert.equal(pulled.outcome, 'merged');
    assert.deepEqual(pulled.snapshotMerges, [
      {
        environment: 'uat',
        kept: 'theirs',
        mineAt: at(1),
        theirsAt: at(2),
      },
    ]);
    const remoteMain = nativeGit(server.bareDir, 'rev-parse', 'main').trim();
    // Bob's snapshot whole (Ada's Support queue is not mixed in), and Ada's parameters kept.
    for (const path of ['environments/uat/snapshot', 'environments/uat/ids.json']) {
      assert.equal(
        nativeGit(dirA, 'rev-parse', `HEAD:${path}`),
        execFileSync('git', ['-C', server.bareDir, 'rev-parse', `${remoteMain}:${path}`], {
          encoding: 'utf8',
        }),
      );
    }
    assert.equal(existsSync(join(dirA, 'environments/uat/snapshot/routing.queue/Support.json')), false);
    assert.equal(await readFile(join(dirA, 'environments/uat/parameters.json'), 'utf8'), '{}\n');
    // Ada's snapshot is in the merge's history, one `git show` away.
    nativeGit(dirA, 'merge-base', '--is-ancestor', adaSnapshot, 'HEAD');
    assert.match(
      nativeGit(dirA, 'show', `${adaSnapshot}:environments/uat/snapshot/routing.queue/Support.json`),
      /from Ada/,
    );
    assert.equal(nativeGit(dirA, 'status', '--porcelain'), '');
    nativeGit(dirA, 'fsck', '--strict');
    await ada.remotes.push();
    await bob.remotes.pull();

    // The other way round: Ada's is the newer one, and it is kept.
    await writeSnapshot(dirB, 'uat', { Billing: 'Bob again' });
    commitAt(dirB, 'snapshot uat', at(4), 'Bob');
    await bob.remotes.push();
    await writeSnapshot(dirA, 'uat', { Billing: 'Ada again', Support: 'Ada again' });
    const adaNewer = commitAt(dirA, 'snapshot uat', at(5), 'Ada');
    const again = await ada.remotes.pull();
    assert.equal(again.outcome, 'merged');
    assert.equal(again.snapshotMerges?.[0]?.kept, 'mine');
    assert.equal(
      nativeGit(dirA, 'rev-parse', 'HEAD:environments/uat/snapshot'),
      nativeGit(dirA, 'rev-parse', `${adaNewer}:environments/uat/snapshot`),
    );
    assert.match(nativeGit(dirA, 'log', '-1', '--format=%B'), /environments\/uat snapshot: kept mine/);
    assert.equal(nativeGit(dirA, 'status', '--porcelain'), '');
    nativeGit(dirA, 'fsck', '--strict');

    // A snapshot's time is when it was taken, not when a merge brought it along: Bob's next one
    // (taken after Ada's, before he saw her merge) is newer than hers, though older than the merge.
    await writeSnapshot(dirB, 'uat', { Billing: 'Bob, later' });
    commitAt(dirB, 'snapshot uat', at(6), 'Bob');
    await bob.remotes.push();
    const third = await ada.remotes.pull();
    assert.deepEqual(
      third.snapshotMerges?.map((item) => [item.kept, item.mineAt, item.theirsAt]),
      [['theirs', at(5), at(6)]],
    );
    assert.match(
      await readFile(join(dirA, 'environments/uat/snapshot/routing.queue/Billing.json'), 'utf8'),
      /Bob, later/,
    );
    nativeGit(dirA, 'fsck', '--strict');
  });

  it('parameters.json changed on both sides is an ordinary conflict, mine or theirs only', async () => {
    await ada.remotes.push();
    await bob.remotes.pull();
    await writeFile(join(dirB, 'environments', 'uat', 'parameters.json'), '{"by":"Bob"}\n');
    commitAt(dirB, 'parameters uat', new Date().toISOString(), 'Bob');
    await bob.remotes.push();
    await writeFile(join(dirA, 'environments', 'uat', 'parameters.json'), '{"by":"Ada"}\n');
    commitAt(dirA, 'parameters uat', new Date().toISOString(), 'Ada');
    const [conflict, ...more] = await ada.sync.conflicts();
    assert.equal(more.length, 0);
    assert.equal(conflict?.kind, 'other');
    assert.deepEqual(conflict?.choices, ['mine', 'theirs']);
    const both = await rejection(
      ada.sync.resolve([{ path: 'environments/uat/parameters.json', choice: 'both' }]),
    );
    assert.equal(both.code, 'sync.resolution-invalid');
    const result = await ada.sync.resolve([{ path: 'environments/uat/parameters.json', choice: 'theirs' }]);
    assert.deepEqual(
      result.resolved?.map((item) => [item.path, item.choice]),
      [['environments/uat/parameters.json', 'theirs']],
    );
    assert.equal(await readFile(join(dirA, 'environments/uat/parameters.json'), 'utf8'), '{"by":"Bob"}\n');
    assert.equal(nativeGit(dirA, 'status', '--porcelain'), '');
    nativeGit(dirA, 'fsck', '--strict');
  });

  it('a changeset edited here and deleted there: mine or theirs only, and theirs deletes it with its folder', async () => {
    await ada.remotes.push();
    await bob.remotes.pull();
    const doomed = (await ada.changesets.create({ title: 'Short-lived' })).changeset.id;
    await rita.identity.approvals.approve(doomed, { decision: 'approved' });
    await ada.remotes.push();
    await bob.remotes.pull();
    await bob.changesets.remove(doomed);
    await bob.remotes.push();
    await edit(ada, doomed, 'Ada still wants it');

    const [conflict, ...more] = await ada.sync.conflicts();
    assert.equal(more.length, 0);
    assert.equal(conflict?.changesetId, doomed);
    assert.equal(conflict?.theirs, null);
    assert.deepEqual(conflict?.choices, ['mine', 'theirs']);
    assert.deepEqual(conflict?.approvals, { mine: [], theirs: [] });
    const result = await ada.sync.resolve([{ path: doomed, choice: 'theirs' }]);
    assert.equal(result.outcome, 'merged');
    assert.equal(existsSync(join(dirA, 'changesets', `${doomed}.json`)), false);
    // Bob's delete took the approvals with it; no empty folder is left in the tree.
    assert.equal(existsSync(join(dirA, 'changesets', `${doomed}.approvals`)), false);
    assert.equal(nativeGit(dirA, 'ls-tree', 'HEAD', 'changesets/').includes(doomed), false);
    assert.equal(nativeGit(dirA, 'status', '--porcelain'), '');
    nativeGit(dirA, 'fsck', '--strict');
  });

  it('the same changeset written differently on each side is no conflict: same digest, theirs bytes', async () => {
    await ada.remotes.push();
    await bob.remotes.pull();
    const id = (await ada.changesets.list())[0]?.id ?? '';
    const edited = await edit(ada, id, 'Agreed on the phone');
    // Bob makes the same edit by hand, in one line: other bytes, the same canonical changeset.
    await writeFile(join(dirB, 'changesets', `${id}.json`), `${JSON.stringify(edited)}\n`);
    commitAt(dirB, `changeset ${id}: same edit`, new Date().toISOString(), 'Bob');
    await bob.remotes.push();
    assert.deepEqual(await ada.sync.conflicts(), []);
    const pulled = await ada.remotes.pull();
    assert.equal(pulled.outcome, 'merged');
    assert.equal(
      await readFile(join(dirA, 'changesets', `${id}.json`), 'utf8'),
      `${JSON.stringify(edited)}\n`,
    );
    assert.equal((await ada.changesets.get(id)).changeset.description, 'Agreed on the phone');
    assert.equal(nativeGit(dirA, 'status', '--porcelain'), '');
  });
});
