import { z } from 'zod';
import { FerryError } from '../../../shared/api/api-error';
import type { TransferCredentials } from '../git/remote-transfer';
import type { CredentialVault } from '../vault/credential-vault';
import type { Binding } from '../vault/vault-binding';

/**
 * A git remote's credentials, per origin (scheme, host, port), sealed in this machine's vault and
 * bound to that origin: the vault opens them only for the origin they were entered for. Never in
 * the workspace, .git/config or an address. A pipeline gives them as FERRY_GIT_PASSWORD (and
 * FERRY_GIT_USERNAME), which then applies to every remote.
 */
export const GIT_PASSWORD_VARIABLE = 'FERRY_GIT_PASSWORD';
export const GIT_USERNAME_VARIABLE = 'FERRY_GIT_USERNAME';

/** What a host that takes a token as the password expects as the user name when none is given. */
const DEFAULT_USERNAME = 'git';

const storedSchema = z.object({ username: z.string().min(1), password: z.string().min(1) }).strict();

export type CredentialSourceName = 'environment' | 'vault' | 'none';

export class GitCredentials {
  constructor(
    private readonly vault: CredentialVault,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  private key(origin: string): string {
    return `git-remote:${origin}`;
  }

  private binding(origin: string): Binding {
    return { use: 'git-remote', origin };
  }

  async source(origin: string): Promise<CredentialSourceName> {
    if (this.env[GIT_PASSWORD_VARIABLE]) return 'environment';
    if (!this.vault.available) return 'none';
    const bound = await this.vault.binding(this.key(origin));
    return bound !== null && bound !== 'unbound' && bound.origin === origin ? 'vault' : 'none';
  }

  /** The credentials to send to `origin`, or null to try without (a public remote). */
  async forOrigin(origin: string): Promise<TransferCredentials | null> {
    const fromEnv = this.env[GIT_PASSWORD_VARIABLE];
    if (fromEnv) return { username: this.env[GIT_USERNAME_VARIABLE] || DEFAULT_USERNAME, password: fromEnv };
    if (!this.vault.available) return null;
    const stored = await this.vault.revealBound(this.key(origin), this.binding(origin));
    if (stored.status !== 'ok') return null;
    const parsed = storedSchema.safeParse(safeJson(stored.secret));
    return parsed.success ? parsed.data : null;
  }

  async store(origin: string, credentials: TransferCredentials, acceptUnprotected: boolean): Promise<void> {
    if (!this.vault.available) {
      throw new FerryError(
        'vault.locked',
        `The vault is not open, so the credentials for ${origin} cannot be stored: set FERRY_VAULT_PASSPHRASE (or give them to each run as ${GIT_PASSWORD_VARIABLE})`,
      );
    }
    const value = storedSchema.parse(credentials);
    await this.vault.storeBound(
      this.key(origin),
      JSON.stringify(value),
      this.binding(origin),
      acceptUnprotected,
    );
  }

  async forget(origin: string): Promise<void> {
    await this.vault.remove(this.key(origin));
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
