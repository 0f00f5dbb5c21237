import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { FerryError } from '../../../shared/api/api-error';
import { createFerryServices, type FerryServices } from '../../../electron/host/core/ferry-services';
import { synthesizePromptWav } from '../../../electron/sandbox/prompt-audio-synth';
import { audioSha256 } from '../../../electron/services/audio/audio-bytes';
import { nativeGit } from '../../support/native-git';
import { tempDir } from '../../support/temp-dir';

let services: FerryServices;
let dir: string;

before(async () => {
  const root = await tempDir('ferry-audio-');
  services = createFerryServices({
    dataDir: join(root, 'data'),
    version: 'test',
    env: {},
    author: { name: 'Ada Author', email: 'ada@example.test' },
  });
  dir = join(root, 'ws');
  await services.workspace.create(dir, 'Audio');
});

async function rejectsWith(promise: Promise<unknown>, code: string, message: RegExp) {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof FerryError, String(error));
    assert.equal(error.code, code);
    assert.match(error.message, message);
    return true;
  });
}

describe('prompt audio in the workspace (audio.attach, audio.read)', () => {
  it('attaches a WAV to a changeset by hash as one commit, and reads it back through the channels', async () => {
    const { changeset } = await services.changesets.create({ title: 'New greeting' });
    const bytes = synthesizePromptWav('Thanks for calling');
    const sha256 = audioSha256(bytes);
    const attached = await services.dispatcher.dispatch('audio.attach', {
      changesetId: changeset.id,
      fileName: 'greeting.wav',
      base64: Buffer.from(bytes).toString('base64'),
    });
    assert.ok(attached.ok, JSON.stringify(attached));
    const result = attached.value as {
      descriptor: { sha256: string; bytes: number };
      file: string;
      commit: string;
    };
    assert.equal(result.descriptor.sha256, sha256);
    assert.equal(result.descriptor.bytes, bytes.length);
    assert.equal(result.file, `changesets/${changeset.id}.audio/${sha256}.wav`);
    assert.match(result.commit, /^[0-9a-f]{40}$/);
    assert.equal(nativeGit(dir, 'status', '--porcelain').trim(), '');
    // The same bytes again: nothing new to commit.
    const again = await services.audio.attach(
      changeset.id,
      'greeting.wav',
      Buffer.from(bytes).toString('base64'),
    );
    assert.equal(again.commit, null);

    const read = await services.dispatcher.dispatch('audio.read', {
      source: { kind: 'changeset', changesetId: changeset.id },
      sha256,
    });
    assert.ok(read.ok, JSON.stringify(read));
    const file = read.value as { base64: string; mediaType: string; descriptor: { durationSeconds: number } };
    assert.equal(file.mediaType, 'audio/wav');
    assert.deepEqual(new Uint8Array(Buffer.from(file.base64, 'base64')), bytes);
    assert.equal(file.descriptor.durationSeconds, 0.5);
  });

  it('refuses bytes that are not a WAV, and a changeset that does not exist', async () => {
    const { changeset } = await services.changesets.create({ title: 'Bad audio' });
    const mp3 = Buffer.from('ID3\u0003 not a wave file at all').toString('base64');
    await rejectsWith(
      services.audio.attach(changeset.id, 'song.mp3', mp3),
      'audio.invalid',
      /song\.mp3.*not a WAV/,
    );
    await rejectsWith(
      services.audio.attach(
        'no-such-changeset',
        'a.wav',
        Buffer.from(synthesizePromptWav('x')).toString('base64'),
      ),
      'changeset.not-found',
      /no-such-changeset/,
    );
  });

  it('refuses a workspace file whose bytes do not hash to its name', async () => {
    const { changeset } = await services.changesets.create({ title: 'Tampered' });
    const bytes = synthesizePromptWav('Original');
    const { descriptor, file } = await services.audio.attach(
      changeset.id,
      'original.wav',
      Buffer.from(bytes).toString('base64'),
    );
    await writeFile(join(dir, file), synthesizePromptWav('Swapped'));
    await rejectsWith(
      services.audio.read({ kind: 'changeset', changesetId: changeset.id }, descriptor.sha256),
      'audio.hash-mismatch',
      /does not hold the audio its name promises/,
    );
    await rejectsWith(
      services.audio.read({ kind: 'snapshot', environment: 'dev' }, descriptor.sha256),
      'audio.not-found',
      /snapshot of dev has no audio/,
    );
  });
});
