import assert from 'node:assert/strict';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { FerryError } from '../../../shared/api/api-error';
import { CredentialVault, type CipherFactory } from '../../../electron/services/vault/credential-vault';
import { headlessCipherFactory } from '../../../electron/services/vault/headless-cipher';
import { PassphraseCipher } from '../../../electron/services/vault/passphrase-cipher';
import type { SecretCipher } from '../../../electron/services/vault/secret-cipher';
import { tempDir } from '../../support/temp-dir';

const PASSPHRASE = 'correct horse battery staple';
const SECRET = 'gc-client-secret-Zq8x!7_kP2';

async function rejectsWithCode(promise: Promise<unknown>, code: string): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof FerryError, `expected a FerryError, got ${String(error)}`);
    assert.equal(error.code, code, error.message);
    return true;
  });
}

function throwsWithCode(run: () => unknown, code: string): void {
  assert.throws(run, (error: unknown) => {
    assert.ok(error instanceof FerryError, `expected a FerryError, got ${String(error)}`);
    assert.equal(error.code, code, error.message);
    return true;
  });
}

async function vaultPath(): Promise<string> {
  // A folder that does not exist yet, as on a first run.
  return join(await tempDir('ferry-vault-'), 'data', 'vault.json');
}

function passphraseVault(path: string, passphrase = PASSPHRASE): CredentialVault {
  return new CredentialVault(path, headlessCipherFactory({ FERRY_VAULT_PASSPHRASE: passphrase }));
}

/** Every form in which a leaked secret could show up in a file. */
function leakForms(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  return [
    secret,
    bytes.toString('base64'),
    bytes.toString('base64url'),
    bytes.toString('hex'),
    JSON.stringify(secret),
  ];
}

/** Keeps secrets readable (as Electron's `basic_text` backend does) and says so. */
const plainTextFactory: CipherFactory = (): SecretCipher => ({
  kind: 'plain-text',
  protects: false,
  seal: (secret) => Buffer.from(secret, 'utf8'),
  open: (sealed) => sealed.toString('utf8'),
});

describe('PassphraseCipher', () => {
  const salt = PassphraseCipher.newSalt();
  const cipher = new PassphraseCipher(PASSPHRASE, salt);

  it('seals and opens a secret, unicode included', () => {
    for (const secret of [SECRET, '', 'pässwörd ✓ 秘密', 'x'.repeat(4096)]) {
      assert.equal(cipher.open(cipher.seal(secret)), secret);
    }
  });

  it('seals the same secret differently each time (fresh IV) and never in clear', () => {
    const first = cipher.seal(SECRET);
    const second = cipher.seal(SECRET);
    assert.notDeepEqual(first, second);
    assert.ok(!first.includes(Buffer.from(SECRET)));
  });

  it('derives the same key from the same passphrase and salt', () => {
    const again = new PassphraseCipher(PASSPHRASE, salt);
    assert.equal(again.open(cipher.seal(SECRET)), SECRET);
  });

  it('refuses to open with another passphrase or another salt', () => {
    const sealed = cipher.seal(SECRET);
    throwsWithCode(
      () => new PassphraseCipher('not the passphrase', salt).open(sealed),
      'vault.wrong-passphrase',
    );
    throwsWithCode(
      () => new PassphraseCipher(PASSPHRASE, PassphraseCipher.newSalt()).open(sealed),
      'vault.wrong-passphrase',
    );
  });

  it('detects tampering and truncation', () => {
    const sealed = cipher.seal(SECRET);
    const tampered = Buffer.from(sealed);
    tampered[tampered.length - 1] = (tampered[tampered.length - 1] ?? 0) ^ 0x01;
    throwsWithCode(() => cipher.open(tampered), 'vault.wrong-passphrase');
    throwsWithCode(() => cipher.open(sealed.subarray(0, 10)), 'vault.wrong-passphrase');
    throwsWithCode(() => cipher.open(Buffer.alloc(0)), 'vault.wrong-passphrase');
  });

  it('refuses a passphrase shorter than 8 characters', () => {
    throwsWithCode(() => new PassphraseCipher('short', salt), 'vault.passphrase-too-short');
  });

  it('says it protects what it seals', () => {
    assert.equal(cipher.kind, 'passphrase');
    assert.equal(cipher.protects, true);
  });
});

