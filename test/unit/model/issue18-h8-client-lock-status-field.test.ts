import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { reduceStatusFields, withoutStatusFields } from '../../../shared/model/canonical/status-fields';
import { flowType } from '../../../shared/model/object-types/architect-flow';
import { lockedBy } from '../../../shared/promotion/engine/flow-calls';

/*
 * Issue 18: `lockedClient` (a checkout by an OAuth client: Archy, CX as Code, a script) is a
 * status field of a flow, kept like `lockedUser`: by the client's name, by its id when the org
 * gives none; never compared or written; and a plan reads it as a holder in its own words.
 */
describe('a flow’s lockedClient as a status field (issue 18)', () => {
  it('is kept by name, else by id, and left out of what is compared', () => {
    const named = {
      name: 'Main',
      lockedClient: { id: 'c1', name: 'Archy CI', selfUri: '/api/v2/oauth/clients/c1' },
    };
    reduceStatusFields(named, flowType);
    assert.deepEqual(named.lockedClient, { name: 'Archy CI' });
    const unnamed = { name: 'Main', lockedClient: { id: 'c1', selfUri: '/api/v2/oauth/clients/c1' } };
    reduceStatusFields(unnamed, flowType);
    assert.deepEqual(unnamed.lockedClient, { id: 'c1' });
    assert.deepEqual(withoutStatusFields(unnamed, flowType), { name: 'Main' });
  });

  it('is a holder a plan names', () => {
    assert.equal(lockedBy({ lockedClient: { name: 'Archy CI' } }), 'the OAuth client "Archy CI"');
    assert.equal(lockedBy({ lockedClient: { id: 'c1' } }), 'the OAuth client with id c1');
    assert.equal(lockedBy({ lockedUser: { name: 'Ana' }, lockedClient: { id: 'c1' } }), 'Ana');
    assert.equal(lockedBy({}), null);
  });
});
