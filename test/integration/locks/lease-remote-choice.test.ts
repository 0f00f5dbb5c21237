import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { isFerryError } from '../../../shared/api/api-error';
import { WorkspaceLeases } from '../../../electron/services/locks/workspace-lease';
import { nativeGit } from '../../support/native-git';
import { tempDir } from '../../support/temp-dir';

/**
 * Which remote keeps the environment lease (FERRY_LEASE_REMOTE): a pipeline whose checkout's
 * remote is a path or ssh says `none` (its CI serialises promotions) or names an https remote.
 */
async function workspaceWithPathRemote(): Promise<string> {
  const dir = await tempDir('ferry-lease-choice-');
  execFileSync('git', ['init', '--quiet', dir]);
  nativeGit(dir, 'remote', 'add', 'origin', `${dir}/../origin.git`);
  return dir;
}

function leases(dir: string, leaseRemote: string | undefined): WorkspaceLeases {
  return new WorkspaceLeases({
    workspaceDir: () => dir,
    credentials: () => Promise.resolve(null),
    identity: () => Promise.resolve({ holder: 'Pipeline' }),
    recordBreak: () => Promise.reject(new Error('no break expected')),
    leaseRemote: () => leaseRemote,
  });
}

describe('the remote that keeps the environment lease', () => {
  it('refuses a path remote by default, naming FERRY_LEASE_REMOTE=none as the pipeline way out', async () => {
    const dir = await workspaceWithPathRemote();
    await assert.rejects(leases(dir, undefined).remote(), (error: unknown) => {
      assert.ok(isFerryError(error) && error.code === 'lease.remote-failed');
      assert.match(error.message, /FERRY_LEASE_REMOTE=none/);
      return true;
    });
  });

  it('takes no remote lease with none (the local lock alone applies)', async () => {
    const dir = await workspaceWithPathRemote();
    assert.equal(await leases(dir, 'none').remote(), null);
    assert.equal(await leases(dir, ' none ').take('uat', { runId: 'r1', purpose: 'promote' }), null);
  });

  it('uses the remote named, and refuses a name the workspace lacks, listing those it has', async () => {
    const dir = await workspaceWithPathRemote();
    nativeGit(dir, 'remote', 'add', 'team', 'http://127.0.0.1:9/team.git');
    assert.deepEqual(await leases(dir, 'team').remote(), {
      name: 'team',
      url: 'http://127.0.0.1:9/team.git',
    });
    await assert.rejects(leases(dir, 'upstream').remote(), (error: unknown) => {
      assert.ok(isFerryError(error) && error.code === 'lease.remote-failed');
      assert.match(error.message, /"upstream".*origin, team/);
      return true;
    });
  });
});
