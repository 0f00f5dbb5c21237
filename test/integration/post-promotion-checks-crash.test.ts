import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { Changeset } from '../../shared/model/changeset';
import type { PostPromotionCheck } from '../../shared/promotion/checks/post-promotion-check';
import {
  changesetOf,
  liveObjects,
  promotionWorld,
  wrapupCode,
  type PromotionWorld,
} from './promotion/promotion-test-support';

/**
 * Issue 20: a run killed during its post-promotion checks has done and verified every step. The
 * next start finds it interrupted, like any run cut short after its writes: rolled back, every
 * write is undone; resumed, it is verified and checked again.
 */

const CHILD = fileURLToPath(new URL('./post-promotion-checks-child.ts', import.meta.url));
const REPO = fileURLToPath(new URL('../../', import.meta.url));

let world: PromotionWorld;

before(async () => {
  world = await promotionWorld();
});
after(() => world.close());

const failing: PostPromotionCheck = { kind: 'data-table-row', table: 'Store Directory', key: 'NOPE99' };
const passing: PostPromotionCheck = { kind: 'data-table-row', table: 'Store Directory', key: 'LDN01' };

function codesChangeset(id: string): Changeset {
  return changesetOf(
    id,
    [1, 2].map((n) => ({
      op: 'create' as const,
      type: 'routing.wrapupcode',
      key: `${id} ${n}`,
      body: wrapupCode(`${id} ${n}`),
    })),
  );
}

async function codes(): Promise<Set<string>> {
  const live = await liveObjects(world.services, 'uat', ['routing.wrapupcode']);
  return new Set(live.get('routing.wrapupcode')?.keys() ?? []);
}

async function killedDuringChecks(
  changeset: Changeset,
  checks: PostPromotionCheck[],
  killAt: 'before-checked' | 'after-checked',
): Promise<string[]> {
  const changesetFile = join(world.root, `${changeset.id}.json`);
  await writeFile(changesetFile, JSON.stringify(changeset));
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
    cwd: REPO,
    env: {
      ...process.env,
      FERRY_CHECKS_CHILD: JSON.stringify({
        dataDir: world.dataDir,
        workspace: world.workspaceDir,
        changesetFile,
        environment: 'uat',
        checks,
        killAt,
      }),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
  const signal = await new Promise<NodeJS.Signals | null>((resolve) =>
    child.once('exit', (_code, killed) => resolve(killed)),
  );
  clearTimeout(timer);
  assert.equal(signal, 'SIGKILL', output);
  const folder = (await readdir(join(world.workspaceDir, 'runs'))).find((name) =>
    name.includes(changeset.id),
  );
  assert.ok(folder);
  const journal = await readFile(join(world.workspaceDir, 'runs', folder, 'journal.jsonl'), 'utf8');
  return journal
    .trim()
    .split('\n')
    .map((line) => {
      const parsed = JSON.parse(line) as { kind?: string; entry?: { kind: string } };
      return parsed.entry?.kind ?? parsed.kind ?? '?';
    });
}

describe('a run killed during its post-promotion checks', () => {
  it('after a failed check was journalled: rolled back on the next start, every write undone', async () => {
    const changeset = codesChangeset('checks-crash-rollback');
    const kinds = await killedDuringChecks(changeset, [failing], 'after-checked');
    assert.equal(kinds.at(-1), 'checked', kinds.join());
    assert.ok((await codes()).has('checks-crash-rollback 1'), 'the writes are there after the kill');
    const [run] = await world.engine.interruptedRuns();
    assert.ok(run, 'the run is offered as interrupted');
    const result = await world.engine.rollbackInterrupted(run.id);
    assert.equal(result.status, 'rolled-back', result.message);
    assert.equal(result.failure?.code, 'check.failed');
    assert.deepEqual(
      result.checks?.map((check) => check.passed),
      [false],
    );
    const after = await codes();
    assert.ok(!after.has('checks-crash-rollback 1') && !after.has('checks-crash-rollback 2'));
  });

  it('before any check was journalled: resumed, it is verified and checked again', async () => {
    const changeset = codesChangeset('checks-crash-resume');
    const kinds = await killedDuringChecks(changeset, [passing], 'before-checked');
    assert.equal(kinds.at(-1), 'verified', kinds.join());
    const [run] = await world.engine.interruptedRuns();
    assert.ok(run);
    const result = await world.engine.resumeInterrupted(run.id, {
      checks: { checks: [passing], onFailure: 'rollback' },
    });
    assert.equal(result.status, 'succeeded', result.message);
    assert.equal(result.recovered, true);
    assert.deepEqual(
      result.checks?.map((check) => check.passed),
      [true],
    );
    assert.ok((await codes()).has('checks-crash-resume 2'));
  });

  it('resumed with a check that now fails: rolled back like a run whose checks failed', async () => {
    const changeset = codesChangeset('checks-crash-resume-fail');
    await killedDuringChecks(changeset, [passing], 'before-checked');
    const [run] = await world.engine.interruptedRuns();
    assert.ok(run);
    const result = await world.engine.resumeInterrupted(run.id, {
      checks: { checks: [failing], onFailure: 'rollback' },
    });
    assert.equal(result.status, 'rolled-back', result.message);
    assert.equal(result.failure?.code, 'check.failed');
    assert.ok(!(await codes()).has('checks-crash-resume-fail 1'));
  });
});
