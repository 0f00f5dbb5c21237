import fs from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import git, { type AuthCallback, type GitHttpRequest, type HttpClient } from 'isomorphic-git';
import nodeHttp from 'isomorphic-git/http/node';

/**
 * The second door to isomorphic-git besides `repository.ts`: one ref on a git remote, read and
 * replaced by compare-and-swap, holding a one-file commit. The remote environment lease
 * (`locks/remote-lease.ts`) is built on it; nothing here knows what a lease is.
 *
 * Reading goes through isomorphic-git (`listServerRefs` for the ref's value, `fetch` for its
 * commit). Writing does not: isomorphic-git's `push` re-reads the remote's refs inside the push and
 * sends whatever value it finds there as the old value, so a writer that raced us in between would
 * be silently overwritten. Here the update is sent with git's smart-HTTP receive-pack protocol
 * directly, for this one ref: the command line `<old> <new> <ref>` carries the value *we read*, and
 * receive-pack refuses the update under its ref lock when the ref no longer holds it (an all-zero
 * old value means "must not exist yet"). That check, done by the server, is the compare-and-swap.
 *
 * The commit is built in a scratch git dir under the system temp folder, made and removed per
 * call, never in the workspace's `.git`: the lease must not leave objects, remote-tracking refs or
 * config in the workspace's repository, and must never be able to touch its HEAD, index or
 * branches. The scratch dir holds nothing secret (the lease record only) and is deleted at once.
 */

export const ZERO_OID = '0000000000000000000000000000000000000000';

/** A lease call that hangs would hold up a promotion with no word why: each request gets this long. */
export const LEASE_REQUEST_TIMEOUT_MS = 20_000;

/**
 * isomorphic-git's node client with a deadline on every request and redirects not followed: a
 * redirect could carry the Authorization header to another host.
 */
const http: HttpClient = {
  request: (request: GitHttpRequest) =>
    nodeHttp.request({
      ...request,
      signal: AbortSignal.timeout(LEASE_REQUEST_TIMEOUT_MS),
      fetchOptions: { followRedirects: false },
    }),
};

export interface RemoteCredentials {
  username: string;
  password: string;
}

/** Gives the credentials for a remote URL, or null to try without; called when the server asks. */
export type RemoteCredentialsProvider = (url: string) => Promise<RemoteCredentials | null>;

export type RemoteRefFailure = 'unauthorized' | 'unreachable' | 'refused' | 'protocol';

/**
 * A failure talking to the remote, with a message that never holds credentials: it is built
 * here from the status and the server's short refusal reason, never from a request.
 */
export class RemoteRefError extends Error {
  constructor(
    readonly failure: RemoteRefFailure,
    message: string,
  ) {
    super(message);
    this.name = 'RemoteRefError';
  }
}

export interface RemoteRefTarget {
  url: string;
  /** A full ref name such as `refs/ferry/locks/prod`. */
  ref: string;
  credentials: RemoteCredentialsProvider;
}

export interface RemoteRefFile {
  /** The commit the ref points to: the old value for a compare-and-swap. */
  oid: string;
  /** The named file's bytes in that commit, or null when the commit has no such file. */
  content: Uint8Array | null;
}

/** Refuses URLs that would carry credentials or leave this machine in clear text. */
export function checkRemoteUrl(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new RemoteRefError('refused', 'The remote address is not a valid URL.');
  }
  if (parsed.username !== '' || parsed.password !== '') {
    throw new RemoteRefError('refused', 'The remote address must not contain a user name or password.');
  }
  const loopback =
    parsed.hostname === '127.0.0.1' || parsed.hostname === 'localhost' || parsed.hostname === '[::1]';
  if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && loopback)) {
    throw new RemoteRefError(
      'refused',
      'The remote address must use https (plain http only on this machine).',
    );
  }
}

/** The ref's current commit on the remote, or null when it does not exist. */
export async function readRemoteRef(target: RemoteRefTarget): Promise<string | null> {
  checkRemoteUrl(target.url);
  const refs = await guard(() =>
    git.listServerRefs({
      http,
      url: target.url,
      prefix: target.ref,
      protocolVersion: 2,
      onAuth: authCallback(target.credentials),
      onAuthFailure: () => ({ cancel: true }),
    }),
  );
  return refs.find((entry) => entry.ref === target.ref)?.oid ?? null;
}

/**
 * The ref's commit and one file of it, read in one fetch so the two agree; null when the ref does
 * not exist. The oid returned is the one the fetched commit has, whatever a reader saw before.
 */
