import assert from 'node:assert/strict';
import { runCli } from '../../../electron/host/cli/ferry-cli';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { JsonObject } from '../../../shared/model/canonical/json-value';
import type { Changeset, ChangesetOperation } from '../../../shared/model/changeset';
import {
  changesetOf,
  differencesFrom,
  liveObjects,
  promotionWorld,
  wrapupCode,
  type PromotionWorld,
} from './promotion-test-support';

const CHILD = fileURLToPath(new URL('./promotion-child.ts', import.meta.url));
const REPO = fileURLToPath(new URL('../../../', import.meta.url));
/** Sandbox latency: slow enough that a kill lands mid-run, and the longest a dead child's request can still arrive. */
const MAX_LATENCY_MS = 12;

let world: PromotionWorld;

before(async () => {
  world = await promotionWorld({ sandbox: { faults: `latency=4-${MAX_LATENCY_MS},seed=5` } });
});
after(() => world.close());

function namesOf(list: unknown): string[] {
  return (list as { name: string }[]).map((item) => item.name);
}

/** mulberry32: the kill point per seed, the same on every run. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

async function lastSnapshotCommit(): Promise<string> {
  await world.services.snapshots.run('uat');
  const summary = await world.services.snapshots.store().lastSnapshot('uat');
  assert.ok(summary);
  return summary.commit;
}

/** Creates, updates with references to the creates, a versioned update, a row change and a delete. */
async function crashChangeset(id: string): Promise<Changeset> {
  const live = await liveObjects(world.services, 'uat');
  const codes = Array.from({ length: 14 }, (_, n) => `${id} code ${n}`);
  const operations: ChangesetOperation[] = codes.map((name) => ({
    op: 'create',
    type: 'routing.wrapupcode',
    key: name,
    body: wrapupCode(name),
  }));
  const queues = [...(live.get('routing.queue') ?? [])].slice(0, 4);
  queues.forEach(([key, queue], index) => {
    const names = namesOf(queue.wrapupCodes);
    operations.push({
      op: 'update',
      type: 'routing.queue',
      key,
      changes: [
        { path: 'description', before: queue.description, after: `${String(queue.description)} (${id})` },
        {
          path: 'wrapupCodes',
          before: names.map((name) => ({ $ref: 'routing.wrapupcode', name })),
          after: [...names, codes[index] as string].map((name) => ({ $ref: 'routing.wrapupcode', name })),
        },
      ],
    });
  });
  const schedule = live.get('architect.schedule')?.get('Saturday Opening Hours') as JsonObject;
  operations.push({
    op: 'update',
    type: 'architect.schedule',
    key: 'Saturday Opening Hours',
    changes: [{ path: 'description', before: schedule.description, after: `Saturday (${id})` }],
  });
  const flags = live.get('flows.datatable')?.get('IVR Feature Flags') as { rows: JsonObject[] };
  const row = flags.rows.findIndex((candidate) => candidate.key === 'outage-banner');
  operations.push({
    op: 'update',
    type: 'flows.datatable',
    key: 'IVR Feature Flags',
    changes: [
      { path: `rows[${row}].Enabled`, before: flags.rows[row]?.Enabled, after: !flags.rows[row]?.Enabled },
    ],
  });
  const referenced = new Set(
    [...(live.get('routing.queue')?.values() ?? [])].flatMap((queue) => namesOf(queue.wrapupCodes)),
  );
  const unused = [...(live.get('routing.wrapupcode')?.entries() ?? [])].find(
    ([key]) => !referenced.has(key) && !key.includes(' code '),
  );
  assert.ok(unused);
  operations.push({ op: 'delete', type: 'routing.wrapupcode', key: unused[0], before: unused[1] });
  return changesetOf(id, operations);
}

