import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { PostPromotionCheck } from '../../shared/promotion/checks/post-promotion-check';
import { wrapupCode } from './promotion/promotion-test-support';
import { codesInOrg, promoteAndKill, runWorld, type RunWorld } from './security/run-fixture';

/**
 * Issue 20: a signed run cut short before its post-promotion checks, resumed through the governed
 * path (PromotionService.recover, what `ferry recover <run> resume` and the app's Resume call),
 * passes the checks of the policy signed for its environment now, as a promotion does. A failing
 * check rolls the resumed run back; a passing one is recorded in its result.
 *
 * The run is made by the real CLI and killed mid-write (run-fixture.ts `promoteAndKill`), not by
 * the engine alone (post-promotion-checks-child.ts): a resume through PromotionService only
 * accepts a run whose files are signed.
 */
const CODES = 12;
const failing: PostPromotionCheck = { kind: 'data-table-row', table: 'Store Directory', key: 'NOPE99' };
const passing: PostPromotionCheck = { kind: 'data-table-row', table: 'Store Directory', key: 'LDN01' };

let world: RunWorld;

before(async () => {
  world = await runWorld('ferry-checks-resume-', { latency: 'latency=4-12,seed=7' });
});
after(() => world.close());

/** A genuine signed run of CODES new wrap-up codes to uat, killed after some writes. */
async function interruptedRun(prefix: string): Promise<string> {
  const { changeset } = await world.services.changesets.create({
    title: `resume with checks ${prefix}`,
    idPrefix: prefix,
    operations: Array.from({ length: CODES }, (_, index) => ({
      op: 'create' as const,
      type: 'routing.wrapupcode',
      key: `${prefix} code ${index + 1}`,
      body: wrapupCode(`${prefix} code ${index + 1}`),
    })),
  });
  return promoteAndKill(world, changeset.id, prefix, 6);
}

async function signChecks(checks: PostPromotionCheck[]): Promise<void> {
  await world.services.identity.trust.setPolicy('uat', {
    tier: 'test',
    policy: { approvalsRequired: 0, postPromotionChecks: checks, onCheckFailure: 'rollback' },
  });
}

async function codesOf(prefix: string): Promise<string[]> {
  const names = [...(await codesInOrg(world.sandbox, 'uat')).keys()];
  return names.filter((name) => name.startsWith(`${prefix} code `));
}

describe('a resumed run passes the signed policy’s post-promotion checks (issue 20)', () => {
  it('a failing check rolls the resumed run back, the failure in result.checks', async () => {
    const runId = await interruptedRun('resumefail');
    assert.ok((await codesOf('resumefail')).length < CODES, 'the run was cut short mid-write');
    await signChecks([passing, failing]);
    const result = await world.services.promotions.recover(runId, 'resume');
    assert.equal(result.runId, runId);
    assert.equal(result.status, 'rolled-back', result.message);
    assert.equal(result.failure?.step, null);
    assert.equal(result.failure?.code, 'check.failed');
    assert.deepEqual(
      result.checks?.map((check) => [check.title, check.passed]),
      [
        ['data table "Store Directory" has a row "LDN01"', true],
        ['data table "Store Directory" has a row "NOPE99"', false],
      ],
    );
    assert.deepEqual(await codesOf('resumefail'), [], 'every write of the run is undone');
  });

  it('a passing check: the resumed run succeeds with the check recorded', async () => {
    const runId = await interruptedRun('resumepass');
    await signChecks([passing]);
    const result = await world.services.promotions.recover(runId, 'resume');
    assert.equal(result.status, 'succeeded', result.failure?.message ?? result.message);
    assert.equal(result.recovered, true);
    assert.deepEqual(
      result.checks?.map((check) => [check.kind, check.passed]),
      [['data-table-row', true]],
    );
    assert.equal((await codesOf('resumepass')).length, CODES);
  });
});
