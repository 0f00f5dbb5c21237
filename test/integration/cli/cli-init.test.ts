import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, it } from 'node:test';
import { nativeGit } from '../../support/native-git';
import { tempDir } from '../../support/temp-dir';

const BIN = fileURLToPath(new URL('../../../bin/ferry.mjs', import.meta.url));
const run = promisify(execFile);

/** Runs the real `ferry` bin in a child process and returns its exit code and output. */
async function ferry(args: string[], cwd: string, dataDir: string, env: NodeJS.ProcessEnv = {}) {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], {
      cwd,
      env: { ...process.env, ...env, FERRY_DATA_DIR: dataDir },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('ferry CLI', () => {
  it('init creates a workspace that native git reads, with --json output', async () => {
    const root = await tempDir();
    const result = await ferry(['init', 'ops', '--json', '--name', 'Ops'], root, join(root, 'data'));
    assert.equal(result.code, 0, result.stderr);
    const info = JSON.parse(result.stdout) as { path: string; name: string; head: string };
    assert.equal(info.name, 'Ops');
    assert.equal(info.path, join(root, 'ops'));
    assert.equal(nativeGit(info.path, 'log', '--format=%H').trim(), info.head);
    assert.equal(JSON.parse(await readFile(join(info.path, 'ferry.json'), 'utf8')).formatVersion, 1);
  });

  it('init without a folder uses --workspace, then the current folder; human output by default', async () => {
    const root = await tempDir();
    const viaOption = await ferry(['--workspace', join(root, 'a'), 'init'], root, join(root, 'data'));
    assert.equal(viaOption.code, 0, viaOption.stderr);
    // No signing key on this machine: the workspace starts without a trust root, and says what to do.
    assert.match(
      viaOption.stdout,
      /^Created Ferry workspace "a" in .*\/a \(commit [0-9a-f]{7}\)\nNo signing key on this machine yet, .*`ferry key init`, then `ferry trust init`.*\n$/,
    );
    const here = join(root, 'b');
    await mkdir(here);
    const inCwd = await ferry(['init'], here, join(root, 'data'));
    assert.equal(inCwd.code, 0, inCwd.stderr);
    assert.equal(nativeGit(here, 'status', '--porcelain'), '');
  });

  it('init with a signing key makes trust root version 1, its creator the first admin', async () => {
    const root = await tempDir();
    const data = join(root, 'data');
    const env = { FERRY_VAULT_PASSPHRASE: 'cli init passphrase' };
    const key = await ferry(['key', 'init', '--owner', 'Ada'], root, data, env);
    assert.equal(key.code, 0, key.stderr);
    const result = await ferry(['init', 'ops', '--json'], root, data, env);
    assert.equal(result.code, 0, result.stderr);
    const info = JSON.parse(result.stdout) as {
      path: string;
      trustRoot: { version: number; fingerprint: string } | null;
    };
    assert.equal(info.trustRoot?.version, 1);
    assert.match(info.trustRoot?.fingerprint ?? '', /^[0-9a-f]{4}( [0-9a-f]{4})+$/);
    assert.match(nativeGit(info.path, 'log', '-1', '--format=%s'), /^trust 1: trust root created by Ada/);
    assert.equal(nativeGit(info.path, 'status', '--porcelain'), '');
  });

  it('exits 2 with a clear message for bad input and bad usage', async () => {
    const root = await tempDir();
    const busy = join(root, 'busy');
    await mkdir(busy);
    await writeFile(join(busy, 'x.txt'), 'x');
    const notEmpty = await ferry(['init', busy], root, join(root, 'data'));
    assert.equal(notEmpty.code, 2);
    assert.match(notEmpty.stderr, /^ferry: .*busy is not empty/);

    const asJson = await ferry(['init', busy, '--json'], root, join(root, 'data'));
    assert.equal(asJson.code, 2);
    assert.equal(
      (JSON.parse(asJson.stdout) as { error: { code: string } }).error.code,
      'workspace.folder-not-empty',
    );

    const unknownCommand = await ferry(['launch'], root, join(root, 'data'));
    assert.equal(unknownCommand.code, 2);
    assert.match(unknownCommand.stderr, /unknown command "launch"/);

    const unknownOption = await ferry(['init', '--colour'], root, join(root, 'data'));
    assert.equal(unknownOption.code, 2);
    assert.match(unknownOption.stderr, /--colour/);

    const none = await ferry([], root, join(root, 'data'));
    assert.equal(none.code, 2);
    assert.match(none.stderr, /a command is needed/);
  });

  it('prints help and version with exit 0', async () => {
    const root = await tempDir();
    const help = await ferry(['--help'], root, join(root, 'data'));
    assert.equal(help.code, 0);
    assert.match(help.stdout, /ferry init \[dir\]/);
    assert.match(help.stdout, /exit codes: 0 done, 1 failed, 2 bad usage or bad input, 3 refused/);
    const version = await ferry(['--version', '--json'], root, join(root, 'data'));
    assert.equal(version.code, 0);
    assert.match((JSON.parse(version.stdout) as { version: string }).version, /^\d+\.\d+\.\d+/);
  });
});
