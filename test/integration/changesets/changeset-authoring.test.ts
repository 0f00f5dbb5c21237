import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { FerryError } from '../../../shared/api/api-error';
import type { ChangesetCheck } from '../../../shared/model/changeset-wire';
import type { FerryServices } from '../../../electron/host/core/ferry-services';
import { SEEDED_DRIFT } from '../../../electron/sandbox';
import { nativeGit } from '../../support/native-git';
import { sandboxWorkspace, type SandboxWorkspace } from '../../support/sandbox-workspace';

const VIDEO = SEEDED_DRIFT.devOnly;

let sandbox: SandboxWorkspace;
let services: FerryServices;
let dir: string;
let cli: SandboxWorkspace['cli'];

before(async () => {
  sandbox = await sandboxWorkspace({
    prefix: 'ferry-authoring-',
    author: { name: 'Ada Author', email: 'ada@example.test' },
  });
  ({ services, dir, cli } = sandbox);
});
after(() => sandbox.close());

describe('changeset authoring against the sandbox workspace', () => {
  let videoChangeset = '';

  it('`from-diff uat dev --select <queue>` refuses until each missing dependency has a choice', async () => {
    const select = ['--select', `routing.queue/${VIDEO.queue}`];
    const refused = await cli(['changeset', 'from-diff', 'uat', 'dev', '--title', 'Video queue', ...select]);
    assert.equal(refused.code, 2, refused.stderr);
    assert.match(refused.stderr, new RegExp(`routing\\.skill/${VIDEO.skill} \\(used by routing\\.queue/`));
    assert.match(refused.stderr, new RegExp(`routing\\.wrapupcode/${VIDEO.wrapupCode}`));
    assert.match(refused.stderr, /--dependencies bring/);

    const made = await cli([
      'changeset',
      'from-diff',
      'uat',
      'dev',
      '--title',
      'Video queue',
      '--ticket',
      'CHG-7',
      ...select,
      '--dependencies',
      'bring',
      '--json',
    ]);
    assert.equal(made.code, 0, made.stderr);
    const created = JSON.parse(made.stdout) as {
      changeset: { id: string; ticket: string; operations: { op: string; type: string; key: string }[] };
    };
    videoChangeset = created.changeset.id;
    assert.equal(created.changeset.ticket, 'CHG-7');
    assert.deepEqual(
      created.changeset.operations
        .map((operation) => `${operation.op} ${operation.type}/${operation.key}`)
        .sort(),
      [
        `create routing.queue/${VIDEO.queue}`,
        `create routing.skill/${VIDEO.skill}`,
        `create routing.wrapupcode/${VIDEO.wrapupCode}`,
      ],
    );
  });

  it('`changeset validate --target uat` passes, with the order and the blast radius', async () => {
    const human = await cli(['changeset', 'validate', videoChangeset, '--target', 'uat']);
    assert.equal(human.code, 0, human.stdout + human.stderr);
    assert.match(human.stdout, /against uat \(test, snapshot [0-9a-f]{7}\)/);
    // The plan's risk rules with the signed tier (none signed here: the secure default, production),
    // as the plan would judge it: not the blast radius' own tier-based "medium".
    assert.match(
      human.stdout,
      /^risk: low \(1 point, judged on the last snapshot of uat; the plan judges it live/m,
    );
    assert.match(human.stdout, /^ {2}\+1 tier: /m);
    assert.match(human.stdout, /^blast radius:$/m);
    assert.match(human.stdout, /^valid/m);

    const json = await cli(['changeset', 'validate', videoChangeset, '--target', 'uat', '--json']);
    const check = JSON.parse(json.stdout) as ChangesetCheck;
    assert.equal(check.valid, true);
    const { changeset } = await services.changesets.get(videoChangeset);
    const ordered = check.order.map((index) => changeset.operations[index]?.type);
    assert.ok(
      ordered.indexOf('routing.queue') > ordered.indexOf('routing.skill'),
      'the queue comes after the skill it uses',
    );
    assert.equal(check.blastRadius?.touched.length, 3);
    assert.deepEqual([check.risk?.level, check.risk?.score, check.risk?.basis], ['low', 1, 'snapshot']);
  });

  it('validation fails with a path and a hint when a reference cannot be resolved in the target', async () => {
    const { changeset } = await services.changesets.get(videoChangeset);
    const withoutSkill = await services.changesets.create({
      title: 'Video queue without its skill',
      operations: changeset.operations.filter((operation) => operation.type !== 'routing.skill'),
    });
    const result = await cli(['changeset', 'validate', withoutSkill.changeset.id, '--target', 'uat']);
    assert.equal(result.code, 1);
    assert.match(
      result.stdout,
      /operations\[\d+\]\.body\.bullseye\.rings\[\d+\]\.actions\.skillsToRemove\[\d+\]/,
    );
    assert.match(result.stdout, new RegExp(`hint: .*${VIDEO.skill}`));
    assert.match(result.stdout, /^invalid: 1 error/m);
    // Against dev, which has the skill, the same changeset is fine on references.
    const dev = await services.authoring.check({ id: withoutSkill.changeset.id }, 'dev');
    assert.ok(!dev.findings.some((finding) => finding.code === 'unresolved-reference'));
  });

  it('previews the changeset on uat as a compare side without touching uat', async () => {
    const outcome = await services.compare.compare('uat', `preview:${videoChangeset}:uat`);
    const added = outcome.result.objects
      .filter((object) => object.status === 'added')
      .map((object) => object.key);
    assert.deepEqual(added.sort(), [VIDEO.skill, VIDEO.queue, VIDEO.wrapupCode].sort());
    assert.equal(outcome.result.summary.totals.changed, 0);
    assert.equal(outcome.b.source, `preview:${videoChangeset}:uat`);
    const texts = await services.compare.objectTexts(
      'uat',
      `preview:${videoChangeset}:uat`,
      'routing.queue',
      VIDEO.queue,
    );
    assert.equal(texts.before, null);
    assert.match(texts.after ?? '', /"name": "Video Support - Voice"/);
    const live = await services.compare.compare('uat', 'live:uat');
    assert.equal(live.result.objects.length, 0, 'uat itself is unchanged');
  });

  it('picks a single field change from a compare into an update of just that path', async () => {
    const { acwTimeout } = SEEDED_DRIFT.devAndUat;
    const outcome = await services.compare.compare('prod', 'uat');
    const queue = outcome.result.objects.find((object) => object.key === acwTimeout.queue);
    const change = queue?.changes.find((item) => item.path === 'acwSettings.timeoutMs');
    assert.ok(queue && change, 'prod and uat differ on the ACW timeout');
    const created = await services.authoring.addPicks({
      a: 'prod',
      b: 'uat',
      title: 'ACW timeout to 45 s',
      picks: [{ type: 'routing.queue', key: acwTimeout.queue, changes: [change] }],
    });
    assert.deepEqual(created.changeset.operations, [
      {
        op: 'update',
        type: 'routing.queue',
        key: acwTimeout.queue,
        changes: [{ path: 'acwSettings.timeoutMs', before: acwTimeout.before, after: acwTimeout.after }],
      },
    ]);
    const check = await services.authoring.check({ id: created.changeset.id }, 'prod');
    assert.equal(check.valid, true);
    assert.equal(
      check.blastRadius?.risk.level === 'high' || check.blastRadius?.risk.level === 'critical',
      true,
    );
  });

  it('keeps the history of each changeset, with the digest of every version', async () => {
    const first = await services.changesets.get(videoChangeset);
    await services.changesets.save({ ...first.changeset, description: 'Pilot for video support' });
    const history = await services.authoring.history(videoChangeset);
    assert.equal(history.length, 2);
    assert.match(history[0]?.message ?? '', /: save/);
    assert.notEqual(history[0]?.digest, history[1]?.digest);
    assert.equal(history[1]?.digest, first.digest);
    const old = await services.authoring.versionText(videoChangeset, history[1]?.commit ?? '');
    assert.ok(old !== null && !old.includes('Pilot for video support'));
    assert.equal(
      nativeGit(dir, 'log', '--format=%s', '--', `changesets/${videoChangeset}.json`).trim().split('\n')
        .length,
      2,
    );
  });

  it('a hand-edited file with a wrong shape is named with its path, and left as it is', async () => {
    const file = join(dir, 'changesets', `${videoChangeset}.json`);
    const original = JSON.parse(await readFile(file, 'utf8')) as { operations: { op: string }[] };
    const broken = { ...original, operations: [{ ...original.operations[0], op: 'rename' }] };
    const text = `${JSON.stringify(broken, null, 2)}\n`;
    await writeFile(file, text);
    const result = await cli(['changeset', 'validate', videoChangeset]);
    assert.equal(result.code, 2);
    assert.match(
      result.stderr,
      new RegExp(`changesets/${videoChangeset}\\.json is not a valid changeset: operations\\[0\\]`),
    );
    assert.equal(await readFile(file, 'utf8'), text, 'the file is left as it is');
    await assert.rejects(services.authoring.check({ id: videoChangeset }, 'uat'), (error: unknown) => {
      assert.ok(error instanceof FerryError && error.code === 'changeset.invalid');
      return true;
    });
    await writeFile(file, `${JSON.stringify(original, null, 2)}\n`);
  });
});
