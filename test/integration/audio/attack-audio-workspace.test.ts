import assert from 'node:assert/strict';
import { mkdir, readdir, symlink, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { FerryError } from '../../../shared/api/api-error';
import { AUDIO_MAX_BYTES } from '../../../shared/model/prompt-audio';
import { createFerryServices, type FerryServices } from '../../../electron/host/core/ferry-services';
import { synthesizePromptWav } from '../../../electron/sandbox/prompt-audio-synth';
import { audioSha256 } from '../../../electron/services/audio/audio-bytes';
import { findWorkspaceAudio } from '../../../electron/services/audio/workspace-audio';
import { nativeGit } from '../../support/native-git';
import { tempDir } from '../../support/temp-dir';

/**
 * A hostile teammate's workspace against prompt audio (issue 17): everything under the workspace
 * is theirs, git carries symlinks, and `audio.read`/`audio.attach` take names from the renderer.
 * Each trick must be refused in words, and nothing may be half-written.
 */

let services: FerryServices;
let root: string;
let dir: string;

before(async () => {
  root = await tempDir('ferry-audio-attack-');
  services = createFerryServices({
    dataDir: join(root, 'data'),
    version: 'test',
    env: {},
    author: { name: 'Mallory Teammate', email: 'mallory@example.test' },
  });
  dir = join(root, 'ws');
  await services.workspace.create(dir, 'Audio attacks');
});

async function rejectsWith(promise: Promise<unknown>, code: string, message?: RegExp): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof FerryError, String(error));
    assert.equal(error.code, code, error.message);
    if (message) assert.match(error.message, message);
    return true;
  });
}

async function dispatchFails(channel: string, request: unknown, code: string, message?: RegExp) {
  const result = await services.dispatcher.dispatch(channel, request);
  assert.equal(result.ok, false, JSON.stringify(result).slice(0, 300));
  if (result.ok) return;
  assert.equal(result.error.code, code, result.error.message);
  if (message) assert.match(result.error.message, message);
}

function clean(): void {
  assert.equal(
    nativeGit(dir, 'status', '--porcelain', '--untracked-files=all').trim(),
    '',
    'nothing half-written',
  );
}

function commitAll(message: string): void {
  nativeGit(dir, 'add', '-A');
  nativeGit(dir, '-c', 'user.name=Mallory', '-c', 'user.email=m@example.test', 'commit', '-q', '-m', message);
}

/** A PCM WAV header and data whose fields the test may make lie. */
function wav(
  options: {
    riffSize?: number;
    dataSize?: number;
    byteRate?: number;
    dataBytes?: number;
    format?: number;
  } = {},
) {
  const dataBytes = options.dataBytes ?? 800;
  const bytes = Buffer.alloc(44 + dataBytes);
  bytes.write('RIFF', 0, 'ascii');
  bytes.writeUInt32LE(options.riffSize ?? 36 + dataBytes, 4);
  bytes.write('WAVEfmt ', 8, 'ascii');
  bytes.writeUInt32LE(16, 16);
  bytes.writeUInt16LE(options.format ?? 1, 20);
  bytes.writeUInt16LE(1, 22);
  bytes.writeUInt32LE(8000, 24);
  bytes.writeUInt32LE(options.byteRate ?? 16000, 28);
  bytes.writeUInt16LE(2, 32);
  bytes.writeUInt16LE(16, 34);
  bytes.write('data', 36, 'ascii');
  bytes.writeUInt32LE(options.dataSize ?? dataBytes, 40);
  return bytes;
}

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

