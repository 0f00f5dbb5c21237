import assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { nativeGit } from '../../support/native-git';
import { wrapupCode } from '../promotion/promotion-test-support';
import { promoteAndKill, runWorld, type RunWorld } from '../security/run-fixture';

/**
 * Issue 12 §6: smaller defects, each seen through the real `ferry` bin in a child process. The
 * world is one workspace with uat and prod on the sandbox, this machine trusted as promoter.
 */
let world: RunWorld;

before(async () => {
  world = await runWorld('ferry-small-defects-');
});
after(() => world.close());

/** A changeset file as a teammate could commit it, bypassing every check the app makes. */
async function handWrittenChangeset(id: string, operations: unknown[]): Promise<void> {
  await mkdir(join(world.dir, 'changesets'), { recursive: true });
  const changeset = {
    formatVersion: 1,
    id,
    title: id,
    description: '',
    ticket: '',
    author: 'Mallory',
    createdAt: '2026-11-01T00:00:00.000Z',
    operations,
  };
  await writeFile(join(world.dir, 'changesets', `${id}.json`), `${JSON.stringify(changeset, null, 2)}\n`);
}

function jsonError(stdout: string): { code: string; message: string } {
  return (JSON.parse(stdout) as { error: { code: string; message: string } }).error;
}

describe('ferry diff with a preview of an invalid changeset', () => {
  it('says the changeset is invalid, naming it, instead of previewing what could never be promoted', async () => {
    await handWrittenChangeset('typo-type-aaa111', [
      { op: 'create', type: 'routing.skil', key: 'Video', body: { name: 'Video' } },
    ]);
    await handWrittenChangeset('bad-path-aaa111', [
      { op: 'update', type: 'routing.skill', key: 'Billing', changes: [{ path: 'a[[', after: 1 }] },
    ]);
    for (const id of ['typo-type-aaa111', 'bad-path-aaa111']) {
      const result = await world.cli(['diff', 'uat', `preview:${id}:uat`, '--json']);
      assert.equal(result.code, 2, result.stdout + result.stderr);
      const error = jsonError(result.stdout);
      assert.equal(error.code, 'changeset.invalid');
      assert.match(error.message, new RegExp(`changesets/${id}\\.json is not a valid changeset`));
      assert.match(error.message, /operations\[0\]/);
    }
  });

  it('refuses an operation whose key is not its body natural key (e.g. ../../etc/passwd)', async () => {
    await handWrittenChangeset('wrong-key-aaa111', [
      { op: 'create', type: 'routing.skill', key: '../../etc/passwd', body: { name: 'Video' } },
    ]);
    for (const args of [
      ['diff', 'uat', 'preview:wrong-key-aaa111:uat'],
      ['changeset', 'validate', 'wrong-key-aaa111'],
      ['package', 'export', 'wrong-key-aaa111', '--to', 'uat'],
    ]) {
      const result = await world.cli(args);
      assert.equal(result.code, 2, `${args.join(' ')}: ${result.stdout}${result.stderr}`);
      assert.match(
        result.stderr,
        /changesets\/wrong-key-aaa111\.json is not a valid changeset: operations\[0\]\.key: the key "\.\.\/\.\.\/etc\/passwd" is not the body's name \("Video"\)/,
        args.join(' '),
      );
    }
  });
});

describe('a directory given where a file is expected', () => {
  it('is named with its path, exit 2, by policy set, package verify, package import and trust add', async () => {
    const folder = join(world.dir, 'changesets');
    for (const args of [
      ['policy', 'set', 'uat', folder],
      ['package', 'verify', folder],
      ['package', 'import', folder],
      ['trust', 'add', folder, '--name', 'Sam', '--roles', 'author'],
    ]) {
      const result = await world.cli([...args, '--json']);
      assert.equal(result.code, 2, `${args.join(' ')}: ${result.stdout}${result.stderr}`);
      const error = jsonError(result.stdout);
      assert.equal(error.code, 'path.invalid', args.join(' '));
      assert.ok(error.message.startsWith(`${folder} is a folder, not a`), error.message);
    }
  });
});