export async function readRemoteRefFile(
  target: RemoteRefTarget,
  path: string,
): Promise<RemoteRefFile | null> {
  const listed = await readRemoteRef(target);
  if (listed === null) return null;
  return withScratch(async (gitdir) => {
    await git.setConfig({ fs, gitdir, path: 'remote.lease.url', value: target.url });
    await git.setConfig({
      fs,
      gitdir,
      path: 'remote.lease.fetch',
      value: `+${target.ref}:refs/lease/fetched`,
    });
    let oid: string | null;
    try {
      const fetched = await guard(() =>
        git.fetch({
          fs,
          http,
          gitdir,
          remote: 'lease',
          ref: target.ref,
          remoteRef: target.ref,
          singleBranch: true,
          tags: false,
          onAuth: authCallback(target.credentials),
          onAuthFailure: () => ({ cancel: true }),
        }),
      );
      oid = fetched.fetchHead;
    } catch (error) {
      if (!(error instanceof Error && error.name === 'NotFoundError')) throw error;
      // isomorphic-git looks for the remote's HEAD before it keeps what it fetched, and a remote
      // nobody has pushed a branch to (only lease refs) has none, so the lease there cannot be
      // read. Said as it is, rather than read as "no lease" (a swap against that would be
      // refused round after round, and the refusal would blame other machines).
      if (/HEAD/.test(error.message) && (await readRemoteRef(target)) === listed) {
        throw new RemoteRefError(
          'refused',
          'The shared remote has no branch yet (the workspace was never pushed to it), so the lease kept there cannot be read. Push the workspace first (ferry push).',
        );
      }
      // Deleted between the listing and the fetch: as good as never there.
      return null;
    }
    if (oid === null) return null;
    try {
      const { blob } = await git.readBlob({ fs, gitdir, oid, filepath: path });
      return { oid, content: blob };
    } catch {
      // No such file, or the ref names something other than a commit: there is no record to read.
      return { oid, content: null };
    }
  });
}

export interface RefUpdate {
  /** What the ref must hold now for the update to happen; null means it must not exist. */
  expected: string | null;
  /**
   * The new commit's single file. There is no delete: receive-pack deletes a ref whatever it holds
   * when the old value names an object the server no longer has (a pruned old lease), so a delete
   * is not a safe compare-and-swap; a caller clears a ref by writing a record that says so.
   */
  file: { path: string; content: Uint8Array; message: string; author: { name: string; email: string } };
  /** When the commit is made, for its author and committer lines. */
  now: Date;
}

export type RefUpdateResult = { updated: true; oid: string } | { updated: false; reason: string };

/**
 * Replaces the ref by compare-and-swap: it is set to a new parentless commit holding `file`, only
 * if it still holds `expected`. `{updated:false}` means another writer got there
 * first (or the ref already existed when `expected` was null); the caller reads again to see who.
 */
export async function compareAndSwapRemoteRef(
  target: RemoteRefTarget,
  update: RefUpdate,
): Promise<RefUpdateResult> {
  checkRemoteUrl(target.url);
  const built = await withScratch((gitdir) => buildCommit(gitdir, update.file, update.now));
  const oldOid = update.expected ?? ZERO_OID;
  // report-status asks for the per-ref verdict; no side-band, so the answer is plain pkt-lines.
  const command = pktLine(`${oldOid} ${built.oid} ${target.ref}\0report-status agent=ferry\n`);
  const response = await post(target, [command, FLUSH, built.pack]);
  return parseReport(response, target.ref, built.oid);
}

async function buildCommit(
  gitdir: string,
  file: RefUpdate['file'],
  now: Date,
): Promise<{ oid: string; pack: Uint8Array }> {
  const blob = await git.writeBlob({ fs, gitdir, blob: file.content });
  const tree = await git.writeTree({
    fs,
    gitdir,
    tree: [{ mode: '100644', path: file.path, oid: blob, type: 'blob' }],
  });
  const person = { ...file.author, timestamp: Math.floor(now.getTime() / 1000), timezoneOffset: 0 };
  const oid = await git.writeCommit({
    fs,
    gitdir,
    commit: { message: file.message, tree, parent: [], author: person, committer: person },
  });
  const { packfile } = await git.packObjects({ fs, gitdir, oids: [oid, tree, blob], write: false });
  if (packfile === undefined) throw new RemoteRefError('protocol', 'Ferry could not pack the lease commit.');
  return { oid, pack: packfile };
}

async function post(target: RemoteRefTarget, body: Uint8Array[]): Promise<Uint8Array> {
  const endpoint = `${target.url.replace(/\/+$/, '')}/git-receive-pack`;
  const headers: Record<string, string> = {
    'content-type': 'application/x-git-receive-pack-request',
    accept: 'application/x-git-receive-pack-result',
    'user-agent': 'ferry',
  };
  const send = async (authorization: string | null): Promise<{ status: number; body: Uint8Array }> => {
    const response = await guard(() =>
      http.request({
        url: endpoint,
        method: 'POST',
        headers: authorization === null ? headers : { ...headers, authorization },
        // An array is sent as one buffer with a Content-Length, which every git server accepts.
        body: body as unknown as AsyncIterableIterator<Uint8Array>,
      }),
    );
    return { status: response.statusCode, body: await collect(response.body) };
  };
  let response = await send(null);
  if (response.status === 401) {
    const credentials = await target.credentials(target.url);
    if (credentials !== null) response = await send(basicAuthorization(credentials));
  }
  if (response.status === 401 || response.status === 403) {
    throw new RemoteRefError('unauthorized', `The remote refused the credentials (HTTP ${response.status}).`);
  }
  if (response.status !== 200) {
    throw new RemoteRefError('protocol', `The remote answered the ref update with HTTP ${response.status}.`);
  }
  return response.body;
}

