import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DEMO_CLIENTS, startSandbox } from '../../../electron/sandbox';
import { readFlowFile, resolveFileReference } from '../../../electron/sandbox/flow-file';
import { ORG_KEYS, type OrgState } from '../../../electron/sandbox/org-state';
import { seedOrg } from '../../../electron/sandbox/seed-orgs';
import { tempDir } from '../../support/temp-dir';
import { apiFor, login } from './sandbox-test-client';

/**
 * The seeded flows and integrations: every reference in every version names an object of the
 * same org by its id, what a flow uses follows from its published version, and an org saved
 * before issue 18 gets them seeded when it is loaded.
 */
describe('seeded flows and integrations', () => {
  it('writes configurations whose references all resolve in their own org, and derives uses from them', () => {
    for (const org of ORG_KEYS) {
      const state = seedOrg(org);
      for (const flow of Object.values(state.flows)) {
        assert.ok((flow.versions ?? []).length > 0, `${org} ${flow.name} has a version`);
        assert.ok(flow.publishedVersionId, `${org} ${flow.name} is published`);
        for (const version of flow.versions ?? []) {
          const read = readFlowFile(version.configuration);
          assert.ok('file' in read, `${org} ${flow.name} ${version.id} parses`);
          assert.equal(read.file.name, flow.name);
          assert.equal(read.file.type, flow.type);
          for (const reference of read.file.references) {
            const what = `${org} ${flow.name}: ${reference.key} ${reference.name ?? ''}`;
            // A name Archy writes as a key (a lookup's table, a call's module or action) has no id.
            if (reference.byName) {
              assert.notEqual(resolveFileReference(state, reference), null, `${what} resolves by name`);
              continue;
            }
            assert.ok(reference.id, `${what} carries an id`);
            assert.equal(resolveFileReference(state, reference), reference.id);
          }
        }
      }
      const byName = (name: string, type: string) =>
        Object.values(state.flows).find((flow) => flow.name === name && flow.type === type);
      const queueNames = (ids: readonly string[]) => ids.map((id) => state.queues[id]?.name).sort();
      assert.deepEqual(queueNames(byName('Billing', 'INBOUNDCALL')?.queueIds ?? []), ['Billing - Voice']);
      assert.deepEqual(
        (byName('Main IVR', 'INBOUNDCALL')?.datatableIds ?? []).map((id) => state.datatables[id]?.name),
        ['IVR Feature Flags'],
      );
      const menuQueues = queueNames(byName('Main Menu', 'INBOUNDCALL')?.queueIds ?? []);
      assert.equal(menuQueues.includes('Video Support - Voice'), org === 'dev');
    }
  });

  it('seeds the issue 18 records into an org saved before them', async () => {
    const dataDir = await tempDir('ferry-sandbox-flows-');
    const old = seedOrg('prod') as OrgState & Record<string, unknown>;
    delete old.integrations;
    delete old.integrationCredentials;
    delete old.dataActions;
    for (const flow of Object.values(old.flows)) {
      delete flow.versions;
      delete flow.publishedVersionId;
    }
    const mainMenu = Object.values(old.flows).find((flow) => flow.name === 'Main Menu');
    if (mainMenu) Reflect.deleteProperty(old.flows, mainMenu.id);
    await writeFile(join(dataDir, 'prod.json'), JSON.stringify(old));
    const sandbox = await startSandbox({ dataDir });
    try {
      const api = apiFor(sandbox.url, await login(sandbox.url, DEMO_CLIENTS.prod));
      const flows = await api<{ entities: { name: string; publishedVersion?: { id: string } }[] }>(
        'GET',
        '/api/v2/flows?pageSize=100&name=Main%20Menu',
      );
      assert.equal(flows.body.entities[0]?.publishedVersion?.id, '1.0');
      const actions = await api<{ total: number }>('GET', '/api/v2/integrations/actions');
      assert.equal(actions.body.total, 2);
    } finally {
      await sandbox.close();
    }
    const saved = JSON.parse(await readFile(join(dataDir, 'prod.json'), 'utf8')) as { integrations?: object };
    assert.ok(saved.integrations, 'the migrated org is written back');
  });

  it('adds generated, published flows for tests and benches that need many', async () => {
    const sandbox = await startSandbox();
    try {
      const started = performance.now();
      const ids = await sandbox.addGeneratedFlows('uat', 300);
      assert.ok(performance.now() - started < 2_000, 'quick enough for a bench set-up');
      assert.equal(new Set(ids).size, 300);
      const api = apiFor(sandbox.url, await login(sandbox.url, DEMO_CLIENTS.uat));
      const listed = await api<{
        total: number;
        entities: { name: string; publishedVersion?: { id: string } }[];
      }>('GET', '/api/v2/flows?pageSize=100&name=Generated%20Flow');
      assert.equal(listed.body.total, 300);
      assert.equal(listed.body.entities[0]?.name, 'Generated Flow 001');
      assert.equal(listed.body.entities[0]?.publishedVersion?.id, '1.0');
      const more = await sandbox.addGeneratedFlows('uat', 1);
      const next = await api<{ name: string }>('GET', `/api/v2/flows/${more[0] ?? ''}`);
      assert.equal(next.body.name, 'Generated Flow 301');
    } finally {
      await sandbox.close();
    }
  });
});
