import assert from 'node:assert/strict';
import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import { FerryError } from '../../../shared/api/api-error';
import { commitAsTeammate } from '../../support/teammate';
import { tempDir } from '../../support/temp-dir';
import { skillChangeset, team, type Team } from './governance-fixture';

/**
 * Issue 11 Deliver 8, reading side: a committed link inside the workspace is never followed when
 * Ferry reads a changeset or an approval, so nothing of its target (a private key, a token) can
 * reach an error message, the app or the CLI.
 */

const SECRET = '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ\n';

let world: Team;
let outside = '';
before(async () => {
  world = await team('ferry-linked-reads-');
  outside = join(await tempDir('ferry-outside-'), 'id_ed25519');
  await writeFile(outside, SECRET);
});
after(() => world.close());

it('refuses a changeset file that is a link, without reading its target', async () => {
  const dir = world.workspace.dir;
  await symlink(outside, join(dir, 'changesets', 'stolen-key-abcdef.json')).catch(async () => {
    await mkdir(join(dir, 'changesets'), { recursive: true });
    await symlink(outside, join(dir, 'changesets', 'stolen-key-abcdef.json'));
  });
  commitAsTeammate(dir, 'add changeset');
  await assert.rejects(world.ada.changesets.get('stolen-key-abcdef'), (error: unknown) => {
    assert.ok(error instanceof FerryError);
    assert.equal(error.code, 'changeset.invalid');
    assert.match(error.message, /not a regular file/);
    assert.doesNotMatch(error.message, /BEGIN|b3Blbn/);
    return true;
  });
  const listed = await world.ada.changesets.list();
  const entry = listed.find((item) => item.id === 'stolen-key-abcdef');
  assert.doesNotMatch(JSON.stringify(entry ?? {}), /BEGIN|b3Blbn/);
});

it('treats an approval file that is a link as unreadable, without reading its target', async () => {
  const dir = world.workspace.dir;
  const changesetId = await skillChangeset(world.ada, 'Linked approval');
  const folder = join(dir, 'changesets', `${changesetId}.approvals`);
  await mkdir(folder, { recursive: true });
  await symlink(outside, join(folder, `${world.keys.rita}.json`));
  commitAsTeammate(dir, 'approve');
  const approvals = await world.ada.identity.approvals.list(changesetId, undefined, { environment: 'uat' });
  assert.equal(approvals[0]?.status, 'invalid');
  assert.doesNotMatch(JSON.stringify(approvals), /BEGIN|b3Blbn/);
  assert.equal(await readFile(outside, 'utf8'), SECRET);
});
