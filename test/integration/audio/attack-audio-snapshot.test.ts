import assert from 'node:assert/strict';
import { mkdir, readdir, symlink, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startSandbox, type SandboxHandle } from '../../../electron/sandbox';
import { createFerryServices, type FerryServices } from '../../../electron/host/core/ferry-services';
import { synthesizePromptWav } from '../../../electron/sandbox/prompt-audio-synth';
import { audioSha256 } from '../../../electron/services/audio/audio-bytes';
import { nativeGit } from '../../support/native-git';
import { tempDir } from '../../support/temp-dir';
import { FAST_RETRY } from '../connectors/connector-test-support';

/**
 * A teammate plants things in an environment's audio folder before the next snapshot (issue 17):
 * a link out of the workspace where the folder should be, a file whose bytes are not its name, a
 * name that is not a hash. The snapshot must write nothing outside the workspace and must not
 * carry the planted files forward as audio.
 */

let sandbox: SandboxHandle;
let services: FerryServices;
let root: string;
let dir: string;

before(async () => {
  sandbox = await startSandbox({ rateLimitPerMinute: 100_000 });
  root = await tempDir('ferry-audio-snapshot-attack-');
  services = createFerryServices({
    dataDir: join(root, 'data'),
    version: 'test',
    env: {},
    author: { name: 'Sam Snapshot', email: 'sam@example.test' },
    transport: { retry: FAST_RETRY },
  });
  dir = join(root, 'ws');
  await services.workspace.create(dir, 'Snapshot attacks');
  await services.environments.save(
    { name: 'prod', kind: 'sandbox', url: sandbox.url, org: 'prod', tier: 'prod' },
    undefined,
  );
});
after(() => sandbox.close());

function commitAll(message: string): void {
  nativeGit(dir, 'add', '-A');
  nativeGit(dir, '-c', 'user.name=M', '-c', 'user.email=m@example.test', 'commit', '-q', '-m', message);
}

describe('a snapshot meets a tampered audio folder (attack)', () => {
  it('drops planted files: bytes that are not their name, a name that is not a hash, a huge file', async () => {
    const first = await services.snapshots.run('prod', { types: ['architect.prompt'] });
    assert.ok(first.commit);
    const audioDir = join(dir, 'environments', 'prod', 'audio');
    const real = (await readdir(audioDir)).sort();
    assert.ok(real.length > 0);

    // Planted: bytes that are not their name, a name that is not a hash, a huge file.
    const swapped = audioSha256(synthesizePromptWav('A real take'));
    await writeFile(join(audioDir, `${swapped}.wav`), synthesizePromptWav('Something else'));
    await writeFile(join(audioDir, 'evil.wav'), synthesizePromptWav('Evil'));
    const huge = 'd'.repeat(64);
    await writeFile(join(audioDir, `${huge}.wav`), 'RIFF');
    await truncate(join(audioDir, `${huge}.wav`), 30 * 1024 * 1024);
    commitAll('plant files');
    const again = await services.snapshots.run('prod', { types: ['architect.prompt'] });
    const tree = nativeGit(dir, 'ls-tree', '--name-only', 'HEAD', 'environments/prod/audio/')
      .trim()
      .split('\n')
      .map((path) => path.slice('environments/prod/audio/'.length))
      .sort();
    assert.ok(again.commit, 'the planted files are taken out');
    assert.deepEqual(tree, real);
  });

  it('never writes where a linked audio folder points', async () => {
    const outside = await tempDir('ferry-snapshot-outside-');
    const audioDir = join(dir, 'environments', 'prod', 'audio');
    nativeGit(dir, 'rm', '-r', '-q', 'environments/prod/audio');
    await mkdir(join(dir, 'environments', 'prod'), { recursive: true });
    await symlink(outside, audioDir);
    commitAll('link the audio folder out of the workspace');
    const outcome = await services.snapshots.run('prod', { types: ['architect.prompt'] }).then(
      () => 'ran',
      (error: unknown) => (error instanceof Error ? error.message : String(error)),
    );
    assert.deepEqual(await readdir(outside), [], 'nothing was written outside the workspace');
    // Either refused, or the commit holds a real folder of audio in place of the link.
    if (outcome === 'ran') {
      const entry = nativeGit(dir, 'ls-tree', 'HEAD', 'environments/prod/audio').trim();
      assert.match(entry, /^040000 tree /, entry);
    } else {
      assert.match(outcome, /link/, outcome);
    }
  });
});
