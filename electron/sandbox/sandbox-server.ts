import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { FaultInjector, FaultSpecError, NO_FAULTS, parseFaultSpec, type FaultSpec } from './fault-injector';
import { GenesysHttpError } from './genesys-error';
import { DEFAULT_TOKEN_TTL_SECONDS, DEMO_CLIENTS, TokenService, type DemoClient } from './oauth';
import { ORG_KEYS, type OrgKey } from './org-state';
import { OrgStore } from './org-store';
import { resolveMaxPageSizes, type ListKind, type MaxPageSizes } from './paging';
import { RateLimiter, type RateDecision } from './rate-limiter';
import { sandboxRoutes } from './routes/all-routes';
import { RouteTable } from './route-table';
import { seedOrg } from './seed-orgs';
import { addGeneratedFlows } from './seed-flows';
import { handlePromptMedia } from './prompt-media';
import { PROMPT_MEDIA_PREFIX } from './routes/prompts-routes';
import { handleFlowMedia } from './flow-media';
import { DEFAULT_FLOW_JOB_DURATION_MS } from './routes/flow-jobs-routes';
import { LinkSigner } from './presigned-link';

/** Genesys's default budget for a client-credentials token. */
export const DEFAULT_RATE_LIMIT_PER_MINUTE = 300;

/** Genesys's `request.bytes.max`; bigger bodies are refused with 413. */
export const MAX_REQUEST_BYTES = 512_000;

export interface SandboxOptions {
  /** 0 (the default) picks a free port. The server only ever binds 127.0.0.1. */
  port?: number;
  /** Folder holding `<org>.json` per org; without it the orgs live in memory only. */
  dataDir?: string;
  /** A spec string (`latency=20-50,503=0.1,seed=7`) or a parsed spec. */
  faults?: string | FaultSpec;
  rateLimitPerMinute?: number;
  tokenTtlSeconds?: number;
  /** One size for every list, or per-list overrides of DEFAULT_MAX_PAGE_SIZES. */
  maxPageSize?: number | Partial<Record<ListKind, number>>;
  /** Milliseconds since the epoch; tests move it to expire tokens and reset rate windows. */
  clock?: () => number;
  /** How long an Architect export or import job runs before it reports its outcome (default 100). */
  flowJobDurationMs?: number;
}

export interface SandboxOrgCredentials extends DemoClient {
  orgId: string;
  orgName: string;
}

export interface SandboxHandle {
  /** `http://127.0.0.1:<port>`: both `/oauth/token` and `/api/v2/...` live here. */
  url: string;
  port: number;
  /**
   * The storage host of Architect job files (`http://127.0.0.1:<another port>`), as S3 is another
   * host than the API: export downloads and import uploads, by signed link only.
   */
  storageUrl: string;
  orgs: Record<OrgKey, SandboxOrgCredentials>;
  maxPageSizes: MaxPageSizes;
  /**
   * Faults a test arms for one kind of call: its reply lost after it is applied, a 429, or (for a
   * call that registers an Architect job) the job ending in Failure.
   */
  faults: Pick<FaultInjector, 'loseReplyOf' | 'throttle' | 'failJob'>;
  /**
   * Checks a flow out as a person of that org (as if someone were editing it in Architect), so
   * tests can meet the 409s and the failed imports a flow locked by someone else brings.
   */
  lockFlowAsUser(
    org: OrgKey,
    flowId: string,
    user: { id: string; name: string },
    /** Changes that person saved but has not checked in (the flow's `savedVersion`). */
    savedConfiguration?: string,
  ): Promise<void>;
  /**
   * Adds `count` generated inbound call flows to an org, each published (see seed-flows.ts), for
   * tests and benches that need an org with many flows. Answers their ids.
   */
  addGeneratedFlows(org: OrgKey, count: number): Promise<string[]>;
  close(): Promise<void>;
}

