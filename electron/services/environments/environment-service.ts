import { FerryError } from '../../../shared/api/api-error';
import { describeIssues, toFieldIssues } from '../../../shared/api/issues';
import {
  environmentSchema,
  type ConnectionReport,
  type EnvironmentConfig,
  type EnvironmentView,
  type SnapshotSummary,
} from '../../../shared/model/environment';
import { isGenesysRegion } from '../connectors/genesys/regions';
import type { Connector } from '../connectors/connector';
import type { CredentialVault } from '../vault/credential-vault';
import type { WorkspaceService } from '../workspace/workspace-service';
import { createConnector, type ConnectorFactoryOptions } from './connector-factory';
import { secretDestination, type CredentialSource } from './credential-source';
import { withSecretParameters } from '../parameters/secret-parameter-connector';

export interface EnvironmentServiceOptions {
  workspace: WorkspaceService;
  credentials: CredentialSource;
  vault: CredentialVault;
  connectors?: ConnectorFactoryOptions;
  /** The latest snapshot of an environment, from the workspace history. */
  lastSnapshot: (environment: string) => Promise<SnapshotSummary | null>;
  now?: () => number;
}

/** The environment registry in `ferry.json` and the secrets that go with it (kept outside the workspace). */
export class EnvironmentService {
  /** Secret parameters of an environment (issue 15), given once the parameter service exists. */
  private secretParameters: ((environment: string) => Promise<ReadonlyMap<string, string>>) | null = null;

  constructor(private readonly options: EnvironmentServiceOptions) {}

  /**
   * From now on every connector hides the environment's secret parameters in what it reads and
   * reveals them only in what it sends (`withSecretParameters`).
   */
  useSecretParameters(source: (environment: string) => Promise<ReadonlyMap<string, string>>): void {
    this.secretParameters = source;
  }

  async list(): Promise<EnvironmentView[]> {
    const environments = await this.configs();
    const key = await this.options.workspace.workspaceKey();
    return Promise.all(
      environments.map(async (config) => ({
        config,
        hasCredentials: await this.options.credentials.hasSecret(key, config),
        lastSnapshot: await this.options.lastSnapshot(config.name),
      })),
    );
  }

  async configs(): Promise<EnvironmentConfig[]> {
    const config = await this.options.workspace.readConfig();
    return config.environments.map((raw, index) => {
      const parsed = environmentSchema.safeParse(raw);
      if (!parsed.success) {
        throw new FerryError(
          'workspace.corrupt',
          `ferry.json environments[${index}] is not valid: ${describeIssues(toFieldIssues(parsed.error))}`,
        );
      }
      return parsed.data;
    });
  }

  async get(name: string): Promise<EnvironmentConfig> {
    const found = (await this.configs()).find((environment) => environment.name === name);
    if (!found) {
      throw new FerryError('environment.not-found', `No environment named "${name}" in this workspace`, {
        environment: name,
      });
    }
    return found;
  }

  /** Adds (or, with `replace`, changes) an environment; the secret goes to the vault, never to ferry.json. */
  async save(
    input: unknown,
    secret: string | undefined,
    options: { replace?: boolean; acceptUnprotected?: boolean } = {},
  ): Promise<EnvironmentView> {
    const parsed = environmentSchema.safeParse(input);
    if (!parsed.success) {
      const issues = toFieldIssues(parsed.error);
      throw new FerryError('request.invalid', `The environment is not valid: ${describeIssues(issues)}`, {
        issues,
      });
    }
    const environment = parsed.data;
    if (environment.kind === 'genesys-cloud' && !isGenesysRegion(environment.region)) {
      throw new FerryError('request.invalid', `Unknown Genesys Cloud region "${environment.region}"`, {
        issues: [{ path: 'region', message: 'unknown region' }],
      });
    }
    const existing = (await this.configs()).some((item) => item.name === environment.name);
    if (existing && !options.replace) {
      throw new FerryError(
        'environment.exists',
        `An environment named "${environment.name}" already exists`,
        {
          environment: environment.name,
        },
      );
    }
    if (!existing && options.replace) await this.get(environment.name);
    const key = await this.options.workspace.workspaceKey();
    const vaultKey = this.options.credentials.vaultKey(key, environment.name);
    if (environment.kind === 'sandbox') {
      if (secret !== undefined && secret !== '') {
        throw new FerryError(
          'request.invalid',
          "A sandbox environment logs in with its org's published demo client: Ferry stores no client secret for it",
          { issues: [{ path: 'secret', message: 'not used for a sandbox' }] },
        );
      }
      // A secret kept from when this name was a Genesys Cloud environment must not follow it here.
      await this.options.vault.remove(vaultKey);
    } else if (secret !== undefined && secret !== '') {
      // Stored first, so a refused secret does not leave a half-added environment; sealed with
      // where it may go, so a later hand edit of ferry.json cannot redirect it.
      await this.options.vault.storeBound(
        vaultKey,
        secret,
        secretDestination(key, environment),
        options.acceptUnprotected ?? false,
      );
    }
    const where = environment.kind === 'sandbox' ? `sandbox ${environment.org}` : environment.region;
    await this.options.workspace.updateConfig(
      (config) => ({
        ...config,
        environments: existing
          ? config.environments.map((item) => (item.name === environment.name ? environment : item))
          : [...config.environments, environment],
      }),
      `${existing ? 'Change' : 'Add'} environment ${environment.name} (${where}, tier ${environment.tier})`,
    );
    return {
      config: environment,
      hasCredentials: await this.options.credentials.hasSecret(key, environment),
      lastSnapshot: await this.options.lastSnapshot(environment.name),
    };
  }

  async remove(name: string): Promise<void> {
    await this.get(name);
    const key = await this.options.workspace.workspaceKey();
    await this.options.workspace.updateConfig(
      (config) => ({
        ...config,
        environments: config.environments.filter((item) => (item as { name?: unknown }).name !== name),
      }),
      `Remove environment ${name}`,
    );
    await this.options.vault.remove(this.options.credentials.vaultKey(key, name));
  }

  async connector(name: string): Promise<Connector> {
    const environment = await this.get(name);
    const key = await this.options.workspace.workspaceKey();
    const connector = createConnector(
      environment,
      () => this.options.credentials.secret(key, environment),
      this.options.connectors,
    );
    const secrets =
      this.secretParameters === null ? new Map<string, string>() : await this.secretParameters(name);
    return withSecretParameters(connector, name, secrets);
  }

  /** Org, region and latency, or the reason it failed; never throws for a failed connection. */
  async test(name: string): Promise<ConnectionReport> {
    const environment = await this.get(name);
    const region = environment.kind === 'sandbox' ? `sandbox (${environment.url})` : environment.region;
    const now = this.options.now ?? Date.now;
    try {
      const connector = await this.connector(name);
      const started = now();
      const org = await connector.check();
      return {
        ok: true,
        orgName: org.orgName,
        orgId: org.orgId,
        region,
        latencyMs: now() - started,
        error: null,
      };
    } catch (error) {
      if (!(error instanceof FerryError)) throw error;
      return {
        ok: false,
        orgName: null,
        orgId: null,
        region,
        latencyMs: null,
        error: { code: error.code, message: error.message },
      };
    }
  }
}
