import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { describe, it } from 'node:test';
import { trustFileSchema } from '../../../shared/model/trust';
import { APPROVAL_PREDICATE_TYPE, approvalStatementSchema } from '../../../shared/signing/approval-statement';
import { IN_TOTO_STATEMENT_TYPE, statementSchema } from '../../../shared/signing/in-toto-statement';
import { keyIdFromPem } from '../../../shared/signing/key-id';

const KEY_ID = 'a'.repeat(64);
const statement = {
  _type: IN_TOTO_STATEMENT_TYPE,
  subject: [{ name: 'changesets/raise-acw-1a2b3c.json', digest: { sha256: 'b'.repeat(64) } }],
  predicateType: APPROVAL_PREDICATE_TYPE,
  predicate: {
    changesetId: 'raise-acw-1a2b3c',
    decision: 'approved',
    comment: '',
    approvedAt: '2026-03-01T10:00:00.000Z',
    approver: { keyId: KEY_ID, owner: 'Bob' },
  },
};

describe('in-toto statements', () => {
  it('accepts a Ferry approval statement', () => {
    assert.equal(statementSchema.safeParse(statement).success, true);
    assert.equal(approvalStatementSchema.safeParse(statement).success, true);
  });

  it('rejects the wrong _type, predicateType, timestamps outside UTC and extra subjects', () => {
    const cases: Record<string, unknown> = {
      '_type v0.1': { ...statement, _type: 'https://in-toto.io/Statement/v0.1' },
      'another predicate': { ...statement, predicateType: 'https://slsa.dev/provenance/v1' },
      'offset timestamp': {
        ...statement,
        predicate: { ...statement.predicate, approvedAt: '2026-03-01T10:00:00+02:00' },
      },
      'two subjects': { ...statement, subject: [...statement.subject, ...statement.subject] },
      'upper-case digest': { ...statement, subject: [{ name: 'x', digest: { sha256: 'B'.repeat(64) } }] },
      'decision maybe': { ...statement, predicate: { ...statement.predicate, decision: 'maybe' } },
    };
    for (const [why, value] of Object.entries(cases)) {
      assert.equal(approvalStatementSchema.safeParse(value).success, false, why);
    }
    assert.equal(
      statementSchema.safeParse({ ...statement, predicateType: 'https://example.com/unversioned' }).success,
      false,
      'predicate types carry a version',
    );
  });
});

describe('trust.json schema', () => {
  const pem = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const entry = {
    keyId: keyIdFromPem(pem),
    algorithm: 'ed25519',
    publicKey: pem,
    owner: 'Bob',
    roles: ['approver'],
    environments: ['prod'],
  };

  it('accepts a key whose id matches its public key', () => {
    assert.equal(trustFileSchema.safeParse({ formatVersion: 1, keys: [entry] }).success, true);
  });

  it("rejects a key id that is not the public key's, duplicates and half a revocation", () => {
    const cases: Record<string, unknown> = {
      'edited key id': { formatVersion: 1, keys: [{ ...entry, keyId: KEY_ID }] },
      'the same key twice': { formatVersion: 1, keys: [entry, entry] },
      'revokedAt without a reason': {
        formatVersion: 1,
        keys: [{ ...entry, revokedAt: '2026-01-01T00:00:00Z' }],
      },
      'notAfter before notBefore': {
        formatVersion: 1,
        keys: [{ ...entry, notBefore: '2026-02-01T00:00:00Z', notAfter: '2026-01-01T00:00:00Z' }],
      },
      // admin is a role since the signed trust root (issue 11); a made-up one is still refused.
      'unknown role': { formatVersion: 1, keys: [{ ...entry, roles: ['superuser'] }] },
      'format 2': { formatVersion: 2, keys: [] },
    };
    for (const [why, value] of Object.entries(cases)) {
      assert.equal(trustFileSchema.safeParse(value).success, false, why);
    }
  });
});
