import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { FerryError } from '../../../shared/api/api-error';
import { changesetSchema } from '../../../shared/model/changeset';
import type { FerryServices } from '../../../electron/host/core/ferry-services';
import { SEEDED_DRIFT } from '../../../electron/sandbox';
import { nativeGit } from '../../support/native-git';
import { sandboxWorkspace, type SandboxWorkspace } from '../../support/sandbox-workspace';

let workspace: SandboxWorkspace;
let services: FerryServices;
let dir: string;
let cli: SandboxWorkspace['cli'];

before(async () => {
  workspace = await sandboxWorkspace({
    prefix: 'ferry-compare-',
    author: { name: 'Rita Reviewer', email: 'rita@example.test' },
  });
  ({ services, dir, cli } = workspace);
});
after(() => workspace.close());

async function prodApi() {
  return services.environments.connector('prod');
}

describe('compare', () => {
  it('lists the seeded differences between dev and uat', async () => {
    const outcome = await services.compare.compare('dev', 'uat');
    const line = (status: string, type: string, key: string) =>
      outcome.result.objects.some(
        (object) => object.status === status && object.type === type && object.key === key,
      );
    assert.ok(
      line('removed', 'routing.queue', SEEDED_DRIFT.devOnly.queue),
      'dev-only queue removed towards uat',
    );
    assert.ok(line('removed', 'routing.skill', SEEDED_DRIFT.devOnly.skill));
    const schedule = outcome.result.objects.find(
      (object) => object.key === SEEDED_DRIFT.uatOnly.scheduleEnd.schedule,
    );
    assert.equal(schedule?.status, 'changed');
    assert.deepEqual(
      schedule?.changes.map((change) => [change.path, change.before, change.after]),
      [['end', SEEDED_DRIFT.uatOnly.scheduleEnd.before, SEEDED_DRIFT.uatOnly.scheduleEnd.after]],
    );
    // Same configuration with different ids in each org is not a difference.
    assert.ok(!line('changed', 'routing.queue', SEEDED_DRIFT.devAndUat.acwTimeout.queue));
    assert.equal(outcome.result.summary.totals.added, 0);
  });

  it('shows the prod hot-fix against uat, field by field', async () => {
    const outcome = await services.compare.compare('uat', 'prod');
    const queue = outcome.result.objects.find(
      (object) => object.key === SEEDED_DRIFT.prodOnly.alertingTimeout.queue,
    );
    assert.ok(
      queue?.changes.some(
        (change) =>
          change.path === 'mediaSettings.call.alertingTimeoutSeconds' &&
          change.before === 8 &&
          change.after === 15,
      ),
    );
    assert.ok(
      outcome.result.objects.some(
        (object) => object.status === 'added' && object.key === SEEDED_DRIFT.prodOnly.wrapupCode,
      ),
    );
  });

  it('`ferry diff dev uat --json` lists them for a pipeline, and --exit-code exits 1 on differences', async () => {
    const json = await cli(['diff', 'dev', 'uat', '--json']);
    assert.equal(json.code, 0, json.stderr);
    const outcome = JSON.parse(json.stdout) as { result: { objects: { key: string; status: string }[] } };
    assert.ok(
      outcome.result.objects.some(
        (object) => object.key === SEEDED_DRIFT.devOnly.queue && object.status === 'removed',
      ),
    );
    assert.equal((await cli(['diff', 'dev', 'uat', '--exit-code'])).code, 1);
    assert.equal((await cli(['diff', 'dev', 'dev', '--exit-code'])).code, 0);
    const bad = await cli(['diff', 'dev', 'uat@yesterday']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /neither a commit nor an ISO date/);
  });

  it('`ferry changeset from-diff uat dev --select …` writes the operations that turn uat into dev', async () => {
    const made = await cli([
      'changeset',
      'from-diff',
      'uat',
      'dev',
      '--title',
      'Promote video support',
      '--select',
      `routing.skill/${SEEDED_DRIFT.devOnly.skill}`,
      '--select',
      `architect.schedule/${SEEDED_DRIFT.uatOnly.scheduleEnd.schedule}`,
      '--json',
    ]);
    assert.equal(made.code, 0, made.stderr);
    const { changeset } = JSON.parse(made.stdout) as {
      changeset: { operations: { op: string; key: string }[] };
    };
    assert.deepEqual(
      changeset.operations.map((operation) => [operation.op, operation.key]),
      [
        ['create', SEEDED_DRIFT.devOnly.skill],
        ['update', SEEDED_DRIFT.uatOnly.scheduleEnd.schedule],
      ],
    );
    const unknown = await cli([
      'changeset',
      'from-diff',
      'uat',
      'dev',
      '--title',
      'x',
      '--select',
      'routing.skill/Nope',
    ]);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /not among the differences of uat → dev: routing\.skill\/Nope/);
  });

  it('compares an environment over time by commit and by date, and sees a rename as a rename', async () => {
    const before = nativeGit(dir, 'rev-parse', 'HEAD').trim();
    const connector = await services.environments.connector('uat');
    const ids = JSON.parse(await readFile(join(dir, 'environments/uat/ids.json'), 'utf8')) as Record<
      string,
      Record<string, string>
    >;
    const id = ids['routing.wrapupcode']?.['Account Updated'];
    assert.ok(id);
    await connector.update('routing.wrapupcode', id, { name: 'Account Details Updated' });
    await services.snapshots.run('uat');
    const byCommit = await services.compare.compare(`uat@${before.slice(0, 10)}`, 'uat');
    const renamed = byCommit.result.objects.find((object) => object.status === 'renamed');
    assert.deepEqual([renamed?.previousKey, renamed?.key], ['Account Updated', 'Account Details Updated']);
    const future = await services.compare.compare(
      `uat@${new Date(Date.now() + 86_400_000).toISOString()}`,
      'uat',
    );
    assert.equal(future.result.objects.length, 0);
    await assert.rejects(
      services.compare.compare('uat@1999-01-01', 'uat'),
      (error: unknown) => error instanceof FerryError && error.code === 'compare.no-history',
    );
  });

  it('applies ignore rules saved in the workspace', async () => {
    const field = 'mediaSettings.call.alertingTimeoutSeconds';
    await services.ignoreRules.addRule({
      type: 'routing.queue',
      path: field,
      reason: 'prod tunes alerting per site',
    });
    assert.match(nativeGit(dir, 'log', '-1', '--format=%s'), /Ignore routing\.queue/);
    const outcome = await services.compare.compare('uat', 'prod');
    const queue = outcome.result.objects.find(
      (object) => object.key === SEEDED_DRIFT.prodOnly.alertingTimeout.queue,
    );
    assert.equal(queue, undefined, 'the only change was ignored, so the queue is unchanged');
    await services.ignoreRules.removeRule('routing.queue', field);
  });
});

