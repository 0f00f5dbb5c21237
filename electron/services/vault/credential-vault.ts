import { readFile } from 'node:fs/promises';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { FerryError } from '../../../shared/api/api-error';
import { writeFileAtomic } from '../fs/atomic-write';
import { PassphraseCipher } from './passphrase-cipher';
import type { SecretCipher } from './secret-cipher';

const VERIFIER = 'ferry-vault-v1';

const vaultFileSchema = z.object({
  formatVersion: z.literal(1),
  cipher: z.enum(['safe-storage', 'passphrase', 'plain-text']),
  salt: z.string(),
  verifier: z.string(),
  entries: z.record(z.string(), z.string()),
});
type VaultFile = z.infer<typeof vaultFileSchema>;

/** Builds the cipher for a vault's salt; null when this host cannot open a vault (no passphrase). */
export type CipherFactory = ((salt: Buffer) => SecretCipher) | null;

/**
 * Client secrets, sealed, in the app's data folder — never in the workspace, which is shared
 * through git. Values leave only through `reveal`, which only connectors call.
 */
export class CredentialVault {
  private cache: { file: VaultFile; cipher: SecretCipher } | null = null;
  /** Operations run one at a time: each reads, changes and rewrites the whole file. */
  private pending: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly path: string,
    private readonly cipherFactory: CipherFactory,
  ) {}

  get available(): boolean {
    return this.cipherFactory !== null;
  }

  async has(key: string): Promise<boolean> {
    if (!this.available) return false;
    const file = await this.readFile();
    return file !== null && Object.hasOwn(file.entries, key);
  }

  async reveal(key: string): Promise<string | null> {
    if (!this.available) return null;
    return this.serial(async () => {
      const vault = await this.load(false);
      const sealed = vault?.file.entries[key];
      return vault && sealed !== undefined ? vault.cipher.open(Buffer.from(sealed, 'base64')) : null;
    });
  }

  /** `acceptUnprotected` must be true when the host's cipher does not really protect the secret. */
  async store(key: string, secret: string, acceptUnprotected = false): Promise<void> {
    return this.serial(async () => {
      const vault = await this.load(true);
      if (!vault) throw locked();
      if (!vault.cipher.protects && !acceptUnprotected) {
        throw new FerryError(
          'vault.unprotected',
          'This system offers no secure storage (the secret would be kept as plain text). Confirm to store it anyway, or use an environment variable.',
        );
      }
      vault.file.entries[key] = vault.cipher.seal(secret).toString('base64');
      await this.write(vault.file);
    });
  }

  async remove(key: string): Promise<void> {
    return this.serial(async () => {
      const file = await this.readFile();
      if (!file || !Object.hasOwn(file.entries, key)) return;
      const { [key]: _removed, ...rest } = file.entries;
      void _removed;
      const next = { ...file, entries: rest };
      await this.write(next);
      if (this.cache) this.cache.file = next;
    });
  }

  /** Without this, two first operations each load their own copy and the last write drops the other's secret. */
  private serial<T>(operation: () => Promise<T>): Promise<T> {
    const result = this.pending.then(operation, operation);
    this.pending = result.catch(() => undefined);
    return result;
  }

  private async load(create: boolean): Promise<{ file: VaultFile; cipher: SecretCipher } | null> {
    if (this.cache) return this.cache;
    if (!this.cipherFactory) return null;
    const existing = await this.readFile();
    if (existing) {
      const cipher = this.cipherFactory(Buffer.from(existing.salt, 'base64'));
      if (cipher.open(Buffer.from(existing.verifier, 'base64')) !== VERIFIER) throw locked();
      this.cache = { file: existing, cipher };
      return this.cache;
    }
    if (!create) return null;
    const salt = PassphraseCipher.newSalt();
    const cipher = this.cipherFactory(salt);
    const file: VaultFile = {
      formatVersion: 1,
      cipher: cipher.kind,
      salt: salt.toString('base64'),
      verifier: cipher.seal(VERIFIER).toString('base64'),
      entries: {},
    };
    this.cache = { file, cipher };
    return this.cache;
  }

  private async readFile(): Promise<VaultFile | null> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as { code?: unknown }).code === 'ENOENT') return null;
      throw error;
    }
    try {
      return vaultFileSchema.parse(JSON.parse(text));
    } catch {
      throw new FerryError(
        'vault.corrupt',
        `The vault file ${this.path} is damaged; remove it and enter the secrets again`,
      );
    }
  }

  private async write(file: VaultFile): Promise<void> {
    await mkdir(dirname(this.path), { recursive: true });
    // Owner-only: even sealed, the vault is nobody else's business.
    await writeFileAtomic(this.path, `${JSON.stringify(file, null, 2)}\n`, 0o600);
  }
}

function locked(): FerryError {
  return new FerryError(
    'vault.locked',
    'No vault is available here: set FERRY_VAULT_PASSPHRASE, or give the secret as FERRY_CLIENT_SECRET_<ENV>',
  );
}
