import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { promotionWorld, type PromotionWorld } from '../promotion/promotion-test-support';

/*
 * Attack (issue 18): compare.run's reuseLive keeps Compare's field-level pass from reading a big
 * org twice. The side it reuses was kept by the source text alone (`live:uat`), for as long as
 * the service lived: with uat pointed at another org (or another workspace open, whose `uat` is
 * another org), a request asking to reuse got the old org's live data labelled as uat's. Now a
 * kept side is found only for the same workspace and the same environment configuration, and
 * stands for live for a few minutes at most.
 */
describe('attack: a reused live side is never another environment’s (issue 18)', () => {
  let world: PromotionWorld;
  before(async () => {
    world = await promotionWorld({ sandbox: { flowJobDurationMs: 5 } });
  });
  after(() => world.close());

  it('after uat is pointed at another org, reuseLive reads live again', async () => {
    const flowReads = (from: number) =>
      world.requests.slice(from).filter((request) => request.path.startsWith('/api/v2/flows')).length;
    const environments = world.services.environments;
    const uat = await environments.get('uat');
    const dev = await environments.get('dev');
    assert.ok(uat.kind === 'sandbox' && dev.kind === 'sandbox', 'sandbox environments');
    await world.services.compare.compare('uat', 'live:uat', { quick: true });
    await environments.save({ ...uat, org: dev.org }, undefined, { replace: true });
    try {
      const from = world.requests.length;
      await world.services.compare.compare('uat', 'live:uat', { reuseLive: true });
      assert.ok(flowReads(from) > 0, 'the org now behind uat is read, not the one read before');
      const again = world.requests.length;
      await world.services.compare.compare('uat', 'live:uat', { reuseLive: true });
      assert.equal(flowReads(again), 0, 'the read just made is still reused');
    } finally {
      await environments.save(uat, undefined, { replace: true });
    }
  });
});
