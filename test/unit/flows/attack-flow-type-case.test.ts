import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkCanonicalObject } from '../../../shared/changeset/canonical-schema';
import { normalizeCanonical } from '../../../shared/model/canonical/canonicalize';

/*
 * Attack (issue 18): a teammate writes a flow in a changeset with its type in lower case. Its key
 * is upper-cased (INBOUNDCALL/Main Menu) so it looks like the org's flow, but the body would
 * differ from the org's `INBOUNDCALL` on every plan and be sent to Genesys as `inboundcall`.
 */

const configuration = ['inboundCall:', '  name: Main Menu', ''].join('\n');

describe('attack: a flow type not spelled as the API does', () => {
  it('is an issue at the configuration, saying how to write it', () => {
    const issues = checkCanonicalObject('architect.flow', {
      name: 'Main Menu',
      type: 'inboundcall',
      configuration,
    });
    assert.equal(issues.length, 1, JSON.stringify(issues));
    assert.equal(issues[0]?.path, 'configuration');
    assert.match(issues[0]?.message ?? '', /write it as the API does: INBOUNDCALL/);
  });

  it('the API spelling passes, and status fields a teammate adds are dropped, never kept to write', () => {
    const body = {
      name: 'Main Menu',
      type: 'INBOUNDCALL',
      configuration,
      publishedVersion: { id: 'v-forged' },
      lockedUser: { id: 'u1', name: 'Someone' },
    };
    assert.deepEqual(checkCanonicalObject('architect.flow', body), []);
    const normalized = normalizeCanonical('architect.flow', body);
    assert.equal('publishedVersion' in normalized, false);
    assert.equal('lockedUser' in normalized, false);
  });
});