describe('CredentialVault with a passphrase', () => {
  it('stores and reveals secrets, also for a fresh instance on the same file', async () => {
    const path = await vaultPath();
    const vault = passphraseVault(path);
    assert.equal(vault.available, true);
    assert.equal(await vault.has('ws/prod'), false);
    assert.equal(await vault.reveal('ws/prod'), null);
    await vault.store('ws/prod', SECRET);
    await vault.store('ws/uat', 'another-secret-value');
    assert.equal(await vault.reveal('ws/prod'), SECRET);
    assert.equal(await vault.has('ws/prod'), true);

    const reopened = passphraseVault(path);
    assert.equal(await reopened.reveal('ws/prod'), SECRET);
    assert.equal(await reopened.reveal('ws/uat'), 'another-secret-value');
    assert.equal(await reopened.reveal('ws/dev'), null);
  });

  it('keeps every secret when several are stored at once on a fresh vault', async () => {
    const path = await vaultPath();
    const vault = passphraseVault(path);
    const keys = ['ws/dev', 'ws/uat', 'ws/prod', 'other/prod'];
    await Promise.all(keys.map((key) => vault.store(key, `secret-for-${key}`)));
    await vault.remove('other/prod');
    const reopened = passphraseVault(path);
    for (const key of keys.slice(0, 3)) assert.equal(await reopened.reveal(key), `secret-for-${key}`, key);
    assert.equal(await reopened.reveal('other/prod'), null);
  });

  it('replaces a stored secret', async () => {
    const path = await vaultPath();
    await passphraseVault(path).store('ws/prod', 'old-secret-value');
    await passphraseVault(path).store('ws/prod', SECRET);
    assert.equal(await passphraseVault(path).reveal('ws/prod'), SECRET);
  });

  it('never writes a secret in clear, nor the passphrase', async () => {
    const path = await vaultPath();
    await passphraseVault(path).store('ws/prod', SECRET);
    const text = await readFile(path, 'utf8');
    for (const form of [...leakForms(SECRET), ...leakForms(PASSPHRASE)]) {
      assert.ok(!text.includes(form), `the vault file contains ${form}`);
    }
    const file = JSON.parse(text) as {
      formatVersion: number;
      cipher: string;
      entries: Record<string, string>;
    };
    // Version 2 (issue 11): records its scrypt parameters and may hold bound entries.
    assert.equal(file.formatVersion, 2);
    assert.equal(file.cipher, 'passphrase');
    assert.deepEqual(Object.keys(file.entries), ['ws/prod']);
    // No temp files left behind.
    assert.deepEqual(await readdir(join(path, '..')), ['vault.json']);
  });

  it('refuses the wrong passphrase with vault.wrong-passphrase and leaves the file as it was', async () => {
    const path = await vaultPath();
    await passphraseVault(path).store('ws/prod', SECRET);
    const before = await readFile(path, 'utf8');
    const wrong = passphraseVault(path, 'a different passphrase');
    await rejectsWithCode(wrong.reveal('ws/prod'), 'vault.wrong-passphrase');
    await rejectsWithCode(wrong.store('ws/uat', 'x-secret-value'), 'vault.wrong-passphrase');
    assert.equal(await readFile(path, 'utf8'), before);
    assert.equal(await passphraseVault(path).reveal('ws/prod'), SECRET);
  });

  it('removes a secret, and removing an unknown one is a no-op', async () => {
    const path = await vaultPath();
    const vault = passphraseVault(path);
    await vault.store('ws/prod', SECRET);
    await vault.store('ws/uat', 'another-secret-value');
    await vault.remove('ws/prod');
    await vault.remove('ws/never-stored');
    assert.equal(await vault.reveal('ws/prod'), null);
    assert.equal(await vault.has('ws/prod'), false);
    assert.equal(await passphraseVault(path).reveal('ws/prod'), null);
    assert.equal(await passphraseVault(path).reveal('ws/uat'), 'another-secret-value');
    // Still usable for new secrets after a removal.
    await vault.store('ws/dev', 'dev-secret-value');
    assert.equal(await passphraseVault(path).reveal('ws/dev'), 'dev-secret-value');
    assert.equal(await passphraseVault(path).reveal('ws/uat'), 'another-secret-value');
  });

  it('reports a damaged vault file as vault.corrupt without naming its content', async () => {
    const path = await vaultPath();
    await passphraseVault(path).store('ws/prod', SECRET);
    await writeFile(path, '{"formatVersion": 1, "entries": ');
    await rejectsWithCode(passphraseVault(path).reveal('ws/prod'), 'vault.corrupt');
  });

  it('refuses a passphrase that is too short when it is first used', async () => {
    const vault = passphraseVault(await vaultPath(), 'short');
    await rejectsWithCode(vault.store('ws/prod', SECRET), 'vault.passphrase-too-short');
  });
});

describe('CredentialVault without a passphrase', () => {
  it('is unavailable: store is vault.locked, reveal and has find nothing, no file is written', async () => {
    const path = await vaultPath();
    assert.equal(headlessCipherFactory({}), null);
    assert.equal(headlessCipherFactory({ FERRY_VAULT_PASSPHRASE: '' }), null);
    const vault = new CredentialVault(path, headlessCipherFactory({}));
    assert.equal(vault.available, false);
    await rejectsWithCode(vault.store('ws/prod', SECRET), 'vault.locked');
    assert.equal(await vault.reveal('ws/prod'), null);
    assert.equal(await vault.has('ws/prod'), false);
    await assert.rejects(readFile(path), { code: 'ENOENT' });
  });

  it('does not open a vault sealed with a passphrase', async () => {
    const path = await vaultPath();
    await passphraseVault(path).store('ws/prod', SECRET);
    const locked = new CredentialVault(path, headlessCipherFactory({}));
    assert.equal(await locked.reveal('ws/prod'), null);
    await rejectsWithCode(locked.store('ws/prod', 'replacement-secret'), 'vault.locked');
    assert.equal(await passphraseVault(path).reveal('ws/prod'), SECRET);
  });
});

describe('CredentialVault with a cipher that does not protect', () => {
  it('refuses to store without acceptUnprotected, and writes nothing', async () => {
    const path = await vaultPath();
    const vault = new CredentialVault(path, plainTextFactory);
    await rejectsWithCode(vault.store('ws/prod', SECRET), 'vault.unprotected');
    await assert.rejects(readFile(path), { code: 'ENOENT' });
    assert.equal(await vault.reveal('ws/prod'), null);
  });

  it('stores when the user accepts, and records that the file is not protected', async () => {
    const path = await vaultPath();
    const vault = new CredentialVault(path, plainTextFactory);
    await vault.store('ws/prod', SECRET, true);
    assert.equal(await new CredentialVault(path, plainTextFactory).reveal('ws/prod'), SECRET);
    const file = JSON.parse(await readFile(path, 'utf8')) as { cipher: string };
    assert.equal(file.cipher, 'plain-text');
    // Every later secret needs the same consent.
    await rejectsWithCode(vault.store('ws/uat', 'another-secret-value'), 'vault.unprotected');
  });
});
