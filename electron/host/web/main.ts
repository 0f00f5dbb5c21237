import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { consoleLogger } from '../../services/logging/logger';
import { defaultUserDataDir } from '../user-data-dir';
import { DEFAULT_RENDERER_DIR, startWebHost } from './web-host';

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    'user-data-dir': { type: 'string' },
    reason: { type: 'string' },
    'no-sandbox-orgs': { type: 'boolean' },
  },
  strict: true,
});

const port = values.port === undefined ? 0 : Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`ferry web: --port must be a whole number from 0 to 65535, not "${values.port}"`);
  process.exit(2);
}
if (!existsSync(join(DEFAULT_RENDERER_DIR, 'index.html'))) {
  console.error('ferry web: the renderer is not built; run `npm run build` first');
  process.exit(1);
}

const host = await startWebHost({
  dataDir: values['user-data-dir'] ?? defaultUserDataDir(),
  port,
  logger: consoleLogger('ferry-web'),
  embeddedSandbox: values['no-sandbox-orgs'] ? false : { persist: true },
  demoWorkspace: !values['no-sandbox-orgs'],
});
if (values.reason) console.log(values.reason);
console.log('Ferry is running in your browser through the local bridge (127.0.0.1 only).');
if (host.sandbox) console.log(`Sandbox orgs dev, uat and prod: ${host.sandbox.url}`);
if (host.demoWorkspace) console.log(`Created a demo workspace at ${host.demoWorkspace}`);
console.log(`Open: ${host.bridge.url}`);
console.log('The link carries this run’s access token; it stops working when Ferry stops. Ctrl+C to stop.');

const stop = () => {
  void host.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
