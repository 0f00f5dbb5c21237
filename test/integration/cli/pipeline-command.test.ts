import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pipelineStatusSchema } from '../../../shared/promotion/pipeline/pipeline';
import { sandboxWorkspace, type SandboxWorkspace } from '../../support/sandbox-workspace';

const VAULT = { FERRY_VAULT_PASSPHRASE: 'pipeline cli passphrase' };

let workspace: SandboxWorkspace;
let changesetId = '';

before(async () => {
  workspace = await sandboxWorkspace({
    prefix: 'ferry-pipeline-cli-',
    author: { name: 'Ada', email: 'ada@example.test' },
    orgs: ['dev', 'uat'],
    env: VAULT,
  });
  const { services } = workspace;
  const key = await services.identity.keys.init({ owner: 'Ada' });
  await services.identity.trust.add(key.publicKey, { owner: 'Ada', roles: ['author', 'approver'] });
  await services.identity.trust.setPolicy('dev', { policy: { approvalsRequired: 0 } });
  await services.identity.trust.setPolicy('uat', { policy: { approvalsRequired: 0 } });
  const created = await services.authoring.addPicks({
    a: 'uat',
    b: 'dev',
    title: 'Pipeline from the command line',
    picks: [{ type: 'routing.skill', key: 'Video Support' }],
  });
  const { changeset } = await services.changesets.get(created.changeset.id);
  await services.changesets.save({
    ...changeset,
    operations: [
      { op: 'create', type: 'routing.language', key: 'Pipeline CLI', body: { name: 'Pipeline CLI' } },
    ],
  });
  changesetId = created.changeset.id;
});
after(() => workspace.close());

describe('ferry pipeline', () => {
  it('status without a pipeline says how to sign one', async () => {
    const none = await workspace.cli(['pipeline', 'status', changesetId]);
    assert.equal(none.code, 2, none.stderr);
    assert.match(none.stderr, /No pipeline is signed .*ferry pipeline set <file>/);
  });

  it('set names the file and the field of a wrong stage, then signs a good file', async () => {
    const bad = join(workspace.dir, '..', 'bad-pipeline.json');
    await writeFile(
      bad,
      JSON.stringify([{ name: 'main', stages: [{ environment: 'dev' }, { environment: 'qa' }] }]),
    );
    const refused = await workspace.cli(['pipeline', 'set', bad]);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /bad-pipeline\.json.*stages\[1\]\.environment "qa"/);
    const good = join(workspace.dir, '..', 'pipeline.json');
    await writeFile(
      good,
      JSON.stringify([
        { name: 'main', stages: [{ environment: 'dev' }, { environment: 'uat', soakHours: 24 }] },
      ]),
    );
    const signed = await workspace.cli(['pipeline', 'set', good]);
    assert.equal(signed.code, 0, signed.stderr);
    const listed = await workspace.cli(['pipeline', 'list']);
    assert.equal(listed.code, 0, listed.stderr);
    assert.match(listed.stdout, /main: dev → uat/);
    assert.match(listed.stdout, /uat: 24 h soak in dev, checks passed, no drift, validation and gates/);
  });

  it('status exits 0 in words and JSON; advance moves into dev, then exits 3 on the soak', async () => {
    const human = await workspace.cli(['pipeline', 'status', changesetId]);
    assert.equal(human.code, 0, human.stderr);
    assert.match(human.stdout, /→ dev\s+ready/);
    assert.match(human.stdout, /Ready to advance into dev/);
    const json = await workspace.cli(['pipeline', 'status', changesetId, '--json']);
    assert.equal(json.code, 0, json.stderr);
    const status = pipelineStatusSchema.parse(JSON.parse(json.stdout));
    assert.equal(status.next, 'dev');

    const advanced = await workspace.cli(['pipeline', 'advance', changesetId, '--json']);
    assert.equal(advanced.code, 0, advanced.stderr);
    const data = JSON.parse(advanced.stdout) as { environment: string; result: { status: string } };
    assert.equal(data.environment, 'dev');
    assert.equal(data.result.status, 'succeeded');

    const waiting = await workspace.cli(['pipeline', 'advance', changesetId]);
    assert.equal(waiting.code, 3, waiting.stdout + waiting.stderr);
    assert.match(waiting.stderr, /cannot enter uat yet .*soaking in dev until .*\(1 day left\)/);
    const after = await workspace.cli(['pipeline', 'status', changesetId]);
    assert.equal(after.code, 0);
    assert.match(after.stdout, /✓ dev\s+done/);
    assert.match(after.stdout, /Waiting to enter uat: soaking in dev/);
  });
});
