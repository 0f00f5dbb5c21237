import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sandboxOrgToken } from '../../support/sandbox-http';
import {
  changesetOf,
  liveObjects,
  promotionWorld,
  stepFor,
  type PromotionWorld,
} from './promotion-test-support';

/*
 * A flow checked out through the API with client credentials (Archy, CX as Code, an SDK script:
 * `POST /api/v2/flows/actions/checkout`) shows `lockedClient`, no `lockedUser`. Someone holds it
 * all the same: the plan must block its step, saying who, rather than import over the checkout.
 */
describe('a flow checked out by an OAuth client in uat', () => {
  let world: PromotionWorld;
  before(async () => {
    world = await promotionWorld({ sandbox: { flowJobDurationMs: 10 } });
  });
  after(() => world.close());

  it('blocks its step, naming the holder', async () => {
    const uat = await liveObjects(world.services, 'uat', ['architect.flow']);
    const menu = uat.get('architect.flow')?.get('INBOUNDCALL/Main Menu');
    assert.ok(menu);
    const connector = await world.services.environments.connector('uat');
    const listed = (await connector.list('architect.flow', { configuration: false })).find(
      (flow) => flow.name === 'Main Menu' && flow.type === 'INBOUNDCALL',
    );
    const token = await sandboxOrgToken(world.sandbox, 'uat');
    const reply = await fetch(
      `${world.sandbox.url}/api/v2/flows/actions/checkout?flow=${String(listed?.id)}`,
      { method: 'POST', headers: { authorization: `Bearer ${token}` } },
    );
    assert.equal(reply.status, 200, await reply.text());
    const plan = await world.engine.plan(
      changesetOf('client-locked', [
        {
          op: 'update',
          type: 'architect.flow',
          key: 'INBOUNDCALL/Main Menu',
          changes: [{ path: 'description', before: menu.description ?? null, after: 'reworded' }],
        },
      ]),
      'uat',
    );
    const step = stepFor(plan, 'architect.flow', 'INBOUNDCALL/Main Menu');
    assert.equal(step.action, 'blocked', 'a checked-out flow is not imported over');
    assert.match(step.reason ?? '', /checked out by .*OAuth client/);
  });
});
