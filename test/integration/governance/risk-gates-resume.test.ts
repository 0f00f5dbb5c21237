import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { FerryError } from '../../../shared/api/api-error';
import { wrapupCode } from '../promotion/promotion-test-support';
import { codesInOrg, promoteAndKill, runWorld, type RunWorld } from '../security/run-fixture';

/**
 * Issue 20: resuming an interrupted run is judged like a new promotion, on the risk its signed
 * plan recorded from the live read at plan time, under the policy signed now. A policy that now
 * asks one approval for that risk refuses the resume; once it asks none, the run resumes.
 */
const CODES = 12;
let world: RunWorld;
let runId: string;

before(async () => {
  world = await runWorld('ferry-risk-resume-', { latency: 'latency=4-12,seed=7' });
  const { changeset } = await world.services.changesets.create({
    title: 'resume by risk',
    idPrefix: 'riskresume',
    operations: Array.from({ length: CODES }, (_, index) => ({
      op: 'create' as const,
      type: 'routing.wrapupcode',
      key: `risk resume code ${index + 1}`,
      body: wrapupCode(`risk resume code ${index + 1}`),
    })),
  });
  runId = await promoteAndKill(world, changeset.id, 'riskresume', 6);
});
after(() => world.close());

describe('resume judged on the signed plan’s risk (issue 20)', () => {
  it('the interrupted run’s signed plan holds its risk', async () => {
    const plan = JSON.parse(await readFile(join(world.dir, 'runs', runId, 'plan.json'), 'utf8'));
    assert.equal(plan.risk.level, 'low');
    assert.equal(plan.risk.basis, 'live');
    assert.deepEqual(plan.requirement, { approvals: 0, source: 'policy' });
  });

  it('is refused while the policy signed now asks an approval for that risk', async () => {
    await world.services.identity.trust.setPolicy('uat', {
      tier: 'test',
      policy: { approvalsRequired: 0, approvalsByRisk: { low: 1 } },
    });
    const before = await codesInOrg(world.sandbox, 'uat');
    await assert.rejects(world.services.promotions.recover(runId, 'resume'), (error: unknown) => {
      assert.ok(error instanceof FerryError, String(error));
      assert.equal(error.code, 'run.unverified');
      assert.match(
        error.message,
        /the gates of uat no longer pass \(approvals: Risk is low .*0 of 1 approval/,
      );
      return true;
    });
    assert.deepEqual(await codesInOrg(world.sandbox, 'uat'), before, 'nothing written');
  });

  it('resumes once the policy asks none for it', async () => {
    await world.services.identity.trust.setPolicy('uat', {
      tier: 'test',
      policy: { approvalsRequired: 1, approvalsByRisk: { low: 0 } },
    });
    const result = await world.services.promotions.recover(runId, 'resume');
    assert.equal(result.status, 'succeeded', result.failure?.message);
  });
});
