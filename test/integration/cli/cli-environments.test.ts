import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { startSandbox, type SandboxHandle } from '../../../electron/sandbox';
import { nativeGit } from '../../support/native-git';
import { tempDir } from '../../support/temp-dir';

const BIN = fileURLToPath(new URL('../../../bin/ferry.mjs', import.meta.url));

let sandbox: SandboxHandle;
let root: string;
let workspace: string;

before(async () => {
  sandbox = await startSandbox({});
  root = await tempDir('ferry-cli-env-');
  workspace = join(root, 'ws');
  assert.equal((await ferry(['init', workspace])).code, 0);
});
after(() => sandbox.close());

/** The real bin in a child process; `input` goes to its standard input. */
function ferry(args: string[], options: { input?: string; env?: Record<string, string> } = {}) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    const child = execFile(
      process.execPath,
      [BIN, ...args],
      { cwd: root, env: { ...process.env, FERRY_DATA_DIR: join(root, 'data'), ...options.env } },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
    child.stdin?.end(options.input ?? '');
  });
}

describe('ferry env and snapshot', () => {
  it('adds sandbox environments, lists them as JSON, tests and snapshots one', async () => {
    const added = await ferry([
      '-w',
      workspace,
      'env',
      'add',
      'dev',
      '--kind',
      'sandbox',
      '--url',
      sandbox.url,
      '--org',
      'dev',
      '--tier',
      'dev',
    ]);
    assert.equal(added.code, 0, added.stderr);
    assert.match(added.stdout, /Added environment dev/);

    const listed = await ferry(['-w', workspace, 'env', 'list', '--json']);
    assert.equal(listed.code, 0, listed.stderr);
    const views = JSON.parse(listed.stdout) as { config: { name: string }; hasCredentials: boolean }[];
    assert.deepEqual(
      views.map((view) => [view.config.name, view.hasCredentials]),
      [['dev', true]],
    );

    const tested = await ferry(['-w', workspace, 'env', 'test', 'dev']);
    assert.equal(tested.code, 0, tested.stderr);
    assert.match(tested.stdout, /dev: ok, org "Acme Telecom \(Dev\)"/);

    const snap = await ferry(['-w', workspace, 'snapshot', 'dev', '--json']);
    assert.equal(snap.code, 0, snap.stderr);
    const result = JSON.parse(snap.stdout) as { commit: string; added: number };
    assert.ok(result.added > 100);
    assert.equal(nativeGit(workspace, 'rev-parse', 'HEAD').trim(), result.commit);
  });

  it('takes a Genesys Cloud secret from stdin into the vault, never into the workspace', async () => {
    const secret = 'cli-secret-value-never-in-files';
    const added = await ferry(
      [
        '-w',
        workspace,
        'env',
        'add',
        'prod',
        '--kind',
        'genesys-cloud',
        '--region',
        'eu-west-1',
        '--client-id',
        'abc',
        '--tier',
        'prod',
        '--client-secret-stdin',
      ],
      { input: `${secret}\n`, env: { FERRY_VAULT_PASSPHRASE: 'correct horse battery' } },
    );
    assert.equal(added.code, 0, added.stderr);
    assert.doesNotMatch(await readFile(join(workspace, 'ferry.json'), 'utf8'), new RegExp(secret));
    assert.doesNotMatch(nativeGit(workspace, 'log', '-p'), new RegExp(secret));
    assert.doesNotMatch(await readFile(join(root, 'data', 'vault.json'), 'utf8'), new RegExp(secret));
    const listed = await ferry(['-w', workspace, 'env', 'list', '--json'], {
      env: { FERRY_VAULT_PASSPHRASE: 'correct horse battery' },
    });
    assert.doesNotMatch(listed.stdout, new RegExp(secret));
  });

  it('exits 1 with the reason when a connection test fails, and 2 on bad input', async () => {
    await ferry([
      '-w',
      workspace,
      'env',
      'add',
      'gone',
      '--kind',
      'sandbox',
      '--url',
      'http://127.0.0.1:9',
      '--org',
      'uat',
      '--tier',
      'test',
    ]);
    const failed = await ferry(['-w', workspace, 'env', 'test', 'gone']);
    assert.equal(failed.code, 1);
    assert.match(failed.stdout, /gone: FAILED/);

    const badTier = await ferry([
      '-w',
      workspace,
      'env',
      'add',
      'x',
      '--kind',
      'sandbox',
      '--org',
      'dev',
      '--tier',
      'staging',
    ]);
    assert.equal(badTier.code, 2);
    assert.match(badTier.stderr, /tier/);
    const badRegion = await ferry([
      '-w',
      workspace,
      'env',
      'add',
      'y',
      '--kind',
      'genesys-cloud',
      '--region',
      'mars-1',
      '--client-id',
      'a',
      '--tier',
      'dev',
    ]);
    assert.equal(badRegion.code, 2);
    assert.match(badRegion.stderr, /Unknown Genesys Cloud region "mars-1"/);
    const missing = await ferry(['-w', workspace, 'snapshot', 'nope']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /No environment named "nope"/);
    const emptySecret = await ferry(
      [
        '-w',
        workspace,
        'env',
        'add',
        'z',
        '--kind',
        'genesys-cloud',
        '--region',
        'eu-west-1',
        '--client-id',
        'a',
        '--tier',
        'dev',
        '--client-secret-stdin',
      ],
      { input: '' },
    );
    assert.equal(emptySecret.code, 2);
    assert.match(emptySecret.stderr, /standard input was empty/);
  });

  it('removes an environment', async () => {
    const removed = await ferry(['-w', workspace, 'env', 'remove', 'gone']);
    assert.equal(removed.code, 0, removed.stderr);
    assert.match(nativeGit(workspace, 'log', '-1', '--format=%s'), /Remove environment gone/);
  });
});