interface ServerParts {
  store: OrgStore;
  tokens: TokenService;
  limiter: RateLimiter;
  faults: FaultInjector;
  routes: RouteTable;
  maxPageSizes: MaxPageSizes;
  clock: () => number;
  flowJobDurationMs: number;
  signer: LinkSigner;
  /** Set once the storage host listens. */
  storageOrigin: string;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<SandboxHandle> {
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new Error(`port must be 0–65535, got ${port}`);
  const clock = options.clock ?? Date.now;
  const faultSpec =
    typeof options.faults === 'string' ? parseFaultSpec(options.faults) : (options.faults ?? NO_FAULTS);
  const parts: ServerParts = {
    store: await OrgStore.open(options.dataDir, seedOrg),
    tokens: new TokenService(DEMO_CLIENTS, options.tokenTtlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS, clock),
    limiter: new RateLimiter(options.rateLimitPerMinute ?? DEFAULT_RATE_LIMIT_PER_MINUTE, clock),
    faults: new FaultInjector(faultSpec),
    routes: new RouteTable(sandboxRoutes),
    maxPageSizes: resolveMaxPageSizes(options.maxPageSize),
    clock,
    flowJobDurationMs: readFlowJobDuration(options.flowJobDurationMs ?? faultSpec.flowJobMs),
    signer: new LinkSigner(),
    storageOrigin: '',
  };

  const server = createServer((request, response) => {
    handleRequest(parts, request, response).catch(() => {
      if (!response.headersSent) sendJson(response, 500, internalErrorBody(randomUUID()));
      else response.destroy();
    });
  });
  // Architect job files live on their own host, as S3 is not the API (see flow-media.ts).
  const storage = createServer((request, response) => {
    handleStorageRequest(parts, request, response).catch(() => {
      if (!response.headersSent) sendJson(response, 500, internalErrorBody(randomUUID()));
      else response.destroy();
    });
  });
  await listenOn(server, port);
  try {
    await listenOn(storage, 0);
  } catch (error) {
    server.close();
    throw error;
  }
  try {
    await holdCheckedOutFlows(parts, faultSpec.checkedOut ?? []);
  } catch (error) {
    server.close();
    storage.close();
    throw error;
  }
  const address = server.address() as AddressInfo;
  parts.storageOrigin = `http://127.0.0.1:${(storage.address() as AddressInfo).port}`;
  const orgs = Object.fromEntries(
    ORG_KEYS.map((org) => {
      const organization = parts.store.get(org).organization;
      return [org, { ...DEMO_CLIENTS[org], orgId: organization.id, orgName: organization.name }];
    }),
  ) as Record<OrgKey, SandboxOrgCredentials>;

  let closing: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${address.port}`,
    port: address.port,
    storageUrl: parts.storageOrigin,
    orgs,
    maxPageSizes: parts.maxPageSizes,
    faults: {
      loseReplyOf: (operation, times) => parts.faults.loseReplyOf(operation, times),
      throttle: (operation, times) => parts.faults.throttle(operation, times),
      failJob: (operation, times) => parts.faults.failJob(operation, times),
    },
    async lockFlowAsUser(org, flowId, user, savedConfiguration) {
      const flow = parts.store.get(org).flows[flowId];
      if (!flow) throw new Error(`org ${org} has no flow ${flowId}`);
      const now = new Date(parts.clock()).toISOString();
      flow.lock = { userId: user.id, userName: user.name, dateLocked: now };
      if (savedConfiguration !== undefined)
        flow.saved = { configuration: savedConfiguration, dateSaved: now };
      await parts.store.save(org);
    },
    async addGeneratedFlows(org, count) {
      const state = parts.store.get(org);
      const someone = Object.values(state.scheduleGroups)[0]?.createdBy ?? state.organization.id;
      const added = addGeneratedFlows(state, count, someone);
      await parts.store.save(org);
      return added;
    },
    close() {
      closing ??= Promise.all(
        [server, storage].map(
          (listening) =>
            new Promise<void>((resolve) => {
              listening.close(() => resolve());
              listening.closeAllConnections();
            }),
        ),
      ).then(() => parts.store.flush());
      return closing;
    },
  };
}

async function handleRequest(
  parts: ServerParts,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const correlationId = randomUUID();
  response.setHeader('ININ-Correlation-Id', correlationId);

  const fault = parts.faults.active ? parts.faults.decide() : null;
  if (fault && fault.latencyMs > 0) await delay(fault.latencyMs);
  if (fault?.outcome === 'drop') {
    request.socket.destroy();
    return;
  }
  if (fault?.outcome === 'lostReply') loseReply(request, response);

  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  const path = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, '') : url.pathname;
  const method = request.method ?? 'GET';
  const isLogin = path === '/oauth/token';
  const auth = isLogin ? null : parts.tokens.check(request.headers.authorization);
  const remote = request.socket.remoteAddress ?? 'unknown';
  const bucket = isLogin
    ? `login:${remote}`
    : auth?.ok
      ? `token:${auth.session.token}`
      : `anonymous:${remote}`;
  const rate = parts.limiter.take(bucket);
  setRateHeaders(response, rate);

  if (fault?.outcome === 'serviceUnavailable') {
    return sendError(
      response,
      new GenesysHttpError(503, 'service.unavailable', 'Service Unavailable'),
      correlationId,
    );
  }
  if (fault?.outcome === 'tooManyRequests') return sendError(response, tooManyRequests(1), correlationId);
  if (!rate.allowed) return sendError(response, tooManyRequests(rate.resetSeconds), correlationId);

  // Pre-signed prompt uploads and media links: binary bodies, no bearer token (see prompt-media.ts).
  if (path.startsWith(`${PROMPT_MEDIA_PREFIX}/`)) {
    return handlePromptMedia(parts, request, response, path, method, correlationId);
  }

  let rawBody: string;
  try {
    rawBody = await readBody(request, MAX_REQUEST_BYTES);
  } catch (error) {
    if (error instanceof GenesysHttpError) return sendError(response, error, correlationId);
    throw error;
  }

  if (isLogin) {
    if (method !== 'POST') return sendError(response, methodNotAllowed(['POST']), correlationId);
    const grant = parts.tokens.grant(request.headers.authorization, rawBody);
    return sendJson(response, grant.ok ? 200 : grant.status, grant.body);
  }

  if (!path.startsWith('/api/v2/')) {
    return sendError(
      response,
      new GenesysHttpError(404, 'not.found', `No resource at ${path}.`),
      correlationId,
    );
  }
  if (!auth?.ok) {
    const error =
      auth?.reason === 'missing'
        ? new GenesysHttpError(
            401,
            'authentication.required',
            'No authentication bearer token specified in authorization header.',
          )
        : new GenesysHttpError(
            401,
            'bad.credentials',
            auth?.reason === 'expired' ? 'The access token has expired.' : 'Invalid login credentials.',
          );
    return sendError(response, error, correlationId);
  }

  const match = parts.routes.match(method, path);
  if (match.kind === 'none') {
    return sendError(
      response,
      new GenesysHttpError(404, 'not.found', `No resource at ${path}.`),
      correlationId,
    );
  }
  if (match.kind === 'wrongMethod')
    return sendError(response, methodNotAllowed(match.allowed), correlationId);

  const armed = match.route.operation ? parts.faults.takeArmed(match.route.operation) : null;
  if (armed === 'tooManyRequests') return sendError(response, tooManyRequests(1), correlationId);
  if (armed === 'lostReply') loseReply(request, response);

  const orgKey = auth.session.org;
  try {
    const result = match.route.handle({
      org: parts.store.get(orgKey),
      clientId: auth.session.clientId,
      params: match.params,
      query: url.searchParams,
      body: parseJsonBody(rawBody, method),
      now: new Date(parts.clock()).toISOString(),
      maxPageSizes: parts.maxPageSizes,
      flowJobDurationMs: parts.flowJobDurationMs,
      origin: `http://127.0.0.1:${request.socket.localPort ?? 0}`,
      storage: { origin: parts.storageOrigin, signer: parts.signer },
      ...(armed === 'jobFailure' ? { injectedFault: armed } : {}),
    });
    if (result.changed) await parts.store.save(orgKey);
    if (result.status === 204 || result.body === undefined) {
      response.writeHead(result.status);
      response.end();
      return;
    }
    sendJson(response, result.status, result.body);
  } catch (error) {
    if (error instanceof GenesysHttpError) return sendError(response, error, correlationId);
    sendJson(response, 500, internalErrorBody(correlationId));
  }
}

