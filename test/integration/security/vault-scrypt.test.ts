import assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { FerryError } from '../../../shared/api/api-error';
import { CredentialVault } from '../../../electron/services/vault/credential-vault';
import { headlessCipherFactory } from '../../../electron/services/vault/headless-cipher';
import { PassphraseCipher } from '../../../electron/services/vault/passphrase-cipher';
import { tempDir } from '../../support/temp-dir';

/**
 * Issue 11 point 7d: the passphrase vault derives its key with scrypt at N ≥ 2^17 and says so in
 * the file. A vault written before (N = 2^15, no parameters recorded) still opens, and is
 * resealed with the current parameters the next time it is written.
 */
const PASSPHRASE = 'correct horse battery staple';

interface VaultJson {
  formatVersion: number;
  salt: string;
  kdf?: { algorithm: string; N: number; r: number; p: number };
  entries: Record<string, unknown>;
}

function vault(path: string): CredentialVault {
  return new CredentialVault(path, headlessCipherFactory({ FERRY_VAULT_PASSPHRASE: PASSPHRASE }));
}

async function readVault(path: string): Promise<VaultJson> {
  return JSON.parse(await readFile(path, 'utf8')) as VaultJson;
}

describe('the passphrase vault’s scrypt cost', () => {
  it('records scrypt with N ≥ 2^17 in a new vault file, which opens again', async () => {
    const path = join(await tempDir('ferry-scrypt-'), 'vault.json');
    await vault(path).store('identity/signing-key', 'key-material');
    const file = await readVault(path);
    assert.equal(file.kdf?.algorithm, 'scrypt');
    assert.ok((file.kdf?.N ?? 0) >= 2 ** 17, `N is ${file.kdf?.N}`);
    assert.ok((file.kdf?.r ?? 0) >= 8);
    assert.equal(await vault(path).reveal('identity/signing-key'), 'key-material');
  });

  it('opens a vault written with the old parameters, and reseals it with the new ones on the next write', async () => {
    const folder = await tempDir('ferry-scrypt-old-');
    const path = join(folder, 'vault.json');
    // Exactly what Ferry wrote before issue 11: format 1, N = 2^15, no kdf field.
    const salt = PassphraseCipher.newSalt();
    const old = new PassphraseCipher(PASSPHRASE, salt, { N: 2 ** 15, r: 8, p: 1 });
    await mkdir(folder, { recursive: true });
    await writeFile(
      path,
      JSON.stringify({
        formatVersion: 1,
        cipher: 'passphrase',
        salt: salt.toString('base64'),
        verifier: old.seal('ferry-vault-v1').toString('base64'),
        entries: { 'identity/signing-key': old.seal('old-key-material').toString('base64') },
      }),
    );
    assert.equal(await vault(path).reveal('identity/signing-key'), 'old-key-material');

    await vault(path).store('another', 'new-value');
    const upgraded = await readVault(path);
    assert.ok((upgraded.kdf?.N ?? 0) >= 2 ** 17);
    assert.notEqual(upgraded.salt, salt.toString('base64'));
    const fresh = vault(path);
    assert.equal(await fresh.reveal('identity/signing-key'), 'old-key-material');
    assert.equal(await fresh.reveal('another'), 'new-value');
  });

  it('refuses a vault file asking for an absurd cost instead of deriving for minutes', async () => {
    const path = join(await tempDir('ferry-scrypt-absurd-'), 'vault.json');
    await vault(path).store('identity/signing-key', 'key-material');
    const file = await readVault(path);
    await writeFile(path, JSON.stringify({ ...file, kdf: { ...file.kdf, N: 2 ** 30 } }));
    await assert.rejects(vault(path).reveal('identity/signing-key'), (error: unknown) => {
      assert.ok(error instanceof FerryError);
      assert.equal(error.code, 'vault.corrupt');
      return true;
    });
  });
});
