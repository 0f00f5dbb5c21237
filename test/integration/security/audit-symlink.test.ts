import assert from 'node:assert/strict';
import { mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import { FerryError } from '../../../shared/api/api-error';
import { commitAsTeammate } from '../../support/teammate';
import { tempDir } from '../../support/temp-dir';
import { skillChangeset, team, type Team } from './governance-fixture';

/**
 * Issue 11 Deliver 8: symlinks are never followed when writing inside the workspace. The audit
 * log is appended to, not rewritten, so it needs its own guard: a committed
 * `audit/<key id>.jsonl -> ~/.bashrc` must not grow the user's shell start-up file.
 */

let world: Team;
before(async () => {
  world = await team('ferry-audit-symlink-');
});
after(() => world.close());

it('refuses to append an audit entry through a committed link, and leaves its target alone', async () => {
  const dir = world.workspace.dir;
  const changesetId = await skillChangeset(world.ada, 'Linked audit');
  const outside = join(await tempDir('ferry-outside-'), 'bashrc');
  // Empty, so the chain reads as new and the only guard left is the link check.
  await writeFile(outside, '');
  const file = join(dir, 'audit', `${world.keys.rita}.jsonl`);
  await mkdir(join(dir, 'audit'), { recursive: true });
  await rm(file, { force: true });
  await symlink(outside, file);
  commitAsTeammate(dir, 'audit');
  await assert.rejects(
    world.rita.identity.approvals.approve(changesetId, { decision: 'approved' }),
    (error) => {
      assert.ok(error instanceof FerryError, String(error));
      return true;
    },
  );
  assert.equal(await readFile(outside, 'utf8'), '');
});
