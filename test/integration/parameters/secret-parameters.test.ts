import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { FerryError } from '../../../shared/api/api-error';
import type { JsonObject } from '../../../shared/model/canonical/json-value';
import type { Changeset } from '../../../shared/model/changeset';
import { DEMO_CLIENTS } from '../../../shared/sandbox/demo-clients';
import { createConnector } from '../../../electron/services/environments/connector-factory';
import type { SandboxWorkspace } from '../../support/sandbox-workspace';
import { assertNowhereInWorkspace, promotingWorkspace } from './parameters-test-support';
import { liveObjects } from '../promotion/promotion-test-support';

/**
 * A data table row holding an endpoint URL (a plain parameter) and an API token (a secret
 * parameter), promoted to the real sandbox. The token reaches the org and nothing Ferry writes
 * down: not the plan, the journal, the result, the post-run snapshot, nor any commit.
 */
const author = { name: 'Sam Secret', email: 'sam@example.test' };
const TOKEN = 'tok-9f8e7d6c5b4a-never-in-the-workspace';

describe('secret and URL parameters in a data table row (issue 15)', () => {
  let world: SandboxWorkspace;
  let input: Changeset;
  before(async () => {
    world = await promotingWorkspace({ prefix: 'ferry-secret-params-', author, orgs: ['uat', 'prod'] });
    const live = await liveObjects(world.services, 'prod', ['flows.datatable']);
    const flags = live.get('flows.datatable')?.get('IVR Feature Flags') as JsonObject;
    input = {
      formatVersion: 1,
      id: 'crm-endpoints',
      title: 'CRM endpoints per environment',
      description: '',
      ticket: '',
      author: author.name,
      createdAt: '2026-12-01T10:00:00.000Z',
      operations: [
        {
          op: 'create',
          type: 'flows.datatable',
          key: 'CRM Endpoints',
          body: {
            ...flags,
            name: 'CRM Endpoints',
            rows: [
              { key: 'crm-token', Enabled: true, Notes: { $param: 'crmToken' } },
              { key: 'crm-url', Enabled: true, Notes: { $param: 'crmUrl' } },
            ],
          },
        },
      ],
    };
    const { parameters } = world.services;
    await parameters.set({
      environment: 'uat',
      name: 'crmUrl',
      value: 'https://crm.uat.example.com/api',
      type: 'url',
    });
    await parameters.set({
      environment: 'prod',
      name: 'crmUrl',
      value: 'https://crm.example.com/api',
      type: 'url',
    });
    await parameters.set({ environment: 'uat', name: 'crmToken', value: 'placeholder', type: 'string' });
    await parameters.set({ environment: 'prod', name: 'crmToken', value: TOKEN, type: 'secret' });
  });
  after(() => world.close());

  it('a URL parameter must be a URL where it is set', async () => {
    await assert.rejects(
      world.services.parameters.set({ environment: 'prod', name: 'crmUrl', value: 'crm.example.com' }),
      (error: unknown) =>
        error instanceof FerryError && error.code === 'parameter.invalid' && /URL/.test(error.message),
    );
  });

  it('lists a secret by name only', async () => {
    const [view] = await world.services.parameters.list('prod');
    const token = view?.parameters.find((parameter) => parameter.name === 'crmToken');
    assert.deepEqual(
      { type: token?.type, hasValue: token?.hasValue, value: token?.value },
      {
        type: 'secret',
        hasValue: true,
        value: undefined,
      },
    );
    assert.ok(!JSON.stringify(view).includes(TOKEN));
  });

  it('promotes the row with each value, and records the secret by name only', async () => {
    const { engine } = world.services;
    const plan = await engine.plan(input, 'prod');
    assert.deepEqual(plan.secrets, ['crmToken']);
    assert.ok(!JSON.stringify(plan).includes(TOKEN), 'the plan holds the secret value');
    const sources = plan.values?.map((value) =>
      value.kind === 'parameter' ? [value.parameter, value.value ?? null] : [],
    );
    assert.deepEqual(sources, [
      ['crmToken', null],
      ['crmUrl', 'https://crm.example.com/api'],
    ]);
    const result = await engine.execute(plan);
    assert.equal(result.status, 'succeeded', JSON.stringify(result.verify));

    // The org holds the real values: read without Ferry's secret-hiding connector.
    const config = await world.services.environments.get('prod');
    const raw = createConnector(config, async () => DEMO_CLIENTS.prod.clientSecret);
    const table = (await raw.list('flows.datatable')).find((object) => object.name === 'CRM Endpoints');
    assert.ok(table);
    const rows = (await raw.request(
      'GET',
      `/api/v2/flows/datatables/${String(table.id)}/rows?showbrief=false`,
    )) as {
      entities: { key: string; Notes: string }[];
    };
    const notes = Object.fromEntries(rows.entities.map((row) => [row.key, row.Notes]));
    assert.deepEqual(notes, { 'crm-token': TOKEN, 'crm-url': 'https://crm.example.com/api' });

    // Nothing in the workspace, its history or the run records holds it.
    await assertNowhereInWorkspace(world.dir, TOKEN);
    // The post-run snapshot holds the marker where the org holds the value.
    const tables = join(world.dir, 'environments/prod/snapshot/flows.datatable');
    const file = (await readdir(tables)).find((name) => name.startsWith('CRM'));
    assert.ok(file);
    assert.match(await readFile(join(tables, file), 'utf8'), /"\$secret": "crmToken"/);
    // A snapshot rewrites the environment's folder and keeps its parameters.
    assert.match(await readFile(join(world.dir, 'environments/prod/parameters.json'), 'utf8'), /crmToken/);
  });

  it('a plan stops, naming the secret, on a machine that does not hold its value', async () => {
    await world.services.vault.remove(
      `${await world.services.workspace.workspaceKey()}/parameters/prod/crmToken`,
    );
    const second = { ...input, id: 'crm-endpoints-again' };
    await assert.rejects(world.services.engine.plan(second, 'prod'), (error: unknown) => {
      assert.ok(error instanceof FerryError);
      assert.equal(error.code, 'parameter.unresolved');
      assert.match(error.message, /crmToken/);
      assert.match(error.message, /vault/);
      return true;
    });
  });
});
