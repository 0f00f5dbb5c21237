import { setTimeout as delay } from 'node:timers/promises';
import { FerryError } from '../../../../shared/api/api-error';
import type { TransportStats } from './genesys-transport';

/**
 * A flow file's trip to or from storage: an export job's `downloadUrl` and an import job's
 * `presignedUrl` are signed links, their own credential. The bearer token never goes there, a
 * redirect is refused (the next host could be anyone's), and a download is read up to a bound and
 * must be UTF-8 text, since a flow file is YAML.
 */

/** The largest flow file Ferry reads or writes: Archy files of big flows run to a few MB. */
export const FLOW_FILE_MAX_BYTES = 8 * 1024 * 1024;

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);
/** Repeats of a link request that met a 429, a 5xx or a dropped connection. */
const LINK_RETRIES = 5;
const LINK_RETRY_CAP_MS = 500;
const TRANSFER_TIMEOUT_MS = 60_000;

export interface FlowFileLinkDeps {
  fetch: typeof fetch;
  stats: TransportStats;
  /** A sandbox gateway: its links must be on this machine; a region's must be https. */
  loopbackOnly: boolean;
}

export type LinkErrorCode = 'flow.export-failed' | 'flow.import-failed';

/** The link, checked: https (a sandbox: loopback), no credentials in it. */
export function checkedFlowLink(raw: string, what: string, loopbackOnly: boolean): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new FerryError('genesys.destination-refused', `The flow's ${what} is not a URL`);
  }
  const ok = loopbackOnly
    ? (url.protocol === 'http:' || url.protocol === 'https:') && LOOPBACK.has(url.hostname)
    : url.protocol === 'https:';
  if (!ok || url.username !== '' || url.password !== '') {
    throw new FerryError(
      'genesys.destination-refused',
      `Ferry refused to follow the flow's ${what} to ${url.origin}: it must be ${loopbackOnly ? 'on this machine (a sandbox)' : 'an https link'}`,
      { origin: url.origin },
    );
  }
  return url;
}

/** Downloads a flow file (no token, no redirect, bounded), as text. */
export async function downloadFlowFile(
  deps: FlowFileLinkDeps,
  raw: string,
  flowName: string,
  signal: AbortSignal | undefined,
): Promise<string> {
  const url = checkedFlowLink(raw, 'export download link', deps.loopbackOnly);
  const response = await fetchLink(deps, url, { method: 'GET' }, 'flow.export-failed', signal);
  if (!response.ok) {
    await response.body?.cancel();
    throw new FerryError(
      'flow.export-failed',
      `Downloading the export of flow "${flowName}" failed with HTTP ${response.status}`,
      { flow: flowName, status: response.status },
    );
  }
  const bytes = await readBounded(response, flowName);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw notText(flowName);
  }
  // A YAML file has no NUL: one means the link gave back something else (an archive, an image).
  if (text.includes('\u0000')) throw notText(flowName);
  return text;
}

/** PUTs a flow file to an import job's presigned URL with the headers the job gave (never a token). */
export async function uploadFlowFile(
  deps: FlowFileLinkDeps,
  raw: string,
  headers: Readonly<Record<string, string>>,
  text: string,
  flowName: string,
  signal: AbortSignal | undefined,
): Promise<void> {
  const url = checkedFlowLink(raw, 'import upload link', deps.loopbackOnly);
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.byteLength > FLOW_FILE_MAX_BYTES) {
    throw new FerryError(
      'flow.import-failed',
      `The configuration of flow "${flowName}" is larger than ${FLOW_FILE_MAX_BYTES} bytes`,
    );
  }
  const sent: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    // The presigned link is its own credential: an Authorization header is never forwarded there.
    if (name.toLowerCase() !== 'authorization' && name.toLowerCase() !== 'cookie') sent[name] = value;
  }
  const response = await fetchLink(
    deps,
    url,
    { method: 'PUT', headers: sent, body: bytes },
    'flow.import-failed',
    signal,
  );
  await response.body?.cancel();
  if (!response.ok) {
    throw new FerryError(
      'flow.import-failed',
      `Uploading the configuration of flow "${flowName}" failed with HTTP ${response.status}`,
      { flow: flowName, status: response.status },
    );
  }
}

/**
 * One request to a signed link. The same GET, or the same PUT of the same bytes to the same link,
 * may be repeated: 429s, 5xx and dropped connections are retried a bounded number of times.
 */
async function fetchLink(
  deps: FlowFileLinkDeps,
  url: URL,
  init: RequestInit,
  code: LinkErrorCode,
  signal: AbortSignal | undefined,
): Promise<Response> {
  const method = init.method ?? 'GET';
  let failure = '';
  /** A 429's Retry-After: storage links are metered too (the sandbox's per caller). */
  let wait = 0;
  for (let attempt = 0; attempt <= LINK_RETRIES; attempt += 1) {
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
        code,
        `${method} ${url.pathname} answered with a redirect (HTTP ${response.status}), which Ferry does not follow for flow files; check the org's storage settings, then try again`,
      );
    }
    if (attempt > 0 && method === 'PUT' && response.status === 409) {
      // Exactly once: the upload link takes the same file again until its job starts, and answers
      // 409 once it has; after a PUT whose reply was lost, that means the first one landed.
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
    code,
    `${method} ${url.pathname} did not complete after ${LINK_RETRIES + 1} attempts (${failure})`,
  );
}

/** Reads the body, hanging up as soon as it passes the bound (a missing or lying Content-Length too). */
async function readBounded(response: Response, flowName: string): Promise<Uint8Array> {
  const tooLarge = () =>
    new FerryError(
      'flow.export-failed',
      `The export of flow "${flowName}" is larger than ${FLOW_FILE_MAX_BYTES} bytes; Ferry does not read it`,
      { flow: flowName },
    );
  if (Number(response.headers.get('content-length') ?? '0') > FLOW_FILE_MAX_BYTES) {
    await response.body?.cancel();
    throw tooLarge();
  }
  if (response.body === null) return new Uint8Array(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > FLOW_FILE_MAX_BYTES) {
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

/** A Retry-After in seconds, bounded to a minute (a window's length). */
function retryAfterMs(header: string | null): number {
  const seconds = Number(header ?? '');
  return Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds, 60) * 1000 : LINK_RETRY_CAP_MS;
}

function notText(flowName: string): FerryError {
  return new FerryError(
    'flow.export-failed',
    `The export of flow "${flowName}" is not UTF-8 text, so it is not a flow file Ferry reads`,
    { flow: flowName },
  );
}