/** Who holds the flows a `checked-out@<org>=<flow>` spec part names: a person editing in Architect. */
export const SPEC_LOCK_HOLDER = { id: 'sandbox-user-jo-architect', name: 'Jo Architect' } as const;

/**
 * Checks out, as SPEC_LOCK_HOLDER, each flow the fault spec names (`Name`, or `TYPE/Name` when
 * several types share the name). A name the org does not have stops the start, saying so.
 */
async function holdCheckedOutFlows(
  parts: ServerParts,
  held: readonly { org: OrgKey; flow: string }[],
): Promise<void> {
  const now = new Date(parts.clock()).toISOString();
  for (const { org, flow: wanted } of held) {
    const slash = wanted.indexOf('/');
    const type = slash > 0 ? wanted.slice(0, slash).toUpperCase() : undefined;
    const name = (slash > 0 ? wanted.slice(slash + 1) : wanted).toLowerCase();
    const state = parts.store.get(org);
    const matches = Object.values(state.flows).filter(
      (flow) => flow.name.toLowerCase() === name && (type === undefined || flow.type === type),
    );
    if (matches.length !== 1) {
      const types = matches.map((flow) => `${flow.type}/${flow.name}`).join(', ');
      const known = [...new Set(Object.values(state.flows).map((flow) => flow.name))].sort().join(', ');
      throw new FaultSpecError(
        matches.length === 0
          ? `checked-out@${org}=${wanted}: ${org} has no flow of that name; name one of its flows (${known})`
          : `checked-out@${org}=${wanted}: several flows of ${org} have that name (${types}); name one as TYPE/Name`,
      );
    }
    const [flow] = matches;
    if (flow) flow.lock = { userId: SPEC_LOCK_HOLDER.id, userName: SPEC_LOCK_HOLDER.name, dateLocked: now };
    await parts.store.save(org);
  }
}

