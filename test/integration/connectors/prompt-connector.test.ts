import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { keyToFileName } from '../../../shared/model/canonical/file-name-codec';
import { startSandbox, type SandboxHandle } from '../../../electron/sandbox';
import { synthesizePromptWav } from '../../../electron/sandbox/prompt-audio-synth';
import { audioSha256 } from '../../../electron/services/audio/audio-bytes';
import { createFerryServices } from '../../../electron/host/core/ferry-services';
import { nativeGit } from '../../support/native-git';
import { tempDir } from '../../support/temp-dir';
import { connectTo, FAST_RETRY } from './connector-test-support';

let sandbox: SandboxHandle;
before(async () => {
  sandbox = await startSandbox({ rateLimitPerMinute: 100_000 });
});
after(() => sandbox.close());

const seededAudio = (phrase: string) => {
  const bytes = synthesizePromptWav(phrase);
  return { sha256: audioSha256(bytes), bytes: bytes.length, durationSeconds: 0.5 };
};

describe('prompts through the connector', () => {
  it('reads prompts with their resources inline, downloads and hashes the audio, and drops per-org links', async () => {
    const { connector, calls } = connectTo(sandbox.url, sandbox.orgs.dev);
    const prompts = await connector.list('architect.prompt');
    const closed = prompts.find((prompt) => prompt.name === 'ClosedGreeting');
    assert.deepEqual(closed?.resources, [
      {
        language: 'en-us',
        ttsString: 'Thank you for calling Acme. We are closed. Please call back between 8 and 6.',
        text: 'We are closed.',
        languageDefault: true,
        audio: seededAudio('Thank you for calling Acme, we are closed'),
      },
      {
        language: 'es-us',
        ttsString: 'Gracias por llamar a Acme. Estamos cerrados.',
        text: 'Estamos cerrados.',
        languageDefault: false,
        audio: seededAudio('Gracias por llamar a Acme, estamos cerrados'),
      },
    ]);
    const welcome = prompts.find((prompt) => prompt.name === 'WelcomeMessage');
    assert.deepEqual(
      (welcome?.resources as { audio: unknown }[]).map((resource) => resource.audio),
      [null, null],
      'text-to-speech only',
    );
    const sha = seededAudio('Thank you for calling Acme, we are closed').sha256;
    assert.equal(audioSha256(connector.audioBytes(sha) ?? new Uint8Array()), sha);
    // One list page with resources inline, then one download per audio file: no per-prompt reads.
    const audioFiles = prompts.flatMap((prompt) =>
      (prompt.resources as { audio: unknown }[]).filter((resource) => resource.audio !== null),
    ).length;
    const api = calls.filter((call) => call.path !== '/oauth/token');
    assert.equal(api.filter((call) => call.path === '/api/v2/architect/prompts').length, 1);
    assert.equal(api.filter((call) => call.path.startsWith('/sandbox-media/')).length, audioFiles);
    assert.equal(api.length, 1 + audioFiles);

    const one = await connector.get('architect.prompt', String(closed?.id));
    assert.deepEqual(one.resources, closed?.resources);
  });

  it('snapshots prompt audio beside the JSON, by hash, in the same commit', async () => {
    const root = await tempDir('ferry-prompt-snapshot-');
    const services = createFerryServices({
      dataDir: join(root, 'data'),
      version: 'test',
      env: {},
      author: { name: 'Sam Snapshot', email: 'sam@example.test' },
      transport: { retry: FAST_RETRY },
    });
    const dir = join(root, 'ws');
    await services.workspace.create(dir, 'Prompts');
    await services.environments.save(
      { name: 'prod', kind: 'sandbox', url: sandbox.url, org: 'prod', tier: 'prod' },
      undefined,
    );
    const result = await services.snapshots.run('prod', { types: ['architect.prompt'] });
    assert.ok(result.commit);
    const changed = nativeGit(dir, 'show', '--name-only', '--format=', result.commit).trim().split('\n');
    const hold = seededAudio('Acme hold music, first recording').sha256;
    assert.ok(changed.includes(`environments/prod/audio/${hold}.wav`), `${hold}\n${changed.join('\n')}`);
    const file = `environments/prod/snapshot/architect.prompt/${keyToFileName('HoldMusicAcme')}`;
    assert.ok(changed.includes(file), changed.join('\n'));
    const text = nativeGit(dir, 'show', `HEAD:${file}`);
    assert.match(text, new RegExp(`"sha256": *"${hold}"`));
    assert.doesNotMatch(text, /mediaUri|uploadStatus|sandbox-media/);
    // Served back through audio.read, checked by hash.
    const read = await services.audio.read({ kind: 'snapshot', environment: 'prod' }, hold);
    assert.equal(audioSha256(Buffer.from(read.base64, 'base64')), hold);
    // A second snapshot of the same org changes nothing.
    const again = await services.snapshots.run('prod', { types: ['architect.prompt'] });
    assert.equal(again.commit, null);
  });
});
