import { fileURLToPath } from 'node:url';
import { createFerryServices, type FerryServices } from '../core/ferry-services';
import type { Logger } from '../../services/logging/logger';
import { sourcePackageVersion } from '../package-version';
import { join } from 'node:path';
import { ensureDemoWorkspace } from '../../services/demo/demo-workspace';
import { startSandbox, type SandboxHandle } from '../../sandbox';
import { startBridgeServer, type BridgeServer } from './bridge-server';

export const DEFAULT_RENDERER_DIR = fileURLToPath(new URL('../../../dist/renderer', import.meta.url));

export interface WebHostOptions {
  dataDir: string;
  rendererDir?: string;
  port?: number;
  token?: string;
  logger?: Logger;
  /** Start the sandbox orgs in-process (for `embedded` environments); `persist` keeps their state in the data folder. */
  embeddedSandbox?: { persist: boolean; faults?: string } | false;
  /** First run only: create and open a demo workspace wired to the embedded sandbox. */
  demoWorkspace?: boolean;
  /** The environment the services read (secrets, the vault passphrase); the process's by default. */
  env?: NodeJS.ProcessEnv;
}

export interface WebHost {
  services: FerryServices;
  bridge: BridgeServer;
  sandbox: SandboxHandle | null;
  demoWorkspace: string | null;
  close(): Promise<void>;
}

/** The whole app without Electron: services plus the browser bridge serving the built renderer. */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const sandbox = options.embeddedSandbox
    ? await startSandbox({
        ...(options.embeddedSandbox.persist ? { dataDir: join(options.dataDir, 'sandbox') } : {}),
        ...(options.embeddedSandbox.faults ? { faults: options.embeddedSandbox.faults } : {}),
      })
    : null;
  const services = createFerryServices({
    dataDir: options.dataDir,
    version: sourcePackageVersion(),
    embeddedSandboxUrl: () => sandbox?.url ?? null,
    // The page asks for the vault's passphrase when no FERRY_VAULT_PASSPHRASE was given.
    sessionVaultUnlock: true,
    ...(options.env ? { env: options.env } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
  });
  const demoWorkspace = options.demoWorkspace ? await ensureDemoWorkspace(services, options.dataDir) : null;
  const bridge = await startBridgeServer({
    dispatcher: services.dispatcher,
    events: services.events,
    rendererDir: options.rendererDir ?? DEFAULT_RENDERER_DIR,
    ...(options.port !== undefined ? { port: options.port } : {}),
    ...(options.token !== undefined ? { token: options.token } : {}),
  });
  return {
    services,
    bridge,
    sandbox,
    demoWorkspace,
    close: async () => {
      await bridge.close();
      await sandbox?.close();
    },
  };
}