describe('a corrupt object file committed into a snapshot', () => {
  it('is named with its path by diff, drift and changeset validate (workspace.corrupt, exit 2)', async () => {
    const changeset = await world.services.changesets.create({
      title: 'touches a damaged file',
      operations: [
        {
          op: 'update',
          type: 'routing.skill',
          key: 'Billing',
          changes: [{ path: 'state', before: 'active', after: 'inactive' }],
        },
      ],
    });
    const path = 'environments/uat/snapshot/routing.skill/Billing.json';
    const original = await readFile(join(world.dir, path), 'utf8');
    await writeFile(join(world.dir, path), '{"name": "Billing",');
    nativeGit(world.dir, 'commit', '-q', '-am', 'a teammate breaks a snapshot file');
    try {
      for (const args of [
        ['diff', 'uat', 'prod'],
        ['drift', 'uat'],
        ['changeset', 'validate', changeset.changeset.id, '--target', 'uat'],
      ]) {
        const result = await world.cli([...args, '--json']);
        assert.equal(result.code, 2, `${args.join(' ')}: ${result.stdout}${result.stderr}`);
        const error = jsonError(result.stdout);
        assert.equal(error.code, 'workspace.corrupt', args.join(' '));
        assert.ok(error.message.includes(path), error.message);
      }
    } finally {
      await writeFile(join(world.dir, path), original);
      nativeGit(world.dir, 'commit', '-q', '-am', 'put the snapshot file back');
    }
  });
});

describe('rollback', () => {
  it('of an unknown run id says there is no such run (run.not-found, exit 2)', async () => {
    for (const runId of ['nope', '20260101-000000-nope-aaaaaa']) {
      const result = await world.cli(['rollback', runId, '--json']);
      assert.equal(result.code, 2, result.stdout + result.stderr);
      const error = jsonError(result.stdout);
      assert.equal(error.code, 'run.not-found');
      assert.match(error.message, new RegExp(`No run "${runId}"`));
    }
  });

  it('of an interrupted run exits 0 when it succeeds; a corrupt result.json is then named, not taken for an interrupted run', async () => {
    const { changeset } = await world.services.changesets.create({
      title: 'interrupt',
      idPrefix: 'interrupt',
      operations: Array.from({ length: 12 }, (_, index) => ({
        op: 'create' as const,
        type: 'routing.wrapupcode',
        key: `interrupt code ${index + 1}`,
        body: wrapupCode(`interrupt code ${index + 1}`),
      })),
    });
    const runId = await promoteAndKill(world, changeset.id, 'interrupt', 7);
    const listed = await world.cli(['runs', '--json']);
    const before = (JSON.parse(listed.stdout) as { id: string; status: string }[]).find(
      (run) => run.id === runId,
    );
    assert.equal(before?.status, 'interrupted');

    const rolledBack = await world.cli(['rollback', runId, '--json']);
    assert.equal(rolledBack.code, 0, rolledBack.stdout + rolledBack.stderr);
    assert.equal((JSON.parse(rolledBack.stdout) as { status: string }).status, 'rolled-back');

    const file = `runs/${runId}/result.json`;
    await writeFile(join(world.dir, file), '{"runId": ');
    const runs = await world.cli(['runs', '--json']);
    assert.equal(runs.code, 0, runs.stderr);
    const damaged = (JSON.parse(runs.stdout) as { id: string; status: string; message: string }[]).find(
      (run) => run.id === runId,
    );
    assert.equal(damaged?.status, 'corrupt');
    assert.ok(damaged.message.includes(file), damaged.message);
    // Neither resumed nor rolled back as if it were interrupted: the damaged file is named.
    const resumed = await world.cli(['resume', runId, '--json']);
    assert.equal(resumed.code, 2, resumed.stdout + resumed.stderr);
    assert.equal(jsonError(resumed.stdout).code, 'run.corrupt');
    assert.ok(jsonError(resumed.stdout).message.includes(file), resumed.stdout);
    const again = await world.cli(['rollback', runId, '--json']);
    assert.notEqual(again.code, 0, again.stdout + again.stderr);
    assert.ok(jsonError(again.stdout).message.includes(file), again.stdout);
  });
});
