import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { FerryError } from '../../../shared/api/api-error';
import type { JsonObject } from '../../../shared/model/canonical/json-value';
import type { SandboxWorkspace } from '../../support/sandbox-workspace';
import { promotingWorkspace } from './parameters-test-support';
import { changesetOf, liveObjects } from '../promotion/promotion-test-support';

/**
 * A data table row keyed by a secret parameter. The plan used to say "create" and the run left the
 * row out without a word (rows are matched by their key as text, and a secret stays a marker until
 * it is sent), ending in a failed verify. A key is shown in every listing and URL, so a secret there
 * is refused when the plan is made, naming the parameter and where it is used.
 */
const author = { name: 'Kim Key', email: 'kim@example.test' };
const TOKEN = 'tok-as-row-key-77aa88bb99cc';

describe('a secret parameter as a key (issue 15 attack)', () => {
  let world: SandboxWorkspace;
  let flags: JsonObject;
  before(async () => {
    world = await promotingWorkspace({ prefix: 'ferry-attack-key-', author, orgs: ['prod'] });
    const live = await liveObjects(world.services, 'prod', ['flows.datatable']);
    flags = live.get('flows.datatable')?.get('IVR Feature Flags') as JsonObject;
    await world.services.parameters.set({
      environment: 'prod',
      name: 'crmToken',
      value: TOKEN,
      type: 'secret',
    });
  });
  after(() => world.close());

  const refusedForKey = (error: unknown) => {
    assert.ok(error instanceof FerryError, String(error));
    assert.equal(error.code, 'parameter.unresolved');
    assert.match(error.message, /crmToken/);
    assert.match(error.message, /key/);
    assert.ok(!error.message.includes(TOKEN));
    return true;
  };

  it('refuses a created row keyed by a secret', async () => {
    const input = changesetOf('row-key', [
      {
        op: 'create',
        type: 'flows.datatable',
        key: 'Keyed Table',
        body: {
          ...flags,
          name: 'Keyed Table',
          rows: [{ key: { $param: 'crmToken' }, Enabled: true, Notes: '' }],
        },
      },
    ]);
    await assert.rejects(world.services.engine.plan(input, 'prod'), refusedForKey);
  });

  it('refuses an added row keyed by a secret', async () => {
    const input = changesetOf('row-key-update', [
      {
        op: 'update',
        type: 'flows.datatable',
        key: 'IVR Feature Flags',
        changes: [
          {
            path: 'rows',
            after: [
              ...((flags.rows as JsonObject[] | undefined) ?? []),
              { key: { $param: 'crmToken' }, Enabled: true, Notes: '' },
            ],
          },
        ],
      },
    ]);
    await assert.rejects(world.services.engine.plan(input, 'prod'), refusedForKey);
  });

  it("a secret in a row's other field is still fine", async () => {
    const input = changesetOf('row-notes', [
      {
        op: 'create',
        type: 'flows.datatable',
        key: 'Notes Table',
        body: {
          ...flags,
          name: 'Notes Table',
          rows: [{ key: 'crm', Enabled: true, Notes: { $param: 'crmToken' } }],
        },
      },
    ]);
    const plan = await world.services.engine.plan(input, 'prod');
    assert.deepEqual(plan.secrets, ['crmToken']);
  });
});
