import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * The folder Electron uses as `userData` for productName "Ferry", so the CLI and the web bridge
 * share the app's settings (a workspace made by `ferry init` shows under Recent in the app).
 * `FERRY_DATA_DIR` overrides it, as tests and pipelines do.
 */
export function defaultUserDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.FERRY_DATA_DIR) return env.FERRY_DATA_DIR;
  const home = homedir();
  switch (process.platform) {
    case 'darwin':
      return join(home, 'Library', 'Application Support', 'Ferry');
    case 'win32':
      return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Ferry');
    default:
      return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), 'Ferry');
  }
}