function listenOn(server: Server, port: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/**
 * The storage host: Architect job uploads and downloads by pre-signed link, with no bearer token
 * and outside the Platform API's rate limit, as S3 is. The run's faults reach it too (latency, a
 * dropped connection, a lost reply), since a network between a client and S3 misbehaves as well.
 */
async function handleStorageRequest(
  parts: ServerParts,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const correlationId = randomUUID();
  response.setHeader('x-amz-request-id', correlationId);
  const fault = parts.faults.active ? parts.faults.decide() : null;
  if (fault && fault.latencyMs > 0) await delay(fault.latencyMs);
  if (fault?.outcome === 'drop') {
    request.socket.destroy();
    return;
  }
  if (fault?.outcome === 'lostReply') loseReply(request, response);
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  return handleFlowMedia(parts, request, response, url, correlationId);
}

/**
 * The request is carried out in full (a write applied and saved), but its answer never leaves: the
 * connection is destroyed the moment the answer would start, as when a reply is lost on the way.
 */
function loseReply(request: IncomingMessage, response: ServerResponse): void {
  response.writeHead = (() => {
    request.socket.destroy();
    return response;
  }) as typeof response.writeHead;
}

function readBody(request: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    request.on('data', (chunk: Buffer) => {
      if (refused) return;
      size += chunk.length;
      if (size > limit) {
        refused = true;
        reject(
          new GenesysHttpError(
            413,
            'request.entity.too.large',
            `The request body is larger than ${limit} bytes.`,
          ),
        );
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => {
      if (!refused) resolve(Buffer.concat(chunks).toString('utf8'));
    });
    request.on('error', reject);
  });
}

function parseJsonBody(rawBody: string, method: string): unknown {
  if (method === 'GET' || method === 'DELETE' || rawBody.trim() === '') return undefined;
  try {
    return JSON.parse(rawBody);
  } catch {
    throw new GenesysHttpError(
      400,
      'bad.request',
      'The request could not be understood by the server due to malformed syntax.',
      [{ errorCode: 'invalid.json', fieldName: '(body)' }],
    );
  }
}

function readFlowJobDuration(value: number | undefined): number {
  if (value === undefined) return DEFAULT_FLOW_JOB_DURATION_MS;
  if (!Number.isInteger(value) || value < 0 || value > 600_000) {
    throw new Error(`flowJobDurationMs must be an integer from 0 to 600000, got ${value}`);
  }
  return value;
}

function tooManyRequests(retryAfterSeconds: number): GenesysHttpError {
  return new GenesysHttpError(
    429,
    'too.many.requests.retry.after',
    `Rate limit exceeded the maximum. Retry the request in [${retryAfterSeconds}] seconds`,
    [],
    { 'Retry-After': String(retryAfterSeconds) },
  );
}

function methodNotAllowed(allowed: string[]): GenesysHttpError {
  return new GenesysHttpError(
    405,
    'method.not.allowed',
    `HTTP 405 Method Not Allowed (allowed: ${allowed.join(', ')})`,
    [],
    {
      Allow: allowed.join(', '),
    },
  );
}

function setRateHeaders(response: ServerResponse, rate: RateDecision): void {
  response.setHeader('inin-ratelimit-count', String(rate.count));
  response.setHeader('inin-ratelimit-allowed', String(rate.limit));
  response.setHeader('inin-ratelimit-reset', String(rate.resetSeconds));
}

function sendError(response: ServerResponse, error: GenesysHttpError, correlationId: string): void {
  for (const [name, value] of Object.entries(error.headers)) response.setHeader(name, value);
  sendJson(response, error.status, error.toBody(correlationId));
}

function internalErrorBody(correlationId: string) {
  return new GenesysHttpError(
    500,
    'internal.server.error',
    'The server encountered an unexpected error.',
  ).toBody(correlationId);
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'Content-Type': 'application/json; charset=UTF-8',
    'Content-Length': Buffer.byteLength(text),
  });
  response.end(text);
}
