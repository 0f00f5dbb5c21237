import { createCipheriv, createDecipheriv, createHash, randomBytes, scryptSync } from 'node:crypto';
import { FerryError } from '../../../shared/api/api-error';
import { CURRENT_SCRYPT, scryptMaxmem, type ScryptParams } from './scrypt-params';
import type { SecretCipher } from './secret-cipher';

const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const CACHED_KEYS = 8;

/**
 * Derived keys by (passphrase, salt, parameters), for this process only: a CLI run, the web host
 * or a test opens the same vault many times, and each scrypt at N = 2^17 costs 128 MiB and a few
 * hundred milliseconds. Keyed by a hash so the passphrase itself is not kept as a map key.
 */
const derivedKeys = new Map<string, Buffer>();

function deriveKey(passphrase: string, salt: Buffer, params: ScryptParams): Buffer {
  const id = createHash('sha256')
    .update(JSON.stringify([params.N, params.r, params.p, salt.toString('base64')]))
    .update('\u0000')
    .update(passphrase, 'utf8')
    .digest('hex');
  const cached = derivedKeys.get(id);
  if (cached) return cached;
  const key = scryptSync(passphrase, salt, KEY_BYTES, { ...params, maxmem: scryptMaxmem(params) });
  if (derivedKeys.size >= CACHED_KEYS) {
    const oldest = derivedKeys.keys().next().value;
    if (oldest !== undefined) derivedKeys.delete(oldest);
  }
  derivedKeys.set(id, key);
  return key;
}

/**
 * scrypt + AES-256-GCM for headless use (`FERRY_VAULT_PASSPHRASE`). Each sealed value is
 * `iv | tag | ciphertext`; the salt and the scrypt parameters live with the vault so the key can
 * be derived again.
 */
export class PassphraseCipher implements SecretCipher {
  readonly kind = 'passphrase';
  readonly protects = true;
  readonly kdf: ScryptParams;
  private readonly key: Buffer;

  constructor(passphrase: string, salt: Buffer, params: ScryptParams = CURRENT_SCRYPT) {
    if (passphrase.length < 8) {
      throw new FerryError(
        'vault.passphrase-too-short',
        'The vault passphrase must have at least 8 characters',
      );
    }
    this.kdf = { N: params.N, r: params.r, p: params.p };
    this.key = deriveKey(passphrase, salt, this.kdf);
  }

  static newSalt(): Buffer {
    return randomBytes(16);
  }

  seal(secret: string, associatedData?: Buffer): Buffer {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    if (associatedData) cipher.setAAD(associatedData);
    const data = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), data]);
  }

  open(sealed: Buffer, associatedData?: Buffer): string {
    if (sealed.byteLength < IV_BYTES + TAG_BYTES) throw wrongPassphrase();
    const decipher = createDecipheriv('aes-256-gcm', this.key, sealed.subarray(0, IV_BYTES));
    decipher.setAuthTag(sealed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    if (associatedData) decipher.setAAD(associatedData);
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
