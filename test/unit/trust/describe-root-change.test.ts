import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeRootChange } from '../../../shared/trust/describe-root-change';
import { securePolicy, type TrustRootDocument } from '../../../shared/trust/trust-root';

const key = (id: string, owner: string, roles: TrustRootDocument['keys'][number]['roles']) => ({
  keyId: id.repeat(64).slice(0, 64),
  algorithm: 'ed25519' as const,
  publicKey: 'pem',
  owner,
  roles,
  environments: [],
});

const base: TrustRootDocument = {
  _type: 'https://ferry.dev/trust-root/v1',
  version: 1,
  previous: null,
  createdAt: '2026-12-01T00:00:00.000Z',
  proposedBy: 'a'.repeat(64),
  summary: 'root',
  adminThreshold: 1,
  keys: [key('a', 'Ada', ['admin', 'approver'])],
  environments: { prod: { tier: 'prod', policy: securePolicy() } },
};

describe('what a trust-root proposal changes, from the documents', () => {
  it('names every key, role, threshold and policy change, whatever the summary claims', () => {
    const next: TrustRootDocument = {
      ...base,
      version: 2,
      summary: 'add Bob',
      adminThreshold: 2,
      keys: [
        key('a', 'Ada', ['admin', 'approver']),
        key('b', 'Bob', ['approver']),
        key('c', 'Mallory', ['admin']),
      ],
      environments: { prod: { tier: 'dev', policy: { ...securePolicy(), approvalsRequired: 0 } } },
    };
    const lines = describeRootChange(base, next);
    assert.ok(lines.some((line) => /^adds Bob .* as approver for all environments$/.test(line)));
    assert.ok(
      lines.some((line) => /^adds Mallory .* as admin/.test(line)),
      'the hidden admin is shown',
    );
    assert.ok(lines.includes('sets the admin threshold from 1 to 2'));
    assert.ok(lines.includes('changes prod: tier prod → dev; approvalsRequired 1 → 0'), lines.join('\n'));
  });

  it('says when a key is revoked or removed, and when nothing changes', () => {
    const revoked = {
      ...base,
      keys: [{ ...key('a', 'Ada', ['admin']), revokedAt: '2026-12-02T00:00:00.000Z', revokedReason: 'lost' }],
    };
    assert.match(
      describeRootChange({ ...base, keys: [key('a', 'Ada', ['admin'])] }, revoked)[0] ?? '',
      /^revokes Ada .*: lost$/,
    );
    assert.match(describeRootChange(base, { ...base, keys: [] }).join(), /removes Ada .*refuse this/);
    assert.deepEqual(describeRootChange(base, base), ['changes nothing']);
  });
});
