import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { originWords } from '../../../renderer/src/features/changesets/origin-words';

describe("a changeset's origin in the editor header", () => {
  it('reads a compare source → target, as the Compare page showed it', () => {
    // Stored side a (the target) first: the dev → uat compare of the walk.
    assert.equal(originWords('compare uat → dev'), 'the compare dev → uat (makes uat like dev)');
    assert.equal(
      originWords('compare prod → live:uat'),
      'the compare live:uat → prod (makes prod like live:uat)',
    );
  });

  it('keeps any other origin as it is', () => {
    assert.equal(originWords('drift uat'), 'drift uat');
    assert.equal(
      originWords('your copy of cs-1, kept when resolving a sync conflict'),
      'your copy of cs-1, kept when resolving a sync conflict',
    );
  });
});
