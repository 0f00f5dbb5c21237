import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';
import { FerryError } from '../../../shared/api/api-error';
import type { SecretCipher } from './secret-cipher';

const SCRYPT = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * scrypt + AES-256-GCM for headless use (`FERRY_VAULT_PASSPHRASE`). Each sealed value is
 * `iv | tag | ciphertext`; the salt lives with the vault so the key can be derived again.
 */
export class PassphraseCipher implements SecretCipher {
  readonly kind = 'passphrase';
  readonly protects = true;
  private readonly key: Buffer;

  constructor(passphrase: string, salt: Buffer) {
    if (passphrase.length < 8) {
      throw new FerryError(
        'vault.passphrase-too-short',
        'The vault passphrase must have at least 8 characters',
      );
    }
    this.key = scryptSync(passphrase, salt, KEY_BYTES, SCRYPT);
  }

  static newSalt(): Buffer {
    return randomBytes(16);
  }

  seal(secret: string): Buffer {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const data = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), data]);
  }

  open(sealed: Buffer): string {
    if (sealed.byteLength < IV_BYTES + TAG_BYTES) throw wrongPassphrase();
    const decipher = createDecipheriv('aes-256-gcm', this.key, sealed.subarray(0, IV_BYTES));
    decipher.setAuthTag(sealed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    try {
      return Buffer.concat([
        decipher.update(sealed.subarray(IV_BYTES + TAG_BYTES)),
        decipher.final(),
      ]).toString('utf8');
    } catch {
      throw wrongPassphrase();
    }
  }
}

function wrongPassphrase(): FerryError {
  return new FerryError(
    'vault.wrong-passphrase',
    'The vault could not be opened: wrong passphrase or a damaged vault file',
  );
}
