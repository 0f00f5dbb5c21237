import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { JsonObject } from '../../shared/model/canonical/json-value';
import {
  changesetOf,
  liveObjects,
  promotionWorld,
  type PromotionWorld,
} from './promotion/promotion-test-support';

/*
 * Rollback (issue 18, point 3): a run changed a flow's configuration and its description (the
 * description is the flow's own field, written by the import from the file). Its rollback
 * republishes the version published before: the configuration comes back, but the description
 * stays the run's, so the rollback ends "verify failed" with the flow half undone.
 */

const NAME = 'Rollback Description Workflow';
const KEY = `WORKFLOW/${NAME}`;

function body(description: string): JsonObject {
  return {
    name: NAME,
    type: 'WORKFLOW',
    description,
    division: { $ref: 'authorization.division', name: 'Home' },
    configuration: `workflow:\n  description: ${description}\n  division: Home\n  name: ${NAME}\n`,
  };
}

describe('rolling back a flow whose description the run changed', () => {
  let world: PromotionWorld;
  before(async () => {
    world = await promotionWorld({ sandbox: { flowJobDurationMs: 10 } });
  });
  after(() => world.close());

  async function live(): Promise<JsonObject | undefined> {
    return (await liveObjects(world.services, 'uat', ['architect.flow'])).get('architect.flow')?.get(KEY);
  }

  it('puts back the description with the configuration, and verifies', async () => {
    const made = await world.engine.execute(
      await world.engine.plan(
        changesetOf('make', [{ op: 'create', type: 'architect.flow', key: KEY, body: body('first') }]),
        'uat',
      ),
    );
    assert.equal(made.status, 'succeeded', made.message);
    const first = await live();
    assert.ok(first);
    const update = await world.engine.execute(
      await world.engine.plan(
        changesetOf('update', [
          {
            op: 'update',
            type: 'architect.flow',
            key: KEY,
            changes: [
              { path: 'description', before: 'first', after: 'second' },
              {
                path: 'configuration',
                before: first.configuration ?? null,
                after: body('second').configuration ?? null,
              },
            ],
          },
        ]),
        'uat',
      ),
    );
    assert.equal(update.status, 'succeeded', update.message);
    const rolledBack = await world.engine.rollbackRun(update.runId);
    const now = await live();
    assert.equal(now?.description, 'first', 'the description is back');
    assert.match(String(now?.configuration), /description: first/);
    assert.equal(rolledBack.status, 'succeeded', rolledBack.message);
  });
});
