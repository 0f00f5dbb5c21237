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
  );

  it('lists the flows the objects use, per type and per the kind the field names', () => {
    const names = knownReferenceNames(state);
    assert.deepEqual(names['architect.flow#INBOUNDCALL'], [
      'Closed Message',
      'Emergency Closure',
      'Main IVR',
    ]);
    assert.ok(names['architect.flow']?.includes('Billing In-Queue'));
    assert.equal(
      names['architect.flow#INBOUNDCALL']?.includes('Billing In-Queue'),
      false,
      'an in-queue flow',
    );
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
