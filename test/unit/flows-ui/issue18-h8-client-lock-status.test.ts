import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { statusSentence } from '../../../renderer/src/features/compare/flow-diff-model';

/*
 * Issue 18: a flow checked out by an OAuth client (Archy, CX as Code, a script: `lockedClient`, no
 * `lockedUser`) is shown in Compare like a person's checkout, naming the client.
 */
describe('a flow checked out by an OAuth client, in Compare (issue 18)', () => {
  it('says which client holds it, by name or id', () => {
    assert.equal(
      statusSentence([
        { name: 'dev', value: { lockedClient: { name: 'Archy CI' } } },
        { name: 'uat', value: { lockedClient: { id: '5a0d0000-f0e1-4000-8000-000000000002' } } },
      ]),
      'Checked out by OAuth client "Archy CI" in dev; checked out by OAuth client 5a0d0000-f0e1-4000-8000-000000000002 in uat',
    );
  });
});
