import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FerryError } from '../../../../shared/api/api-error';

/**
 * The parts of the official SDK (`purecloud-platform-client-v2`) Ferry uses, typed here because
 * its own declarations do not export the client class as a value.
 */
export interface SdkApiClient {
  config: SdkConfiguration;
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

/** The SDK's per-client settings, which it fills from `~/.genesyscloudjavascript/config`. */
export interface SdkConfiguration {
  logger: {
    log_level: unknown;
    log_file_path: unknown;
    logLevelEnum: { level: { LNone: unknown } };
    setLogger(): void;
  };
  live_reload_config: boolean;
  configPath: string;
  host: unknown;
  gateway: unknown;
  setConfigPath(path: string): void;
  setGateway(gateway?: undefined): void;
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
  /** The instance the module makes for itself when it is loaded. */
  ApiClient?: SdkApiClient;
}

let loaded: SdkModule | null = null;

/**
 * The SDK reads `~/.genesyscloudjavascript/config` in every client's constructor (and when the
 * module loads), and a `[gateway]` section there redirects the login — client secret included —
 * to any host; `[logging]` can write request headers to a file. Ferry's settings come from the
 * environment only, so the SDK is loaded and every client built while the home folder points at
 * an empty folder of this process's own making: there is no file for it to read.
 */
function withEmptyHome<T>(build: () => T): T {
  const empty = mkdtempSync(join(tmpdir(), 'ferry-sdk-home-'));
  const savedHome = process.env.HOME;
  const savedProfile = process.env.USERPROFILE;
  // Synchronous from here to `finally`: no other code runs while the variables are swapped.
  process.env.HOME = empty;
  process.env.USERPROFILE = empty;
  try {
    return build();
  } finally {
    if (savedHome === undefined) delete process.env.HOME;
    else process.env.HOME = savedHome;
    if (savedProfile === undefined) delete process.env.USERPROFILE;
    else process.env.USERPROFILE = savedProfile;
    rmSync(empty, { recursive: true, force: true });
  }
}

/** No config file, no file watcher, no gateway, no host and no logging, whatever the SDK read. */
function neutralise(client: SdkApiClient): void {
  const config = client.config;
  config.live_reload_config = false;
  config.setConfigPath('');
  config.setGateway();
  config.host = undefined;
  config.logger.log_level = config.logger.logLevelEnum.level.LNone;
  config.logger.log_file_path = undefined;
  config.logger.setLogger();
}

/** Loads the SDK once (CommonJS) and checks it has the shape this code relies on. */
export function loadGenesysSdk(): SdkModule {
  if (loaded) return loaded;
  const require = createRequire(import.meta.url);
  const candidate = withEmptyHome(() => require('purecloud-platform-client-v2') as Partial<SdkModule>);
  if (
    typeof candidate.ApiClientClass !== 'function' ||
    typeof candidate.AbstractHttpClient !== 'function' ||
    typeof candidate.ApiClientClass.prototype.setGateway !== 'function' ||
    typeof candidate.ApiClient?.config.setConfigPath !== 'function'
  ) {
    throw new FerryError('internal', 'The Genesys Cloud SDK in node_modules is not the expected version');
  }
  neutralise(candidate.ApiClient);
  loaded = candidate as SdkModule;
  return loaded;
}

/** A fresh SDK client that has never seen a local SDK config file. */
export function createSdkClient(): SdkApiClient {
  const { ApiClientClass } = loadGenesysSdk();
  const client = withEmptyHome(() => new ApiClientClass());
  neutralise(client);
  return client;
}
