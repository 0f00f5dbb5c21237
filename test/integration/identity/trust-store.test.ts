import assert from 'node:assert/strict';
import { createHash, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { FerryError } from '../../../shared/api/api-error';
import { nativeGit } from '../../support/native-git';
import { teamWorkspace } from './identity-fixture';

async function rejectsWith(promise: Promise<unknown>, code: string, message: RegExp) {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof FerryError, String(error));
    assert.equal(error.code, code);
    assert.match(error.message, message);
    return true;
  });
}

function newKey() {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return {
    pem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    keyId: createHash('sha256').update(der).digest('hex'),
  };
}

/** The signed document of one trust root version, as stored in the workspace. */
async function rootVersion(workspace: string, version: number) {
  const envelope = JSON.parse(await readFile(join(workspace, 'trust', 'root', `${version}.json`), 'utf8'));
  return JSON.parse(Buffer.from(envelope.payload, 'base64').toString('utf8'));
}

describe('trust store', () => {
  it('adds a key under the id recomputed from the key, one commit per change', async () => {
    const { ada, workspace } = await teamWorkspace('ferry-trust-');
    const adaKey = await ada.identity.keys.init({ owner: 'Ada' });
    const key = newKey();
    // Different wrapping and CRLF line ends: the same key, so the same id and the same stored PEM.
    const body = key.pem.split('\n').slice(1, -2).join('');
    const rewrapped = `-----BEGIN PUBLIC KEY-----\r\n${body.match(/.{1,20}/g)?.join('\r\n')}\r\n-----END PUBLIC KEY-----\r\n`;
    const added = await ada.identity.trust.add(rewrapped, {
      owner: 'Bob',
      roles: ['approver'],
      environments: ['uat', 'prod'],
      notAfter: '2027-01-01T00:00:00.000Z',
    });
    assert.equal(added.key.keyId, key.keyId);
    assert.equal(added.key.publicKey, key.pem);
    // The first change made version 1 (Ada, this machine's key, as the only admin); Bob is version 2.
    assert.equal(added.version, 2);
    assert.equal(added.applied, true);
    assert.deepEqual(await ada.identity.trust.find(key.keyId), added.key);
    assert.deepEqual((await ada.identity.trust.find(adaKey.keyId))?.roles, [
      'admin',
      'author',
      'approver',
      'promoter',
    ]);
    assert.equal(await ada.identity.trust.find('f'.repeat(64)), null);
    assert.match(
      nativeGit(workspace, 'log', '-1', '--format=%s').trim(),
      /^trust 2: add Bob \([0-9a-f]{16}\) as approver for uat, prod \(applied by Ada\)$/,
    );
    assert.equal(nativeGit(workspace, 'status', '--porcelain'), '');

    const revoked = await ada.identity.trust.revoke(key.keyId, 'laptop stolen');
    assert.equal(revoked.key.revokedReason, 'laptop stolen');
    assert.equal(revoked.key.revokedAt, ada.services.workspace.now().toISOString());
    assert.match(
      nativeGit(workspace, 'log', '-1', '--format=%s').trim(),
      /^trust 3: revoke Bob .*: laptop stolen \(applied by Ada\)$/,
    );
    // Workspace, version 1, version 2 (add), version 3 (revoke).
    assert.equal(nativeGit(workspace, 'rev-list', '--count', 'HEAD').trim(), '4');
    const onDisk = await rootVersion(workspace, 3);
    assert.deepEqual(
      onDisk.keys.map((entry: { owner: string; revokedAt?: string }) => [
        entry.owner,
        entry.revokedAt !== undefined,
      ]),
      [
        ['Ada', false],
        ['Bob', true],
      ],
      'a revocation is kept, not a deletion',
    );

    await rejectsWith(
      ada.identity.trust.add(key.pem, { owner: 'Bob', roles: ['approver'] }),
      'trust.key-revoked',
      /cannot be trusted again/,
    );
    await rejectsWith(ada.identity.trust.revoke(key.keyId, 'again'), 'trust.key-revoked', /already revoked/);
    await rejectsWith(
      ada.identity.trust.revoke('e'.repeat(64), 'why'),
      'trust.key-not-found',
      /No trusted key/,
    );
  });

  it('refuses private keys, other algorithms, duplicates and bad options, writing nothing', async () => {
    const { ada, workspace } = await teamWorkspace('ferry-trust-');
    await ada.identity.keys.init({ owner: 'Ada' });
    const key = newKey();
    await assert.rejects(
      ada.identity.trust.add(key.privatePem, { owner: 'Bob', roles: ['approver'] }),
      (error: unknown) => {
        assert.ok(error instanceof FerryError);
        assert.equal(error.code, 'trust.key-invalid');
        assert.match(error.message, /PRIVATE key/);
        assert.equal(error.message.includes(key.privatePem.split('\n')[1] ?? '-'), false);
        return true;
      },
    );
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({
      type: 'spki',
      format: 'pem',
    });
    await rejectsWith(
      ada.identity.trust.add(rsa.toString(), { owner: 'Bob', roles: ['approver'] }),
      'trust.key-invalid',
      /rsa key/,
    );
    await rejectsWith(
      ada.identity.trust.add('garbage', { owner: 'Bob', roles: ['approver'] }),
      'trust.key-invalid',
      /not a public key/,
    );
    await rejectsWith(
      ada.identity.trust.add(key.pem, { owner: 'Bob', roles: [] }),
      'request.invalid',
      /roles/,
    );
    await rejectsWith(
      ada.identity.trust.add(key.pem, { owner: 'Bob', roles: ['approver'], environments: ['Prod!'] }),
      'request.invalid',
      /environments/,
    );
    assert.equal(nativeGit(workspace, 'rev-list', '--count', 'HEAD').trim(), '1', 'nothing was committed');
    await ada.identity.trust.add(key.pem, { owner: 'Bob', roles: ['approver'] });
    await rejectsWith(
      ada.identity.trust.add(key.pem, { owner: 'Bob', roles: ['approver'] }),
      'trust.key-exists',
      /already trusted/,
    );
    assert.equal(createPublicKey(key.pem).asymmetricKeyType, 'ed25519');
  });

  // Before issue 11 this test edited trust.json; that file is no longer read. A hand edit of a
  // signed version (another id for a key, a duplicate JSON key) now makes trust refuse as a whole.
  it('refuses a trust root version edited by hand to give a key another id, or with duplicate JSON keys, and ignores trust.json', async () => {
    const { ada, workspace } = await teamWorkspace('ferry-trust-');
    await ada.identity.keys.init({ owner: 'Ada' });
    const key = newKey();
    await ada.identity.trust.add(key.pem, { owner: 'Bob', roles: ['approver'] });
    const path = join(workspace, 'trust', 'root', '2.json');
    const text = await readFile(path, 'utf8');
    const envelope = JSON.parse(text);
    const payload = Buffer.from(envelope.payload, 'base64').toString('utf8');
    envelope.payload = Buffer.from(payload.replace(key.keyId, 'a'.repeat(64))).toString('base64');
    await writeFile(path, JSON.stringify(envelope));
    await rejectsWith(
      ada.identity.trust.list(),
      'trust.unverified',
      /trust\/root\/2\.json is not a trust root: keys\.1\.keyId does not match the public key.*It came from an uncommitted change/s,
    );
    await writeFile(path, text.replace('"payloadType"', '"payloadType": "x", "payloadType"'));
    await rejectsWith(ada.identity.trust.list(), 'trust.unverified', /"payloadType" appears twice/);

    // Put back, the signed root verifies again; a hand-made trust.json beside it grants nothing.
    await writeFile(path, text);
    const mallory = newKey();
    await writeFile(
      join(workspace, 'trust.json'),
      JSON.stringify({
        formatVersion: 1,
        keys: [
          {
            keyId: mallory.keyId,
            algorithm: 'ed25519',
            publicKey: mallory.pem,
            owner: 'Mallory',
            roles: ['admin', 'approver', 'promoter'],
            environments: [],
          },
        ],
      }),
    );
    assert.equal(await ada.identity.trust.find(mallory.keyId), null);
    assert.deepEqual(
      (await ada.identity.trust.list()).map((entry) => entry.owner),
      ['Ada', 'Bob'],
    );
  });
});
