import { createHash } from 'node:crypto';
import type { EnvironmentConfig } from '../../../shared/model/environment';

/**
 * The name of an environment's lock: a hash of where its writes go (the kind, the region or
 * sandbox URL, and the org or OAuth client), not of its name in one workspace. Two workspaces, or
 * two names in one, that point at the same org then exclude each other; the name only says which
 * org without putting a client id on disk in clear.
 */
export function environmentLockKey(config: EnvironmentConfig): string {
  const destination =
    config.kind === 'genesys-cloud'
      ? ['genesys-cloud', config.region.trim().toLowerCase(), config.clientId.trim()]
      : ['sandbox', sandboxHost(config.url), config.org];
  return createHash('sha256').update(JSON.stringify(destination)).digest('hex').slice(0, 40);
}

/** `http://localhost:7001/` and `http://127.0.0.1:7001` are one sandbox. */
function sandboxHost(url: string): string {
  if (url === 'embedded') return url;
  return url.trim().toLowerCase().replace(/\/+$/, '').replace('//localhost:', '//127.0.0.1:');
}
