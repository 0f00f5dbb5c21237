import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { knownReferenceNames, scopedTargetType } from '../../../shared/changeset/known-reference-names';
import { ref, stateOf } from './changeset-fixture';

describe('knownReferenceNames', () => {
  const state = stateOf(
    [
      'architect.ivr',
      {
        name: 'Main Line',
        division: ref('authorization.division', 'Home'),
        openHoursFlow: ref('architect.flow', 'Main IVR'),
        closedHoursFlow: ref('architect.flow', 'Closed Message'),
        scheduleGroup: ref('architect.schedulegroup', 'Customer Service Hours'),
      },
    ],
    [
      'architect.emergencygroup',
      {
        name: 'Site Evacuation',
        emergencyCallFlows: [
          {
            emergencyFlow: ref('architect.flow', 'Emergency Closure'),
            ivrs: [ref('architect.ivr', 'Main Line')],
          },
          // Kept by id only: the source org could not name it, so it names nothing here.
          { emergencyFlow: { $ref: 'architect.flow', id: 'f00d' } },
          { emergencyFlow: { $param: 'closureFlow' } },
        ],
      },
    ],
    ['routing.queue', { name: 'Billing', queueFlow: ref('architect.flow', 'Billing In-Queue') }],
    // Flows are managed since issue 18: the snapshot holds them, known by type and name.
    ['architect.flow', { name: 'Main IVR', type: 'INBOUNDCALL' }],
    ['architect.flow', { name: 'Closed Message', type: 'INBOUNDCALL' }],
    ['architect.flow', { name: 'Emergency Closure', type: 'INBOUNDCALL' }],
    ['architect.flow', { name: 'Billing In-Queue', type: 'INQUEUECALL' }],
    ['architect.flow', { name: 'Billing', type: 'INQUEUECALL' }],
    ['architect.flow', { name: 'Billing', type: 'INBOUNDCALL' }],
  );

  it("lists the state's flows by name per flow type, two flows of one name apart", () => {
    const names = knownReferenceNames(state);
    assert.deepEqual(names['architect.flow#INBOUNDCALL'], [
      'Billing',
      'Closed Message',
      'Emergency Closure',
      'Main IVR',
    ]);
    assert.deepEqual(names['architect.flow#INQUEUECALL'], ['Billing', 'Billing In-Queue']);
    // Managed: the state's own keys are the catalog of the type itself.
    assert.equal(names['architect.flow'], undefined);
  });

  it('leaves managed types to the snapshot itself', () => {
    const names = knownReferenceNames(state);
    assert.equal(names['architect.ivr'], undefined);
    assert.equal(names['architect.schedulegroup'], undefined);
    assert.equal(names['authorization.division'], undefined);
  });

  it('scopes a field by kind only when it names one kind', () => {
    assert.equal(scopedTargetType({ targetType: 'architect.flow' }), 'architect.flow');
    assert.equal(
      scopedTargetType({ targetType: 'architect.flow', narrow: { field: 'type', values: ['inboundcall'] } }),
      'architect.flow#INBOUNDCALL',
    );
    assert.equal(
      scopedTargetType({ targetType: 'architect.flow', narrow: { field: 'type', values: ['A', 'B'] } }),
      'architect.flow',
    );
  });
});
