import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, it } from 'node:test';
import { describeError, saysWhatToDo } from '../../../shared/errors/describe-error';
import { errorEntryFor } from '../../../shared/errors/error-registry';
import { tempDir } from '../../support/temp-dir';

const BIN = fileURLToPath(new URL('../../../bin/ferry.mjs', import.meta.url));
const run = promisify(execFile);

/** Runs the real `ferry` bin in a child process and returns its exit code and output. */
async function ferry(args: string[], cwd: string, env: NodeJS.ProcessEnv) {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], {
      cwd,
      env: { ...process.env, ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('ferry CLI exit codes from the error registry', () => {
  it('exits 2 (bad input) when the vault passphrase is wrong', async () => {
    const root = await tempDir();
    const data = join(root, 'data');
    const made = await ferry(['key', 'init', '--owner', 'Ada'], root, {
      FERRY_DATA_DIR: data,
      FERRY_VAULT_PASSPHRASE: 'the right passphrase',
    });
    assert.equal(made.code, 0, made.stderr);

    // `init` signs the first trust root with the key, so it has to open the vault.
    const wrong = await ferry(['init', join(root, 'ws'), '--json'], root, {
      FERRY_DATA_DIR: data,
      FERRY_VAULT_PASSPHRASE: 'not the passphrase',
    });
    assert.equal(wrong.code, 2, wrong.stdout + wrong.stderr);
    const { error } = JSON.parse(wrong.stdout) as { error: { code: string; message: string } };
    assert.equal(error.code, 'vault.wrong-passphrase');
  });

  it("tells a person what to do next: the message, then the registry's next step when it has none", async () => {
    const root = await tempDir();
    const env = { FERRY_DATA_DIR: join(root, 'data') };
    const missing = join(root, 'no-such-workspace');
    const json = await ferry(['env', 'list', '--workspace', missing, '--json'], root, env);
    const human = await ferry(['env', 'list', '--workspace', missing], root, env);
    assert.equal(human.code, json.code);
    assert.equal(human.code, 2, human.stderr);
    const { error } = JSON.parse(json.stdout) as { error: { code: string; message: string } };
    assert.equal(human.stderr, `ferry: ${describeError(error)}\n`);
    // Whichever way the thrower worded it, the line ends with something to do.
    assert.ok(saysWhatToDo(error.message) || human.stderr.includes(errorEntryFor(error.code).nextStep));
  });
});
