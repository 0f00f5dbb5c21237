import { z } from 'zod';
import { FerryError } from '../../../../shared/api/api-error';
import { getObjectType } from '../../../../shared/model/object-types/registry';
import type { ObjectTypeId, SubResource } from '../../../../shared/model/object-types/object-type-definition';
import { mapBounded } from '../../concurrency/concurrency-limit';
import type { Connector, ListOptions, OrgIdentity } from '../connector';
import { GenesysApiError, GenesysErrorCode } from './genesys-error';
import { createSdkClient, type SdkApiClient } from './genesys-sdk';
import { GenesysTransport, type GenesysTransportOptions } from './genesys-transport';
import { MAX_PAGE_SIZE } from './page-sizes';
import { GENESYS_REGIONS, isGenesysRegion } from './regions';
import { requestDestinations, type GenesysTarget } from './request-destinations';
import { createSdkHttpAdapter } from './sdk-http-adapter';

export type { GenesysTarget } from './request-destinations';

export interface GenesysConnectorOptions {
  target: GenesysTarget;
  clientId: string;
  /** Asked for only when a token is needed; the secret is not kept on the connector. */
  clientSecret: () => Promise<string>;
  /** Requests in flight at once for one environment. */
  concurrency?: number;
  transport?: GenesysTransportOptions;
  /** Smaller page sizes for a server that refuses the usual maximums (a gateway, a test sandbox). */
  pageSizes?: Partial<Record<ObjectTypeId | 'subresource', number>>;
  now?: () => number;
}

const extendedResponseSchema = z.object({ status: z.number(), body: z.unknown() });
const pageSchema = z
  .object({
    entities: z.array(z.record(z.string(), z.unknown())).nullish(),
    pageCount: z.number().int().min(0).nullish(),
    total: z.number().int().min(0).nullish(),
  })
  .loose();
const orgSchema = z.object({ id: z.string(), name: z.string() }).loose();

const TOKEN_MARGIN_MS = 60_000;
const MAX_PAGES = 10_000;

/**
 * Genesys Cloud Platform API v2 through the official SDK (one `ApiClient` per environment) with
 * Ferry's transport underneath. Lists read the first page, then the rest concurrently.
 */
export class GenesysConnector implements Connector {
  private readonly client: SdkApiClient;
  private readonly transport: GenesysTransport;
  private readonly concurrency: number;
  private readonly pageSizes: Record<ObjectTypeId | 'subresource', number>;
  private readonly now: () => number;
  private tokenExpiresAt = 0;
  /** Counts logins, so a 401 can tell whether the token it used is still the current one. */
  private tokenGeneration = 0;
  private login: Promise<void> | null = null;
  private currentSignal: AbortSignal | undefined;

  constructor(private readonly options: GenesysConnectorOptions) {
    // Refuses an unknown region or a sandbox that is not loopback before anything else exists.
    const destinations = requestDestinations(options.target);
    this.transport = new GenesysTransport(options.transport);
    this.concurrency = options.concurrency ?? 8;
    this.pageSizes = { ...MAX_PAGE_SIZE, ...options.pageSizes };
    this.now = options.now ?? Date.now;
    // Built without the SDK's local config file (gateway, logging of auth headers, live reload).
    this.client = createSdkClient();
    this.client.setReturnExtendedResponses(true);
    this.client.setHttpClient(createSdkHttpAdapter(this.transport, () => this.currentSignal, destinations));
    if (options.target.kind === 'gateway') {
      const url = new URL(options.target.url);
      this.client.setGateway({
        host: url.hostname,
        protocol: url.protocol.replace(':', ''),
        port: Number(url.port || (url.protocol === 'https:' ? 443 : 80)),
      });
    } else {
      // requestDestinations has already refused a region outside the table.
      const region = options.target.region;
      if (isGenesysRegion(region)) this.client.setEnvironment(GENESYS_REGIONS[region]);
    }
  }

  get stats() {
    return this.transport.stats;
  }

