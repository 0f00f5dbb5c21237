import { spawn } from 'node:child_process';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { nativeGit } from './native-git';
import { tempDir } from './temp-dir';

/**
 * A real git server for tests: native git's smart-HTTP CGI (`git http-backend`) behind a node
 * HTTP server on 127.0.0.1 that demands basic auth. Ferry talks to it exactly as it would to any
 * hosted remote; nothing leaves the machine. It serves every bare repository under `root`: the
 * one it starts with, and any made later with `createRepository` (the remote-lease tests take a
 * fresh remote per test). The lease's compare-and-swap is receive-pack's own ref check, so only
 * the real receive-pack proves it.
 */
const HTTP_BACKEND = '/usr/lib/git-core/git-http-backend';
/** A CGI that has not answered by then is stuck: the test fails instead of hanging. */
const CGI_TIMEOUT_MS = 30_000;

/**
 * How the server misbehaves, for the flaky-network tests: `drop-mid-pack` answers a fetch's pack
 * request with its headers and half the pack, then closes the connection; `redirect` answers every
 * request with 302 to `to` followed by the request's path (another host, say).
 */
export type GitServerFault = { kind: 'none' } | { kind: 'drop-mid-pack' } | { kind: 'redirect'; to: string };

export interface GitHttpServer {
  /** The bare repository's URL, without credentials (`http://127.0.0.1:<port>/<name>.git`). */
  url: string;
  /** The bare repository on disk, for native git checks (`git fsck`). */
  bareDir: string;
  /** The folder holding the bare repositories. */
  root: string;
  /** The URL of the bare repository `<root>/<name>.git` (one made by `createRepository`). */
  urlOf(name: string): string;
  /** Another bare repository `<root>/<name>.git` with one commit on `main`; returns its folder. */
  createRepository(name: string): string;
  /** Every request's method and path, in order (never its credentials). */
  requests: string[];
  /** Holds every later request this long before answering (0: answer at once): a slow remote, to cancel. */
  setDelay(ms: number): void;
  /** Misbehaves from the next request on (`{ kind: 'none' }` to stop). */
  setFault(fault: GitServerFault): void;
  close(): Promise<void>;
}

/**
 * Serves a new, empty bare repository `<root>/<name>.git` that accepts pushes from `user` with
 * `password`; any other credentials get 401, like a hosted remote.
 */
