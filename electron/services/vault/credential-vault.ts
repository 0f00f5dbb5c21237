import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { FerryError } from '../../../shared/api/api-error';
import { parseStrictJson } from '../../../shared/signing/strict-json';
import { writeFileAtomic } from '../fs/atomic-write';
import { PassphraseCipher } from './passphrase-cipher';
import { LEGACY_SCRYPT, scryptParamsSchema, weakerThanCurrent, type ScryptParams } from './scrypt-params';
import type { SecretCipher } from './secret-cipher';
import { bindingAssociatedData, bindingSchema, type Binding } from './vault-binding';

const VERIFIER = 'ferry-vault-v1';

/** A value sealed together with where it may be used (`boundTo`, the AES-GCM associated data). */
const boundEntrySchema = z.object({ sealed: z.string(), boundTo: bindingSchema }).strict();

const vaultFileSchema = z.object({
  formatVersion: z.union([z.literal(1), z.literal(2)]),
  cipher: z.enum(['safe-storage', 'passphrase', 'plain-text']),
  salt: z.string(),
  /** Absent in files written before issue 11: those used LEGACY_SCRYPT. */
  kdf: scryptParamsSchema.optional(),
  verifier: z.string(),
  entries: z.record(z.string(), z.union([z.string(), boundEntrySchema])),
});
type VaultFile = z.infer<typeof vaultFileSchema>;

/** Builds the cipher for a vault's salt (and, for a passphrase, its scrypt parameters); null when this host cannot open a vault. */
export type CipherFactory = ((salt: Buffer, kdf?: ScryptParams) => SecretCipher) | null;

/** A new vault's passphrase at the least; an existing one opens with whatever it was made with. */
const MIN_NEW_PASSPHRASE = 8;

export interface VaultStatus {
  /** Secrets can be stored and read now. */
  unlocked: boolean;
  /** A vault file exists in the data folder. */
  exists: boolean;
  sealedWith: 'safe-storage' | 'passphrase' | 'plain-text' | null;
  /** A passphrase typed in now would unlock it for this session. */
  canUnlock: boolean;
}

/** What a bound entry gives back: the secret only when it is still bound to the same place. */
export type BoundSecret =
  | { status: 'ok'; secret: string }
  | { status: 'missing' }
  /** Stored without a binding (an older Ferry): nothing says where it may go. */
  | { status: 'unbound' }
  /** Stored for another place; `boundTo` is where (never secret). */
  | { status: 'changed'; boundTo: Binding }
  /** The recorded binding matches but the sealed value does not open with it: the file was altered. */
  | { status: 'tampered' };

/**
 * Client secrets, sealed, in the app's data folder — never in the workspace, which is shared
 * through git. Values leave only through `reveal`/`revealBound`, which only connectors call.
 */
export class CredentialVault {
  private cache: { file: VaultFile; cipher: SecretCipher } | null = null;
  /** Operations run one at a time: each reads, changes and rewrites the whole file. */
  private pending: Promise<unknown> = Promise.resolve();

  private cipherFactory: CipherFactory;

  constructor(
    private readonly path: string,
    cipherFactory: CipherFactory,
    /**
     * Whether a person may unlock the vault for this session with its passphrase (the browser
     * bridge, where the page asks for it): only when the host has no cipher of its own.
     */
    private readonly sessionUnlock = false,
  ) {
    this.cipherFactory = cipherFactory;
  }

  get available(): boolean {
    return this.cipherFactory !== null;
  }

  /** What a person needs to know to unlock or set up the vault; never anything secret. */
  async status(): Promise<VaultStatus> {
    const file = await this.readFile();
    return {
      unlocked: this.available,
      exists: file !== null,
      sealedWith: file?.cipher ?? null,
      canUnlock: !this.available && this.sessionUnlock,
    };
  }

