import assert from 'node:assert/strict';
import { mkdir, readdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { FerryError } from '../../../shared/api/api-error';
import type { Changeset } from '../../../shared/model/changeset';
import { synthesizePromptWav } from '../../../electron/sandbox/prompt-audio-synth';
import { nativeGit } from '../../support/native-git';
import { tempDir } from '../../support/temp-dir';
import { approvedPromptAudioChangeset, failed, sha256, team, type Team } from '../packages/package-fixture';

/**
 * A teammate with push access to the importing workspace commits `changesets/<id>.audio` as a
 * link out of it, ahead of a package they know is coming (issue 17). The import must refuse in
 * words before it writes anything: no changeset JSON or approval left behind uncommitted, nothing
 * written where the link points, and no audio counted as imported that only sits outside.
 */

let t: Team;
let changeset: Changeset;
let packageText = '';
const TAKE = synthesizePromptWav('Acme hold music, winter recording');
const TAKE_SHA = sha256(TAKE);

before(async () => {
  t = await team('ferry-audio-import-attack-');
  changeset = await approvedPromptAudioChangeset(t, {
    title: 'Video whisper and winter hold music',
    fileName: 'winter.wav',
    bytes: TAKE,
  });
  assert.ok(JSON.stringify(changeset).includes(TAKE_SHA), 'the changeset writes the attached take');
  const exported = await t.exporting.export({ changesetId: changeset.id, targets: ['uat'], source: 'dev' });
  assert.equal(exported.report.ok, true, JSON.stringify(failed(exported.report)));
  packageText = exported.text;
});
after(() => t.closeSandbox());

async function plantLink(outside: string): Promise<void> {
  await mkdir(join(t.importDir, 'changesets'), { recursive: true });
  await symlink(outside, join(t.importDir, 'changesets', `${changeset.id}.audio`));
  nativeGit(t.importDir, 'add', '-A');
  nativeGit(
    t.importDir,
    '-c',
    'user.name=M',
    '-c',
    'user.email=m@example.test',
    'commit',
    '-q',
    '-m',
    'plant a link',
  );
}

async function removeLink(): Promise<void> {
  nativeGit(t.importDir, 'rm', '-q', `changesets/${changeset.id}.audio`);
  nativeGit(
    t.importDir,
    '-c',
    'user.name=M',
    '-c',
    'user.email=m@example.test',
    'commit',
    '-q',
    '-m',
    'remove the link',
  );
}

async function refusedCleanly(outside: string, before: string[]): Promise<void> {
  const commits = nativeGit(t.importDir, 'rev-parse', 'HEAD').trim();
  await assert.rejects(t.importing.import(packageText), (error: unknown) => {
    assert.ok(error instanceof FerryError, String(error));
    assert.equal(error.code, 'workspace.symlink-refused', error.message);
    assert.match(error.message, /symbolic link/);
    return true;
  });
  assert.equal(nativeGit(t.importDir, 'rev-parse', 'HEAD').trim(), commits, 'no commit');
  assert.equal(
    nativeGit(t.importDir, 'status', '--porcelain', '--untracked-files=all').trim(),
    '',
    'no changeset or approval left half-written',
  );
  assert.deepEqual((await readdir(outside)).sort(), before, 'nothing written where the link points');
}

describe('a package import meets a linked changeset audio folder (attack)', () => {
  it('refuses an audio folder linked to an empty place, before writing the changeset', async () => {
    const outside = await tempDir('ferry-import-outside-');
    await plantLink(outside);
    await refusedCleanly(outside, []);
    await removeLink();
  });

  it('refuses an audio folder linked to a place that already holds the right bytes (no audio "imported" outside)', async () => {
    const outside = await tempDir('ferry-import-outside-held-');
    await writeFile(join(outside, `${TAKE_SHA}.wav`), TAKE);
    await plantLink(outside);
    await refusedCleanly(outside, [`${TAKE_SHA}.wav`]);
    await removeLink();
  });

  it('imports normally once the link is gone', async () => {
    const imported = await t.importing.import(packageText);
    assert.equal(imported.audioImported, 2);
  });
});
