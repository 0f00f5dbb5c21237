import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  EMERGENCY_FLOW_CATALOG,
  emergencyCallFlows,
  emergencyFlowName,
  entryIvrNames,
  entryProblems,
  isEnabled,
  ivrsInSeveralEntries,
  withEmergencyFlow,
  withEnabled,
  withEntryAdded,
  withEntryIvrs,
  withEntryRemoved,
} from '../../../renderer/src/features/changesets/forms/emergencygroup-form-model';
import { withReferenceToggled } from '../../../renderer/src/features/changesets/forms/reference-list';
import { checkCanonicalObject } from '../../../shared/changeset/canonical-schema';
import { frozenCopy } from './form-test-support';

const flow = (name: string) => ({ $ref: 'architect.flow', name });
const ivr = (name: string) => ({ $ref: 'architect.ivr', name });

// As a snapshot of the uat sandbox holds "Sales Floor Closure".
const group = frozenCopy({
  name: 'Sales Floor Closure',
  description: 'Sales floor unavailable',
  division: { $ref: 'authorization.division', name: 'Sales & Retention' },
  enabled: false,
  emergencyCallFlows: [{ emergencyFlow: flow('Emergency Closure'), ivrs: [ivr('Sales Line')] }],
});

describe('emergency group form model', () => {
  it('asks the catalog for inbound call flows only, as the type declares', () => {
    assert.equal(EMERGENCY_FLOW_CATALOG, 'architect.flow#INBOUNDCALL');
  });

  it('turns the group on and off, writing false rather than dropping the field', () => {
    assert.equal(isEnabled(group), false);
    const on = withEnabled(group, true);
    assert.equal(on.enabled, true);
    assert.equal(isEnabled(on), true);
    assert.equal(withEnabled(on, false).enabled, false);
    assert.equal(isEnabled({ name: 'x' }), false, 'a group that does not say is off');
    assert.deepEqual(checkCanonicalObject('architect.emergencygroup', on), []);
  });

  it('adds an entry, names its flow and IVRs by canonical reference, and removes it', () => {
    const added = withEntryAdded(group);
    assert.equal(emergencyCallFlows(added).length, 2);
    assert.deepEqual(entryProblems(added, 1).length, 2, 'no flow and no IVRs yet');
    const named = withEmergencyFlow(added, 1, 'Closed Message');
    assert.deepEqual(named.emergencyCallFlows, [
      { emergencyFlow: flow('Emergency Closure'), ivrs: [ivr('Sales Line')] },
      { emergencyFlow: flow('Closed Message') },
    ]);
    assert.equal(emergencyFlowName(named, 1), 'Closed Message');
    const picked = withEntryIvrs(
      named,
      1,
      withReferenceToggled(
        withReferenceToggled(undefined, 'architect.ivr', 'Main Line', true),
        'architect.ivr',
        'Billing Line',
        true,
      ),
    );
    assert.deepEqual(entryIvrNames(picked, 1), ['Billing Line', 'Main Line'], 'sorted by name');
    assert.deepEqual(entryProblems(picked, 1), []);
    assert.deepEqual(checkCanonicalObject('architect.emergencygroup', picked), []);
    assert.deepEqual(withEntryRemoved(picked, 1), group);
  });

  it('clears a flow and an emptied IVR list instead of leaving placeholders', () => {
    const cleared = withEntryIvrs(withEmergencyFlow(group, 0, undefined), 0, []);
    assert.deepEqual(cleared.emergencyCallFlows, [{}]);
    assert.equal(entryProblems(cleared, 0).length, 2);
    assert.match(entryProblems(cleared, 0)[0] ?? '', /flow that answers/);
  });

  it('removing the last entry removes the list', () => {
    assert.equal(Object.hasOwn(withEntryRemoved(group, 0), 'emergencyCallFlows'), false);
  });

  it('points out an IVR two entries both name', () => {
    const twice = withEntryIvrs(withEmergencyFlow(withEntryAdded(group), 1, 'Closed Message'), 1, [
      ivr('Sales Line'),
    ]);
    assert.deepEqual(ivrsInSeveralEntries(twice), ['Sales Line']);
    assert.deepEqual(ivrsInSeveralEntries(group), []);
  });
});
