import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { missingDependencies } from '../../../shared/changeset/missing-dependencies';
import { referencesOf } from '../../../shared/changeset/object-references';
import { diffObjects } from '../../../shared/diff/diff-objects';
import { canonicalize, normalizeCanonical } from '../../../shared/model/canonical/canonicalize';
import { fileNameToKey, keyToFileName } from '../../../shared/model/canonical/file-name-codec';
import { materialize } from '../../../shared/model/canonical/materialize';
import { getObjectType } from '../../../shared/model/object-types/registry';
import { objectKeyOf } from '../../../shared/model/object-types/object-key';
import { objectCalls } from '../../../shared/promotion/engine/object-calls';
import { orderSteps } from '../../../shared/promotion/engine/step-order';
import { canonicalizeListing } from '../../../electron/services/snapshot/canonical-listing';

const flowType = getObjectType('architect.flow');

function configuration(type: string, name: string, body = ''): string {
  const key = { INBOUNDCALL: 'inboundCall', INQUEUECALL: 'inQueueCall', COMMONMODULE: 'commonModule' }[type];
  return `${key}:\n  name: ${name}\n${body}`;
}

const callsGreeting = [
  '  actions:',
  '    - callCommonModule:',
  '        flow:',
  '          lit:',
  '            name: Greeting',
  '            type: COMMONMODULE',
  '    - dataTableLookup:',
  '        dataTable:',
  '          lit:',
  '            name: Holidays',
  '',
].join('\n');

