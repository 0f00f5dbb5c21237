import { FerryError } from '../../../shared/api/api-error';
import { clientSecretVariable, type EnvironmentConfig } from '../../../shared/model/environment';
import { DEMO_CLIENTS } from '../../sandbox/oauth';
import type { CredentialVault } from '../vault/credential-vault';

/** The client id a connector logs in with: a sandbox environment may leave it to its org's demo client. */
export function effectiveClientId(environment: EnvironmentConfig): string {
  if (environment.kind === 'sandbox') return environment.clientId ?? DEMO_CLIENTS[environment.org].clientId;
  return environment.clientId;
}

/**
 * Where an environment's client secret comes from, in order: the pipeline variable
 * `FERRY_CLIENT_SECRET_<ENV>`, the vault, and for sandbox orgs their published demo secret.
 */
export class CredentialSource {
  constructor(
    private readonly vault: CredentialVault,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  vaultKey(workspaceKey: string, environment: string): string {
    return `${workspaceKey}/${environment}`;
  }

  async hasSecret(workspaceKey: string, environment: EnvironmentConfig): Promise<boolean> {
    if (this.env[clientSecretVariable(environment.name)]) return true;
    if (await this.vault.has(this.vaultKey(workspaceKey, environment.name))) return true;
    return this.demoSecret(environment) !== null;
  }

  async secret(workspaceKey: string, environment: EnvironmentConfig): Promise<string> {
    const fromEnv = this.env[clientSecretVariable(environment.name)];
    if (fromEnv) return fromEnv;
    const stored = await this.vault.reveal(this.vaultKey(workspaceKey, environment.name));
    if (stored !== null) return stored;
    const demo = this.demoSecret(environment);
    if (demo !== null) return demo;
    throw new FerryError(
      'environment.no-credentials',
      `No client secret for environment "${environment.name}": store one (env add --client-secret-stdin) or set ${clientSecretVariable(environment.name)}`,
      { environment: environment.name },
    );
  }

  private demoSecret(environment: EnvironmentConfig): string | null {
    if (environment.kind !== 'sandbox') return null;
    const demo = DEMO_CLIENTS[environment.org];
    return (environment.clientId ?? demo.clientId) === demo.clientId ? demo.clientSecret : null;
  }
}