  /**
   * Opens the vault for this session with its passphrase, kept in memory only. A vault that exists
   * must open with it (its verifier); a new one is made on the first secret stored, sealed with it.
   */
  async unlock(passphrase: string): Promise<VaultStatus> {
    return this.serial(async () => {
      if (this.available) return this.status();
      if (!this.sessionUnlock) {
        throw new FerryError(
          'vault.unavailable',
          'This vault is opened by the system (or by FERRY_VAULT_PASSPHRASE), not by a passphrase typed in',
        );
      }
      const existing = await this.readFile();
      if (existing === null && passphrase.length < MIN_NEW_PASSPHRASE) {
        throw new FerryError(
          'vault.passphrase-weak',
          `Choose a passphrase of at least ${MIN_NEW_PASSPHRASE} characters: it protects your signing key and client secrets`,
        );
      }
      if (existing !== null && existing.cipher !== 'passphrase') {
        throw new FerryError(
          'vault.unavailable',
          `The vault in this data folder was sealed by ${existing.cipher === 'safe-storage' ? "the system's secure storage (the desktop app)" : 'another method'}; open it there`,
        );
      }
      const factory: CipherFactory = (salt, kdf) => new PassphraseCipher(passphrase, salt, kdf);
      if (existing !== null) {
        const kdf = existing.kdf ?? LEGACY_SCRYPT;
        const cipher = factory(Buffer.from(existing.salt, 'base64'), { N: kdf.N, r: kdf.r, p: kdf.p });
        let opened: string | null;
        try {
          opened = cipher.open(Buffer.from(existing.verifier, 'base64'));
        } catch {
          // AES-GCM refuses to open under another key: a wrong passphrase.
          opened = null;
        }
        if (opened !== VERIFIER) {
          throw new FerryError('vault.wrong-passphrase', "That is not the vault's passphrase; try again");
        }
        this.cache = { file: existing, cipher };
      }
      this.cipherFactory = factory;
      return this.status();
    });
  }

  async has(key: string): Promise<boolean> {
    if (!this.available) return false;
    const file = await this.readFile();
    return file !== null && Object.hasOwn(file.entries, key);
  }

  /**
   * Where the entry under `key` is bound to, read without opening anything: 'unbound' for an
   * entry stored without a binding, null when there is no entry.
   */
  async binding(key: string): Promise<Binding | 'unbound' | null> {
    const file = await this.readFile();
    if (!file || !Object.hasOwn(file.entries, key)) return null;
    const entry = file.entries[key];
    return typeof entry === 'object' ? entry.boundTo : 'unbound';
  }

  /** The keys of the entries whose key starts with `prefix`, read without opening anything. */
  async keysStartingWith(prefix: string): Promise<string[]> {
    const file = await this.readFile();
    return file === null ? [] : Object.keys(file.entries).filter((key) => key.startsWith(prefix));
  }

  /** An unbound entry (the signing key). A bound entry is only ever opened by `revealBound`. */
  async reveal(key: string): Promise<string | null> {
    if (!this.available) return null;
    return this.serial(async () => {
      const vault = await this.load(false);
      if (!vault || !Object.hasOwn(vault.file.entries, key)) return null;
      const entry = vault.file.entries[key];
      if (typeof entry !== 'string') {
        throw new FerryError(
          'internal',
          `The vault entry ${key} is bound to a destination; open it with its binding`,
        );
      }
      return vault.cipher.open(Buffer.from(entry, 'base64'));
    });
  }

  /** Opens the entry only when it was stored for exactly `binding` (compared, then checked by AES-GCM). */
  async revealBound(key: string, binding: Binding): Promise<BoundSecret> {
    if (!this.available) return { status: 'missing' };
    return this.serial(async () => {
      const vault = await this.load(false);
      if (!vault || !Object.hasOwn(vault.file.entries, key)) return { status: 'missing' };
      const entry = vault.file.entries[key];
      if (entry === undefined) return { status: 'missing' };
      if (typeof entry === 'string') return { status: 'unbound' };
      if (!sameBinding(entry.boundTo, binding)) return { status: 'changed', boundTo: entry.boundTo };
      try {
        const secret = vault.cipher.open(
          Buffer.from(entry.sealed, 'base64'),
          bindingAssociatedData(key, binding),
        );
        return { status: 'ok', secret };
      } catch {
        return { status: 'tampered' };
      }
    });
  }

  /** `acceptUnprotected` must be true when the host's cipher does not really protect the secret. */
  async store(key: string, secret: string, acceptUnprotected = false): Promise<void> {
    return this.mutate(acceptUnprotected, (file, cipher) => {
      file.entries[key] = cipher.seal(secret).toString('base64');
    });
  }

