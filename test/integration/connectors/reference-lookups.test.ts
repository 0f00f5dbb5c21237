import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startSandbox, type SandboxHandle } from '../../../electron/sandbox';
import type { Connector } from '../../../electron/services/connectors/connector';
import { REFERENCE_LOOKUPS } from '../../../electron/services/connectors/genesys/reference-lookups';
import { IdRegistry } from '../../../electron/services/references/id-registry';
import { resolveUnmanagedReferences } from '../../../electron/services/references/reference-resolution';
import {
  unmanagedReferenceTypeIds,
  type UnmanagedReferenceTypeId,
} from '../../../shared/model/object-types/object-type-definition';
import { connectTo } from './connector-test-support';

/**
 * Issue 12, point 1: objects Ferry does not manage are found in the target through the API, by
 * the key references name them by, with the list's own paging (offset or cursor) and name filter.
 * The sandbox pages by 2 here so every list spans pages.
 */

let sandbox: SandboxHandle;
before(async () => {
  sandbox = await startSandbox({ rateLimitPerMinute: 100_000, maxPageSize: 2 });
});
after(() => sandbox.close());

function connector(org: 'dev' | 'uat') {
  return connectTo(sandbox.url, sandbox.orgs[org], { pageSizes: { reference: 2 } });
}

describe('looking up objects Ferry does not manage', () => {
  it('finds every kind in both orgs under the same keys and different ids, across pages', async () => {
    const dev = connector('dev');
    const uat = connector('uat');
    // Each org also has its own Genesys-hosted email domain (`<org>.contoso.mypurecloud.com`).
    const ownDomain = (key: string) => key.includes('.contoso.mypurecloud.com');
    for (const type of unmanagedReferenceTypeIds) {
      const inDev = await dev.connector.findReferenced(type, null);
      const inUat = await uat.connector.findReferenced(type, null);
      assert.ok(inDev.length >= 2, `${type}: the sandbox seeds several`);
      const keys = (list: typeof inDev) => list.map((object) => `${object.kind ?? ''}/${object.key}`).sort();
      // dev may hold new work uat has not received yet (its "Video In-Queue" flow).
      const devKeys = new Set(keys(inDev));
      assert.deepEqual(
        keys(inUat).filter((key) => !devKeys.has(key) && !ownDomain(key)),
        [],
        type,
      );
      if (type === 'routing.emaildomain') continue; // a domain's id is its name, as in Genesys
      const devIds = new Set(inDev.map((object) => object.id));
      assert.ok(
        inUat.every((object) => !devIds.has(object.id)),
        `${type}: ids differ per org`,
      );
    }
    const cursorCalls = dev.calls.filter((call) => call.path === REFERENCE_LOOKUPS['directory.team'].path);
    assert.ok(cursorCalls.length >= 2, 'the team list was walked page by page');
    assert.ok(
      cursorCalls.some((call) => call.target.includes('after=')),
      'by its cursor',
    );
  });

  it("uses the API's name filter for one name and keeps only the exact key", async () => {
    const { connector: dev, calls } = connector('dev');
    const found = await dev.findReferenced('directory.team', ['Billing Team A']);
    assert.deepEqual(
      found.map((object) => object.key),
      ['Billing Team A'],
    );
    assert.ok(
      calls.some(
        (call) =>
          call.target.includes('name=Billing+Team+A') || call.target.includes('name=Billing%20Team%20A'),
      ),
    );
    assert.deepEqual(await dev.findReferenced('telephony.site', ['London']), [], 'a prefix is not a match');
  });

  it('names email routes by pattern and domain, and reads only the named domain', async () => {
    const { connector: dev, calls } = connector('dev');
    const [route, ...others] = await dev.findReferenced('routing.emailroute', [
      'billing@support.contoso.com',
    ]);
    assert.equal(route?.key, 'billing@support.contoso.com');
    assert.deepEqual(others, []);
    assert.ok(calls.every((call) => !call.path.includes('dev.contoso.mypurecloud.com')));
    const all = await dev.findReferenced('routing.emailroute', null);
    assert.ok(all.some((object) => object.key === 'billing@dev.contoso.mypurecloud.com'));
    assert.deepEqual(await dev.findReferenced('routing.emailroute', ['billing@no.such.domain']), []);
  });

  // Flows are managed since issue 18: they resolve from the target's own listing, by type and name.
  it('refuses to pick between two objects of one name', async () => {
    const { connector: uat } = connector('uat');
    // The sandbox's lists of these kinds are read-only and its seeded orgs hold no two objects of
    // one kind with one name; a connector that answers two stands in for such an org.
    // Teams, because directory groups are managed now and resolve from the target's own listing.
    const twoGroups: Connector = Object.create(uat) as Connector;
    twoGroups.findReferenced = async (type: UnmanagedReferenceTypeId) =>
      type === 'directory.team'
        ? [
            { id: 'g1', key: 'Twins' },
            { id: 'g2', key: 'Twins' },
          ]
        : [];
    const twins = new IdRegistry();
    await resolveUnmanagedReferences(twoGroups, twins, [
      {
        type: 'routing.queue',
        expected: { name: 'Q', memberGroups: [{ $ref: 'directory.team', name: 'Twins' }] },
      },
    ]);
    assert.equal(twins.idOf('directory.team', 'Twins'), undefined);
    assert.equal(twins.isAmbiguous('directory.team', 'Twins'), true);
  });
});
