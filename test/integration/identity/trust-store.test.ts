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

describe('trust store', () => {
  it('adds a key under the id recomputed from the key, one commit per change', async () => {
    const { ada, workspace } = await teamWorkspace('ferry-trust-');
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
    assert.equal(added.keyId, key.keyId);
    assert.equal(added.publicKey, key.pem);
    assert.deepEqual(await ada.identity.trust.find(key.keyId), added);
    assert.equal(await ada.identity.trust.find('f'.repeat(64)), null);
    assert.match(
      nativeGit(workspace, 'log', '-1', '--format=%s').trim(),
      /^trust: add Bob \([0-9a-f]{16}\) as approver for uat, prod$/,
    );
    assert.equal(nativeGit(workspace, 'status', '--porcelain'), '');

    const revoked = await ada.identity.trust.revoke(key.keyId, 'laptop stolen');
    assert.equal(revoked.revokedReason, 'laptop stolen');
    assert.equal(revoked.revokedAt, ada.services.workspace.now().toISOString());
    assert.match(
      nativeGit(workspace, 'log', '-1', '--format=%s').trim(),
      /^trust: revoke Bob .*: laptop stolen$/,
    );
    assert.equal(nativeGit(workspace, 'rev-list', '--count', 'HEAD').trim(), '3');
    const onDisk = JSON.parse(await readFile(join(workspace, 'trust.json'), 'utf8'));
    assert.equal(onDisk.keys.length, 1, 'a revocation is kept, not a deletion');

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
      ada.identity.trust.add(key.pem, { owner: 'Bob', roles: ['author'] }),
      'trust.key-exists',
      /already trusted/,
    );
    assert.equal(createPublicKey(key.pem).asymmetricKeyType, 'ed25519');
  });

  it('refuses a trust.json edited by hand to give a key another id, or with duplicate JSON keys', async () => {
    const { ada, workspace } = await teamWorkspace('ferry-trust-');
    const key = newKey();
    await ada.identity.trust.add(key.pem, { owner: 'Bob', roles: ['approver'] });
    const path = join(workspace, 'trust.json');
    const text = await readFile(path, 'utf8');
    await writeFile(path, text.replace(key.keyId, 'a'.repeat(64)));
    await rejectsWith(
      ada.identity.trust.list(),
      'trust.invalid',
      /keys\[0\]\.keyId: does not match the public key/,
    );
    await writeFile(path, text.replace('"owner": "Bob"', '"owner": "Bob", "owner": "Mallory"'));
    await rejectsWith(ada.identity.trust.list(), 'trust.invalid', /"owner" appears twice/);
  });
});
