import { FerryError } from '../../../shared/api/api-error';

/**
 * Which remote addresses Ferry talks to. HTTPS anywhere; plain HTTP only to this machine (a test
 * server, a local mirror), since it would send the credentials in clear. A user name or password
 * inside the address is refused: git would keep it in .git/config, which is shared, and print it
 * in messages.
 */

export interface RemoteAddress {
  /** The address as stored in .git/config. */
  url: string;
  /** Scheme, host and port (`https://git.example.com`): what credentials are kept for. */
  origin: string;
}

const LOOPBACK_HOSTS = new Set(['localhost', '[::1]']);

function isLoopback(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname) || /^127(?:\.\d{1,3}){3}$/.test(hostname);
}

export function parseRemoteUrl(text: string): RemoteAddress {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    // The text itself may be a mistyped address with a password in it: not repeated.
    throw new FerryError(
      'sync.remote-invalid',
      'That is not a complete address (https://host/path/repo.git)',
    );
  }
  if (url.username !== '' || url.password !== '') {
    throw new FerryError(
      'sync.remote-invalid',
      'The address has a user name or password in it, which git would keep in the shared .git/config: give the address without it, and store the credentials with `ferry remote login <remote or host>`',
    );
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopback(url.hostname))) {
    throw new FerryError(
      'sync.remote-invalid',
      `Ferry talks to remotes over https only (plain http only on this machine), not ${url.protocol.replace(/:$/, '')}: give the https:// address`,
    );
  }
  if (url.search !== '' || url.hash !== '') {
    throw new FerryError('sync.remote-invalid', 'The address must not carry a ?query or #fragment');
  }
  return { url: url.href, origin: url.origin };
}

/** A remote's name: what `git remote` accepts that is also safe in a ref name and on a command line. */
export function checkRemoteName(name: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(name) || name.includes('..') || name.endsWith('.lock')) {
    throw new FerryError(
      'sync.remote-invalid',
      `"${name}" cannot be a remote's name: use letters, digits, dot, dash or underscore (e.g. origin)`,
    );
  }
  return name;
}
