import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../../../electron/host/cli/ferry-cli';
import type { SnapshotProgress } from '../../../shared/model/snapshot';
import { promotionWorld, type PromotionWorld } from '../promotion/promotion-test-support';

/*
 * Issue 18: a live side of a compare (or drift) is read like a snapshot, a flow export each: for
 * a 300-flow org about two minutes. It reports its progress as a snapshot does: `live.progress`
 * events (what Compare shows) and, in the CLI, lines on stderr like `ferry snapshot` prints.
 */
describe('progress of a live read (issue 18)', () => {
  let world: PromotionWorld;
  before(async () => {
    world = await promotionWorld({ sandbox: { flowJobDurationMs: 5 } });
  });
  after(() => world.close());

  it('a compare against live reports through live.progress, flows export by export', async () => {
    const seen: SnapshotProgress[] = [];
    const detach = world.services.events.attach((event, payload) => {
      if (event === 'live.progress') seen.push(payload as SnapshotProgress);
    });
    try {
      await world.services.compare.compare('uat', 'live:uat');
    } finally {
      detach();
    }
    assert.equal(seen[0]?.phase, 'connecting');
    assert.equal(seen.at(-1)?.phase, 'done');
    assert.ok(seen.every((progress) => progress.environment === 'uat' && progress.jobId === seen[0]?.jobId));
    const exporting = seen.filter(
      (progress) => progress.type === 'architect.flow' && progress.exports !== null,
    );
    assert.ok(exporting.length > 1, `flows report each export: ${JSON.stringify(seen.slice(0, 5))}`);
    const last = exporting.at(-1)?.exports;
    assert.ok(last && last.total > 0 && last.done === last.total);
    assert.ok((seen.at(-1)?.requests ?? 0) > 0);
  });

  it('Compare’s field-level pass reuses the live side its quick pass read: a big org is read once', async () => {
    const flowReads = (from: number) =>
      world.requests.slice(from).filter((request) => request.path.startsWith('/api/v2/flows')).length;
    let from = world.requests.length;
    await world.services.compare.compare('uat', 'live:uat', { quick: true });
    assert.ok(flowReads(from) > 0, 'the quick pass reads live');
    from = world.requests.length;
    const full = await world.services.compare.compare('uat', 'live:uat', { reuseLive: true });
    assert.equal(flowReads(from), 0, 'the full pass does not read the org again');
    assert.equal(full.b.label, 'uat (live)');
    from = world.requests.length;
    await world.services.compare.compare('uat', 'live:uat', { quick: true });
    assert.ok(flowReads(from) > 0, 'a new compare reads live again');
  });

  it('ferry diff … live:<env> and ferry drift print progress as ferry snapshot does', async () => {
    for (const args of [
      ['diff', 'uat', 'live:uat'],
      ['drift', 'uat'],
    ]) {
      const lines: string[] = [];
      const code = await runCli(['-w', world.workspaceDir, ...args], {
        stdout: () => undefined,
        stderr: () => undefined,
        cwd: world.workspaceDir,
        env: { ...process.env, FERRY_DATA_DIR: world.dataDir },
        progress: (line) => lines.push(line),
        readStdin: async () => '',
      });
      assert.equal(code, 0, `${args.join(' ')}: exit ${code}`);
      assert.ok(
        lines.some((line) => /^uat \(live\): architect\.flow \d+\/\d+ exported, \d+ requests$/.test(line)),
        `${args.join(' ')}: ${lines.slice(0, 5).join(' | ')}`,
      );
    }
  });
});
