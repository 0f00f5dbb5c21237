import { FerryError } from '../../../shared/api/api-error';
import type { EnvironmentConfig } from '../../../shared/model/environment';
import type { Connector } from '../connectors/connector';
import { GenesysConnector } from '../connectors/genesys/genesys-connector';
import type { GenesysTransportOptions } from '../connectors/genesys/genesys-transport';
import { effectiveClientId } from './credential-source';

export interface ConnectorFactoryOptions {
  /** The in-process sandbox's URL this run, for environments whose url is `embedded`. */
  embeddedSandboxUrl?: () => string | null;
  transport?: GenesysTransportOptions;
  concurrency?: number;
  /** Prompt audio a promotion uploads, read by hash from the open workspace (issue 17). */
  audioSource?: (sha256: string) => Promise<Uint8Array>;
}

/** Both kinds speak Platform API v2; a sandbox is a Genesys connector pointed at a loopback gateway. */
export function createConnector(
  environment: EnvironmentConfig,
  secret: () => Promise<string>,
  options: ConnectorFactoryOptions = {},
): Connector {
  const common = {
    clientId: effectiveClientId(environment),
    clientSecret: secret,
    ...(options.transport ? { transport: options.transport } : {}),
    ...(options.concurrency ? { concurrency: options.concurrency } : {}),
    ...(options.audioSource ? { audioSource: options.audioSource } : {}),
  };
  if (environment.kind === 'genesys-cloud') {
    return new GenesysConnector({ ...common, target: { kind: 'region', region: environment.region } });
  }
  const url = environment.url === 'embedded' ? (options.embeddedSandboxUrl?.() ?? null) : environment.url;
  if (url === null) {
    throw new FerryError(
      'environment.sandbox-not-running',
      `Environment "${environment.name}" uses the embedded sandbox, which is not running in this host; start one with \`ferry sandbox\` and give its --url`,
    );
  }
  return new GenesysConnector({ ...common, target: { kind: 'gateway', url } });
}
