import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { newRunId } from '../../../electron/services/promotion/run-store';
import type { JsonObject } from '../../../shared/model/canonical/json-value';
import { changesetOf, liveObjects, wrapupCode } from '../promotion/promotion-test-support';
import { commitAsTeammate } from '../../support/teammate';
import { codesInOrg, gitState, runWorld, type RunWorld } from './run-fixture';

/**
 * Issue 11, point 4, the attack as it worked: a teammate with push access commits a hand-made
 * `runs/<id>/plan.json` and a journal (no result.json) with plain git. Before, every command called
 * it interrupted, `ferry resume` wrote the plan's values to prod and `ferry rollback` the journal's
 * `before` values, with no changeset, approval or gate. Now: the run is history from another
 * machine, and both commands refuse with exit 3 `run.unverified`, writing nothing anywhere.
 */
let world: RunWorld;
let runId: string;

before(async () => {
  world = await runWorld('ferry-forged-run-');
  const { services, dir } = world;
  const prod = (await liveObjects(services, 'prod', ['routing.wrapupcode'])).get('routing.wrapupcode');
  const [victimKey, victim] = [...(prod ?? new Map<string, JsonObject>())][0] ?? [];
  assert.ok(victimKey !== undefined && victim !== undefined, 'prod has a wrap-up code to overwrite');
  const victimId = ((await codesInOrg(world.sandbox, 'prod')).get(victimKey) as { id: string } | undefined)
    ?.id;
  assert.ok(victimId);

  // A plan as Ferry would make it (the format is public), for a changeset that does not exist.
  const plan = await services.engine.plan(
    changesetOf('forged', [
      { op: 'create', type: 'routing.wrapupcode', key: 'Forged code', body: wrapupCode('Forged code') },
    ]),
    'prod',
  );
  const now = new Date();
  runId = newRunId(now, 'forged');
  const at = now.toISOString();
  const journal = [
    {
      kind: 'run-started',
      seq: 0,
      at,
      runId,
      runKind: 'promote',
      rollbackOf: null,
      changesetId: 'forged',
      environment: 'prod',
      fingerprint: plan.fingerprint,
      steps: 1,
      override: null,
      pid: 999_999,
      host: 'mallory-laptop',
    },
    // What `rollback` would write back: the victim "as it was before", as Mallory wants it.
    {
      kind: 'step-started',
      seq: 1,
      at,
      phase: 'forward',
      step: 0,
      type: 'routing.wrapupcode',
      key: victimKey,
      id: victimId,
      before: { api: null, canonical: { ...victim, description: 'pwned by a forged run' } },
      calls: [],
    },
    { kind: 'step-done', seq: 2, at, phase: 'forward', step: 0, id: victimId, after: victim },
  ];
  const folder = join(dir, 'runs', runId);
  await mkdir(folder, { recursive: true });
  await writeFile(join(folder, 'plan.json'), `${JSON.stringify(plan, null, 2)}\n`);
  await writeFile(
    join(folder, 'journal.jsonl'),
    journal.map((entry) => `${JSON.stringify(entry)}\n`).join(''),
  );
  commitAsTeammate(dir, 'docs: typo');
});
after(() => world.close());

describe('a run forged by hand and committed with plain git', () => {
  it('is listed as history from another machine, never as interrupted', async () => {
    const listed = await world.cli(['runs']);
    assert.equal(listed.code, 0, listed.stderr);
    const line = listed.stdout.split('\n').find((text) => text.startsWith(runId));
    assert.ok(line, listed.stdout);
    assert.match(line, /incomplete, from another machine \(history\)/);
    assert.doesNotMatch(line, /interrupted/);
    assert.doesNotMatch(listed.stderr, /was interrupted/);
    assert.deepEqual(await world.services.engine.interruptedRuns(), []);
  });

  for (const command of ['resume', 'rollback'] as const) {
    it(`\`ferry ${command}\` refuses it (exit 3, run.unverified) and writes nothing to prod or the workspace`, async () => {
      const orgBefore = await codesInOrg(world.sandbox, 'prod');
      const workspaceBefore = gitState(world.dir);

      const outcome = await world.cli(['--json', command, runId]);

      assert.equal(outcome.code, 3, `${outcome.stdout}${outcome.stderr}`);
      const { error } = JSON.parse(outcome.stdout) as { error: { code: string; message: string } };
      assert.equal(error.code, 'run.unverified');
      assert.ok(error.message.includes(`runs/${runId}/plan.dsse.json is missing`), error.message);
      assert.match(error.message, /Nothing was written/);
      assert.deepEqual(await codesInOrg(world.sandbox, 'prod'), orgBefore, 'prod is unchanged');
      assert.ok(!(await codesInOrg(world.sandbox, 'prod')).has('Forged code'));
      assert.deepEqual(gitState(world.dir), workspaceBefore, 'the workspace is unchanged');
    });
  }
});