describe('workspace tampering with prompt audio (attack)', () => {
  it('refuses a changeset audio file that is a symlink, even to a file with the right bytes', async () => {
    const { changeset } = await services.changesets.create({ title: 'Linked file' });
    const bytes = synthesizePromptWav('Outside the workspace');
    const sha = audioSha256(bytes);
    const outside = join(root, 'outside.wav');
    await writeFile(outside, bytes);
    const folder = join(dir, 'changesets', `${changeset.id}.audio`);
    await mkdir(folder, { recursive: true });
    await symlink(outside, join(folder, `${sha}.wav`));
    commitAll('a teammate commits a link');
    await rejectsWith(
      services.audio.read({ kind: 'changeset', changesetId: changeset.id }, sha),
      'workspace.symlink-refused',
      /symbolic link/,
    );
    // The promotion's lookup refuses it too, rather than reading through the link.
    await rejectsWith(findWorkspaceAudio(dir, sha), 'workspace.symlink-refused');
    // Attaching the same bytes does not write through the link either.
    await rejectsWith(services.audio.attach(changeset.id, 'x.wav', b64(bytes)), 'workspace.symlink-refused');
    clean();
  });

  it("refuses a changeset's audio folder that is a symlink out of the workspace, and writes nothing there", async () => {
    const { changeset } = await services.changesets.create({ title: 'Linked folder' });
    const bytes = synthesizePromptWav('Planted outside');
    const sha = audioSha256(bytes);
    const outside = join(root, 'outside-folder');
    await mkdir(outside);
    await writeFile(join(outside, `${sha}.wav`), bytes);
    await symlink(outside, join(dir, 'changesets', `${changeset.id}.audio`));
    commitAll('a teammate commits a linked audio folder');
    await rejectsWith(
      services.audio.read({ kind: 'changeset', changesetId: changeset.id }, sha),
      'workspace.symlink-refused',
      new RegExp(`${changeset.id}\\.audio`),
    );
    const other = synthesizePromptWav('Aimed at the outside folder');
    await rejectsWith(services.audio.attach(changeset.id, 'y.wav', b64(other)), 'workspace.symlink-refused');
    assert.deepEqual(await readdir(outside), [`${sha}.wav`], 'nothing was written outside the workspace');
    clean();
  });

  it('refuses a snapshot audio entry committed as a symlink (git stores the link, not the file)', async () => {
    const bytes = synthesizePromptWav('Snapshot link target');
    const sha = audioSha256(bytes);
    const outside = join(root, 'snapshot-outside.wav');
    await writeFile(outside, bytes);
    await mkdir(join(dir, 'environments', 'dev', 'audio'), { recursive: true });
    await symlink(outside, join(dir, 'environments', 'dev', 'audio', `${sha}.wav`));
    commitAll('a teammate commits a linked snapshot file');
    await rejectsWith(
      services.audio.read({ kind: 'snapshot', environment: 'dev' }, sha),
      'audio.hash-mismatch',
      /does not hold the audio its name promises/,
    );
    await rejectsWith(findWorkspaceAudio(dir, sha), 'audio.hash-mismatch');
    clean();
  });

  it('refuses a file whose bytes are not its name, and does not fall back to another copy', async () => {
    const { changeset } = await services.changesets.create({ title: 'Swapped bytes' });
    const real = synthesizePromptWav('The real take');
    const sha = audioSha256(real);
    // A good copy in a snapshot, a swapped one in the changeset.
    await mkdir(join(dir, 'environments', 'uat', 'audio'), { recursive: true });
    await writeFile(join(dir, 'environments', 'uat', 'audio', `${sha}.wav`), real);
    await mkdir(join(dir, 'changesets', `${changeset.id}.audio`), { recursive: true });
    await writeFile(
      join(dir, 'changesets', `${changeset.id}.audio`, `${sha}.wav`),
      synthesizePromptWav('A swapped take'),
    );
    commitAll('a teammate swaps a take');
    await rejectsWith(
      services.audio.read({ kind: 'changeset', changesetId: changeset.id }, sha),
      'audio.hash-mismatch',
    );
    await rejectsWith(findWorkspaceAudio(dir, sha), 'audio.hash-mismatch');
    // The snapshot's own copy is still good when asked for by its place.
    const read = await services.audio.read({ kind: 'snapshot', environment: 'uat' }, sha);
    assert.equal(audioSha256(Buffer.from(read.base64, 'base64')), sha);
  });

  it("finds audio by hash in another environment's snapshot: the same hash is the same audio", async () => {
    const bytes = synthesizePromptWav('Only in prod');
    const sha = audioSha256(bytes);
    await mkdir(join(dir, 'environments', 'prod', 'audio'), { recursive: true });
    await writeFile(join(dir, 'environments', 'prod', 'audio', `${sha}.wav`), bytes);
    commitAll('prod snapshot audio');
    assert.deepEqual(new Uint8Array(await findWorkspaceAudio(dir, sha)), new Uint8Array(bytes));
    await rejectsWith(services.audio.read({ kind: 'snapshot', environment: 'dev' }, sha), 'audio.not-found');
    await rejectsWith(
      services.audio.read({ kind: 'snapshot', environment: 'no-such-env' }, sha),
      'audio.not-found',
      /no-such-env/,
    );
  });

  it('ignores audio in folders whose names are not a changeset id or a hash', async () => {
    const bytes = synthesizePromptWav('Oddly filed');
    const sha = audioSha256(bytes);
    await mkdir(join(dir, 'changesets', 'Not_An_Id.audio'), { recursive: true });
    await writeFile(join(dir, 'changesets', 'Not_An_Id.audio', `${sha}.wav`), bytes);
    await mkdir(join(dir, 'changesets', 'odd-names.audio'), { recursive: true });
    await writeFile(join(dir, 'changesets', 'odd-names.audio', `${sha.toUpperCase()}.wav`), bytes);
    await writeFile(join(dir, 'changesets', 'odd-names.audio', `${sha}.wav.bak`), bytes);
    commitAll('oddly named audio');
    await rejectsWith(findWorkspaceAudio(dir, sha), 'audio.not-found');
  });

  it('refuses a huge file and a folder where a file should be, in words, before reading them', async () => {
    const { changeset } = await services.changesets.create({ title: 'Huge' });
    const folder = join(dir, 'changesets', `${changeset.id}.audio`);
    await mkdir(folder, { recursive: true });
    const hugeSha = 'a'.repeat(64);
    await writeFile(join(folder, `${hugeSha}.wav`), wav());
    await truncate(join(folder, `${hugeSha}.wav`), AUDIO_MAX_BYTES + 1);
    await rejectsWith(
      services.audio.read({ kind: 'changeset', changesetId: changeset.id }, hugeSha),
      'audio.invalid',
      /at most 25 MiB/,
    );
    const folderSha = 'b'.repeat(64);
    await mkdir(join(folder, `${folderSha}.wav`));
    await rejectsWith(
      services.audio.read({ kind: 'changeset', changesetId: changeset.id }, folderSha),
      'audio.invalid',
      /not a file/,
    );
  });

  it('refuses a huge committed snapshot file in words', async () => {
    const hugeSha = 'c'.repeat(64);
    await mkdir(join(dir, 'environments', 'test', 'audio'), { recursive: true });
    const path = join(dir, 'environments', 'test', 'audio', `${hugeSha}.wav`);
    await writeFile(path, wav());
    await truncate(path, AUDIO_MAX_BYTES + 1);
    commitAll('a huge snapshot file');
    await rejectsWith(
      services.audio.read({ kind: 'snapshot', environment: 'test' }, hugeSha),
      'audio.invalid',
      /at most 25 MiB/,
    );
  });
});

