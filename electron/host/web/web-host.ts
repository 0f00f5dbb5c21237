import { fileURLToPath } from 'node:url';
import { createFerryServices, type FerryServices } from '../../services/app/ferry-services';
import type { Logger } from '../../services/logging/logger';
import { sourcePackageVersion } from '../package-version';
import { startBridgeServer, type BridgeServer } from './bridge-server';

export const DEFAULT_RENDERER_DIR = fileURLToPath(new URL('../../../dist/renderer', import.meta.url));

export interface WebHostOptions {
  dataDir: string;
  rendererDir?: string;
  port?: number;
  token?: string;
  logger?: Logger;
}

export interface WebHost {
  services: FerryServices;
  bridge: BridgeServer;
  close(): Promise<void>;
}

/** The whole app without Electron: services plus the browser bridge serving the built renderer. */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const services = createFerryServices({
    dataDir: options.dataDir,
    version: sourcePackageVersion(),
    ...(options.logger ? { logger: options.logger } : {}),
  });
  const bridge = await startBridgeServer({
    dispatcher: services.dispatcher,
    events: services.events,
    rendererDir: options.rendererDir ?? DEFAULT_RENDERER_DIR,
    ...(options.port !== undefined ? { port: options.port } : {}),
    ...(options.token !== undefined ? { token: options.token } : {}),
  });
  return { services, bridge, close: () => bridge.close() };
}
