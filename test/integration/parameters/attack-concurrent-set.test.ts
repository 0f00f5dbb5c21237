import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sandboxWorkspace, type SandboxWorkspace } from '../../support/sandbox-workspace';

/**
 * Two saves to one environment's parameters at once (two fields of the Parameters tab, a compare's
 * "Make this a parameter" beside a manual set): each reads the file, changes it and writes it
 * back. Both must land, each exactly once: the second must not write back a file read before the
 * first was written.
 */
const author = { name: 'Ravi Race', email: 'ravi@example.test' };

describe('concurrent parameter writes (issue 15 attack)', () => {
  let world: SandboxWorkspace;
  before(async () => {
    world = await sandboxWorkspace({ prefix: 'ferry-attack-race-', author, orgs: ['uat'] });
  });
  after(() => world.close());

  it('keeps every set, map and unset made at the same time', async () => {
    const { parameters } = world.services;
    await parameters.set({ environment: 'uat', name: 'goner', value: 'x' });
    await Promise.all([
      parameters.set({ environment: 'uat', name: 'alpha', value: 'a' }),
      parameters.set({ environment: 'uat', name: 'beta', value: '2', type: 'number' }),
      parameters.map('uat', 'authorization.division', 'Customer Service', 'Customer Care'),
      parameters.unset('uat', 'goner'),
      parameters.set({ environment: 'uat', name: 'gamma', value: 'true', type: 'boolean' }),
    ]);
    const view = await parameters.view('uat');
    assert.deepEqual(
      view.parameters.map((parameter) => parameter.name),
      ['alpha', 'beta', 'gamma'],
    );
    assert.deepEqual(view.mappings, [
      { type: 'authorization.division', from: 'Customer Service', to: 'Customer Care' },
    ]);
  });
});
