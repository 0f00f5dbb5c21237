import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { JsonObject } from '../../../shared/model/canonical/json-value';
import type { Changeset } from '../../../shared/model/changeset';
import { nativeGit } from '../../support/native-git';
import type { SandboxWorkspace } from '../../support/sandbox-workspace';
import { assertNowhereInWorkspace, promotingWorkspace } from './parameters-test-support';
import { liveObjects } from '../promotion/promotion-test-support';

/**
 * Prod holds a secret parameter's value in a data table row. A teammate then edits prod's
 * parameters.json (a shared, reviewed-by-nobody-in-time file): drops the secret's entry, or breaks
 * the file. The vault on this machine still holds the secret, and the org still holds the value:
 * the next snapshot of prod must still hide it (or stop), never commit it to the workspace.
 */
const author = { name: 'Sam Secret', email: 'sam@example.test' };
const TOKEN = 'tok-snapshot-attack-5f4e3d2c1b0a';

async function assertNoToken(world: SandboxWorkspace): Promise<void> {
  await assertNowhereInWorkspace(world.dir, TOKEN);
}

describe('a teammate edits away a secret parameter (issue 15 attack)', () => {
  let world: SandboxWorkspace;
  const parametersFile = () => join(world.dir, 'environments/prod/parameters.json');
  before(async () => {
    world = await promotingWorkspace({ prefix: 'ferry-attack-snapshot-', author, orgs: ['prod'] });
    const live = await liveObjects(world.services, 'prod', ['flows.datatable']);
    const flags = live.get('flows.datatable')?.get('IVR Feature Flags') as JsonObject;
    await world.services.parameters.set({
      environment: 'prod',
      name: 'crmToken',
      value: TOKEN,
      type: 'secret',
    });
    const input: Changeset = {
      formatVersion: 1,
      id: 'crm-token-row',
      title: 'CRM token',
      description: '',
      ticket: '',
      author: author.name,
      createdAt: '2026-12-01T10:00:00.000Z',
      operations: [
        {
          op: 'create',
          type: 'flows.datatable',
          key: 'CRM Secrets',
          body: {
            ...flags,
            name: 'CRM Secrets',
            rows: [{ key: 'crm-token', Enabled: true, Notes: { $param: 'crmToken' } }],
          },
        },
      ],
    };
    const result = await world.services.engine.execute(await world.services.engine.plan(input, 'prod'));
    assert.equal(result.status, 'succeeded');
    await assertNoToken(world);
  });
  after(() => world.close());

  it('a broken parameters file does not turn the hiding off', async () => {
    const original = await readFile(parametersFile(), 'utf8');
    await writeFile(parametersFile(), '{"formatVersion": 1, "parameters": {"crmToken": {"type": "secret"}, ');
    try {
      await world.services.snapshots.run('prod');
    } catch {
      /* stopping is fine; writing the token is not */
    }
    await assertNoToken(world);
    await writeFile(parametersFile(), original);
  });

  it('a parameters file without the secret entry does not turn the hiding off', async () => {
    await writeFile(
      parametersFile(),
      `${JSON.stringify({ formatVersion: 1, parameters: {}, mappings: {} }, null, 2)}\n`,
    );
    nativeGit(world.dir, 'commit', '-qam', 'tidy parameters');
    try {
      await world.services.snapshots.run('prod');
    } catch {
      /* stopping is fine; writing the token is not */
    }
    await assertNoToken(world);
  });
  it('unsetting the secret, or making it a plain value, does not turn the hiding off either', async () => {
    const { parameters, snapshots } = world.services;
    await parameters.set({ environment: 'prod', name: 'crmToken', value: TOKEN, type: 'secret' });
    await parameters.unset('prod', 'crmToken', true);
    await snapshots.run('prod');
    await assertNoToken(world);
    await parameters.set({ environment: 'prod', name: 'crmToken', value: TOKEN, type: 'secret' });
    await parameters.set({
      environment: 'prod',
      name: 'crmToken',
      value: 'not-a-secret-any-more',
      type: 'string',
    });
    await snapshots.run('prod');
    await assertNoToken(world);
  });
});
