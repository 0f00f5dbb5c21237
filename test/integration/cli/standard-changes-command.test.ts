import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createFerryServices, type FerryServices } from '../../../electron/host/core/ferry-services';
import { exitCodeFor } from '../../../electron/host/cli/exit-codes';
import { sandboxWorkspace, type SandboxWorkspace } from '../../support/sandbox-workspace';
import { tempDir } from '../../support/temp-dir';

/**
 * `ferry standard-changes list|set <file>` and `ferry trust add --groups` (issue 20) through the
 * real bin: templates are signed into the trust root like a policy, a second admin's signature
 * is asked for when the threshold needs it, and a wrong file is refused naming the file and field.
 */
const VAULT = { FERRY_VAULT_PASSPHRASE: 'standard changes cli passphrase' };

const TEMPLATES = [
  {
    id: 'add-queue-wrapup-code',
    name: 'Add a wrap-up code to any queue',
    approvals: 0,
    allow: [{ op: 'update', type: 'routing.queue', fields: ['wrapupCodes'], lists: 'add' }],
  },
];

let world: SandboxWorkspace;
/** A second admin, on her own machine (data folder). */
let cara: FerryServices;

before(async () => {
  world = await sandboxWorkspace({
    prefix: 'ferry-standard-changes-cli-',
    author: { name: 'Ada', email: 'ada@example.test' },
    orgs: ['prod'],
    env: VAULT,
  });
  const key = await world.services.identity.keys.init({ owner: 'Ada' });
  await world.services.identity.trust.add(key.publicKey, { owner: 'Ada', roles: ['author'] });
});
after(() => world.close());

async function file(name: string, value: unknown): Promise<string> {
  const path = join(world.dir, '..', name);
  await writeFile(path, typeof value === 'string' ? value : JSON.stringify(value, null, 2));
  return path;
}

describe('ferry standard-changes', () => {
  it('lists none before any is signed', async () => {
    const listed = await world.cli(['standard-changes', 'list']);
    assert.equal(listed.code, 0, listed.stderr);
    assert.match(listed.stdout, /No standard changes are signed/);
  });

  it('refuses a file with a wrong field, naming the file and the field', async () => {
    const wrong = await file('wrong.json', [
      { ...TEMPLATES[0], allow: [{ op: 'rename', type: 'routing.queue' }] },
    ]);
    const refused = await world.cli(['standard-changes', 'set', wrong]);
    assert.equal(refused.code, exitCodeFor('standard-change.invalid'), refused.stdout + refused.stderr);
    assert.match(refused.stderr, /wrong\.json/);
    assert.match(refused.stderr, /allow/);
    assert.match(refused.stderr, /op/);
    const notJson = await file('broken.json', '[{');
    const broken = await world.cli(['standard-changes', 'set', notJson]);
    assert.notEqual(broken.code, 0);
    assert.match(broken.stderr, /broken\.json is not readable JSON/);
  });

  it('signs the templates into the trust root (one admin: in effect at once) and lists them', async () => {
    const good = await file('templates.json', TEMPLATES);
    const set = await world.cli(['standard-changes', 'set', good]);
    assert.equal(set.code, 0, set.stderr);
    assert.match(set.stdout, /is in effect/);
    assert.match(set.stdout, /adds standard change add-queue-wrapup-code/);
    const listed = await world.cli(['standard-changes', 'list']);
    assert.equal(listed.code, 0, listed.stderr);
    assert.match(listed.stdout, /add-queue-wrapup-code: Add a wrap-up code to any queue/);
    assert.match(listed.stdout, /allows update routing\.queue \(any\), fields wrapupCodes, lists: add only/);
    const json = await world.cli(['standard-changes', 'list', '--json']);
    assert.equal(json.code, 0, json.stderr);
    const data = JSON.parse(json.stdout) as { standardChanges: unknown };
    assert.deepEqual(data.standardChanges, TEMPLATES);
  });

  it('trust add --groups signs the groups with the key; trust list shows them', async () => {
    cara = createFerryServices({
      dataDir: join(await tempDir('ferry-standard-changes-cara-'), 'data'),
      version: 'test',
      env: VAULT,
    });
    const key = await cara.identity.keys.init({ owner: 'Cara' });
    const pub = await file('cara.pub', key.publicKey);
    const added = await world.cli([
      'trust',
      'add',
      pub,
      '--name',
      'Cara',
      '--roles',
      'approver,admin',
      '--groups',
      'cab,ops',
    ]);
    assert.equal(added.code, 0, added.stderr);
    assert.match(added.stdout, /in groups cab, ops/);
    const listed = await world.cli(['trust', 'list']);
    assert.match(listed.stdout, /Cara\s+approver,admin\s+all environments\s+groups cab,ops/);
    const status = await world.cli(['trust', 'status']);
    assert.match(status.stdout, /Approver groups: cab \(Cara\); ops \(Cara\)/);
    const root = await world.services.identity.trust.root();
    assert.deepEqual(root?.keys.find((entry) => entry.owner === 'Cara')?.groups, ['cab', 'ops']);
    const wrongGroup = await world.cli([
      'trust',
      'add',
      pub,
      '--name',
      'Cara',
      '--roles',
      'approver',
      '--groups',
      'CAB!',
    ]);
    assert.notEqual(wrongGroup.code, 0);
    assert.match(wrongGroup.stderr, /groups/);
  });

  it('with two admins required, set proposes and says a co-admin must sign', async () => {
    const threshold = await world.cli(['trust', 'threshold', '2']);
    assert.equal(threshold.code, 0, threshold.stderr);
    // Raising the threshold needs the new second admin's signature too.
    const version = Number(/version (\d+)/.exec(threshold.stdout)?.[1]);
    await cara.workspace.open(world.dir);
    await cara.identity.trust.sign(version);
    const good = await file('templates-2.json', { standardChanges: [{ ...TEMPLATES[0], approvals: 1 }] });
    const set = await world.cli(['standard-changes', 'set', good]);
    assert.equal(set.code, 0, set.stderr);
    assert.match(set.stdout, /It needs .* before it takes effect; each of them runs: ferry trust sign \d+/);
    const listed = await world.cli(['standard-changes', 'list', '--json']);
    const data = JSON.parse(listed.stdout) as { standardChanges: { approvals: number }[] };
    assert.equal(data.standardChanges[0]?.approvals, 0, 'the signed list stays until a co-admin signs');
  });
});
