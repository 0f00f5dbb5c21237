import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import type { CliIo, CommandFlags, CommandResult } from '../../../electron/host/cli/cli-io';
import { identityCommands } from '../../../electron/host/cli/commands/identity-commands';
import { trustCommands } from '../../../electron/host/cli/commands/trust-command';
import { createFerryServices } from '../../../electron/host/core/ferry-services';
import { FerryError } from '../../../shared/api/api-error';
import { nativeGit } from '../../support/native-git';
import { tempDir } from '../../support/temp-dir';
import { PASSPHRASE } from './identity-fixture';

let root: string;
let workspace: string;

function io(dataDir: string): CliIo {
  return {
    stdout: () => undefined,
    stderr: () => undefined,
    cwd: root,
    env: { FERRY_DATA_DIR: dataDir, FERRY_VAULT_PASSPHRASE: PASSPHRASE },
    readStdin: async () => '',
  };
}

const commands = { ...identityCommands, ...trustCommands };

/** Runs one command spec as ferry-cli would, once it is wired into COMMANDS. */
function ferry(
  who: string,
  command: keyof typeof commands,
  positionals: string[],
  flags: CommandFlags = {},
): Promise<CommandResult> {
  return commands[command].run(positionals, flags, { workspace, json: false }, io(join(root, who)));
}

/** Ada's own services on her data folder: she makes the changesets. */
async function adaServices() {
  const services = createFerryServices({
    dataDir: join(root, 'ada'),
    version: 'test',
    env: { FERRY_VAULT_PASSPHRASE: PASSPHRASE },
  });
  await services.workspace.open(workspace);
  return services;
}

before(async () => {
  root = await tempDir('ferry-identity-cli-');
  workspace = join(root, 'ws');
  const services = createFerryServices({
    dataDir: join(root, 'ada'),
    version: 'test',
    env: { FERRY_VAULT_PASSPHRASE: PASSPHRASE },
  });
  await services.workspace.create(workspace, 'CLI');
  // An approval covers the workspace's environments, so it declares some.
  for (const [name, tier] of [
    ['dev', 'dev'],
    ['uat', 'test'],
    ['prod', 'prod'],
  ] as const) {
    await services.environments.save({ name, kind: 'sandbox', url: 'embedded', org: name, tier }, undefined);
  }
});

