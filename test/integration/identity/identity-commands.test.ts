import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import type { CliIo, CommandFlags, CommandResult } from '../../../electron/host/cli/cli-io';
import { identityCommands } from '../../../electron/host/cli/commands/identity-commands';
import { createFerryServices } from '../../../electron/services/app/ferry-services';
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

/** Runs one command spec as ferry-cli would, once it is wired into COMMANDS. */
function ferry(
  who: string,
  command: keyof typeof identityCommands,
  positionals: string[],
  flags: CommandFlags = {},
): Promise<CommandResult> {
  return identityCommands[command].run(positionals, flags, { workspace, json: false }, io(join(root, who)));
}

before(async () => {
  root = await tempDir('ferry-identity-cli-');
  workspace = join(root, 'ws');
  const services = createFerryServices({ dataDir: join(root, 'ada'), version: 'test', env: {} });
  await services.workspace.create(workspace, 'CLI');
});

describe('identity commands', () => {
  it('key init, key show, trust add, approve, approvals, trust revoke, audit verify', async () => {
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
    assert.equal((added.data as { keyId: string }).keyId, bob.keyId);
    assert.equal((added.data as { notAfter: string }).notAfter, '2099-12-31T23:59:59.000Z');
    const listed = await ferry('ada', 'trust', ['list']);
    assert.match(
      listed.human,
      new RegExp(`^${bob.keyId.slice(0, 16)}  Bob  approver  uat,prod  valid until 2099`),
    );

    const services = createFerryServices({ dataDir: join(root, 'ada'), version: 'test', env: {} });
    await services.workspace.open(workspace);
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
    assert.match(verified.human, /^audit ok: 1 entries in 1 files, 1 signatures checked$/);

    const revoked = await ferry('ada', 'trust', ['revoke', bob.keyId.slice(0, 10)], { reason: 'rotated' });
    assert.match(revoked.human, /REVOKED .*: rotated/);
    assert.match((await ferry('ada', 'approvals', [cs.id])).human, /^revoked/);
    assert.equal(nativeGit(workspace, 'status', '--porcelain'), '');
  });

  it('audit verify exits 1 with one line per problem', async () => {
    const { keyId } = (await ferry('carol', 'key', ['init'], { owner: 'Carol' })).data as { keyId: string };
    const services = createFerryServices({ dataDir: join(root, 'carol'), version: 'test', env: {} });
    await services.workspace.open(workspace);
    const cs = (await services.changesets.create({ title: 'Carol change' })).changeset;
    await ferry('carol', 'approve', [cs.id], { reject: true });
    await ferry('carol', 'approve', [cs.id]);
    await ferry('carol', 'approve', [cs.id], { comment: 'third' });
    const path = join(workspace, 'audit', `${keyId}.jsonl`);
    const lines = (await readFile(path, 'utf8')).trimEnd().split('\n');
    await writeFile(path, `${[lines[0], lines[2]].join('\n')}\n`);
    const result = await ferry('carol', 'audit', ['verify']);
    assert.equal(result.exitCode, 1);
    const [problem, blank, heading] = result.human.split('\n');
    assert.equal(problem, `audit/${keyId}.jsonl:2: entries removed: seq 2 is missing before seq 3`);
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
      ferry('ada', 'trust', ['add', 'bob.pub'], { name: 'Bob', roles: 'admin' }),
      /author and\/or approver, not "admin"/,
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
