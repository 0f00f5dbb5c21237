import { setTimeout as delay } from 'node:timers/promises';
import { FerryError } from '../../../../shared/api/api-error';
import type { ErrorCodeName } from '../../../../shared/errors/error-registry';
import type { TransportStats } from './genesys-transport';

/**
 * Fetching a pre-signed link safely: a prompt's media or upload link, a flow export's download link
 * and a flow import's upload link all point at storage, not at the API. The link is its own
 * credential, so the bearer token (or a cookie) never goes there; nothing else vouches for where it
 * points, so it must be https (a sandbox: on this machine) with no credentials in it, and a
 * redirect is refused rather than followed (the next host could be anyone's); a body is read only
 * up to a bound. Each use says what the link carries, for its messages and error codes.
 */

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);
/** A 429's wait when it names none, and the longest backoff between other attempts. */
const LINK_RETRY_CAP_MS = 500;
/** How long one download or upload of a file may take. */
const TRANSFER_TIMEOUT_MS = 60_000;

export interface SignedLinkDeps {
  fetch: typeof fetch;
  stats: TransportStats;
  /** A sandbox gateway: its links must be on this machine; a region's must be https. */
  loopbackOnly: boolean;
}

/** What a link is for, in the words and codes its failures use. */
export interface SignedLinkUse {
  /** Whose link it is, for a refusal: `prompt` gives "the prompt's media link". */
  owner: string;
  /** What the link carries, for a refused redirect: `prompt audio`, `flow files`. */
  carries: string;
  /** The code of a failed transfer (a redirect, attempts exhausted). */
  code: ErrorCodeName;
  /** What a person does after a refused redirect, once the org's storage settings are checked. */
  thenRetry: string;
  /** Repeats of a request that met a 429, a 5xx or a dropped connection. */
  retries: number;
  /**
   * A PUT repeated after a lost reply that meets 409 landed the first time: a flow import's upload
   * link takes the same file again until its job starts, and answers 409 once it has.
   */
  conflictAfterRetryLanded?: boolean;
  /** The code of a link that is not a URL at all (the default: a refused destination). */
  notUrlCode?: ErrorCodeName;
}

/** The link, checked: https (a sandbox: loopback), no credentials in it. */
export function checkedSignedLink(raw: string, what: string, use: SignedLinkUse, loopbackOnly: boolean): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new FerryError(
      use.notUrlCode ?? 'genesys.destination-refused',
      `The ${use.owner}'s ${what} is not a URL`,
    );
  }
  // A sandbox's links stay on this machine (a test gateway may sit in front of it on another port).
  const ok = loopbackOnly
    ? (url.protocol === 'http:' || url.protocol === 'https:') && LOOPBACK.has(url.hostname)
    : url.protocol === 'https:';
  if (!ok || url.username !== '' || url.password !== '') {
    throw new FerryError(
      'genesys.destination-refused',
      `Ferry refused to follow the ${use.owner}'s ${what} to ${url.origin}: it must be ${loopbackOnly ? 'on this machine (a sandbox)' : 'an https link'}`,
      { origin: url.origin },
    );
  }
  // An org chooses its links: one naming this machine or a private network would have Ferry
  // reach, from the user's machine, a service only that machine can (a region's are public hosts).
  if (!loopbackOnly && isNonPublicHost(url.hostname)) {
    throw new FerryError(
      'genesys.destination-refused',
      `Ferry refused to follow the ${use.owner}'s ${what} to ${url.origin}: a Genesys Cloud link must name a public host, not this machine or a private network. Nothing was sent; check the org's storage settings`,
      { origin: url.origin },
    );
  }
  return url;
}

/**
 * Loopback, private, link-local, reserved and unspecified addresses as the URL parser writes them
 * (it turns `2130706433` and `0x7f.1` into `127.0.0.1`, `::ffff:127.0.0.1` into `::ffff:7f00:1`),
 * an IPv4 address carried inside IPv6 (mapped, compatible, NAT64, 6to4) judged as that address,
 * and names only a local resolver answers: one with no dot (`intranet`, found through the
 * company's search domains) or one in a private-use zone (`metadata.google.internal`,
 * `printer.local`). A public name that resolves to such an address is not seen.
 */
function isNonPublicHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (host.startsWith('[')) return isNonPublicIpv6(host.slice(1, -1));
  const octets = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(host);
  if (octets !== null) return isNonPublicIpv4(octets.slice(1).map(Number));
  if (!host.includes('.')) return true;
  return PRIVATE_ZONES.some((zone) => host === zone || host.endsWith(`.${zone}`));
}

/**
 * Zones no public registry delegates, answered only by a local resolver: special-use names
 * (RFC 6761, 6762, 8375), ICANN's private-use `internal`, and the ones networks use by habit.
 */
const PRIVATE_ZONES = [
  'localhost',
  'local',
  'localdomain',
  'internal',
  'home.arpa',
  'lan',
  'intranet',
  'corp',
  'home',
  'private',
];

/** The eight 16-bit groups of an IPv6 address as the URL parser writes it (hex, `::` compressed). */
function ipv6Groups(text: string): number[] | null {
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const part = (half: string | undefined) => (half === undefined || half === '' ? [] : half.split(':'));
  const head = part(halves[0]);
  const tail = part(halves[1]);
  const fill = halves.length === 2 ? 8 - head.length - tail.length : 0;
  if (fill < 0) return null;
  const groups = [...head, ...Array.from({ length: fill }, () => '0'), ...tail].map((group) =>
    /^[0-9a-f]{1,4}$/.test(group) ? Number.parseInt(group, 16) : Number.NaN,
  );
  return groups.length === 8 && groups.every((group) => !Number.isNaN(group)) ? groups : null;
}

function isNonPublicIpv6(text: string): boolean {
  const groups = ipv6Groups(text);
  if (groups === null) return true; // not an address Ferry can judge: not followed
  const [g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0, g5 = 0, g6 = 0, g7 = 0] = groups;
  const v4 = (high: number, low: number) => [high >> 8, high & 255, low >> 8, low & 255];
  const zeroTo = (count: number) => groups.slice(0, count).every((group) => group === 0);
  // ::/96 (unspecified, loopback, IPv4-compatible) is nothing public; ::ffff:0:0/96 is IPv4.
  if (zeroTo(6)) return true;
  if (zeroTo(5) && g5 === 0xffff) return isNonPublicIpv4(v4(g6, g7));
  if (zeroTo(4) && g4 === 0xffff && g5 === 0) return isNonPublicIpv4(v4(g6, g7));
  // NAT64: the well-known prefix carries a public IPv4 address; the local-use one never does.
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0) {
    return isNonPublicIpv4(v4(g6, g7));
  }
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 1) return true;
  if (g0 === 0x2002) return isNonPublicIpv4(v4(g1, g2)); // 6to4
  // Unique-local fc00::/7, link-local fe80::/10, site-local fec0::/10, multicast ff00::/8.
  return (g0 & 0xfe00) === 0xfc00 || (g0 & 0xffc0) === 0xfe80 || (g0 & 0xffc0) === 0xfec0 || g0 >= 0xff00;
}

function isNonPublicIpv4([a = 0, b = 0, c = 0]: readonly number[]): boolean {
  return (
    a === 0 ||
    a === 10 ||
    a === 127 ||
    (a === 169 && b === 254) ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 192 && b === 0 && c === 0) ||
    (a === 100 && b >= 64 && b <= 127) ||
    (a === 198 && (b === 18 || b === 19)) ||
    a >= 224 // multicast, reserved, broadcast
  );
}

/** The headers a job or upload reply gave for its link, less any credential of Ferry's own. */
export function linkHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  const sent: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (lower !== 'authorization' && lower !== 'cookie') sent[name] = value;
  }
  return sent;
}

/**
 * One request to a signed link. The same GET, or the same PUT of the same bytes to the same link,
 * may be repeated: 429s (waiting out `Retry-After`), 5xx and dropped connections are retried a
 * bounded number of times, as the API's own calls are.
 */
