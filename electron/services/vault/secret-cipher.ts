import type { ScryptParams } from './scrypt-params';

/** How a host seals secrets: Electron's safeStorage in the app, a passphrase headless. */
export interface SecretCipher {
  readonly kind: 'safe-storage' | 'passphrase' | 'plain-text';
  /** False when the OS offers no real protection (Linux `basic_text`): the user must agree first. */
  readonly protects: boolean;
  /** The key derivation used, recorded in the vault file; absent when the OS holds the key. */
  readonly kdf?: ScryptParams;
  /**
   * `associatedData` is bound to the sealed value without being secret: `open` with other
   * associated data fails. Used to tie a client secret to where it may be sent.
   */
  seal(secret: string, associatedData?: Buffer): Buffer;
  open(sealed: Buffer, associatedData?: Buffer): string;
}
