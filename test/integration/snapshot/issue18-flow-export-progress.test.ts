import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { SnapshotProgress } from '../../../shared/model/snapshot';
import { runSnapshot } from '../../../electron/host/cli/commands/snapshot-command';
import type { CliIo } from '../../../electron/host/cli/cli-io';
import {
  describePhase,
  progressFraction,
} from '../../../renderer/src/features/environments/snapshot-progress-format';
import { lastSnapshotCommit, promotionWorld, type PromotionWorld } from '../promotion/promotion-test-support';

/*
 * Issue 18: flows' configurations are exported as jobs "with progress and cancel". The listing of
 * flows is one request; the export jobs are what a person waits for (minutes in an org of hundreds
 * under its rate limit), so progress must move per exported flow, in the app's snapshot panel (the
 * `snapshot.progress` channel and its wording) and in `ferry snapshot`, and a cancel through the
 * channel stops the exports with the previous snapshot left as it was.
 */

/** Everything `snapshot.progress` carries for one job started through the channel, until it ends. */
async function snapshotThroughChannel(
  world: PromotionWorld,
  onFlowExport?: (progress: SnapshotProgress, cancel: () => Promise<void>) => void,
): Promise<SnapshotProgress[]> {
  const seen: SnapshotProgress[] = [];
  let jobId = '';
  const cancel = async () => {
    const result = await world.services.dispatcher.dispatch('snapshots.cancel', { jobId });
    assert.ok(result.ok, 'snapshots.cancel answers');
  };
  const ended = new Promise<void>((resolve) => {
    const detach = world.services.events.attach((event, payload) => {
      if (event !== 'snapshot.progress') return;
      const progress = payload as SnapshotProgress;
      seen.push(progress);
      if (progress.exports !== null && progress.type === 'architect.flow') onFlowExport?.(progress, cancel);
      if (['done', 'failed', 'cancelled'].includes(progress.phase)) {
        detach();
        resolve();
      }
    });
  });
  const started = await world.services.dispatcher.dispatch('snapshots.start', { environment: 'uat' });
  assert.ok(started.ok, 'snapshots.start answers');
  jobId = (started.value as { jobId: string }).jobId;
  const timeout = setTimeout(() => assert.fail('the snapshot did not end within 60 s'), 60_000);
  await ended;
  clearTimeout(timeout);
  return seen;
}

function asJob(progress: SnapshotProgress) {
  return { environment: 'uat', jobId: progress.jobId, progress, error: null, cancelling: false };
}

describe('flow exports report progress per flow and stop on cancel (issue 18)', () => {
  let world: PromotionWorld;

  before(async () => {
    world = await promotionWorld({ sandbox: { flowJobDurationMs: 40 } });
  });
  after(() => world.close());

  it('the app’s snapshot progress moves flow by flow, never counting objects backwards', async () => {
    const seen = await snapshotThroughChannel(world);
    assert.equal(seen.at(-1)?.phase, 'done', seen.at(-1)?.message ?? '');
    const flows = seen.filter((progress) => progress.type === 'architect.flow' && progress.exports !== null);
    const total = flows[0]?.exports?.total ?? 0;
    assert.ok(total >= 3, `flow exports reported: ${JSON.stringify(flows.map((p) => p.exports))}`);
    assert.deepEqual(
      flows.map((progress) => progress.exports?.done),
      Array.from({ length: total + 1 }, (_, index) => index),
      'one report per exported flow, from none to all',
    );
    let objects = 0;
    let fraction = 0;
    for (const progress of seen) {
      assert.ok(progress.objects >= objects, `objects went back from ${objects} to ${progress.objects}`);
      objects = progress.objects;
      const now = progressFraction(progress);
      assert.ok(now >= fraction, `the bar went back from ${fraction} to ${now}`);
      fraction = now;
    }
    const first = flows[1] as SnapshotProgress;
    const last = flows.at(-1) as SnapshotProgress;
    assert.ok(progressFraction(last) > progressFraction(first), 'the bar moves during the exports');
    assert.equal(describePhase(asJob(first)), `Exporting Flows: 1 of ${total}`);
  });

  it('ferry snapshot shows each exported flow on its progress line', async () => {
    const lines: string[] = [];
    const io: CliIo = {
      stdout: () => undefined,
      stderr: () => undefined,
      cwd: world.root,
      env: { FERRY_DATA_DIR: world.dataDir },
      progress: (line) => lines.push(line),
      readStdin: async () => '',
    };
    const result = await runSnapshot(['uat'], {}, { workspace: world.workspaceDir, json: false }, io);
    assert.match(result.human, /request/);
    const exported = lines.filter((line) =>
      /^uat: architect\.flow \d+\/\d+ exported, \d+ requests$/.test(line),
    );
    const total = Number(/\/(\d+) exported/.exec(exported[0] ?? '')?.[1]);
    assert.ok(total >= 3, lines.join('\n'));
    for (let done = 1; done <= total; done += 1) {
      assert.ok(
        exported.some((line) => line.includes(` ${done}/${total} exported`)),
        `no line for flow ${done} of ${total}:\n${lines.join('\n')}`,
      );
    }
  });

  it('Ctrl-C during ferry snapshot’s exports cancels it, saying the previous snapshot is unchanged', async () => {
    const commit = await lastSnapshotCommit(world.services, 'uat');
    let interrupted = false;
    const io: CliIo = {
      stdout: () => undefined,
      stderr: () => undefined,
      cwd: world.root,
      env: { FERRY_DATA_DIR: world.dataDir },
      progress: (line) => {
        if (interrupted || !/ 1\/\d+ exported/.test(line)) return;
        interrupted = true;
        // What a terminal's Ctrl-C delivers; the command listens for it while it runs.
        process.emit('SIGINT');
      },
      readStdin: async () => '',
    };
    await assert.rejects(
      runSnapshot(['uat'], {}, { workspace: world.workspaceDir, json: false }, io),
      (error: unknown) =>
        (error as { code?: string }).code === 'cancelled' &&
        /previous snapshot is unchanged/.test((error as Error).message),
    );
    assert.ok(interrupted, 'interrupted during the exports');
    assert.equal(process.listenerCount('SIGINT'), 0, 'the command stops listening for Ctrl-C');
    assert.equal(await lastSnapshotCommit(world.services, 'uat'), commit, 'no new snapshot commit');
  });

  it('a cancel through the channel during the exports stops them and keeps the previous snapshot', async () => {
    const commit = await lastSnapshotCommit(world.services, 'uat');
    let asked = false;
    const seen = await snapshotThroughChannel(world, (progress, cancel) => {
      if (asked || (progress.exports?.done ?? 0) < 1) return;
      asked = true;
      void cancel();
    });
    assert.ok(asked, 'cancelled during the exports');
    const end = seen.at(-1);
    assert.equal(end?.phase, 'cancelled', JSON.stringify(end));
    assert.match(end?.message ?? '', /previous snapshot is unchanged/);
    const last = seen.filter((progress) => progress.exports !== null).at(-1);
    assert.ok((last?.exports?.done ?? 0) < (last?.exports?.total ?? 0), 'stopped before every flow exported');
    const polls = () =>
      world.requests.filter((request) => request.path.startsWith('/api/v2/flows/export/jobs/')).length;
    const settled = polls();
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(polls(), settled, 'no export job is polled after the cancel');
    assert.equal(await lastSnapshotCommit(world.services, 'uat'), commit, 'no new snapshot commit');
  });
});
