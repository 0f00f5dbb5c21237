import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sandboxWorkspace, type SandboxWorkspace } from '../../support/sandbox-workspace';

/**
 * dev and uat compared for their data actions and integrations: an action's request template,
 * URL and schemas are compared as JSON, field by field; a template that is JSON in a string is
 * laid out one field per line so the change can be read; credentials are each org's own.
 */
describe('data actions and integrations compared (issue 18)', () => {
  let world: SandboxWorkspace;

  before(async () => {
    world = await sandboxWorkspace({
      prefix: 'ferry-data-action-compare-',
      author: { name: 'Cora Compare', email: 'cora@example.test' },
      orgs: ['dev', 'uat'],
    });
  });
  after(() => world.close());

  it('shows an action changed at the JSON path that differs, and the one dev has more', async () => {
    const outcome = await world.services.compare.compare('uat', 'dev');
    const actions = outcome.result.objects.filter((object) => object.type === 'integrations.action');
    const lookup = actions.find((object) => object.key === 'Lookup Customer By Phone');
    assert.equal(lookup?.status, 'changed');
    assert.deepEqual(
      lookup?.changes?.map((change) => change.path),
      ['config.request.requestUrlTemplate'],
    );
    assert.equal(actions.find((object) => object.key === 'Create Support Ticket')?.status, 'added');
    // The same integration in both: its credential is each org's own and reads the same (by kind),
    // so nothing of it is listed as a change.
    const crm = outcome.result.objects.find(
      (object) => object.type === 'integrations.integration' && object.key === 'CRM Web Services',
    );
    assert.ok(crm === undefined || crm.status === 'unchanged', JSON.stringify(crm));
  });
});