  async check(signal?: AbortSignal): Promise<OrgIdentity> {
    const org = orgSchema.safeParse(
      await this.call('GET', '/api/v2/organizations/me', {}, undefined, signal),
    );
    if (!org.success) throw malformed('/api/v2/organizations/me', 'an organization without id or name');
    return { orgId: org.data.id, orgName: org.data.name };
  }

  async list(type: ObjectTypeId, options: ListOptions = {}): Promise<Record<string, unknown>[]> {
    const definition = getObjectType(type);
    const objects = await this.readAllPages(
      definition.collectionPath,
      this.pageSizes[type],
      readQuery(type),
      options.signal,
      (count, total) => options.onProgress?.({ type, objects: count, total }),
    );
    for (const [index, object] of objects.entries()) {
      const checked = definition.schema.safeParse(object);
      if (!checked.success) {
        throw malformed(
          definition.collectionPath,
          `${definition.label} #${index + 1} does not match the expected shape (${checked.error.issues[0]?.path.join('.') ?? ''}: ${checked.error.issues[0]?.message ?? ''})`,
        );
      }
    }
    if (definition.subResources.length > 0) {
      await mapBounded(objects, this.concurrency, async (object) => {
        for (const sub of definition.subResources) {
          object[sub.field] = await this.readSubResource(
            definition.collectionPath,
            object,
            sub,
            options.signal,
          );
        }
      });
    }
    return objects;
  }

  async get(type: ObjectTypeId, id: string, signal?: AbortSignal): Promise<Record<string, unknown>> {
    const definition = getObjectType(type);
    const object = asObject(
      await this.call(
        'GET',
        `${definition.collectionPath}/${encodeURIComponent(id)}`,
        readQuery(type),
        undefined,
        signal,
      ),
      definition.collectionPath,
    );
    for (const sub of definition.subResources) {
      object[sub.field] = await this.readSubResource(definition.collectionPath, object, sub, signal);
    }
    return object;
  }

  async create(
    type: ObjectTypeId,
    body: Record<string, unknown>,
    signal?: AbortSignal,
  ): Promise<Record<string, unknown>> {
    const definition = getObjectType(type);
    return asObject(
      await this.call('POST', definition.collectionPath, {}, body, signal),
      definition.collectionPath,
    );
  }

  async update(
    type: ObjectTypeId,
    id: string,
    body: Record<string, unknown>,
    signal?: AbortSignal,
  ): Promise<Record<string, unknown>> {
    const definition = getObjectType(type);
    if (type === 'routing.skill' || type === 'routing.language') {
      // Genesys has no PUT for these: their only field is the name, which is their identity.
      throw new FerryError(
        'genesys.not-updatable',
        `Genesys Cloud cannot change a ${definition.label.toLowerCase()} in place; delete it and create the new one`,
        { type },
      );
    }
    const path = `${definition.collectionPath}/${encodeURIComponent(id)}`;
    return asObject(await this.call('PUT', path, {}, body, signal), path);
  }

  async remove(type: ObjectTypeId, id: string, signal?: AbortSignal): Promise<void> {
    const definition = getObjectType(type);
    await this.call(
      'DELETE',
      `${definition.collectionPath}/${encodeURIComponent(id)}`,
      {},
      undefined,
      signal,
    );
  }

