import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { before, describe, it } from 'node:test';
import { tempDir } from '../../support/temp-dir';

const BIN = fileURLToPath(new URL('../../../bin/ferry.mjs', import.meta.url));
const run = promisify(execFile);

let root = '';

/** The real `ferry` bin in a child process. (The overdue journey is test/integration/follow-ups-journey.test.ts.) */
async function ferry(args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], {
      cwd: root,
      env: { ...process.env, FERRY_DATA_DIR: join(root, 'data') },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

before(async () => {
  root = await tempDir('ferry-followups-cli-');
  const init = await ferry(['init', 'ops', '--name', 'Ops']);
  assert.equal(init.code, 0, init.stderr);
});

describe('ferry followups', () => {
  it('says there are none in a workspace without overrides, exit 0; --json is an empty list', async () => {
    const words = await ferry(['-w', join(root, 'ops'), 'followups']);
    assert.equal(words.code, 0, words.stderr);
    assert.equal(words.stdout.trim(), 'No emergency overrides, so no follow-ups.');
    const json = await ferry(['-w', join(root, 'ops'), 'followups', '--json']);
    assert.equal(json.code, 0, json.stderr);
    assert.deepEqual(JSON.parse(json.stdout), []);
  });

  it('takes no arguments (exit 2), and is in the help text', async () => {
    const extra = await ferry(['-w', join(root, 'ops'), 'followups', 'cs-1']);
    assert.equal(extra.code, 2, extra.stdout + extra.stderr);
    assert.match(extra.stderr, /followups takes no arguments/);
    const help = await ferry(['--help']);
    assert.match(help.stdout, /ferry followups +emergency overrides' retrospective approvals/);
  });

  it('ferry runs prints no follow-ups block when there is nothing open; --json stays the list of runs', async () => {
    const words = await ferry(['-w', join(root, 'ops'), 'runs']);
    assert.equal(words.code, 0, words.stderr);
    assert.equal(words.stdout.trim(), 'No runs yet.');
    const json = await ferry(['-w', join(root, 'ops'), 'runs', '--json']);
    assert.deepEqual(JSON.parse(json.stdout), []);
  });
});
