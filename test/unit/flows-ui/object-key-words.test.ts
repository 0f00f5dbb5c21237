import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { flowTypeWords, objectKeyInWords } from '../../../shared/flows/object-key-words';

describe('keys as people read them', () => {
  it('reads a flow key as its name and its flow type in words', () => {
    assert.equal(objectKeyInWords('architect.flow', 'INBOUNDCALL/Main Menu'), 'Main Menu (inbound call)');
    assert.equal(objectKeyInWords('architect.flow', 'COMMONMODULE/Billing/EU'), 'Billing/EU (common module)');
    assert.equal(flowTypeWords('NEWKIND'), 'newkind');
  });

  it('leaves unscoped keys, malformed keys and unknown types as they are', () => {
    assert.equal(objectKeyInWords('routing.queue', 'Billing/EU'), 'Billing/EU');
    assert.equal(objectKeyInWords('architect.flow', 'no scope'), 'no scope');
    assert.equal(objectKeyInWords('no.such.type', 'INBOUNDCALL/X'), 'INBOUNDCALL/X');
  });
});
