import { safeStorage } from 'electron';
import { z } from 'zod';
import { FerryError } from '../../../shared/api/api-error';
import type { CipherFactory } from '../../services/vault/credential-vault';
import type { SecretCipher } from '../../services/vault/secret-cipher';

/**
 * safeStorage has no associated data, so a bound value is sealed as a small envelope
 * `{ v, aad, secret }` and `open` checks the envelope's `aad` is exactly the one asked for. The
 * binding then sits under the same OS protection as the secret (keychain, DPAPI, libsecret).
 * An HMAC over the binding would need a key of its own, and that key would have to live in
 * safeStorage too: it would add no protection the envelope does not already have.
 * Values sealed without associated data (the verifier, the signing key) stay plain strings.
 */
const envelopeSchema = z.object({ v: z.literal(1), aad: z.string(), secret: z.string() }).strict();

function sealBound(secret: string, associatedData: Buffer): Buffer {
  return safeStorage.encryptString(JSON.stringify({ v: 1, aad: associatedData.toString('base64'), secret }));
}

function openBound(sealed: Buffer, associatedData: Buffer): string {
  const text = safeStorage.decryptString(sealed);
  let envelope: z.infer<typeof envelopeSchema>;
  try {
    envelope = envelopeSchema.parse(JSON.parse(text));
  } catch {
    throw mismatch();
  }
  if (envelope.aad !== associatedData.toString('base64')) throw mismatch();
  return envelope.secret;
}

function mismatch(): FerryError {
  return new FerryError('vault.binding-mismatch', 'The sealed value is bound to another destination');
}

/**
 * The OS keychain through Electron's safeStorage. On Linux without a keyring Electron falls back
 * to `basic_text`, which protects nothing: the cipher says so and the vault asks the user first.
 */
export function safeStorageCipherFactory(): CipherFactory {
  return () => {
    if (!safeStorage.isEncryptionAvailable()) {
      throw new FerryError('vault.unavailable', 'This system offers no way to encrypt secrets for Ferry');
    }
    const backend = process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : 'os';
    const cipher: SecretCipher = {
      kind: backend === 'basic_text' ? 'plain-text' : 'safe-storage',
      protects: backend !== 'basic_text',
      seal: (secret, associatedData) =>
        associatedData ? sealBound(secret, associatedData) : safeStorage.encryptString(secret),
      open: (sealed, associatedData) =>
        associatedData ? openBound(sealed, associatedData) : safeStorage.decryptString(sealed),
    };
    return cipher;
  };
}
