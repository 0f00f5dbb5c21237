import assert from 'node:assert/strict';
import { createPublicKey, generateKeyPairSync, verify } from 'node:crypto';
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { FerryError } from '../../../shared/api/api-error';
import { KeyService, SIGNING_KEY_VAULT_ENTRY } from '../../../electron/services/identity/key-service';
import { identityFilePath } from '../../../electron/services/identity/identity-services';
import { CredentialVault } from '../../../electron/services/vault/credential-vault';
import { headlessCipherFactory } from '../../../electron/services/vault/headless-cipher';
import { PASSPHRASE, teamWorkspace } from './identity-fixture';

async function rejectsWith(promise: Promise<unknown>, code: string, message: RegExp) {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof FerryError, String(error));
    assert.equal(error.code, code);
    assert.match(error.message, message);
    return true;
  });
}

describe('signing key', () => {
  it('seals the private key in the vault and keeps only the public identity in the data folder', async () => {
    const { ada, workspace } = await teamWorkspace('ferry-key-');
    const identity = await ada.identity.keys.init({ owner: 'Ada Lovelace' });
    assert.equal(identity.restored, false);
    assert.match(identity.keyId, /^[0-9a-f]{64}$/);
    assert.match(identity.publicKey, /^-----BEGIN PUBLIC KEY-----\n/);
    assert.equal(await ada.identity.keys.keyId(), identity.keyId);
    assert.equal(await ada.identity.keys.publicKeyPem(), identity.publicKey);

    const vaultText = await readFile(join(ada.dataDir, 'vault.json'), 'utf8');
    const privatePem = (await ada.services.vault.reveal(SIGNING_KEY_VAULT_ENTRY)) ?? '';
    assert.ok(privatePem.includes('BEGIN PRIVATE KEY'), 'the vault opens to a PKCS#8 PEM');
    const privateBody = privatePem.split('\n')[1] ?? '';
    assert.ok(privateBody.length > 20);
    assert.equal(vaultText.includes('PRIVATE KEY'), false, 'no PEM in clear in the vault file');
    assert.equal(vaultText.includes(privateBody), false, 'no key material in clear in the vault file');
    assert.ok(
      JSON.parse(vaultText).entries[SIGNING_KEY_VAULT_ENTRY],
      'the entry is sealed under signing-key',
    );

    const identityText = await readFile(identityFilePath(ada.dataDir), 'utf8');
    assert.equal(identityText.includes('PRIVATE'), false);
    assert.deepEqual(
      (await readdir(workspace)).sort(),
      ['.git', 'ferry.json'],
      'nothing lands in the workspace',
    );

    const data = new TextEncoder().encode('sign me');
    const signature = await ada.identity.keys.sign(data);
    assert.ok(verify(null, data, createPublicKey(identity.publicKey), signature));
  });

  it('refuses a second key, and restores the identity from the vault when only the file was lost', async () => {
    const { ada } = await teamWorkspace('ferry-key-');
    const first = await ada.identity.keys.init({ owner: 'Ada' });
    await rejectsWith(ada.identity.keys.init({ owner: 'Ada' }), 'key.exists', /already has a signing key/);
    await rm(identityFilePath(ada.dataDir));
    const again = await ada.identity.keys.init({ owner: 'Ada L.' });
    assert.equal(again.restored, true);
    assert.equal(again.keyId, first.keyId, 'the sealed key is kept, not replaced');
    assert.equal(again.owner, 'Ada L.');
  });

  it('explains what is missing without ever showing the key', async () => {
    const { ada, root } = await teamWorkspace('ferry-key-');
    await rejectsWith(ada.identity.keys.keyId(), 'key.none', /ferry key init/);
    await rejectsWith(ada.identity.keys.init({ owner: '  ' }), 'request.invalid', /owner/);
    const identity = await ada.identity.keys.init({ owner: 'Ada' });
    const privatePem = (await ada.services.vault.reveal(SIGNING_KEY_VAULT_ENTRY)) ?? '';

    const locked = new KeyService({
      vault: new CredentialVault(join(ada.dataDir, 'vault.json'), headlessCipherFactory({})),
      identityFile: identityFilePath(ada.dataDir),
    });
    await rejectsWith(locked.sign(new Uint8Array([1])), 'vault.locked', /FERRY_VAULT_PASSPHRASE/);
    assert.equal(await locked.keyId(), identity.keyId, 'the public identity needs no passphrase');

    const otherVault = new CredentialVault(
      join(root, 'other-vault.json'),
      headlessCipherFactory({ FERRY_VAULT_PASSPHRASE: PASSPHRASE }),
    );
    await otherVault.store(SIGNING_KEY_VAULT_ENTRY, 'not a key at all');
    const damaged = new KeyService({ vault: otherVault, identityFile: identityFilePath(ada.dataDir) });
    await assert.rejects(damaged.sign(new Uint8Array([1])), (error: unknown) => {
      assert.ok(error instanceof FerryError);
      assert.equal(error.code, 'key.damaged');
      assert.equal(error.message.includes('not a key at all'), false, 'the sealed text is not echoed');
      assert.equal(error.message.includes(privatePem.split('\n')[1] ?? '-'), false);
      return true;
    });

    const foreign = generateKeyPairSync('ed25519')
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    await otherVault.store(SIGNING_KEY_VAULT_ENTRY, foreign);
    await rejectsWith(damaged.sign(new Uint8Array([1])), 'key.mismatch', /different signing key/);
  });
});