export async function fetchSignedLink(
  deps: SignedLinkDeps,
  url: URL,
  init: RequestInit,
  use: SignedLinkUse,
  signal: AbortSignal | undefined,
): Promise<Response> {
  const method = init.method ?? 'GET';
  let failure = '';
  /** A 429's Retry-After: storage links are metered too (the sandbox's per caller). */
  let wait = 0;
  for (let attempt = 0; attempt <= use.retries; attempt += 1) {
    if (attempt > 0) {
      deps.stats.retries += 1;
      try {
        await delay(
          Math.max(wait, Math.min(LINK_RETRY_CAP_MS, 50 * 2 ** attempt)),
          undefined,
          signal ? { signal } : undefined,
        );
      } catch {
        throw new FerryError('cancelled', `${method} ${url.pathname} was cancelled`);
      }
    }
    deps.stats.requests += 1;
    const timeout = AbortSignal.timeout(TRANSFER_TIMEOUT_MS);
    let response: Response;
    try {
      response = await deps.fetch(url, {
        ...init,
        // A redirect is seen, not followed: the next host could be anyone's, and asking the
        // same link again would only be redirected again.
        redirect: 'manual',
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
    } catch (error) {
      if (signal?.aborted) throw new FerryError('cancelled', `${method} ${url.pathname} was cancelled`);
      failure = error instanceof Error ? error.message : String(error);
      continue;
    }
    if ((response.status >= 300 && response.status < 400) || response.type === 'opaqueredirect') {
      await response.body?.cancel();
      throw new FerryError(
        use.code,
        `${method} ${url.pathname} answered with a redirect (HTTP ${response.status}), which Ferry does not follow for ${use.carries}; check the org's storage settings, then ${use.thenRetry}`,
      );
    }
    if (use.conflictAfterRetryLanded === true && attempt > 0 && method === 'PUT' && response.status === 409) {
      await response.body?.cancel();
      return new Response(null, { status: 200 });
    }
    if (response.status === 429 || response.status >= 500) {
      failure = `HTTP ${response.status}`;
      wait = response.status === 429 ? retryAfterMs(response.headers.get('retry-after')) : 0;
      await response.body?.cancel();
      continue;
    }
    return response;
  }
  throw new FerryError(
    use.code,
    `${method} ${url.pathname} did not complete after ${use.retries + 1} attempts (${failure})`,
  );
}

/**
 * Reads a reply's body, hanging up as soon as it passes `maxBytes`: a reply with no Content-Length
 * (or a lying one) must not be buffered whole before its size is known.
 */
export async function readSignedLinkBody(
  response: Response,
  maxBytes: number,
  tooLarge: () => FerryError,
): Promise<Uint8Array> {
  if (Number(response.headers.get('content-length') ?? '0') > maxBytes) {
    await response.body?.cancel();
    throw tooLarge();
  }
  if (response.body === null) return new Uint8Array(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    let next: Awaited<ReturnType<typeof reader.read>>;
    try {
      next = await reader.read();
    } catch (error) {
      throw bodyBrokeOff(error);
    }
    const { done, value } = next;
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/**
 * A body that stopped coming: the fetch rejects the read with its own DOMException (a cancel, the
 * transfer's time limit) or TypeError (the connection dropped), which say nothing a person can use.
 */
function bodyBrokeOff(error: unknown): FerryError {
  const name = error instanceof Error ? error.name : '';
  if (name === 'AbortError') return new FerryError('cancelled', 'The download was cancelled');
  if (name === 'TimeoutError') {
    return new FerryError(
      'network.timeout',
      `The download did not finish within ${TRANSFER_TIMEOUT_MS / 1000} s; check the connection, then try again`,
    );
  }
  return new FerryError(
    'network.unreachable',
    'The download broke off before it finished (the connection closed); try again',
  );
}

/** A Retry-After in seconds, bounded to a minute (a window's length). */
function retryAfterMs(header: string | null): number {
  const seconds = Number(header ?? '');
  return Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds, 60) * 1000 : LINK_RETRY_CAP_MS;
}
