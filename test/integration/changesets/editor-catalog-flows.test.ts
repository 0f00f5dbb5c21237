import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FerryServices } from '../../../electron/host/core/ferry-services';
import { sandboxWorkspace, type SandboxWorkspace } from '../../support/sandbox-workspace';

/**
 * The editor's catalog (`changesets.catalog`) for the flow fields of IVRs and emergency groups:
 * a snapshot holds no flows, so the catalog lists the flows uat's own objects refer to, per kind,
 * from uat's latest snapshot of the sandbox.
 */

let sandbox: SandboxWorkspace;
let services: FerryServices;

before(async () => {
  sandbox = await sandboxWorkspace({
    prefix: 'ferry-editor-catalog-flows-',
    author: { name: 'Ada Author', email: 'ada@example.test' },
    orgs: ['uat'],
  });
  ({ services } = sandbox);
});
after(() => sandbox.close());

describe('editor catalog: flows known from the target snapshot', () => {
  it('lists the inbound call flows uat’s IVRs and emergency groups use, apart from in-queue flows', async () => {
    const { keys } = await services.authoring.catalog('uat');
    const inbound = keys['architect.flow#INBOUNDCALL'] ?? [];
    for (const name of ['Closed Message', 'Emergency Closure', 'Holiday Message', 'Main IVR', 'Sales IVR']) {
      assert.ok(inbound.includes(name), `${name} in ${inbound.join(', ')}`);
    }
    assert.deepEqual(inbound, [...inbound].sort(), 'sorted');
    // Flows are managed since issue 18: the plain type lists the snapshot's keys, type and name.
    for (const name of inbound) assert.ok(keys['architect.flow']?.includes(`INBOUNDCALL/${name}`), name);
    // Other kinds stay apart: an email in-queue flow or an outbound flow cannot answer a number.
    assert.equal(inbound.includes('Email In-Queue'), false);
    assert.equal(inbound.includes('Callback Live Voice'), false);
    assert.ok(keys['architect.flow#INQUEUEEMAIL']?.includes('Email In-Queue'));
    // Names are unique per kind only: "Billing" is both uat's inbound flow and its in-queue flow.
    assert.ok(inbound.includes('Billing'));
    assert.ok(keys['architect.flow#INQUEUECALL']?.includes('Billing'));
    // Managed types still list the snapshot's own objects.
    assert.ok(keys['architect.ivr']?.includes('Main Line'));
    assert.ok(keys['architect.emergencygroup']?.includes('Sales Floor Closure'));
  });
});
