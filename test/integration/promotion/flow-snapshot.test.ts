import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { snapshotFolder } from '../../../electron/services/snapshot/snapshot-store';
import { lastSnapshotCommit, promotionWorld, type PromotionWorld } from './promotion-test-support';

/** Every file under `dir` with a hash of its bytes, so two reads of a folder compare whole. */
async function folderState(dir: string): Promise<Map<string, string>> {
  const state = new Map<string, string>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    state.set(
      path,
      createHash('sha256')
        .update(await readFile(path))
        .digest('hex'),
    );
  }
  return state;
}

/**
 * A snapshot holds each flow with its exported configuration; cancelled while the flows are being
 * exported, it leaves the workspace exactly as it was (no half-written snapshot, no commit).
 */
describe('flows in a snapshot (issue 18)', () => {
  let world: PromotionWorld;

  before(async () => {
    world = await promotionWorld({ sandbox: { flowJobDurationMs: 150 } });
  });
  after(() => world.close());

  it('keeps each flow with its configuration, and a cancel during the exports writes nothing', async () => {
    const commit = await lastSnapshotCommit(world.services, 'uat');
    const folder = join(world.workspaceDir, snapshotFolder('uat'));
    const files = await folderState(folder);
    const flowFiles = [...files.keys()].filter((path) => path.includes('architect.flow'));
    assert.ok(flowFiles.length >= 3, [...files.keys()].join('\n'));
    const menu = flowFiles.find((path) => path.includes('Main Menu'));
    assert.ok(menu, flowFiles.join('\n'));
    assert.match(await readFile(menu, 'utf8'), /inboundCall:/);

    const controller = new AbortController();
    // Cancelled after the first flow exported, while the others' export jobs are in flight.
    let flowReports = 0;
    const exportsBefore = world.requests.filter(
      (request) => request.path === '/api/v2/flows/export/jobs',
    ).length;
    await assert.rejects(
      world.services.snapshots.run('uat', {
        signal: controller.signal,
        onProgress: (progress) => {
          if (progress.type === 'architect.flow' && (progress.exports?.done ?? 0) >= 1) flowReports += 1;
          if (flowReports === 1) controller.abort();
        },
      }),
    );
    assert.ok(flowReports >= 1, 'cancelled during the exports');
    const exported = world.requests.filter((request) => request.path === '/api/v2/flows/export/jobs').length;
    assert.ok(exported > exportsBefore, 'exports had started');
    assert.equal(await lastSnapshotCommit(world.services, 'uat'), commit, 'no new snapshot commit');
    assert.deepEqual(await folderState(folder), files, 'the snapshot folder is as it was');
  });
});
