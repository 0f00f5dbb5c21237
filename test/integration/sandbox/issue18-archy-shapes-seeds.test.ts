import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEMO_CLIENTS, startSandbox } from '../../../electron/sandbox';
import { ORG_KEYS } from '../../../electron/sandbox/org-state';
import { seedOrg } from '../../../electron/sandbox/seed-orgs';
import { apiFor, findByName, login } from './sandbox-test-client';

/**
 * Issue 18: every seeded org has flows written in Archy's own reference shapes, as a real org's
 * export is — a menu transfer's `targetQueue`, a lookup's `dataTable: {<table>: …}`, a common
 * module call's `commonModule: {<module>: …}`, a data action call's `category` — and what they
 * name counts as used, so deleting it is refused with a 409 as for the dialect's shape.
 */
describe("seeded flows in Archy's own reference shapes (issue 18)", () => {
  it('each org has a targetQueue transfer, a data table lookup, a module call and a data action call by name', () => {
    for (const org of ORG_KEYS) {
      const state = seedOrg(org);
      const flow = (name: string, type: string) =>
        Object.values(state.flows).find((candidate) => candidate.name === name && candidate.type === type);
      const published = (name: string, type: string) => {
        const found = flow(name, type);
        return (
          found?.versions?.find((version) => version.id === found.publishedVersionId)?.configuration ?? ''
        );
      };
      const menu = published('Main Menu', 'INBOUNDCALL');
      assert.match(menu, /targetQueue:\n\s+lit:\n\s+id: \S+\n\s+name: Billing - Voice\n/, org);
      assert.match(menu, /commonModule:\n\s+Identify Caller:\n\s+ver_latestPublished:/, org);
      assert.match(published('Billing', 'INBOUNDCALL'), /dataTable:\n\s+Store Directory:\n/, org);
      assert.match(
        published('Customer Lookup', 'WORKFLOW'),
        /category:\n\s+CRM Web Services:\n\s+dataAction:\n\s+Get Account Balance:\n/,
        org,
      );
      const queueNames = (flow('Main Menu', 'INBOUNDCALL')?.queueIds ?? []).map(
        (id) => state.queues[id]?.name,
      );
      assert.ok(queueNames.includes('Billing - Voice'), `${org}: the targetQueue transfer counts as a use`);
      const tables = (flow('Billing', 'INBOUNDCALL')?.datatableIds ?? []).map(
        (id) => state.datatables[id]?.name,
      );
      assert.deepEqual(tables, ['Store Directory'], `${org}: the lookup by name counts as a use`);
    }
  });

  it('refuses to delete a data table a lookup names by key, naming the flow', async () => {
    const sandbox = await startSandbox();
    try {
      const api = apiFor(sandbox.url, await login(sandbox.url, DEMO_CLIENTS.dev));
      const table = await findByName(api, '/api/v2/flows/datatables', 'Store Directory');
      const refused = await api('DELETE', `/api/v2/flows/datatables/${table.id}`);
      assert.equal(refused.status, 409);
      assert.match(JSON.stringify(refused.body), /flow \\"Billing\\" \(INBOUNDCALL/);
    } finally {
      await sandbox.close();
    }
  });
});
