import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { FerryError } from '../../../shared/api/api-error';
import { describeIssues, toFieldIssues } from '../../../shared/api/issues';
import {
  TRUST_FILE,
  emptyTrustFile,
  trustFileSchema,
  trustedKeySchema,
  type TrustFile,
  type TrustRole,
  type TrustedKey,
} from '../../../shared/model/trust';
import { parseStrictJson } from '../../../shared/signing/strict-json';
import { writeFileAtomic } from '../fs/atomic-write';
import type { WorkspaceService } from '../workspace/workspace-service';
import { commitFiles } from '../workspace/workspace-git';
import { readEd25519PublicKey } from './ed25519';

/** A team's trust file stays small; anything bigger is a mistake or an attack, not a key list. */
const MAX_TRUST_FILE_BYTES = 1024 * 1024;

export interface TrustKeyOptions {
  owner: string;
  roles: TrustRole[];
  /** Empty or absent: every environment. */
  environments?: string[];
  /** RFC 3339 UTC. */
  notBefore?: string;
  notAfter?: string;
}

/**
 * `trust.json` in the workspace: the team's public keys and what each may do. Shared through git
 * like everything else, so every change is one commit and who changed trust is in the history.
 */
export class TrustStore {
  constructor(private readonly workspace: WorkspaceService) {}

  /** The file as on disk now, checked (every key id recomputed); an absent file is an empty store. */
  async read(): Promise<TrustFile> {
    const path = join(this.workspace.requirePath(), TRUST_FILE);
    let size: number;
    try {
      size = (await stat(path)).size;
    } catch (error) {
      if ((error as { code?: unknown }).code === 'ENOENT') return emptyTrustFile();
      throw error;
    }
    if (size > MAX_TRUST_FILE_BYTES) {
      throw new FerryError('trust.invalid', `${TRUST_FILE} is ${size} bytes, more than a trust file can be`);
    }
    let raw: unknown;
    try {
      raw = parseStrictJson(await readFile(path, 'utf8'));
    } catch (error) {
      throw new FerryError(
        'trust.invalid',
        `${TRUST_FILE} cannot be read: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    const parsed = trustFileSchema.safeParse(raw);
    if (!parsed.success) {
      const issues = toFieldIssues(parsed.error);
      throw new FerryError('trust.invalid', `${TRUST_FILE} is not valid: ${describeIssues(issues)}`, {
        file: TRUST_FILE,
        issues,
      });
    }
    return parsed.data;
  }

  async list(): Promise<TrustedKey[]> {
    return (await this.read()).keys;
  }

  async find(keyId: string): Promise<TrustedKey | null> {
    return (await this.list()).find((key) => key.keyId === keyId) ?? null;
  }

  /** Trusts a public key. Its id is computed here from the key itself; an id given by anyone is never used. */
  async add(publicKeyPem: string, options: TrustKeyOptions): Promise<TrustedKey> {
    const publicKey = readEd25519PublicKey(publicKeyPem);
    const candidate = {
      keyId: publicKey.keyId,
      algorithm: 'ed25519',
      publicKey: publicKey.pem,
      owner: options.owner,
      roles: options.roles,
      environments: options.environments ?? [],
      ...(options.notBefore !== undefined ? { notBefore: options.notBefore } : {}),
      ...(options.notAfter !== undefined ? { notAfter: options.notAfter } : {}),
    };
    const parsed = trustedKeySchema.safeParse(candidate);
    if (!parsed.success) {
      const issues = toFieldIssues(parsed.error);
      throw new FerryError(
        'request.invalid',
        `The key cannot be trusted as given: ${describeIssues(issues)}`,
        {
          issues,
        },
      );
    }
    const key = parsed.data;
    return this.change((file) => {
      const existing = file.keys.find((entry) => entry.keyId === key.keyId);
      if (existing?.revokedAt !== undefined) {
        throw new FerryError(
          'trust.key-revoked',
          `Key ${key.keyId} (${existing.owner}) was revoked on ${existing.revokedAt} and cannot be trusted again; make a new key`,
          { keyId: key.keyId },
        );
      }
      if (existing) {
        throw new FerryError(
          'trust.key-exists',
          `Key ${key.keyId} is already trusted (owner "${existing.owner}", roles ${existing.roles.join(', ')})`,
          { keyId: key.keyId },
        );
      }
      const scope = key.environments.length > 0 ? key.environments.join(', ') : 'all environments';
      return {
        file: { ...file, keys: [...file.keys, key] },
        result: key,
        message: `trust: add ${key.owner} (${key.keyId.slice(0, 16)}) as ${key.roles.join(', ')} for ${scope}`,
      };
    });
  }

  /** Revocation is permanent and kept in the file (not a deletion), so old signatures stay explainable. */
  async revoke(keyId: string, reason: string): Promise<TrustedKey> {
    const why = reason.trim();
    if (why === '') throw new FerryError('request.invalid', 'A revocation needs a reason');
    return this.change((file) => {
      const index = file.keys.findIndex((entry) => entry.keyId === keyId);
      const existing = file.keys[index];
      if (!existing) {
        throw new FerryError('trust.key-not-found', `No trusted key ${keyId}`, { keyId });
      }
      if (existing.revokedAt !== undefined) {
        throw new FerryError(
          'trust.key-revoked',
          `Key ${keyId} (${existing.owner}) was already revoked on ${existing.revokedAt}`,
          { keyId },
        );
      }
      const revoked: TrustedKey = {
        ...existing,
        revokedAt: this.workspace.now().toISOString(),
        revokedReason: why,
      };
      const keys = file.keys.map((entry, position) => (position === index ? revoked : entry));
      return {
        file: { ...file, keys },
        result: revoked,
        message: `trust: revoke ${existing.owner} (${keyId.slice(0, 16)}): ${why}`,
      };
    });
  }

  /** Read fresh under the write lock, change, check, write atomically, commit: a refusal writes nothing. */
  private async change<T>(
    mutate: (file: TrustFile) => { file: TrustFile; result: T; message: string },
  ): Promise<T> {
    const dir = this.workspace.requirePath();
    return this.workspace.writeLock.run(async () => {
      const { file, result, message } = mutate(structuredClone(await this.read()));
      const checked = trustFileSchema.parse(file);
      await writeFileAtomic(join(dir, TRUST_FILE), `${JSON.stringify(checked, null, 2)}\n`);
      await commitFiles(dir, [TRUST_FILE], message, this.workspace.author(), this.workspace.now());
      return result;
    });
  }
}