  async request(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<unknown> {
    if (!path.startsWith('/api/v2/')) {
      throw new FerryError('request.invalid', `${path} is not a Platform API v2 path`);
    }
    return this.call(method, path, {}, body, signal);
  }

  private async readSubResource(
    collectionPath: string,
    object: Record<string, unknown>,
    sub: SubResource,
    signal: AbortSignal | undefined,
  ): Promise<Record<string, unknown>[]> {
    const id = object.id;
    if (typeof id !== 'string') throw malformed(collectionPath, 'an object without an id');
    const query = sub.path === '/rows' ? { showbrief: false } : {};
    return this.readAllPages(
      `${collectionPath}/${encodeURIComponent(id)}${sub.path}`,
      this.pageSizes.subresource,
      query,
      signal,
    );
  }

  /** First page, then every other page concurrently (bounded), in page order. */
  private async readAllPages(
    path: string,
    pageSize: number,
    query: Record<string, unknown>,
    signal: AbortSignal | undefined,
    onProgress?: (count: number, total: number | null) => void,
  ): Promise<Record<string, unknown>[]> {
    const first = this.page(
      await this.call('GET', path, { ...query, pageSize, pageNumber: 1 }, undefined, signal),
      path,
    );
    const pageCount = Math.min(first.pageCount ?? 1, MAX_PAGES);
    const total = first.total ?? null;
    const entities = [...(first.entities ?? [])];
    onProgress?.(entities.length, total);
    if (pageCount > 1) {
      const numbers = Array.from({ length: pageCount - 1 }, (_, index) => index + 2);
      const pages = await mapBounded(numbers, this.concurrency, async (pageNumber) => {
        const page = this.page(
          await this.call('GET', path, { ...query, pageSize, pageNumber }, undefined, signal),
          path,
        );
        onProgress?.(entities.length + (page.entities?.length ?? 0), total);
        return page.entities ?? [];
      });
      for (const page of pages) entities.push(...page);
    }
    onProgress?.(entities.length, total);
    return entities;
  }

  private page(body: unknown, path: string) {
    const parsed = pageSchema.safeParse(body);
    if (!parsed.success) throw malformed(path, 'a page without an entities list');
    return parsed.data;
  }

  private async call(
    method: string,
    path: string,
    query: Record<string, unknown>,
    body: unknown,
    signal: AbortSignal | undefined,
  ): Promise<unknown> {
    await this.ensureToken(signal);
    const generation = this.tokenGeneration;
    try {
      return await this.send(method, path, query, body, signal);
    } catch (error) {
      // A token the server no longer accepts (expired early, revoked): log in again once. Requests
      // refused together share that login; one refused after it was already replaced just resends.
      if (error instanceof GenesysApiError && error.code === GenesysErrorCode.unauthorized) {
        if (this.tokenGeneration === generation) this.tokenExpiresAt = 0;
        await this.ensureToken(signal);
        return this.send(method, path, query, body, signal);
      }
      throw error;
    }
  }

  private async send(
    method: string,
    path: string,
    query: Record<string, unknown>,
    body: unknown,
    signal: AbortSignal | undefined,
  ) {
    this.currentSignal = signal;
    const reply = extendedResponseSchema.safeParse(
      await this.client.callApi(
        path,
        method,
        {},
        query,
        {},
        {},
        body ?? null,
        ['PureCloud OAuth'],
        ['application/json'],
        ['application/json'],
      ),
    );
    if (!reply.success) throw malformed(path, 'an unreadable reply');
    return reply.data.body;
  }

  private async ensureToken(signal: AbortSignal | undefined): Promise<void> {
    if (this.now() < this.tokenExpiresAt - TOKEN_MARGIN_MS) return;
    this.login ??= (async () => {
      try {
        const secret = await this.options.clientSecret();
        // Set right before the SDK's synchronous hand-over to the transport: other calls may have
        // set their own signal while the secret was being read.
        this.currentSignal = signal;
        const auth = await this.client.loginClientCredentialsGrant(this.options.clientId, secret);
        this.tokenExpiresAt = auth.tokenExpiryTime;
        this.tokenGeneration += 1;
      } catch (error) {
        if (error instanceof GenesysApiError && (error.status === 400 || error.status === 401)) {
          throw new GenesysApiError(
            'genesys.bad-credentials',
            'Genesys Cloud refused the client id or secret',
            {
              status: error.status,
              method: 'POST',
              path: '/oauth/token',
            },
          );
        }
        throw error;
      } finally {
        this.login = null;
      }
    })();
    await this.login;
  }
}

/** What a read asks for beyond the defaults: data tables leave out their schema unless asked. */
function readQuery(type: ObjectTypeId): Record<string, unknown> {
  return type === 'flows.datatable' ? { expand: 'schema' } : {};
}

function asObject(body: unknown, path: string): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw malformed(path, 'no object');
  return body as Record<string, unknown>;
}

function malformed(path: string, what: string): GenesysApiError {
  return new GenesysApiError(GenesysErrorCode.malformed, `The reply to ${path} was malformed: ${what}`, {
    status: null,
    method: 'GET',
    path,
  });
}
