import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { JsonObject } from '../../../shared/model/canonical/json-value';
import { changesetOf, liveObjects, promotionWorld, type PromotionWorld } from './promotion-test-support';

/*
 * Attack (issue 18): a run updates a flow (its import is published as version 2.0); then someone
 * deletes the flow and makes it again under the same name with the run's configuration: a new
 * flow, a new id, whose version 1.0 holds what the run wrote. The run's rollback republished "the
 * version published before", 1.0, by the journal's version id on the flow the name now names:
 * the new flow's own 1.0, which is the run's configuration: a write aimed at the wrong version,
 * and a rollback that ended "verify failed" with the run's configuration still live.
 */

const NAME = 'Attack Rollback Workflow';
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

describe('attack: rolling back a flow that was deleted and made again since the run', () => {
  let world: PromotionWorld;

  before(async () => {
    world = await promotionWorld({ sandbox: { flowJobDurationMs: 10 } });
  });
  after(() => world.close());

  async function live(): Promise<JsonObject | undefined> {
    return (await liveObjects(world.services, 'uat', ['architect.flow'])).get('architect.flow')?.get(KEY);
  }

  async function run(id: string, operations: Parameters<typeof changesetOf>[1]) {
    const result = await world.engine.execute(await world.engine.plan(changesetOf(id, operations), 'uat'));
    assert.equal(result.status, 'succeeded', result.message);
    return result;
  }

  it('puts back the configuration from before the run by importing it, not by publishing a version of another flow', async () => {
    await run('make', [{ op: 'create', type: 'architect.flow', key: KEY, body: body('first') }]);
    const first = await live();
    assert.ok(first);
    const update = await run('update', [
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
    ]);
    const second = await live();
    assert.ok(second);
    await run('someone-deletes', [{ op: 'delete', type: 'architect.flow', key: KEY, before: second }]);
    await run('someone-remakes', [{ op: 'create', type: 'architect.flow', key: KEY, body: { ...second } }]);

    const rolledBack = await world.engine.rollbackRun(update.runId);
    const now = await live();
    assert.equal(rolledBack.status, 'succeeded', rolledBack.message);
    assert.match(String(now?.configuration), /description: first/, 'the undo put back what was there before');
  });
});