describe('drift on the sandbox', () => {
  it('sees edits made in prod since its snapshot, and triages them: accept, revert, ignore', async () => {
    const api = await prodApi();
    const ids = JSON.parse(await readFile(join(dir, 'environments/prod/ids.json'), 'utf8')) as Record<
      string,
      Record<string, string>
    >;
    const codeId = ids['routing.wrapupcode']?.['Account Updated'];
    const scheduleCodeId = ids['routing.wrapupcode']?.['Billing Query Answered'];
    assert.ok(codeId && scheduleCodeId);
    await api.update('routing.wrapupcode', codeId, {
      name: 'Account Updated',
      description: 'edited by hand in prod',
    });
    await api.update('routing.wrapupcode', scheduleCodeId, {
      name: 'Billing Query Answered',
      description: 'another hand edit',
    });
    await api.create('routing.skill', { name: 'Hotfix Skill' });

    const drift = await services.drift.drift('prod');
    const keys = drift.result.objects.map((object) => `${object.status} ${object.key}`).sort();
    assert.deepEqual(keys, [
      'added Hotfix Skill',
      'changed Account Updated',
      'changed Billing Query Answered',
    ]);
    const cliDrift = await cli(['drift', 'prod', '--exit-code']);
    assert.equal(cliDrift.code, 1);
    assert.match(
      cliDrift.stdout,
      /description added "edited by hand in prod"|description .*edited by hand in prod/,
    );

    const accepted = await services.drift.accept('prod', 'routing.skill', 'Hotfix Skill');
    assert.match(accepted.message, /accept skill "Hotfix Skill"/);
    assert.equal(nativeGit(dir, 'status', '--porcelain'), '');

    const reverted = await services.drift.revert('prod', 'routing.wrapupcode', 'Account Updated');
    const changeset = changesetSchema.parse(JSON.parse(await readFile(join(dir, reverted.file), 'utf8')));
    assert.deepEqual(changeset.operations, [
      {
        op: 'update',
        type: 'routing.wrapupcode',
        key: 'Account Updated',
        changes: [{ path: 'description', before: 'edited by hand in prod' }],
      },
    ]);

    await services.drift.ignore(
      'prod',
      'routing.wrapupcode',
      'Billing Query Answered',
      'site team owns this text',
    );
    await services.drift.ignore(
      'prod',
      'routing.wrapupcode',
      'Account Updated',
      'revert planned in the next window',
    );
    const after = await services.drift.drift('prod');
    assert.deepEqual(after.result.objects, []);
    assert.deepEqual(after.ignoredObjects.map((item) => item.reason).sort(), [
      'revert planned in the next window',
      'site team owns this text',
    ]);
    assert.equal(nativeGit(dir, 'status', '--porcelain'), '');

    await services.drift.unignore('prod', 'routing.wrapupcode', 'Billing Query Answered');
    const shownAgain = await services.drift.drift('prod');
    assert.deepEqual(
      shownAgain.result.objects.map((object) => object.key),
      ['Billing Query Answered'],
    );
    await assert.rejects(
      services.drift.unignore('prod', 'routing.wrapupcode', 'Billing Query Answered'),
      (error: unknown) => error instanceof FerryError && error.code === 'drift.not-ignored',
    );
  });

  it('refuses to ignore without a reason and to revert what has not drifted', async () => {
    await assert.rejects(services.drift.ignore('prod', 'routing.skill', 'Billing', '  '), /needs a reason/);
    await assert.rejects(
      services.drift.revert('prod', 'routing.skill', 'Billing'),
      (error: unknown) => error instanceof FerryError && error.code === 'drift.none',
    );
  });
});