describe('flows: scoped keys, references in configurations, status fields', () => {
  it('a flow key round-trips through its snapshot file name', () => {
    const key = objectKeyOf(flowType, { name: 'Main Menu', type: 'INBOUNDCALL' });
    assert.equal(key, 'INBOUNDCALL/Main Menu');
    const file = keyToFileName(key ?? '');
    assert.ok(!file.includes('/'), file);
    assert.equal(fileNameToKey(file), 'INBOUNDCALL/Main Menu');
  });

  it('two flows "Billing" of different types coexist in one snapshot', () => {
    const flow = (id: string, type: string) => ({
      id,
      name: 'Billing',
      type,
      configuration: configuration(type, 'Billing'),
    });
    const listing = canonicalizeListing(
      'dev',
      new Map([['architect.flow', [flow('f1', 'INBOUNDCALL'), flow('f2', 'INQUEUECALL')]]]),
      {},
    );
    assert.deepEqual([...(listing.texts.get('architect.flow')?.keys() ?? [])].sort(), [
      'INBOUNDCALL/Billing',
      'INQUEUECALL/Billing',
    ]);
    assert.deepEqual(listing.ids['architect.flow'], {
      'INBOUNDCALL/Billing': 'f1',
      'INQUEUECALL/Billing': 'f2',
    });
  });

  it("a queue's in-queue flow is named by name and resolved by the flow type its field says", () => {
    const ids: Record<string, string> = { 'INQUEUECALL/Billing': 'uat-iq', 'INBOUNDCALL/Billing': 'uat-in' };
    const canonical = canonicalize(
      'routing.queue',
      { id: 'q', name: 'Billing', queueFlow: { id: 'dev-iq' } },
      (type, id) => (type === 'architect.flow' && id === 'dev-iq' ? 'INQUEUECALL/Billing' : undefined),
    );
    assert.deepEqual(canonical.value.queueFlow, { $ref: 'architect.flow', name: 'Billing' });
    assert.deepEqual(referencesOf('routing.queue', canonical.value), [
      { path: 'queueFlow', targetType: 'architect.flow', key: 'INQUEUECALL/Billing' },
    ]);
    const body = materialize('routing.queue', canonical.value, (type, key) =>
      type === 'architect.flow' ? ids[key] : undefined,
    ).body;
    assert.deepEqual(body.queueFlow, { id: 'uat-iq' });
  });

  it('status fields are kept reduced in a snapshot, never diffed, dropped from a changeset body and a write', () => {
    const canonical = canonicalize(
      'architect.flow',
      {
        id: 'f1',
        name: 'Main Menu',
        type: 'INBOUNDCALL',
        publishedVersion: { id: '7', name: '7.0', commitVersion: '7.0', selfUri: '/x' },
        lockedUser: { id: 'user-guid', name: 'Ada Admin', selfUri: '/u' },
        configuration: configuration('INBOUNDCALL', 'Main Menu'),
      },
      () => undefined,
    );
    assert.equal(canonical.key, 'INBOUNDCALL/Main Menu');
    assert.deepEqual(canonical.value.publishedVersion, { id: '7' });
    assert.deepEqual(canonical.value.lockedUser, { name: 'Ada Admin' });
    const other = { ...canonical.value, publishedVersion: { id: '9' }, lockedUser: { name: 'Bob' } };
    assert.deepEqual(diffObjects('architect.flow', canonical.value, other).changes, []);
    assert.equal(normalizeCanonical('architect.flow', other).publishedVersion, undefined);
    assert.equal(materialize('architect.flow', other, () => undefined).body.lockedUser, undefined);
  });

  it('references inside a configuration count: sub-flows before their callers, missing ones listed', () => {
    const caller = {
      name: 'Main Menu',
      type: 'INBOUNDCALL',
      configuration: configuration('INBOUNDCALL', 'Main Menu', callsGreeting),
    };
    const greeting = {
      name: 'Greeting',
      type: 'COMMONMODULE',
      configuration: configuration('COMMONMODULE', 'Greeting'),
    };
    assert.deepEqual(
      referencesOf('architect.flow', caller).map((reference) => [reference.targetType, reference.key]),
      [
        ['architect.flow', 'COMMONMODULE/Greeting'],
        ['flows.datatable', 'Holidays'],
      ],
    );
    const order = orderSteps([
      {
        action: 'create',
        type: 'architect.flow',
        key: 'INBOUNDCALL/Main Menu',
        current: null,
        expected: caller,
      },
      {
        action: 'create',
        type: 'architect.flow',
        key: 'COMMONMODULE/Greeting',
        current: null,
        expected: greeting,
      },
    ]);
    assert.deepEqual(order.order, [1, 0], 'the sub-flow first');
    const missing = missingDependencies(
      [{ op: 'create', type: 'architect.flow', key: 'INBOUNDCALL/Main Menu', body: caller }],
      () => false,
    );
    assert.deepEqual(
      missing.map((entry) => [entry.type, entry.key, entry.referencedBy[0]?.path]),
      [
        ['flows.datatable', 'Holidays', 'configuration: inboundCall.actions[1].dataTableLookup.dataTable'],
        [
          'architect.flow',
          'COMMONMODULE/Greeting',
          'configuration: inboundCall.actions[0].callCommonModule.flow',
        ],
      ],
    );
  });

  it('flows calling each other in a cycle are reported as cyclic', () => {
    const calls = (name: string, other: string) => ({
      name,
      type: 'COMMONMODULE',
      configuration: configuration(
        'COMMONMODULE',
        name,
        `  actions:\n    - callCommonModule:\n        flow:\n          lit:\n            name: ${other}\n            type: COMMONMODULE\n`,
      ),
    });
    const order = orderSteps([
      {
        action: 'create',
        type: 'architect.flow',
        key: 'COMMONMODULE/A',
        current: null,
        expected: calls('A', 'B'),
      },
      {
        action: 'create',
        type: 'architect.flow',
        key: 'COMMONMODULE/B',
        current: null,
        expected: calls('B', 'A'),
      },
    ]);
    assert.deepEqual([...order.cyclic].sort(), [0, 1]);
  });

  it('a flow whose data table the target lacks gets a blocked step naming it', () => {
    const desired = {
      name: 'Main Menu',
      type: 'INBOUNDCALL',
      configuration: configuration('INBOUNDCALL', 'Main Menu', callsGreeting),
    };
    const result = objectCalls({
      type: 'architect.flow',
      key: 'INBOUNDCALL/Main Menu',
      id: null,
      current: null,
      desired,
      resolveId: (type, key) =>
        type === 'architect.flow' && key === 'COMMONMODULE/Greeting' ? 'uat-g' : undefined,
      environment: 'uat',
    });
    assert.equal(result.kind, 'blocked');
    assert.match(
      result.kind === 'blocked' ? result.reason : '',
      /^flow INBOUNDCALL\/Main Menu refers to data table "Holidays", which uat does not have: /,
    );
  });
});

describe('flows: a reference whose field does not say the flow type', () => {
  it('resolves to the one flow of that name the target has, and to none when two have it', () => {
    const queue = {
      name: 'Chat',
      mediaSettings: {
        message: { inactivityTimeoutSettings: { flowId: { $ref: 'architect.flow', name: 'Timeout' } } },
      },
    };
    const one: Record<string, string> = { 'WORKFLOW/Timeout': 'uat-w' };
    const body = materialize('routing.queue', queue, (type, key) =>
      type === 'architect.flow' ? one[key] : undefined,
    );
    assert.deepEqual(body.unresolved, []);
    assert.equal(
      (body.body.mediaSettings as { message: { inactivityTimeoutSettings: { flowId: string } } }).message
        .inactivityTimeoutSettings.flowId,
      'uat-w',
    );
    const two: Record<string, string> = { 'WORKFLOW/Timeout': 'uat-w', 'INBOUNDCALL/Timeout': 'uat-i' };
    const ambiguous = materialize('routing.queue', queue, (type, key) =>
      type === 'architect.flow' ? two[key] : undefined,
    );
    assert.equal(ambiguous.unresolved.length, 1);
  });
});