describe('identity commands', () => {
  it('key init, key show, trust add, approve, approvals, trust revoke, audit verify', async () => {
    // Ada's key first: her first `trust add` makes the trust root with her as its admin.
    await ferry('ada', 'key', ['init'], { owner: 'Ada' });
    const init = await ferry('bob', 'key', ['init'], { owner: 'Bob' });
    const bob = init.data as { keyId: string; publicKey: string };
    assert.match(init.human, /private key is sealed in the vault/);
    assert.equal(init.human.includes('PRIVATE KEY'), false);
    const show = await ferry('bob', 'key', ['show']);
    assert.equal(show.human, `${bob.publicKey.trimEnd()}\nkey id: ${bob.keyId}\nowner: Bob`);

    await writeFile(join(root, 'bob.pub'), bob.publicKey);
    const added = await ferry('ada', 'trust', ['add', 'bob.pub'], {
      name: 'Bob',
      roles: 'approver',
      environments: 'uat,prod',
      'not-after': '2099-12-31',
    });
    const addedKey = (added.data as { key: { keyId: string; notAfter: string } }).key;
    assert.equal(addedKey.keyId, bob.keyId);
    assert.equal(addedKey.notAfter, '2099-12-31T23:59:59.000Z');
    assert.match(added.human, /^Trust root version 2 is in effect: add Bob/);
    const listed = await ferry('ada', 'trust', ['list']);
    assert.match(
      listed.human,
      new RegExp(`^${bob.keyId.slice(0, 16)}  Bob  approver  uat,prod  valid until 2099`, 'm'),
    );

    const services = await adaServices();
    const cs = (await services.changesets.create({ title: 'Raise ACW timeout' })).changeset;
    const approved = await ferry('bob', 'approve', [cs.id], { comment: 'ok' });
    assert.match(approved.human, new RegExp(`^Approved ${cs.id} \\(sha256:[0-9a-f]{12}\\) as Bob`));
    assert.doesNotMatch(approved.human, /note:/);
    const approvals = await ferry('ada', 'approvals', [cs.id], { environment: 'prod' });
    assert.match(approvals.human, /^valid\s{9}Bob \(/);
    const dev = await ferry('ada', 'approvals', [cs.id], { environment: 'dev' });
    assert.match(dev.human, /^not-approver\s{2}Bob .*not for dev/);

    const verified = await ferry('bob', 'audit', ['verify']);
    assert.equal(verified.exitCode ?? 0, 0);
    // Bob's approval, and Ada's two trust root versions (each audited in her own chain).
    assert.match(verified.human, /^audit ok: 3 entries in 2 files, 3 signatures checked$/);

    const revoked = await ferry('ada', 'trust', ['revoke', bob.keyId.slice(0, 10)], { reason: 'rotated' });
    assert.match(revoked.human, /^Trust root version 3 is in effect: revoke Bob .*: rotated$/m);
    assert.match(revoked.human, /^ {2}- revokes Bob .*: rotated$/m, 'then what the version changes');
    assert.match((await ferry('ada', 'approvals', [cs.id])).human, /^revoked/);
    assert.equal(nativeGit(workspace, 'status', '--porcelain'), '');
  });

  it('audit verify exits 1 with one line per problem', async () => {
    const { keyId } = (await ferry('carol', 'key', ['init'], { owner: 'Carol' })).data as { keyId: string };
    const services = await adaServices();
    const cs = (await services.changesets.create({ title: 'Carol change' })).changeset;
    await ferry('carol', 'approve', [cs.id], { reject: true });
    await ferry('carol', 'approve', [cs.id]);
    await ferry('carol', 'approve', [cs.id], { comment: 'third' });
    const path = join(workspace, 'audit', `${keyId}.jsonl`);
    const lines = (await readFile(path, 'utf8')).trimEnd().split('\n');
    await writeFile(path, `${[lines[0], lines[2]].join('\n')}\n`);
    const result = await ferry('carol', 'audit', ['verify']);
    assert.equal(result.exitCode, 1);
    const [problem, anchored, blank, heading] = result.human.split('\n');
    assert.equal(problem, `audit/${keyId}.jsonl:2: entries removed: seq 2 is missing before seq 3`);
    // Carol's third approval anchored her chain at seq 2, so the removal shows there too.
    assert.match(
      anchored ?? '',
      new RegExp(
        `^audit/${keyId}\\.jsonl:0: entries removed: changesets/${cs.id}\\.approvals/${keyId}\\.json \\(signed by Carol, key ${keyId}\\) records seq 2 hash sha256:`,
      ),
    );
    assert.deepEqual([blank, heading], ['', 'To fix:'], 'then what to do about it');
  });

  it('says what is wrong with the command line', async () => {
    const usage = async (promise: Promise<unknown>, message: RegExp) =>
      assert.rejects(promise, (error: unknown) => {
        assert.ok(error instanceof FerryError);
        assert.equal(error.code, 'usage');
        assert.match(error.message, message);
        return true;
      });
    await usage(ferry('ada', 'trust', ['add', 'bob.pub'], { name: 'Bob' }), /needs --name and --roles/);
    await usage(
      ferry('ada', 'trust', ['add', 'bob.pub'], { name: 'Bob', roles: 'owner' }),
      /admin, author, approver and\/or promoter, not "owner"/,
    );
    await usage(
      ferry('ada', 'trust', ['add', 'bob.pub'], {
        name: 'Bob',
        roles: 'approver',
        'not-after': '31/12/2099',
      }),
      /--not-after takes a date/,
    );
    await usage(ferry('ada', 'trust', ['revoke', 'abc'], { reason: 'x' }), /not a key id/);
    await usage(ferry('ada', 'audit', ['check']), /unknown audit action/);
    await usage(ferry('ada', 'approve', []), /approve needs one changeset id/);
    await assert.rejects(ferry('dave', 'key', ['show']), /ferry key init/);
  });
});
