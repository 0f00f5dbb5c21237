import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FerryError } from '../../../shared/api/api-error';
import type { ObjectTypeId } from '../../../shared/model/object-types/object-type-definition';
import type { DemoClient, OrgKey } from '../../../electron/sandbox';
import { seedOrg } from '../../../electron/sandbox/seed-orgs';
import {
  GenesysConnector,
  type GenesysConnectorOptions,
} from '../../../electron/services/connectors/genesys/genesys-connector';
import type { RetryPolicy } from '../../../electron/services/connectors/genesys/retry-policy';

/** Short delays so retry paths run in milliseconds; still several attempts. */
export const FAST_RETRY: Partial<RetryPolicy> = {
  maxRetries: 4,
  maxRateLimitRetries: 10,
  baseDelayMs: 2,
  maxDelayMs: 20,
  timeoutMs: 5000,
};

export interface RecordedCall {
  method: string;
  /** Path and query, e.g. `/api/v2/routing/queues?pageSize=500&pageNumber=1`. */
  target: string;
  path: string;
}

export interface RecordingConnector {
  connector: GenesysConnector;
  /** Every HTTP attempt the connector's transport made, in order. */
  calls: RecordedCall[];
  logins(): number;
}

/** A connector to a loopback gateway whose fetch records each attempt (the real fetch does the work). */
export function connectTo(
  url: string,
  client: DemoClient,
  options: Partial<Omit<GenesysConnectorOptions, 'target' | 'clientId' | 'clientSecret'>> = {},
): RecordingConnector {
  const calls: RecordedCall[] = [];
  const recordingFetch: typeof fetch = (input, init) => {
    const target = new URL(input instanceof Request ? input.url : String(input));
    calls.push({
      method: init?.method ?? 'GET',
      target: `${target.pathname}${target.search}`,
      path: target.pathname,
    });
    return fetch(input, init);
  };
  const connector = new GenesysConnector({
    ...options,
    target: { kind: 'gateway', url },
    clientId: client.clientId,
    clientSecret: async () => client.clientSecret,
    transport: { retry: FAST_RETRY, ...options.transport, fetch: recordingFetch },
  });
  return { connector, calls, logins: () => calls.filter((call) => call.path === '/oauth/token').length };
}

export async function rejectsWithCode(promise: Promise<unknown>, code: string): Promise<FerryError> {
  let caught: unknown;
  await assert.rejects(promise, (error: unknown) => {
    caught = error;
    return true;
  });
  assert.ok(caught instanceof FerryError, `expected a FerryError, got ${String(caught)}`);
  assert.equal(caught.code, code, caught.message);
  return caught;
}

/** What the seeded org holds, straight from the generator the sandbox uses. */
export interface SeededCounts {
  objects: Record<ObjectTypeId, number>;
  /** Wrap-up codes per queue name. */
  queueWrapupCodes: Map<string, number>;
  /** Rows per data table name. */
  datatableRows: Map<string, number>;
  /** Prompt resources with transcoded audio: each is one download of its media link. */
  promptAudio: number;
}

export function seededCounts(org: OrgKey): SeededCounts {
  const state = seedOrg(org);
  const count = (records: Record<string, unknown>) => Object.keys(records).length;
  return {
    objects: {
      'authorization.division': count(state.divisions),
      'routing.skill': count(state.skills),
      'routing.language': count(state.languages),
      'routing.wrapupcode': count(state.wrapupCodes),
      'routing.queue': count(state.queues),
      'architect.schedule': count(state.schedules),
      'architect.schedulegroup': count(state.scheduleGroups),
      'flows.datatable': count(state.datatables),
      'architect.ivr': count(state.ivrs),
      'architect.emergencygroup': count(state.emergencyGroups),
      'routing.utilizationlabel': count(state.utilizationLabels),
      // One org-wide setting, always there.
      'routing.utilization': 1,
      'directory.group': count(state.groups),
      'architect.prompt': count(state.prompts),
      'routing.skillgroup': count(state.skillGroups),
      'architect.flow': count(state.flows),
      'integrations.integration': count(state.integrations ?? {}),
      'integrations.action': count(state.dataActions ?? {}),
    },
    queueWrapupCodes: new Map(
      Object.values(state.queues).map((queue) => [queue.name, queue.wrapupCodeIds.length]),
    ),
    datatableRows: new Map(Object.values(state.datatables).map((table) => [table.name, count(table.rows)])),
    promptAudio: Object.values(state.prompts)
      .flatMap((prompt) => prompt.resources ?? [])
      .filter((resource) => resource.uploadStatus === 'transcoded' && resource.audio !== undefined).length,
  };
}

export type LocalHandler = (request: IncomingMessage, response: ServerResponse, body: string) => void;

export interface LocalServer {
  url: string;
  /** Requests seen, as `METHOD /path`. */
  seen: string[];
  close(): Promise<void>;
}

/**
 * A tiny Platform API stand-in on 127.0.0.1 for replies the sandbox never gives (a hang, broken
 * JSON, a scripted 429). `/oauth/token` answers with a token unless the handler answers it.
 */
export async function startLocalServer(handler: LocalHandler): Promise<LocalServer> {
  const seen: string[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
      seen.push(`${request.method ?? 'GET'} ${path}`);
      handler(request, response, Buffer.concat(chunks).toString('utf8'));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}

/** Answers a token request; returns false for anything else. */
export function answerLogin(request: IncomingMessage, response: ServerResponse, expiresIn = 86_400): boolean {
  if (new URL(request.url ?? '/', 'http://127.0.0.1').pathname !== '/oauth/token') return false;
  sendJson(response, 200, { access_token: 'local-token', token_type: 'bearer', expires_in: expiresIn });
  return true;
}

export const LOCAL_CLIENT: DemoClient = { clientId: 'local-client', clientSecret: 'local-secret-value' };

/** A port on 127.0.0.1 that nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
