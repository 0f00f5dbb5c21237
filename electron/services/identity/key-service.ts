import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { FerryError } from '../../../shared/api/api-error';
import { keyIdFromPem, keyIdSchema } from '../../../shared/signing/key-id';
import { parseStrictJson } from '../../../shared/signing/strict-json';
import { writeFileAtomic } from '../fs/atomic-write';
import type { CredentialVault } from '../vault/credential-vault';
import { generateEd25519, openEd25519PrivateKey, signEd25519 } from './ed25519';
import { plainIssueMessage } from '../../../shared/errors/schema-issues';

/** The vault entry holding this machine's PKCS#8 private key. */
export const SIGNING_KEY_VAULT_ENTRY = 'signing-key';

const ownerSchema = z.string().trim().min(1, 'must not be empty').max(200);

const identityFileSchema = z
  .object({
    formatVersion: z.literal(1),
    keyId: keyIdSchema,
    algorithm: z.literal('ed25519'),
    publicKey: z.string().max(1000),
    owner: ownerSchema,
    createdAt: z.iso.datetime(),
  })
  .refine((identity) => keyIdFromPem(identity.publicKey) === identity.keyId, {
    message: 'the key id does not match the public key',
    path: ['keyId'],
  });

/** The public half of this machine's signing key: safe to show, print and share. */
export type SigningIdentity = Omit<z.infer<typeof identityFileSchema>, 'formatVersion'>;

export interface KeyServiceOptions {
  vault: CredentialVault;
  /** Where the public identity is kept: the app's data folder, never the (shared) workspace. */
  identityFile: string;
  /** The vault entry of the private half; this machine's own key unless told otherwise. */
  vaultEntry?: string;
  clock?: () => Date;
}

/**
 * This machine's Ed25519 signing key. The private half lives only in the vault, is opened for one
 * signature at a time and is never returned; the public half is a plain file so `key show` works
 * without unlocking anything.
 */
export class KeyService {
  private readonly clock: () => Date;

  private readonly vaultEntry: string;

  constructor(private readonly options: KeyServiceOptions) {
    this.clock = options.clock ?? (() => new Date());
    this.vaultEntry = options.vaultEntry ?? SIGNING_KEY_VAULT_ENTRY;
  }

  /**
   * Makes the key. When the vault already holds one but the public file is gone (a crash between the
   * two writes, or a deleted file), that key is kept and its identity rewritten: a new key would
   * orphan every approval and trust entry made with the old one.
   */
  async init(input: {
    owner: string;
    acceptUnprotected?: boolean;
  }): Promise<SigningIdentity & { restored: boolean }> {
    const owner = ownerSchema.safeParse(input.owner);
    if (!owner.success) {
      throw new FerryError(
        'request.invalid',
        `The key owner ${owner.error.issues[0] ? plainIssueMessage(owner.error.issues[0]) : 'is invalid'}`,
      );
    }
    const existing = await this.identity();
    if (existing) {
      throw new FerryError(
        'key.exists',
        `This machine already has a signing key (${existing.keyId}, owner "${existing.owner}"); a second one would orphan what the first signed`,
        { keyId: existing.keyId },
      );
    }
    const { vault } = this.options;
    if (!vault.available) throw vaultLocked();
    const sealed = await vault.reveal(this.vaultEntry);
    let publicKey;
    if (sealed !== null) {
      publicKey = openEd25519PrivateKey(sealed).publicKey;
    } else {
      const generated = generateEd25519();
      await vault.store(this.vaultEntry, generated.privateKeyPem, input.acceptUnprotected === true);
      publicKey = generated.publicKey;
    }
    const identity: SigningIdentity = {
      keyId: publicKey.keyId,
      algorithm: 'ed25519',
      publicKey: publicKey.pem,
      owner: owner.data,
      createdAt: this.clock().toISOString(),
    };
    await mkdir(dirname(this.options.identityFile), { recursive: true });
    await writeFileAtomic(
      this.options.identityFile,
      `${JSON.stringify({ formatVersion: 1, ...identity }, null, 2)}\n`,
    );
    return { ...identity, restored: sealed !== null };
  }

  /** The public identity, or null before `init`. */
  async identity(): Promise<SigningIdentity | null> {
    let text: string;
    try {
      text = await readFile(this.options.identityFile, 'utf8');
    } catch (error) {
      if ((error as { code?: unknown }).code === 'ENOENT') return null;
      throw error;
    }
    let parsed;
    try {
      parsed = identityFileSchema.safeParse(parseStrictJson(text));
    } catch {
      parsed = null;
    }
    if (!parsed?.success) {
      throw new FerryError(
        'key.damaged',
        `${this.options.identityFile} is damaged; remove it and run \`ferry key init\` again (the key in the vault is kept)`,
      );
    }
    const { formatVersion: _version, ...identity } = parsed.data;
    void _version;
    return identity;
  }

  async requireIdentity(): Promise<SigningIdentity> {
    const identity = await this.identity();
    if (!identity) {
      throw new FerryError('key.none', 'This machine has no signing key yet; run `ferry key init` first');
    }
    return identity;
  }

  async publicKeyPem(): Promise<string> {
    return (await this.requireIdentity()).publicKey;
  }

  async keyId(): Promise<string> {
    return (await this.requireIdentity()).keyId;
  }

  /**
   * Signs with the sealed key. The opened key is checked against the public identity first, so a
   * vault swapped or restored from elsewhere cannot sign under a key id it does not own.
   */
  async sign(data: Uint8Array): Promise<Uint8Array> {
    const identity = await this.requireIdentity();
    const { vault } = this.options;
    if (!vault.available) throw vaultLocked();
    const sealed = await vault.reveal(this.vaultEntry);
    if (sealed === null) {
      throw new FerryError(
        'key.missing',
        `The private half of key ${identity.keyId} is not in this vault; it cannot sign here`,
      );
    }
    const opened = openEd25519PrivateKey(sealed);
    if (opened.publicKey.keyId !== identity.keyId) {
      throw new FerryError(
        'key.mismatch',
        `The vault holds a different signing key (${opened.publicKey.keyId}) than this machine's identity (${identity.keyId})`,
      );
    }
    return signEd25519(opened.key, data);
  }
}

function vaultLocked(): FerryError {
  return new FerryError(
    'vault.locked',
    'The signing key is sealed in the vault, which is locked: unlock it with its passphrase when Ferry asks (for the CLI, set FERRY_VAULT_PASSPHRASE), then try again',
  );
}
