import { createRequire } from 'node:module';
import { FerryError } from '../../../../shared/api/api-error';

/**
 * The parts of the official SDK (`purecloud-platform-client-v2`) Ferry uses, typed here because
 * its own declarations do not export the client class as a value.
 */
export interface SdkApiClient {
  config: {
    logger: { log_level: unknown; logLevelEnum: { level: { LNone: unknown } } };
    live_reload_config: boolean;
  };
  setGateway(gateway: { host: string; protocol: string; port: number }): void;
  setEnvironment(domain: string): void;
  setReturnExtendedResponses(extended: boolean): void;
  setHttpClient(client: object): void;
  loginClientCredentialsGrant(clientId: string, clientSecret: string): Promise<{ tokenExpiryTime: number }>;
  callApi(
    path: string,
    method: string,
    pathParams: Record<string, string>,
    queryParams: Record<string, unknown>,
    headerParams: Record<string, unknown>,
    formParams: Record<string, unknown>,
    body: unknown,
    authNames: string[],
    contentTypes: string[],
    accepts: string[],
  ): Promise<unknown>;
}

export interface SdkHttpRequest {
  url: string;
  method: string;
  headers?: Record<string, string> | null;
  params?: Record<string, unknown> | null;
  data?: unknown;
}

interface SdkModule {
  ApiClientClass: new () => SdkApiClient;
  AbstractHttpClient: abstract new () => object;
}

let loaded: SdkModule | null = null;

/** Loads the SDK once (CommonJS) and checks it has the shape this code relies on. */
export function loadGenesysSdk(): SdkModule {
  if (loaded) return loaded;
  const require = createRequire(import.meta.url);
  const candidate = require('purecloud-platform-client-v2') as Partial<SdkModule>;
  if (typeof candidate.ApiClientClass !== 'function' || typeof candidate.AbstractHttpClient !== 'function') {
    throw new FerryError('internal', 'The Genesys Cloud SDK in node_modules is not the expected version');
  }
  loaded = candidate as SdkModule;
  return loaded;
}
