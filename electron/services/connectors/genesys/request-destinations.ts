import { FerryError } from '../../../../shared/api/api-error';
import { GENESYS_REGIONS, isGenesysRegion } from './regions';

export type GenesysTarget = { kind: 'region'; region: string } | { kind: 'gateway'; url: string };

/** The only origins a connector's requests may go to: the login service and the API. */
export interface RequestDestinations {
  /** Where the client secret goes (`POST /oauth/token`). */
  login: string;
  api: string;
  /** How refusals name the rule, e.g. `https://login.mypurecloud.ie`. */
  describe: string;
}

export const DESTINATION_REFUSED = 'genesys.destination-refused';

/** The sandbox is loopback only: the demo secret and its tokens never leave the machine either. */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * A Genesys Cloud region's secret goes over HTTPS to `login.<region domain>` and nowhere else;
 * its API calls to `api.<region domain>`. A sandbox gateway is one loopback origin for both.
 */
export function requestDestinations(target: GenesysTarget): RequestDestinations {
  if (target.kind === 'region') {
    if (!isGenesysRegion(target.region)) {
      throw new FerryError('environment.region-unknown', `Unknown Genesys Cloud region "${target.region}"`, {
        region: target.region,
      });
    }
    const domain = GENESYS_REGIONS[target.region];
    return {
      login: `https://login.${domain}`,
      api: `https://api.${domain}`,
      describe: `https://login.${domain}`,
    };
  }
  let url: URL;
  try {
    url = new URL(target.url);
  } catch {
    throw notLoopback(target.url);
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !LOOPBACK_HOSTS.has(url.hostname)) {
    throw notLoopback(target.url);
  }
  if (url.username !== '' || url.password !== '') throw notLoopback(target.url);
  return { login: url.origin, api: url.origin, describe: url.origin };
}

/**
 * Checked on every request the SDK hands to the transport, after the SDK has built the URL and
 * before anything is sent: whatever redirected the SDK (a local config file, a gateway setting,
 * a changed environment), a request that carries the client secret goes only to the login
 * origin's token endpoint, and nothing goes outside the two allowed origins.
 */
export function checkRequestDestination(
  allowed: RequestDestinations,
  rawUrl: string,
  headers: Record<string, string>,
): void {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    throw refused('(an invalid URL)', allowed);
  }
  const carriesSecret = Object.entries(headers).some(
    ([name, value]) => name.toLowerCase() === 'authorization' && /^basic\s/i.test(value),
  );
  const ok =
    url.username === '' &&
    url.password === '' &&
    (carriesSecret
      ? url.origin === allowed.login && url.pathname === '/oauth/token'
      : url.origin === allowed.login || url.origin === allowed.api);
  if (!ok) throw refused(url.origin, allowed, carriesSecret);
}

function refused(origin: string, allowed: RequestDestinations, carriesSecret = false): FerryError {
  return new FerryError(
    DESTINATION_REFUSED,
    `Ferry refused to send ${carriesSecret ? 'the client secret' : 'a request'} to ${origin}: this environment's ${carriesSecret ? 'secret goes only to' : 'requests go only to'} ${allowed.describe}${carriesSecret ? '/oauth/token' : ''}. Nothing was sent. Check the environment in ferry.json and any Genesys SDK settings on this machine.`,
    { origin },
  );
}

function notLoopback(url: string): FerryError {
  return new FerryError(
    'environment.sandbox-not-loopback',
    `The sandbox url "${url}" is not a loopback address: a sandbox must be http://127.0.0.1:<port>`,
  );
}
