import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { newObjectBody } from '../../../renderer/src/features/changesets/draft-model';

describe('the body of a new object', () => {
  it('fills both the flow type and the name from a scoped key', () => {
    assert.deepEqual(newObjectBody('architect.flow', 'INBOUNDCALL/Main Menu'), {
      type: 'INBOUNDCALL',
      name: 'Main Menu',
    });
  });

  it('keeps a slash after the scope in the name', () => {
    assert.deepEqual(newObjectBody('architect.flow', 'COMMONMODULE/Billing/EU'), {
      type: 'COMMONMODULE',
      name: 'Billing/EU',
    });
  });

  it('puts an unscoped key in the natural key field', () => {
    assert.deepEqual(newObjectBody('routing.queue', 'Support'), { name: 'Support' });
  });
});
