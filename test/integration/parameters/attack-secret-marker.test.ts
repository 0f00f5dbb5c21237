import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { FerryError } from '../../../shared/api/api-error';
import type { JsonObject } from '../../../shared/model/canonical/json-value';
import type { Changeset } from '../../../shared/model/changeset';
import { DEMO_CLIENTS } from '../../../shared/sandbox/demo-clients';
import { createConnector } from '../../../electron/services/environments/connector-factory';
import type { SandboxWorkspace } from '../../support/sandbox-workspace';
import { promotingWorkspace } from './parameters-test-support';
import { liveObjects } from '../promotion/promotion-test-support';

/**
 * A changeset author writes `{"$secret": "crmToken"}` straight into a queue's description, not
 * through a `{"$param"}` the target declares secret. The connector reveals every marker of its own
 * environment, so without a refusal prod's token would land in a field anyone who can read queues
 * can read back, and the plan would not even list the secret. A changeset may use a secret only
 * through a parameter; a raw marker must stop the plan with nothing sent.
 */
const author = { name: 'Mallory Marker', email: 'mallory@example.test' };
const TOKEN = 'tok-attack-0123456789-must-stay-in-the-vault';

describe('a raw secret marker in a changeset (issue 15 attack)', () => {
  let world: SandboxWorkspace;
  let template: JsonObject;
  before(async () => {
    world = await promotingWorkspace({ prefix: 'ferry-attack-secret-', author, orgs: ['prod'] });
    const live = await liveObjects(world.services, 'prod', ['routing.queue']);
    template = live.get('routing.queue')?.get('Billing - Voice') as JsonObject;
    await world.services.parameters.set({
      environment: 'prod',
      name: 'crmToken',
      value: TOKEN,
      type: 'secret',
    });
  });
  after(() => world.close());

  it('refuses the plan, naming the marker, and nothing reaches the org', async () => {
    const input: Changeset = {
      formatVersion: 1,
      id: 'exfiltrate',
      title: 'Innocent description change',
      description: '',
      ticket: '',
      author: author.name,
      createdAt: '2026-12-01T10:00:00.000Z',
      operations: [
        {
          op: 'create',
          type: 'routing.queue',
          key: 'Leaky Queue',
          body: { ...template, name: 'Leaky Queue', description: { $secret: 'crmToken' } },
        },
      ],
    };
    let refused: unknown = null;
    try {
      const plan = await world.services.engine.plan(input, 'prod');
      await world.services.engine.execute(plan);
    } catch (error) {
      refused = error;
    }
    const config = await world.services.environments.get('prod');
    const raw = createConnector(config, async () => DEMO_CLIENTS.prod.clientSecret);
    const leaked = (await raw.list('routing.queue')).find((queue) => queue.name === 'Leaky Queue');
    assert.equal(leaked?.description, undefined, 'prod holds a queue whose description is the secret');
    assert.ok(refused instanceof FerryError, `the plan was not refused: ${String(refused)}`);
    assert.match(refused.message, /\$secret/);
    assert.match(refused.message, /\$param/);
    assert.ok(!refused.message.includes(TOKEN));
    assert.ok(!JSON.stringify(refused.details ?? {}).includes(TOKEN));
  });

  it('refuses a raw marker in an update after too', async () => {
    const input: Changeset = {
      formatVersion: 1,
      id: 'exfiltrate-update',
      title: 'Tweak',
      description: '',
      ticket: '',
      author: author.name,
      createdAt: '2026-12-01T10:00:00.000Z',
      operations: [
        {
          op: 'update',
          type: 'routing.queue',
          key: 'Billing - Voice',
          changes: [{ path: 'description', after: { $secret: 'crmToken' } }],
        },
      ],
    };
    await assert.rejects(world.services.engine.plan(input, 'prod'), (error: unknown) => {
      assert.ok(error instanceof FerryError);
      assert.match(error.message, /\$secret/);
      return true;
    });
  });
});
