import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { ErrorCode, type ApiResult, type ErrorCodeName } from '../../../shared/api/api-error';
import type { Dispatcher } from '../core/dispatcher';
import type { EventHub } from '../../services/events/event-hub';
import { SECURITY_HEADERS } from '../../services/security/content-security-policy';
import { readStaticFile } from '../../services/security/static-files';

const MAX_BODY_BYTES = 1024 * 1024;
const HEARTBEAT_MS = 15_000;
const LOOPBACK = '127.0.0.1';

const invokeEnvelopeSchema = z.object({ channel: z.string().max(200), request: z.unknown() }).strict();

export interface BridgeServerOptions {
  dispatcher: Dispatcher;
  events: EventHub;
  /** The built renderer (`dist/renderer`). */
  rendererDir: string;
  port?: number;
  /** Fixed only by tests; a fresh random token is made for every run otherwise. */
  token?: string;
}

export interface BridgeServer {
  /** Origin only, e.g. `http://127.0.0.1:5123`. */
  origin: string;
  /** What to open: the origin with the token in the fragment (never sent to the server in logs). */
  url: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

/**
 * The browser transport of the channel map: the built renderer, `POST /api/invoke` and an event
 * stream at `GET /api/events`, on loopback only, every API call and subscription carrying the
 * per-run token. Host and Origin are checked so another site cannot reach it through DNS rebinding.
 */
export async function startBridgeServer(options: BridgeServerOptions): Promise<BridgeServer> {
  const token = options.token ?? randomBytes(32).toString('base64url');
  const expected = Buffer.from(`Bearer ${token}`);
  const streams = new Set<ServerResponse>();
  let port = 0;

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) sendJson(res, 500, failure(ErrorCode.internal, 'The bridge failed to answer'));
      else res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    res.setHeader('Cache-Control', 'no-store');
    const allowedHosts = new Set([`${LOOPBACK}:${port}`, `localhost:${port}`]);
    if (!allowedHosts.has(req.headers.host ?? '')) {
      sendJson(res, 421, failure(ErrorCode.senderRefused, 'Unexpected Host header'));
      return;
    }
    const url = new URL(req.url ?? '/', `http://${LOOPBACK}:${port}`);
    if (url.pathname.startsWith('/api/')) {
      const origin = req.headers.origin;
      if (
        origin !== undefined &&
        origin !== `http://${LOOPBACK}:${port}` &&
        origin !== `http://localhost:${port}`
      ) {
        sendJson(res, 403, failure(ErrorCode.senderRefused, 'Calls from another origin are refused'));
        return;
      }
      if (!authorized(req.headers.authorization)) {
        sendJson(res, 401, failure(ErrorCode.unauthorized, 'Missing or wrong bridge token'));
        return;
      }
      if (url.pathname === '/api/invoke' && req.method === 'POST') return invoke(req, res);
      if (url.pathname === '/api/events' && req.method === 'GET') return subscribe(req, res);
      sendJson(res, 404, failure(ErrorCode.channelUnknown, `No API route ${req.method} ${url.pathname}`));
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendJson(res, 405, failure(ErrorCode.requestInvalid, 'Method not allowed'));
      return;
    }
    const file = await readStaticFile(options.rendererDir, url.pathname);
    if (!file) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
      return;
    }
    res.writeHead(200, { 'Content-Type': file.contentType, 'Content-Length': file.body.byteLength });
    res.end(req.method === 'HEAD' ? undefined : file.body);
  }

  function authorized(header: string | undefined): boolean {
    if (header === undefined) return false;
    const given = Buffer.from(header);
    return given.byteLength === expected.byteLength && timingSafeEqual(given, expected);
  }

  async function invoke(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const type = req.headers['content-type'] ?? '';
    if (!type.toLowerCase().startsWith('application/json')) {
      sendJson(res, 415, failure(ErrorCode.requestInvalid, 'Calls must be application/json'));
      return;
    }
    const body = await readBody(req, MAX_BODY_BYTES);
    if (body === null) {
      sendJson(
        res,
        413,
        failure(ErrorCode.requestInvalid, `Request body larger than ${MAX_BODY_BYTES} bytes`),
      );
      return;
    }
    let envelope: z.infer<typeof invokeEnvelopeSchema>;
    try {
      envelope = invokeEnvelopeSchema.parse(JSON.parse(body));
    } catch {
      sendJson(res, 400, failure(ErrorCode.requestInvalid, 'Body must be {"channel": string, "request": …}'));
      return;
    }
    const result = await options.dispatcher.dispatch(envelope.channel, envelope.request);
    sendJson(res, statusFor(result), result);
  }

  function subscribe(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      Connection: 'keep-alive',
    });
    res.write(': connected\n\n');
    streams.add(res);
    const detach = options.events.attach((event, payload) => {
      res.write(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`);
    });
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
    req.on('close', () => {
      clearInterval(heartbeat);
      detach();
      streams.delete(res);
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, LOOPBACK, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://${LOOPBACK}:${port}`;
  return {
    origin,
    url: `${origin}/#token=${token}`,
    token,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const stream of streams) stream.end();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function statusFor(result: ApiResult<unknown>): number {
  if (result.ok) return 200;
  switch (result.error.code) {
    case ErrorCode.channelUnknown:
      return 404;
    case ErrorCode.requestInvalid:
      return 400;
    case ErrorCode.internal:
      return 500;
    default:
      return 422;
  }
}

function failure(code: ErrorCodeName, message: string): ApiResult<never> {
  return { ok: false, error: { code, message } };
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
  res.end(body);
}

function readBody(req: IncomingMessage, limit: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let overflow = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size > limit) overflow = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(overflow ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
