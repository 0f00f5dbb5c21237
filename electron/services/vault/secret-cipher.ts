/** How a host seals secrets: Electron's safeStorage in the app, a passphrase headless. */
export interface SecretCipher {
  readonly kind: 'safe-storage' | 'passphrase' | 'plain-text';
  /** False when the OS offers no real protection (Linux `basic_text`): the user must agree first. */
  readonly protects: boolean;
  seal(secret: string): Buffer;
  open(sealed: Buffer): string;
}
