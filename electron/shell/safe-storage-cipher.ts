import { safeStorage } from 'electron';
import { FerryError } from '../../shared/api/api-error';
import type { CipherFactory } from '../services/vault/credential-vault';
import type { SecretCipher } from '../services/vault/secret-cipher';

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
      seal: (secret) => safeStorage.encryptString(secret),
      open: (sealed) => safeStorage.decryptString(sealed),
    };
    return cipher;
  };
}