  /** Stores `secret` sealed with `binding` as associated data: it opens only for that binding. */
  async storeBound(key: string, secret: string, binding: Binding, acceptUnprotected = false): Promise<void> {
    const boundTo = bindingSchema.parse(binding);
    return this.mutate(acceptUnprotected, (file, cipher) => {
      const sealed = cipher.seal(secret, bindingAssociatedData(key, boundTo));
      file.entries[key] = { sealed: sealed.toString('base64'), boundTo };
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

  private async mutate(
    acceptUnprotected: boolean,
    change: (file: VaultFile, cipher: SecretCipher) => void,
  ): Promise<void> {
    return this.serial(async () => {
      let vault = await this.load(true);
      if (!vault) throw locked();
      if (!vault.cipher.protects && !acceptUnprotected) {
        throw new FerryError(
          'vault.unprotected',
          'This system offers no secure storage (the secret would be kept as plain text). Confirm to store it anyway, or use an environment variable.',
        );
      }
      if (vault.cipher.kdf && weakerThanCurrent(vault.cipher.kdf)) vault = this.rekey(vault);
      change(vault.file, vault.cipher);
      await this.write(vault.file);
    });
  }

  /**
   * A vault sealed with older, cheaper scrypt parameters is resealed under a new salt with the
   * current ones the next time it is written: every entry is opened with the old key and sealed
   * again with the new, keeping its binding.
   */
  private rekey(old: { file: VaultFile; cipher: SecretCipher }): { file: VaultFile; cipher: SecretCipher } {
    if (!this.cipherFactory) throw locked();
    const salt = PassphraseCipher.newSalt();
    const cipher = this.cipherFactory(salt);
    const entries: VaultFile['entries'] = {};
    for (const [key, entry] of Object.entries(old.file.entries)) {
      if (typeof entry === 'string') {
        entries[key] = cipher.seal(old.cipher.open(Buffer.from(entry, 'base64'))).toString('base64');
      } else {
        const data = bindingAssociatedData(key, entry.boundTo);
        const secret = old.cipher.open(Buffer.from(entry.sealed, 'base64'), data);
        entries[key] = { sealed: cipher.seal(secret, data).toString('base64'), boundTo: entry.boundTo };
      }
    }
    this.cache = { file: this.newFile(salt, cipher, entries), cipher };
    return this.cache;
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
      const kdf = existing.kdf ?? (existing.cipher === 'passphrase' ? LEGACY_SCRYPT : undefined);
      const salt = Buffer.from(existing.salt, 'base64');
      const cipher = kdf
        ? this.cipherFactory(salt, { N: kdf.N, r: kdf.r, p: kdf.p })
        : this.cipherFactory(salt);
      if (cipher.open(Buffer.from(existing.verifier, 'base64')) !== VERIFIER) throw locked();
      this.cache = { file: existing, cipher };
      return this.cache;
    }
    if (!create) return null;
    const salt = PassphraseCipher.newSalt();
    const cipher = this.cipherFactory(salt);
    this.cache = { file: this.newFile(salt, cipher, {}), cipher };
    return this.cache;
  }

  private newFile(salt: Buffer, cipher: SecretCipher, entries: VaultFile['entries']): VaultFile {
    return {
      formatVersion: 2,
      cipher: cipher.kind,
      salt: salt.toString('base64'),
      ...(cipher.kdf ? { kdf: { algorithm: 'scrypt' as const, ...cipher.kdf } } : {}),
      verifier: cipher.seal(VERIFIER).toString('base64'),
      entries,
    };
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
      return vaultFileSchema.parse(parseStrictJson(text));
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

function sameBinding(a: Binding, b: Binding): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) if (a[key] !== b[key]) return false;
  return true;
}

function locked(): FerryError {
  return new FerryError(
    'vault.locked',
    'The vault is locked: unlock it with its passphrase when Ferry asks (for the CLI, set FERRY_VAULT_PASSPHRASE, or give the secret as FERRY_CLIENT_SECRET_<ENV>), then try again',
  );
}