describe('audio.read and audio.attach requests from the renderer (attack)', () => {
  it('refuses odd changeset ids, environment names and hashes before touching the disk', async () => {
    const sha = audioSha256(synthesizePromptWav('Any'));
    for (const changesetId of ['../x', '..', 'a/b', 'abc.audio/../../x', 'ABC', 'x', `${'a'.repeat(101)}`]) {
      await dispatchFails(
        'audio.read',
        { source: { kind: 'changeset', changesetId }, sha256: sha },
        'request.invalid',
      );
      await dispatchFails(
        'audio.attach',
        { changesetId, fileName: 'a.wav', base64: b64(synthesizePromptWav('Any')) },
        'request.invalid',
      );
    }
    for (const environment of ['../dev', 'dev/../../x', 'Dev', '', '-dev']) {
      await dispatchFails(
        'audio.read',
        { source: { kind: 'snapshot', environment }, sha256: sha },
        'request.invalid',
      );
    }
    for (const sha256 of [sha.toUpperCase(), sha.slice(1), `${sha}0`, `../${sha.slice(3)}`]) {
      await dispatchFails(
        'audio.read',
        { source: { kind: 'snapshot', environment: 'dev' }, sha256 },
        'request.invalid',
      );
    }
    await dispatchFails(
      'audio.read',
      { source: { kind: 'snapshot', environment: 'dev', commit: 'HEAD~1' }, sha256: sha },
      'request.invalid',
    );
    clean();
  });

  it('refuses bytes that are not a WAV, or a WAV whose header lies about its sizes, and writes nothing', async () => {
    const { changeset } = await services.changesets.create({ title: 'Lying headers' });
    const cases: [string, Uint8Array][] = [
      ['plain text', Buffer.from('hello, this is not audio at all')],
      ['an empty file', new Uint8Array()],
      ['a data chunk longer than the file', wav({ dataSize: 10_000_000 })],
      ['a RIFF size longer than the file', wav({ riffSize: 10_000_000 })],
      ['a data chunk of 4 GiB', wav({ dataSize: 0xffffffff })],
      ['only a RIFF header', Buffer.from('RIFF\u0004\u0000\u0000\u0000WAVE', 'latin1')],
    ];
    for (const [label, bytes] of cases) {
      await dispatchFails(
        'audio.attach',
        { changesetId: changeset.id, fileName: `${label}.wav`, base64: b64(bytes) },
        'audio.invalid',
      );
    }
    await assert.rejects(readdir(join(dir, 'changesets', `${changeset.id}.audio`)), /ENOENT/);
    clean();
  });

  it('refuses a PCM WAV whose byte rate is 0, and gives a compressed one without a byte rate no length, never NaN or Infinity', async () => {
    const { changeset } = await services.changesets.create({ title: 'Zero byte rate' });
    await dispatchFails(
      'audio.attach',
      { changesetId: changeset.id, fileName: 'zero-rate.wav', base64: b64(wav({ byteRate: 0 })) },
      'audio.invalid',
      /byte rate \(0\)/,
    );
    const result = await services.dispatcher.dispatch('audio.attach', {
      changesetId: changeset.id,
      fileName: 'adpcm.wav',
      base64: b64(wav({ format: 0x11, byteRate: 0 })),
    });
    assert.ok(result.ok, JSON.stringify(result));
    const { descriptor } = result.value as { descriptor: { durationSeconds: number | null; bytes: number } };
    assert.equal(descriptor.durationSeconds, null);
    assert.equal(descriptor.bytes, 844);
    clean();
  });

  it('refuses oversized and damaged base64, and a too-long file name, with nothing written', async () => {
    const { changeset } = await services.changesets.create({ title: 'Bad uploads' });
    const good = b64(synthesizePromptWav('Good'));
    await dispatchFails(
      'audio.attach',
      {
        changesetId: changeset.id,
        fileName: 'big.wav',
        base64: 'A'.repeat(Math.ceil((AUDIO_MAX_BYTES * 4) / 3) + 8),
      },
      'request.invalid',
    );
    // Just under the request limit but over the byte limit once decoded is refused by size, too.
    const overBytes = Buffer.alloc(AUDIO_MAX_BYTES + 1);
    wav().copy(overBytes);
    await dispatchFails(
      'audio.attach',
      {
        changesetId: changeset.id,
        fileName: 'big.wav',
        base64: b64(overBytes).slice(0, Math.ceil((AUDIO_MAX_BYTES * 4) / 3) + 4),
      },
      'audio.invalid',
    );
    for (const base64 of [`${good.slice(0, -4)}!!!!`, good.slice(1), `${good}\n`, `${good}====`]) {
      await dispatchFails(
        'audio.attach',
        { changesetId: changeset.id, fileName: 'bad.wav', base64 },
        'audio.invalid',
      );
    }
    await dispatchFails(
      'audio.attach',
      { changesetId: changeset.id, fileName: 'x'.repeat(256), base64: good },
      'request.invalid',
    );
    await dispatchFails(
      'audio.attach',
      { changesetId: changeset.id, fileName: 'a.wav', base64: good, path: '/etc/passwd' },
      'request.invalid',
    );
    await assert.rejects(readdir(join(dir, 'changesets', `${changeset.id}.audio`)), /ENOENT/);
    clean();
  });

  it('uses a file name with path separators and line breaks only as words: the file is named by its hash', async () => {
    const { changeset } = await services.changesets.create({ title: 'Path names' });
    const bytes = synthesizePromptWav('Named oddly');
    const sha = audioSha256(bytes);
    const attached = await services.audio.attach(
      changeset.id,
      '../../../../environments/prod/audio/evil.wav\nSigned-off-by: someone else\u0000\r\u2028\u001b[31mCo-authored-by: x',
      b64(bytes),
    );
    assert.equal(attached.file, `changesets/${changeset.id}.audio/${sha}.wav`);
    assert.deepEqual(await readdir(join(dir, 'changesets', `${changeset.id}.audio`)), [`${sha}.wav`]);
    const changed = nativeGit(dir, 'show', '--name-only', '--format=', 'HEAD').trim().split('\n');
    assert.deepEqual(changed, [attached.file]);
    const subject = nativeGit(dir, 'log', '-1', '--format=%B').trim();
    assert.equal(subject.split('\n').length, 1, 'the name cannot add lines (trailers) to the commit message');
    // The raw commit: no NUL or terminal escape reaches whoever runs git log.
    const raw = nativeGit(dir, 'cat-file', 'commit', 'HEAD');
    const message = raw.slice(raw.indexOf('\n\n') + 2).replace(/\n$/, '');
    // eslint-disable-next-line no-control-regex -- looking for control characters
    assert.doesNotMatch(message, /[\u0000-\u001f\u007f\u2028\u2029]/, JSON.stringify(message));
    clean();
  });
});