/** Starts the child, kills it with SIGKILL once its journal holds `entries` lines, waits for it to end. */
async function promoteAndKill(
  changeset: Changeset,
  entries: number,
): Promise<{ killed: boolean; lines: number }> {
  const changesetFile = join(world.root, `${changeset.id}.json`);
  await writeFile(changesetFile, JSON.stringify(changeset));
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
    cwd: REPO,
    env: {
      ...process.env,
      FERRY_PROMOTION_CHILD: JSON.stringify({
        dataDir: world.dataDir,
        workspace: world.workspaceDir,
        changesetFile,
        environment: 'uat',
        sandboxUrl: world.sandbox.url,
      }),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let ended = false;
  void exited.then(() => (ended = true));
  const runs = join(world.workspaceDir, 'runs');
  let lines = 0;
  // Bounded: 60 s of 5 ms polls.
  for (let poll = 0; poll < 12_000 && !ended; poll += 1) {
    const folder = existsSync(runs)
      ? (await readdir(runs)).find((name) => name.includes(changeset.id))
      : undefined;
    if (folder !== undefined) {
      const text = await readFile(join(runs, folder, 'journal.jsonl'), 'utf8').catch(() => '');
      lines = text.split('\n').length - 1;
      if (lines >= entries) {
        child.kill('SIGKILL');
        break;
      }
    }
    await delay(5);
  }
  const code = await exited;
  assert.ok(!ended || code === null, `the child ended on its own before the kill (exit ${code}): ${stderr}`);
  // A request the child sent just before dying may still be on its way through the sandbox's latency.
  await delay(MAX_LATENCY_MS * 5);
  return { killed: code === null, lines };
}

describe('a promotion killed with SIGKILL', () => {
  for (const seed of [3, 7, 11]) {
    it(`seed ${seed}: the next start finds the interrupted run and rolls the target back to exactly its state before`, async () => {
      const baseline = await lastSnapshotCommit();
      const changeset = await crashChangeset(`crash-seed-${seed}`);
      // 21 steps, two entries each after the start: an odd count ends on a finished step, an even one
      // mid-step (announced, maybe sent). From after the first write to the last step.
      const entries = 3 + Math.floor(seeded(seed)() * 39);
      const { killed, lines } = await promoteAndKill(changeset, entries);
      assert.ok(killed, 'the child was killed');
      assert.ok(lines >= entries);

      const interrupted = await world.engine.interruptedRuns();
      assert.equal(interrupted.length, 1, JSON.stringify(interrupted));
      const run = interrupted[0];
      assert.equal(run?.changesetId, changeset.id);
      assert.equal(run?.status, 'interrupted');
      assert.ok(
        (await differencesFrom(world.services, 'uat', baseline)).length > 0,
        `the child wrote something before it died (killed after ${lines} journal lines)`,
      );

      // The CLI's next start says so on every workspace command.
      const stderr: string[] = [];
      const code = await runCli(['-w', world.workspaceDir, 'runs'], {
        stdout: () => undefined,
        stderr: (line) => stderr.push(line),
        cwd: world.root,
        env: { FERRY_DATA_DIR: world.dataDir },
        readStdin: async () => '',
      });
      assert.equal(code, 0);
      assert.match(
        stderr.join(''),
        new RegExp(`run ${String(run?.id)} .* was interrupted; \`ferry rollback`),
      );

      const result = await world.engine.rollbackInterrupted(String(run?.id));
      assert.equal(result.status, 'rolled-back', result.message);
      assert.equal(result.recovered, true);
      assert.deepEqual(
        await differencesFrom(world.services, 'uat', baseline),
        [],
        'uat is exactly as before the run',
      );
      assert.deepEqual(await world.engine.interruptedRuns(), []);
      assert.equal((await world.engine.runs()).find((entry) => entry.id === run?.id)?.status, 'rolled-back');
    });
  }

  it('an interrupted run can be resumed instead: the remaining steps run, every step verifies', async () => {
    const baseline = await lastSnapshotCommit();
    const changeset = await crashChangeset('crash-resume');
    await promoteAndKill(changeset, 17);
    const [run] = await world.engine.interruptedRuns();
    assert.ok(run);
    const result = await world.engine.resumeInterrupted(run.id);
    assert.equal(result.status, 'succeeded', result.message);
    assert.equal(result.recovered, true);
    assert.equal(result.verify?.mismatches.length, 0);
    assert.ok(result.steps.every((step) => step.status === 'done'));
    assert.match(result.message, /verified after an interruption$/);
    const live = await liveObjects(world.services, 'uat', ['routing.wrapupcode']);
    assert.ok(live.get('routing.wrapupcode')?.has('crash-resume code 13'));

    const undone = await world.engine.rollbackRun(run.id);
    assert.equal(undone.status, 'succeeded', undone.message);
    assert.deepEqual(await differencesFrom(world.services, 'uat', baseline), []);
  });
});