function basicAuthorization(credentials: RemoteCredentials): string {
  return `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`, 'utf8').toString('base64')}`;
}

/** Reads receive-pack's report: `unpack ok`, then `ok <ref>` or `ng <ref> <reason>`. */
function parseReport(answer: Uint8Array, ref: string, oid: string): RefUpdateResult {
  const lines = readPktLines(answer);
  const unpack = lines[0];
  if (unpack === undefined || !unpack.startsWith('unpack ')) {
    throw new RemoteRefError('protocol', 'The remote did not report on the ref update.');
  }
  if (unpack !== 'unpack ok') {
    throw new RemoteRefError(
      'protocol',
      `The remote could not store the lease commit (${clip(unpack.slice(7))}).`,
    );
  }
  for (const line of lines.slice(1)) {
    if (line === `ok ${ref}`) return { updated: true, oid };
    if (line.startsWith(`ng ${ref} `)) return { updated: false, reason: clip(line.slice(ref.length + 4)) };
  }
  throw new RemoteRefError('protocol', 'The remote did not say whether the ref was updated.');
}

const FLUSH = new TextEncoder().encode('0000');

function pktLine(text: string): Uint8Array {
  const payload = new TextEncoder().encode(text);
  const length = (payload.length + 4).toString(16).padStart(4, '0');
  const line = new Uint8Array(payload.length + 4);
  line.set(new TextEncoder().encode(length), 0);
  line.set(payload, 4);
  return line;
}

function readPktLines(data: Uint8Array): string[] {
  const lines: string[] = [];
  const decoder = new TextDecoder();
  let at = 0;
  while (at + 4 <= data.length) {
    const length = Number.parseInt(decoder.decode(data.subarray(at, at + 4)), 16);
    if (!Number.isInteger(length))
      throw new RemoteRefError('protocol', 'The remote sent a malformed answer.');
    if (length === 0) {
      at += 4;
      continue;
    }
    if (length < 4 || at + length > data.length) {
      throw new RemoteRefError('protocol', 'The remote sent a malformed answer.');
    }
    lines.push(decoder.decode(data.subarray(at + 4, at + length)).replace(/\n$/, ''));
    at += length;
  }
  return lines;
}

function clip(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, '?').slice(0, 200);
}

async function collect(body: AsyncIterableIterator<Uint8Array> | undefined): Promise<Uint8Array> {
  if (body === undefined) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  for await (const chunk of body) chunks.push(chunk);
  return Buffer.concat(chunks);
}

function authCallback(provider: RemoteCredentialsProvider): AuthCallback {
  return async (url) => (await provider(url)) ?? {};
}

/**
 * Turns isomorphic-git's and the network's failures into ones whose message is ours: theirs can
 * quote a response body or, on some paths, a URL, and neither belongs in a person's error.
 */
async function guard<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof RemoteRefError) throw error;
    const name = error instanceof Error ? error.name : '';
    if (name === 'NotFoundError') throw error;
    if (name === 'HttpError' || name === 'UserCanceledError') {
      const status = statusOf(error);
      if (status === 401 || status === 403 || name === 'UserCanceledError') {
        throw new RemoteRefError(
          'unauthorized',
          `The remote refused the credentials${status ? ` (HTTP ${status})` : ''}.`,
        );
      }
      throw new RemoteRefError('protocol', `The remote answered with HTTP ${status ?? 'error'}.`);
    }
    if (name === 'TimeoutError' || name === 'AbortError') {
      throw new RemoteRefError(
        'unreachable',
        `The remote did not answer within ${LEASE_REQUEST_TIMEOUT_MS / 1000} seconds.`,
      );
    }
    const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
    if (/^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH)$/.test(code)) {
      throw new RemoteRefError('unreachable', `The remote could not be reached (${code}).`);
    }
    throw new RemoteRefError('protocol', `Talking to the remote failed (${name || 'unknown error'}).`);
  }
}

function statusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('data' in error)) return undefined;
  const data = error.data;
  if (typeof data !== 'object' || data === null || !('statusCode' in data)) return undefined;
  return typeof data.statusCode === 'number' ? data.statusCode : undefined;
}

async function withScratch<T>(run: (gitdir: string) => Promise<T>): Promise<T> {
  const gitdir = await mkdtemp(join(tmpdir(), 'ferry-lease-'));
  try {
    await git.init({ fs, gitdir, bare: true, defaultBranch: 'lease' });
    return await run(gitdir);
  } finally {
    await rm(gitdir, { recursive: true, force: true });
  }
}
