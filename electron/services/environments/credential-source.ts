import { FerryError } from '../../../shared/api/api-error';
import { clientSecretVariable, type EnvironmentConfig } from '../../../shared/model/environment';
import { DEMO_CLIENTS } from '../../../shared/sandbox/demo-clients';
import type { CredentialVault } from '../vault/credential-vault';
import type { Binding } from '../vault/vault-binding';

/** The client id a connector logs in with: a sandbox environment may leave it to its org's demo client. */
export function effectiveClientId(environment: EnvironmentConfig): string {
  if (environment.kind === 'sandbox') return environment.clientId ?? DEMO_CLIENTS[environment.org].clientId;
  return environment.clientId;
}

/**
 * Where a stored client secret may be sent: the workspace and environment it was entered for,
 * the kind, the region (or sandbox url and org) and the client id. Sealed with the secret as
 * AES-GCM associated data, so a hand edit of any of these in ferry.json (shared through git)
 * leaves the secret unusable instead of sending it somewhere new.
 */
export function secretDestination(workspaceKey: string, environment: EnvironmentConfig): Binding {
  const common = {
    workspace: workspaceKey,
    environment: environment.name,
    kind: environment.kind,
    clientId: effectiveClientId(environment),
  };
  return environment.kind === 'genesys-cloud'
    ? { ...common, region: environment.region }
    : { ...common, url: environment.url, org: environment.org };
}

const FIELD_NAMES: Readonly<Record<string, string>> = {
  workspace: 'workspace id',
  environment: 'environment name',
  kind: 'kind',
  region: 'region',
  url: 'url',
  org: 'sandbox org',
  clientId: 'client id',
};

/**
 * Where an environment's client secret comes from. Genesys Cloud: the pipeline variable
 * `FERRY_CLIENT_SECRET_<ENV>`, else the vault entry bound to this exact destination. Sandbox:
 * only the demo secret its org publishes; a sandbox never gets a stored or pipeline secret.
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
    const fromEnv = this.env[clientSecretVariable(environment.name)];
    const stored = this.vault.available
      ? await this.vault.binding(this.vaultKey(workspaceKey, environment.name))
      : null;
    if (environment.kind === 'sandbox') {
      const demo = this.demoSecret(environment);
      return stored === null && (!fromEnv || fromEnv === demo) && demo !== null;
    }
    if (fromEnv) return true;
    return (
      stored !== null &&
      stored !== 'unbound' &&
      changedFields(stored, secretDestination(workspaceKey, environment)).length === 0
    );
  }

  async secret(workspaceKey: string, environment: EnvironmentConfig): Promise<string> {
    const variable = clientSecretVariable(environment.name);
    const fromEnv = this.env[variable];
    const key = this.vaultKey(workspaceKey, environment.name);
    if (environment.kind === 'sandbox') {
      // A secret stored under this name was entered for another kind of environment (Ferry never
      // stores one for a sandbox): ferry.json was changed under it.
      const stored = this.vault.available ? await this.vault.binding(key) : null;
      if (stored === 'unbound') throw unbound(environment.name);
      if (stored !== null) {
        throw destinationChanged(environment.name, stored, secretDestination(workspaceKey, environment));
      }
      const demo = this.demoSecret(environment);
      if (fromEnv && fromEnv !== demo) throw notForSandbox(environment, variable);
      if (demo !== null) return demo;
      throw new FerryError(
        'environment.no-credentials',
        `No client secret for environment "${environment.name}": a sandbox accepts only its org's published demo client; leave the client id empty (${variable} is not used for a sandbox)`,
        { environment: environment.name },
      );
    }
    // Given by the pipeline, not stored: nothing to bind, but it still only ever goes over
    // HTTPS to the region's login host (the connector's destination guard).
    if (fromEnv) return fromEnv;
    const destination = secretDestination(workspaceKey, environment);
    const stored = await this.vault.revealBound(key, destination);
    switch (stored.status) {
      case 'ok':
        return stored.secret;
      case 'unbound':
        throw unbound(environment.name);
      case 'changed':
        throw destinationChanged(environment.name, stored.boundTo, destination);
      case 'tampered':
        throw new FerryError(
          'vault.secret-destination-changed',
          `The client secret stored for environment "${environment.name}" does not open for the destination recorded with it: the vault file was altered. ${reenter(environment.name)}`,
          { environment: environment.name, fields: [] },
        );
      case 'missing':
        throw new FerryError(
          'environment.no-credentials',
          `No client secret for environment "${environment.name}": store one (env add --client-secret-stdin) or set ${variable}`,
          { environment: environment.name },
        );
    }
  }

  private demoSecret(environment: EnvironmentConfig): string | null {
    if (environment.kind !== 'sandbox') return null;
    const demo = DEMO_CLIENTS[environment.org];
    return (environment.clientId ?? demo.clientId) === demo.clientId ? demo.clientSecret : null;
  }
}

/** The binding fields that differ, in a stable order. */
function changedFields(was: Binding, now: Binding): string[] {
  const names = [...new Set([...Object.keys(was), ...Object.keys(now)])];
  const order = Object.keys(FIELD_NAMES);
  names.sort((a, b) => (order.indexOf(a) + 1 || 99) - (order.indexOf(b) + 1 || 99));
  return names.filter((name) => was[name] !== now[name]);
}

function reenter(environment: string): string {
  return `If the change is yours, enter the secret again for the new settings (\`ferry env add ${environment} … --replace --client-secret-stdin\`, or Environments → Edit in the app); if it is not, restore ferry.json (\`git log -p ferry.json\` shows who changed it).`;
}

function destinationChanged(environment: string, was: Binding, now: Binding): FerryError {
  const fields = changedFields(was, now);
  const described = fields
    .map((name) => `${FIELD_NAMES[name] ?? name} was ${was[name] ?? '(none)'}, now ${now[name] ?? '(none)'}`)
    .join('; ');
  return new FerryError(
    'vault.secret-destination-changed',
    `The client secret stored for environment "${environment}" was entered for another destination (${described}), so Ferry will not send it there. ${reenter(environment)}`,
    { environment, fields },
  );
}

function unbound(environment: string): FerryError {
  return new FerryError(
    'vault.secret-unbound',
    `The client secret stored for environment "${environment}" was saved by an older Ferry without the destination it may be sent to, so Ferry will not use it. Enter it again (\`ferry env add ${environment} … --replace --client-secret-stdin\`, or Environments → Edit in the app).`,
    { environment },
  );
}

function notForSandbox(environment: EnvironmentConfig, variable: string): FerryError {
  return new FerryError(
    'environment.secret-not-for-sandbox',
    `${variable} is set, but ferry.json says "${environment.name}" is a sandbox environment: a sandbox logs in only with its org's published demo client, so Ferry does not send that secret to it. If "${environment.name}" should be Genesys Cloud, restore ferry.json (\`git log -p ferry.json\` shows who changed it).`,
    { environment: environment.name },
  );
}
