import { spawn, execFileSync } from 'node:child_process';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { tempDir } from './temp-dir';

/**
 * A real git server for the remote-lease tests: native `git http-backend` run as a CGI program
 * behind a Node HTTP server on 127.0.0.1 with basic auth. The lease's compare-and-swap is git
 * receive-pack's own ref check, so only the real receive-pack proves it.
 */

const HTTP_BACKEND = '/usr/lib/git-core/git-http-backend';

export interface LeaseGitServer {
  /** The folder holding the bare repositories. */
  root: string;
  /** The URL of a bare repository made with `createRepository`. */
  urlOf(name: string): string;
  /** A bare repository with one commit on `main`, accepting pushes over HTTP. */
  createRepository(name: string): Promise<string>;
  close(): Promise<void>;
}

export interface LeaseGitServerOptions {
  username: string;
  password: string;
}

export async function startLeaseGitServer(options: LeaseGitServerOptions): Promise<LeaseGitServer> {
  const root = await tempDir('ferry-lease-server-');
  const expected = `Basic ${Buffer.from(`${options.username}:${options.password}`).toString('base64')}`;
  const server = createServer((request, response) => {
    if (request.headers.authorization !== expected) {
      response.writeHead(401, { 'WWW-Authenticate': 'Basic realm="ferry-test"' });
      response.end('authentication required');
      return;
    }
    void runBackend(root, options.username, request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    root,
    urlOf: (name) => `http://127.0.0.1:${port}/${name}.git`,
    async createRepository(name) {
      const bare = join(root, `${name}.git`);
      execFileSync('git', ['init', '--quiet', '--bare', '--initial-branch=main', bare]);
      execFileSync('git', ['-C', bare, 'config', 'http.receivepack', 'true']);
      // A branch to prove that leases leave the workspace's history alone.
      const seed = await tempDir('ferry-lease-seed-');
      execFileSync('git', ['init', '--quiet', '--initial-branch=main', seed]);
      execFileSync('git', ['-C', seed, 'commit', '--quiet', '--allow-empty', '-m', 'workspace'], {
        env: { ...process.env, ...testIdentity },
      });
      execFileSync('git', ['-C', seed, 'push', '--quiet', bare, 'main']);
      return bare;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const testIdentity = {
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.invalid',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.invalid',
};

/** Buffers the request (http-backend wants CONTENT_LENGTH), runs the CGI and relays its answer. */
async function runBackend(
  root: string,
  user: string,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks);
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    GIT_PROJECT_ROOT: root,
    GIT_HTTP_EXPORT_ALL: '1',
    REQUEST_METHOD: request.method ?? 'GET',
    PATH_INFO: decodeURIComponent(url.pathname),
    QUERY_STRING: url.search.slice(1),
    CONTENT_TYPE: request.headers['content-type'] ?? '',
    CONTENT_LENGTH: String(body.length),
    REMOTE_USER: user,
    REMOTE_ADDR: '127.0.0.1',
    GIT_HTTP_MAX_REQUEST_BUFFER: '10M',
  };
  const protocol = request.headers['git-protocol'];
  if (typeof protocol === 'string') env.HTTP_GIT_PROTOCOL = protocol;
  const encoding = request.headers['content-encoding'];
  if (typeof encoding === 'string') env.HTTP_CONTENT_ENCODING = encoding;
  const child = spawn(HTTP_BACKEND, [], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  // http-backend may exit without reading a body it does not need; that is not a failure here.
  child.stdin.on('error', () => undefined);
  child.stdin.end(body);
  const out: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
  child.stderr.resume();
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const output = Buffer.concat(out);
  const split = headerEnd(output);
  if (code !== 0 || split === null) {
    response.writeHead(500);
    response.end('git http-backend failed');
    return;
  }
  let status = 200;
  const headers: Record<string, string> = {};
  for (const line of output.subarray(0, split.at).toString('latin1').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim();
    const value = line.slice(colon + 1).trim();
    if (name.toLowerCase() === 'status') status = Number.parseInt(value, 10);
    else headers[name] = value;
  }
  response.writeHead(status, headers);
  response.end(output.subarray(split.at + split.length));
}

function headerEnd(output: Buffer): { at: number; length: number } | null {
  const crlf = output.indexOf('\r\n\r\n');
  const lf = output.indexOf('\n\n');
  if (crlf >= 0 && (lf < 0 || crlf < lf)) return { at: crlf, length: 4 };
  if (lf >= 0) return { at: lf, length: 2 };
  return null;
}