export async function startGitHttpServer(options: {
  /** Where the bare repositories live; a fresh temporary folder when not given. */
  root?: string;
  user: string;
  password: string;
  name?: string;
}): Promise<GitHttpServer> {
  const root = options.root ?? (await tempDir('ferry-git-server-'));
  const name = `${options.name ?? 'team'}.git`;
  const bareDir = join(root, name);
  nativeGit(root, 'init', '--bare', '--initial-branch=main', name);
  nativeGit(bareDir, 'config', 'http.receivepack', 'true');
  const expected = `Basic ${Buffer.from(`${options.user}:${options.password}`).toString('base64')}`;
  const requests: string[] = [];
  let delayMs = 0;
  let fault: GitServerFault = { kind: 'none' };

  const server = createServer((request, response) => {
    requests.push(`${request.method ?? 'GET'} ${request.url ?? ''}`);
    if (fault.kind === 'redirect') {
      response.writeHead(302, { Location: `${fault.to}${request.url ?? '/'}` }).end();
      return;
    }
    if (delayMs > 0) {
      const timer = setTimeout(() => answer(request, response), delayMs);
      // A client that gave up is not answered later.
      response.once('close', () => clearTimeout(timer));
      return;
    }
    answer(request, response);
  });

  function answer(request: IncomingMessage, response: ServerResponse): void {
    if (request.headers.authorization !== expected) {
      response.writeHead(401, { 'WWW-Authenticate': 'Basic realm="ferry-test"' }).end('Unauthorized\n');
      return;
    }
    const truncate =
      fault.kind === 'drop-mid-pack' &&
      request.method === 'POST' &&
      (request.url ?? '').endsWith('/git-upload-pack');
    serveCgi(root, options.user, request, response, truncate).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500);
      response.end(error instanceof Error ? error.message : 'CGI failed');
    });
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/${name}`,
    bareDir,
    root,
    urlOf: (repository) => `http://127.0.0.1:${port}/${repository}.git`,
    createRepository: (repository) => seededRepository(root, repository),
    requests,
    setDelay: (ms) => {
      delayMs = ms;
    },
    setFault: (next) => {
      fault = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const TEST_IDENTITY = ['-c', 'user.name=Test', '-c', 'user.email=test@example.invalid'] as const;

/** A bare repository with one commit on `main` (a branch the lease tests prove they leave alone). */
function seededRepository(root: string, name: string): string {
  const bare = join(root, `${name}.git`);
  nativeGit(root, 'init', '--quiet', '--bare', '--initial-branch=main', `${name}.git`);
  nativeGit(bare, 'config', 'http.receivepack', 'true');
  const seed = join(root, `${name}.seed`);
  nativeGit(root, 'init', '--quiet', '--initial-branch=main', `${name}.seed`);
  nativeGit(seed, ...TEST_IDENTITY, 'commit', '--quiet', '--allow-empty', '-m', 'workspace');
  nativeGit(seed, 'push', '--quiet', bare, 'main');
  return bare;
}

/** Runs one request through `git http-backend` and relays its CGI answer (headers, then body). */
async function serveCgi(
  root: string,
  user: string,
  request: IncomingMessage,
  response: ServerResponse,
  truncate = false,
): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks);
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  const child = spawn(HTTP_BACKEND, [], {
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      GIT_PROJECT_ROOT: root,
      GIT_HTTP_EXPORT_ALL: '1',
      REMOTE_USER: user,
      REMOTE_ADDR: '127.0.0.1',
      PATH_INFO: decodeURIComponent(url.pathname),
      QUERY_STRING: url.search.replace(/^\?/, ''),
      REQUEST_METHOD: request.method ?? 'GET',
      CONTENT_TYPE: request.headers['content-type'] ?? '',
      CONTENT_LENGTH: String(body.length),
      ...(request.headers['content-encoding']
        ? { HTTP_CONTENT_ENCODING: request.headers['content-encoding'] }
        : {}),
      ...(request.headers['git-protocol'] ? { GIT_PROTOCOL: String(request.headers['git-protocol']) } : {}),
    },
    stdio: ['pipe', 'pipe', 'ignore'],
    timeout: CGI_TIMEOUT_MS,
  });
  // http-backend may answer (an error, say) without reading the whole request: a broken pipe
  // then is expected, not a crash of the test process.
  child.stdin.on('error', () => undefined);
  const spawned = new Promise<void>((resolve, reject) => {
    child.once('error', reject);
    child.once('spawn', resolve);
  });
  await spawned;
  child.stdin.end(body);
  const out: Buffer[] = [];
  for await (const chunk of child.stdout) out.push(chunk as Buffer);
  const all = Buffer.concat(out);
  const split = all.indexOf('\r\n\r\n');
  const headerEnd = split === -1 ? all.indexOf('\n\n') : split;
  const separator = split === -1 ? 2 : 4;
  const headerText = all.subarray(0, headerEnd).toString('latin1');
  let status = 200;
  const headers: Record<string, string> = {};
  for (const line of headerText.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon === -1) continue;
    const field = line.slice(0, colon).trim();
    const value = line.slice(colon + 1).trim();
    if (field.toLowerCase() === 'status') status = Number.parseInt(value, 10);
    else headers[field] = value;
  }
  const answer = all.subarray(headerEnd + separator);
  if (truncate) {
    // Half the pack, then the connection drops: no end of the chunked answer ever comes.
    response.writeHead(status, headers);
    response.write(answer.subarray(0, Math.floor(answer.length / 2)), () => response.socket?.destroy());
    return;
  }
  response.writeHead(status, headers);
  response.end(answer);
}
