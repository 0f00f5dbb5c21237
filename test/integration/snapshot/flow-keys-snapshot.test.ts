import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SnapshotStore } from '../../../electron/services/snapshot/snapshot-store';
import type { FerryServices } from '../../../electron/host/core/ferry-services';
import { fileNameToKey } from '../../../shared/model/canonical/file-name-codec';
import { sandboxWorkspace, type SandboxWorkspace } from '../../support/sandbox-workspace';

/**
 * Issue 18 (MODEL): flows in a real snapshot of the sandbox's uat are known by type and name,
 * their configurations carry names and no ids, status is reduced, and a changeset's flow that
 * uses a data table uat lacks is named by the check.
 */

let sandbox: SandboxWorkspace;
let services: FerryServices;
let dir: string;

before(async () => {
  sandbox = await sandboxWorkspace({
    prefix: 'ferry-flow-keys-',
    author: { name: 'Ada Author', email: 'ada@example.test' },
    orgs: ['uat'],
  });
  ({ services, dir } = sandbox);
});
after(() => sandbox.close());

describe('flows in a snapshot: scoped keys and canonical configurations', () => {
  it('keeps uat’s two flows "Billing" (inbound, in-queue) as two files, each named by its key', async () => {
    const files = await new SnapshotStore(dir).listFiles('uat');
    const keys = (files.get('architect.flow') ?? []).map((file) => fileNameToKey(file));
    assert.ok(keys.includes('INBOUNDCALL/Billing'), keys.join(', '));
    assert.ok(keys.includes('INQUEUECALL/Billing'), keys.join(', '));
    for (const file of files.get('architect.flow') ?? []) assert.ok(!file.includes('/'), file);
  });

  it('holds each configuration in canonical form: names, no ids; status reduced', async () => {
    const flow = await services.authoring.targetObject('uat', 'architect.flow', 'INBOUNDCALL/Billing');
    assert.ok(flow, 'the inbound Billing flow');
    assert.equal(flow.type, 'INBOUNDCALL');
    const text = String(flow.configuration);
    assert.match(text, /^inboundCall:\n/);
    assert.match(text, /lit:\n\s+name: /);
    assert.doesNotMatch(text, /^\s+id: /m);
    if (flow.publishedVersion !== undefined)
      assert.deepEqual(Object.keys(flow.publishedVersion as object), ['id']);
    assert.equal(flow.id, undefined);
  });

  it('a changeset flow that looks a data table up which uat lacks is an unresolved reference naming it', async () => {
    const configuration = [
      'inboundCall:',
      '  name: Ferry Test Menu',
      '  actions:',
      '    - dataTableLookup:',
      '        dataTable:',
      '          lit:',
      '            name: No Such Table',
      '',
    ].join('\n');
    const check = await services.authoring.check(
      {
        draft: {
          formatVersion: 1,
          id: 'flow-keys',
          title: 'A flow using a table uat lacks',
          author: 'Ada Author',
          createdAt: '2026-12-01T00:00:00.000Z',
          operations: [
            {
              op: 'create',
              type: 'architect.flow',
              key: 'INBOUNDCALL/Ferry Test Menu',
              body: { name: 'Ferry Test Menu', type: 'INBOUNDCALL', configuration },
            },
          ],
        },
      },
      'uat',
    );
    const finding = check.findings.find((item) => item.code === 'unresolved-reference');
    assert.ok(finding, JSON.stringify(check.findings));
    assert.match(finding.message, /No Such Table/);
    assert.match(finding.path, /configuration/);
  });
});
