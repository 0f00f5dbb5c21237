import { z } from 'zod';
import { FerryError } from '../../../../shared/api/api-error';
import { isJsonObject } from '../../../../shared/model/canonical/json-value';
import { stableStringify } from '../../../../shared/model/canonical/stable-stringify';
import { DIVISIONS_COLLECTION } from '../../../../shared/promotion/engine/object-calls';
import { getObjectType } from '../../../../shared/model/object-types/registry';
import type {
  ObjectTypeDefinition,
  ObjectTypeId,
  SubResource,
  UnmanagedReferenceTypeId,
} from '../../../../shared/model/object-types/object-type-definition';
import { mapBounded } from '../../../../shared/concurrency/concurrency-limit';
import type { Connector, ListOptions, OrgIdentity } from '../connector';
import { GenesysApiError, GenesysErrorCode, malformedReply } from './genesys-error';
import { createSdkClient, type SdkApiClient } from './genesys-sdk';
import { GenesysTransport, type GenesysTransportOptions } from './genesys-transport';
import { MAX_PAGE_SIZE } from './page-sizes';
import {
  listingChanged,
  MAX_LIST_ATTEMPTS,
  mergePages,
  pagesToRead,
  pauseBeforeReread,
  settledEntities,
  type ListedPage,
  type PagedListing,
} from './paged-listing';
import { MAX_FILTERED_LOOKUPS, REFERENCE_LOOKUPS, type ReferencedObject } from './reference-lookups';
import { GENESYS_REGIONS, isGenesysRegion } from './regions';
import { requestDestinations, type GenesysTarget } from './request-destinations';
import { createSdkHttpAdapter } from './sdk-http-adapter';
import { PROMPT_UPLOAD_PATH, PromptAudioTransfer } from './prompt-audio-transfer';
import { exportedFlowOf, FlowExport } from './flow-export';
import { FlowImport } from './flow-import';
import { FLOW_IMPORT_PATH, parsePublishPath } from '../../../../shared/promotion/engine/flow-calls';
import { ACTION_READ_QUERY, actionAsRead, readActionsInFull } from './action-read';
import { attachIntegrationConfigs } from './integration-read';
import type { PlatformApiCall } from './platform-api-call';
import { actionDraftCall, ActionDraftWrites } from './action-draft-writes';
import { integrationConfigCall, IntegrationConfigWrites } from './integration-config-write';
import {
  testExecutionResultSchema,
  type TestExecutionResult,
} from '../../../../shared/promotion/checks/action-test-result';
import {
  holdsWritten,
  isNotFound,
  objectsByKey,
  settleWrite,
  type Settlement,
  type SettleOptions,
} from './write-settlement';

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
  pageSizes?: Partial<Record<ObjectTypeId | 'subresource' | 'reference', number>>;
  now?: () => number;
  /** Prompt audio a plan uploads, by hash, read from the workspace (which checks the hash). */
  audioSource?: (sha256: string) => Promise<Uint8Array>;
}

const extendedResponseSchema = z.object({ status: z.number(), body: z.unknown() });
const pageSchema = z
  .object({
    entities: z.array(z.record(z.string(), z.unknown())).nullish(),
    pageCount: z.number().int().min(0).nullish(),
    total: z.number().int().min(0).nullish(),
  })
  .loose();
const cursorPageSchema = z
  .object({
    entities: z.array(z.record(z.string(), z.unknown())).nullish(),
    nextUri: z.string().nullish(),
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
  private readonly pageSizes: Record<ObjectTypeId | 'subresource' | 'reference', number>;
  private readonly now: () => number;
  private tokenExpiresAt = 0;
  /** Counts logins, so a 401 can tell whether the token it used is still the current one. */
  private tokenGeneration = 0;
  private login: Promise<void> | null = null;
  private currentSignal: AbortSignal | undefined;
  private readonly promptAudio: PromptAudioTransfer;
  /** Flows' configurations: export jobs to read them, import jobs and publish to write them. */
  private readonly flowExport: FlowExport;
  private readonly flowImport: FlowImport;

  constructor(private readonly options: GenesysConnectorOptions) {
    // Refuses an unknown region or a sandbox that is not loopback before anything else exists.
    const destinations = requestDestinations(options.target);
    this.transport = new GenesysTransport(options.transport);
    this.concurrency = options.concurrency ?? 8;
    this.pageSizes = { ...MAX_PAGE_SIZE, ...options.pageSizes };
    this.now = options.now ?? Date.now;
    this.promptAudio = new PromptAudioTransfer({
      call: this.apiCall,
      fetch: options.transport?.fetch ?? fetch,
      stats: this.transport.stats,
      destinations,
      loopbackOnly: options.target.kind === 'gateway',
      concurrency: this.concurrency,
      ...(options.audioSource ? { audioSource: options.audioSource } : {}),
    });
    const link = {
      fetch: options.transport?.fetch ?? fetch,
      stats: this.transport.stats,
      loopbackOnly: options.target.kind === 'gateway',
    };
    this.flowExport = new FlowExport({ call: this.apiCall, link, concurrency: this.concurrency });
    this.flowImport = new FlowImport({ call: this.apiCall, link, exporter: this.flowExport });
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

  audioBytes(sha256: string): Uint8Array | undefined {
    return this.promptAudio.downloaded.get(sha256);
  }

  async check(signal?: AbortSignal): Promise<OrgIdentity> {
    const org = orgSchema.safeParse(
      await this.call('GET', '/api/v2/organizations/me', {}, undefined, signal),
    );
    if (!org.success) throw malformedReply('/api/v2/organizations/me', 'an organization without id or name');
    return { orgId: org.data.id, orgName: org.data.name };
  }

  /**
   * Every object of `type`, each once. A list that moves while it is read (objects created or
   * deleted by someone else, an object gone before its sub-resources were read) is read again,
   * up to MAX_LIST_ATTEMPTS times, then refused with `genesys.listing-changed`. Objects are
   * returned as the API sent them: checking them against the type's schema is the caller's
   * (a snapshot keeps an unexpected value and warns, see canonical-listing).
   */
  async list(type: ObjectTypeId, options: ListOptions = {}): Promise<Record<string, unknown>[]> {
    const definition = getObjectType(type);
    const path = definition.collectionPath;
    if (definition.singleton !== undefined) {
      const one = await this.readSingleton(definition, options.signal);
      options.onProgress?.({ type, objects: 1, total: 1 });
      return [one];
    }
    if (definition.listing?.paging === 'cursor') return this.listByCursor(definition, options);
    let previous: PagedListing | null = null;
    let change = '';
    for (let attempt = 1; attempt <= MAX_LIST_ATTEMPTS; attempt += 1) {
      if (attempt > 1) await pauseBeforeReread(attempt - 1, path, options.signal);
      const listed = mergePages(
        await this.readAllPages(path, this.pageSizes[type], readQuery(type), options.signal, (count, total) =>
          options.onProgress?.({ type, objects: count, total }),
        ),
        (object) => (typeof object.id === 'string' ? object.id : undefined),
      );
      const objects = settledEntities(listed, previous);
      previous = listed;
      if (objects === null) {
        change = listed.change ?? '';
        continue;
      }
      for (const [index, object] of objects.entries()) {
        if (typeof object.id !== 'string' || object.id === '') {
          throw malformedReply(path, `${definition.label} #${index + 1} has no id`);
        }
      }
      const gone = await this.attachSubResources(definition, objects, options.signal);
      if (gone === null) {
        if (type === 'architect.prompt') await this.promptAudio.describePrompts(objects, options.signal);
        if (type === 'architect.flow' && options.configuration !== false) {
          // Listed first, then exported flow by flow: the count of listed flows stays as it was.
          const listedCount = objects.length;
          if (listedCount > 0)
            options.onProgress?.({ type, objects: listedCount, total: listedCount, exported: 0 });
          await this.flowExport.attachConfigurations(objects, options.signal, (done) =>
            options.onProgress?.({ type, objects: listedCount, total: listedCount, exported: done }),
          );
        }
        const complete = await this.completeIntegrationObjects(type, objects, options.signal);
        if (!('gone' in complete)) return complete.objects;
        change = complete.gone;
        continue;
      }
      change = gone;
    }
    throw listingChanged(definition.pluralLabel, MAX_LIST_ATTEMPTS, { type, path, change });
  }

  /**
   * A cursor-paged list (skill groups): a cursor names the last object seen, not a position, so
   * objects created or deleted meanwhile never shift a page and one pass is one state of the list.
   * When the listing leaves fields out, each object is then read at its own URL; one deleted in
   * between (404 there) has the whole list read again, a bounded number of times.
   */
  private async listByCursor(
    definition: ObjectTypeDefinition,
    options: ListOptions,
  ): Promise<Record<string, unknown>[]> {
    const type = definition.id;
    const path = definition.collectionPath;
    let change = '';
    for (let attempt = 1; attempt <= MAX_LIST_ATTEMPTS; attempt += 1) {
      if (attempt > 1) await pauseBeforeReread(attempt - 1, path, options.signal);
      const listed = await this.readCursorPages(path, this.pageSizes[type], readQuery(type), options.signal);
      for (const [index, object] of listed.entries()) {
        if (typeof object.id !== 'string' || object.id === '') {
          throw malformedReply(path, `${definition.label} #${index + 1} has no id`);
        }
      }
      if (definition.listing?.summaryOnly !== true) {
        options.onProgress?.({ type, objects: listed.length, total: listed.length });
        return listed;
      }
      let read = 0;
      const full = await mapBounded(listed, this.concurrency, async (summary) => {
        const object = await this.readIfPresent(
          `${path}/${encodeURIComponent(String(summary.id))}`,
          readQuery(type),
          options.signal,
        );
        read += 1;
        options.onProgress?.({ type, objects: read, total: listed.length });
        return object;
      });
      const gone = listed.find((_, index) => full[index] === null);
      if (gone === undefined) return full.filter((object) => object !== null);
      change = `${definition.label.toLowerCase()} ${String(gone.id)} was deleted after it was listed`;
    }
    throw listingChanged(definition.pluralLabel, MAX_LIST_ATTEMPTS, { type, path, change });
  }

  async get(type: ObjectTypeId, id: string, signal?: AbortSignal): Promise<Record<string, unknown>> {
    const definition = getObjectType(type);
    if (definition.singleton !== undefined) return this.readSingleton(definition, signal);
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
      if (readInline(type, object, sub)) continue;
      object[sub.field] = await this.readSubResource(definition, object, sub, signal);
    }
    if (type === 'architect.prompt') await this.promptAudio.describePrompts([object], signal);
    if (type === 'architect.flow') {
      object.configuration = await this.flowExport.exportOne(exportedFlowOf(object), signal);
    }
    if (type === 'integrations.integration') {
      await attachIntegrationConfigs(this.apiCall, [object], this.integrationReads, signal);
    }
    return type === 'integrations.action' ? actionAsRead(object) : object;
  }

  /**
   * Integrations with their current configuration and credential kinds; data actions read one by
   * one with their contract (a list leaves it out). Other types are returned as they are.
   */
  private async completeIntegrationObjects(
    type: ObjectTypeId,
    objects: Record<string, unknown>[],
    signal: AbortSignal | undefined,
  ): Promise<{ objects: Record<string, unknown>[] } | { gone: string }> {
    if (type === 'integrations.integration') {
      await attachIntegrationConfigs(this.apiCall, objects, this.integrationReads, signal);
    }
    if (type !== 'integrations.action') return { objects };
    const read = await readActionsInFull(this.apiCall, objects, this.concurrency, signal);
    return 'gone' in read ? read : { objects: read.actions };
  }

  /** `call` as the parts that make their own requests take it (set before the constructor runs). */
  private readonly apiCall: PlatformApiCall = (method, path, query, body, signal) =>
    this.call(method, path, query, body, signal);
  private readonly actionDrafts = new ActionDraftWrites(this.apiCall, (method, path, signal, write) =>
    this.settled(method, path, signal, write),
  );
  private readonly integrationConfigs = new IntegrationConfigWrites(
    this.apiCall,
    (method, path, signal, write) => this.settled(method, path, signal, write),
    // Read when used: field initializers run before the constructor sets the page sizes.
    () => this.pageSizes.subresource,
  );
  /** The credential list, which gives each credential's kind, is paged like a sub-resource. */
  private get integrationReads() {
    return { concurrency: this.concurrency, pageSize: this.pageSizes.subresource };
  }

  async create(
    type: ObjectTypeId,
    body: Record<string, unknown>,
    signal?: AbortSignal,
  ): Promise<Record<string, unknown>> {
    const definition = getObjectType(type);
    const path = definition.collectionPath;
    if (definition.singleton !== undefined) throw singletonRefusal(definition, 'created');
    // Never sent again: a second POST would make a second object. Found by its natural key holding
    // what was sent, the create landed and its object (with its id) is the answer.
    return this.settled('POST', path, signal, {
      send: async () => asObject(await this.call('POST', path, {}, body, signal), path),
      read: async () => {
        const key = body[definition.naturalKey];
        if (typeof key !== 'string' || key === '') return { held: false, resend: false };
        const matches =
          definition.listing?.paging === 'cursor'
            ? (
                await this.readCursorPages(
                  path,
                  this.pageSizes[type],
                  { ...readQuery(type), name: key },
                  signal,
                )
              ).filter((entity) => entity[definition.naturalKey] === key)
            : await objectsByKey(
                type,
                key,
                (query) => this.call('GET', path, { ...readQuery(type), ...query }, undefined, signal),
                this.pageSizes[type],
                MAX_PAGES,
              );
        const [only] = matches;
        if (matches.length !== 1 || only === undefined) return { held: false, resend: false };
        // A listing that leaves fields out (a data action's contract) cannot show them held: the
        // object itself is read.
        const read =
          definition.listing?.summaryOnly === true && typeof only.id === 'string'
            ? await this.readIfPresent(`${path}/${encodeURIComponent(only.id)}`, readQuery(type), signal)
            : only;
        const object = read !== null && type === 'integrations.action' ? actionAsRead(read) : read;
        return object !== null && holdsWritten(type, object, body)
          ? { held: true, value: object }
          : { held: false, resend: false };
      },
    });
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
    if (definition.singleton !== undefined) return this.updateSingleton(definition, body, signal);
    const path = `${definition.collectionPath}/${encodeURIComponent(id)}`;
    // PUT replaces the object; a PATCH (skill groups) names every field it changes, so sending
    // either again is harmless and an unsure one is settled by reading the object.
    const method = definition.updateMethod ?? 'PUT';
    return this.settled(method, path, signal, {
      send: async () => asObject(await this.call(method, path, {}, body, signal), path),
      read: async () => {
        const now = await this.readIfPresent(path, readQuery(type), signal);
        if (now === null) return { held: false, resend: false };
        return holdsWritten(type, now, body) ? { held: true, value: now } : { held: false, resend: true };
      },
    });
  }

  async remove(type: ObjectTypeId, id: string, signal?: AbortSignal): Promise<void> {
    const definition = getObjectType(type);
    if (definition.singleton !== undefined) throw singletonRefusal(definition, 'deleted');
    const path = `${definition.collectionPath}/${encodeURIComponent(id)}`;
    // The credentials Ferry wrote for an integration go with it (read before it is gone).
    const ferryCredentials =
      type === 'integrations.integration' ? await this.integrationConfigs.ferryCredentialsOf(id, signal) : [];
    await this.settled('DELETE', path, signal, {
      send: async () => {
        // A prompt goes with its languages and their audio, as its changeset's delete means.
        const query = type === 'architect.prompt' ? { allResources: true } : {};
        await this.call('DELETE', path, query, undefined, signal);
      },
      read: async () =>
        (await this.readIfPresent(path, {}, signal)) === null
          ? { held: true, value: undefined }
          : { held: false, resend: true },
    });
    await this.integrationConfigs.removeCredentials(ferryCredentials, signal);
  }

  async request(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<unknown> {
    if (!path.startsWith('/api/v2/')) {
      throw new FerryError('request.invalid', `${path} is not a Platform API v2 path`);
    }
    const verb = method.toUpperCase();
    // A data action's draft and publish, and an integration's configuration with its credentials,
    // need values only the target knows at run time (versions, credential ids): written there.
    const draft = actionDraftCall(verb, path);
    if (draft !== null) {
      return draft.publish
        ? this.actionDrafts.publish(draft.actionId, signal)
        : this.actionDrafts.patch(draft.actionId, isJsonObject(body) ? body : {}, signal);
    }
    const config = integrationConfigCall(verb, path);
    if (config !== null) return this.integrationConfigs.write(config.integrationId, body, signal);
    const upload = verb === 'POST' ? PROMPT_UPLOAD_PATH.exec(path) : null;
    if (upload !== null) {
      // A plan's upload names the audio, not an upload URL: the whole flow runs here.
      return this.promptAudio.upload(
        decodeURIComponent(upload[1] ?? ''),
        decodeURIComponent(upload[2] ?? ''),
        body,
        signal,
      );
    }
    // A flow is written as a file through an import job, then published (see flow-calls.ts).
    if (verb === 'POST' && path === FLOW_IMPORT_PATH) return this.flowImport.importFlow(body, signal);
    const publish = verb === 'POST' ? parsePublishPath(path) : null;
    if (publish !== null) return this.flowImport.publish(publish.flow, publish.version, signal);
    const send = () => this.call(method, path, {}, body, signal);
    if (verb === 'PUT' || verb === 'DELETE') {
      // Sending a sub-resource PUT or DELETE again (a queue's wrap-up code, a table row) is
      // harmless, and a DELETE sent again that finds nothing (404) is one whose first attempt landed.
      return this.settled(verb, path, signal, {
        send,
        read: async () => ({ held: false, resend: true }),
        afterResend: (error) => (verb === 'DELETE' && isNotFound(error) ? { held: true, value: null } : null),
      });
    }
    if (verb === 'GET') return send();
    return this.settled(verb, path, signal, {
      send,
      read: () => this.settleOtherWrite(verb, path, body, signal),
    });
  }

  /**
   * A data action's test call. Not settled or resent like a write: it changes nothing in the org,
   * but it does call the action's service, so a lost reply is reported, not repeated blindly.
   */
  async testAction(
    actionId: string,
    input: Record<string, unknown>,
    signal?: AbortSignal,
  ): Promise<TestExecutionResult> {
    const path = `/api/v2/integrations/actions/${encodeURIComponent(actionId)}/test`;
    const reply = testExecutionResultSchema.safeParse(await this.call('POST', path, {}, input, signal));
    if (!reply.success) throw malformedReply(path, 'a test result without its operations or success');
    return reply.data;
  }

  /**
   * After an unsure POST or PATCH outside an object's own URL: wrap-up codes added to a queue are
   * there when the queue lists them all (adding one again is harmless); a new table row is there
   * when the row reads back with what was sent (a second POST would be refused as a duplicate); a
   * division move or a skill's division PATCH can be sent again as it is.
   */
  private async settleOtherWrite(
    verb: string,
    path: string,
    body: unknown,
    signal: AbortSignal | undefined,
  ): Promise<Settlement<unknown>> {
    if (verb === 'POST' && path.endsWith('/wrapupcodes') && Array.isArray(body)) {
      const sent = body.flatMap((item: unknown) =>
        isJsonObject(item) && typeof item.id === 'string' ? [item.id] : [],
      );
      const listed = mergePages(
        await this.readAllPages(path, this.pageSizes.subresource, {}, signal),
        (entity) => (typeof entity.id === 'string' ? entity.id : undefined),
      );
      const present = new Set(listed.entities.map((entity) => entity.id));
      return sent.every((id) => present.has(id))
        ? { held: true, value: null }
        : { held: false, resend: true };
    }
    if (verb === 'POST' && path.endsWith('/rows') && isJsonObject(body) && typeof body.key === 'string') {
      // A row reads back as its key alone unless asked for in full, as in Genesys.
      const row = await this.readIfPresent(
        `${path}/${encodeURIComponent(body.key)}`,
        { showbrief: false },
        signal,
      );
      if (row === null) return { held: false, resend: true };
      const same = Object.entries(body).every(
        ([field, value]) => stableStringify(row[field] ?? null) === stableStringify(value),
      );
      return same ? { held: true, value: row } : { held: false, resend: false };
    }
    if (
      verb === 'POST' &&
      /^\/api\/v2\/architect\/prompts\/[^/]+\/resources$/.test(path) &&
      isJsonObject(body) &&
      typeof body.language === 'string'
    ) {
      // A language is created once per prompt (a second POST is a 409): there means it landed.
      const resource = await this.readIfPresent(`${path}/${encodeURIComponent(body.language)}`, {}, signal);
      if (resource === null) return { held: false, resend: true };
      const same = ['ttsString', 'text'].every(
        (field) => stableStringify(resource[field] ?? null) === stableStringify(body[field] ?? null),
      );
      return same ? { held: true, value: resource } : { held: false, resend: false };
    }
    if (verb === 'PATCH' || (verb === 'POST' && path.startsWith(`${DIVISIONS_COLLECTION}/`))) {
      return { held: false, resend: true };
    }
    return { held: false, resend: false };
  }

  /** The org's one object of a singleton type, with the id and natural key every org gives it. */
  private async readSingleton(
    definition: ObjectTypeDefinition,
    signal: AbortSignal | undefined,
  ): Promise<Record<string, unknown>> {
    const path = definition.collectionPath;
    const object = asObject(await this.call('GET', path, {}, undefined, signal), path);
    const key = definition.singleton?.key ?? '';
    return { ...object, id: key, [definition.naturalKey]: key };
  }

  /** A PUT of the whole setting; sending it again is harmless, so an unsure one is re-read first. */
  private async updateSingleton(
    definition: ObjectTypeDefinition,
    body: Record<string, unknown>,
    signal: AbortSignal | undefined,
  ): Promise<Record<string, unknown>> {
    const path = definition.collectionPath;
    const { id: _id, [definition.naturalKey]: _key, ...sent } = body;
    void _id;
    void _key;
    const key = definition.singleton?.key ?? '';
    const written = await this.settled('PUT', path, signal, {
      send: async () => asObject(await this.call('PUT', path, {}, sent, signal), path),
      read: async () => {
        const now = await this.readSingleton(definition, signal);
        return holdsWritten(definition.id, now, sent)
          ? { held: true, value: now }
          : { held: false, resend: true };
      },
    });
    return { ...written, id: key, [definition.naturalKey]: key };
  }

  /** A write through `settleWrite`, its resends bounded and paced like the transport's retries. */
  private settled<T>(
    method: string,
    path: string,
    signal: AbortSignal | undefined,
    write: Pick<SettleOptions<T>, 'send' | 'read' | 'afterResend'>,
  ): Promise<T> {
    return settleWrite({
      ...write,
      backOff: (attempt) => this.transport.backOff(attempt, signal, method, path),
      limit: this.transport.retryLimit,
    });
  }

  /** The object at `path`, or null when the target answers 404. */
  private async readIfPresent(
    path: string,
    query: Record<string, unknown>,
    signal: AbortSignal | undefined,
  ): Promise<Record<string, unknown> | null> {
    try {
      return asObject(await this.call('GET', path, query, undefined, signal), path);
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  /**
   * Reads each object's sub-resource lists into it. Returns null when done, or what changed when
   * an object was deleted after it was listed (its sub-resource answers 404 and so does the
   * object): the caller then reads the whole type again.
   */
  private async attachSubResources(
    definition: ObjectTypeDefinition,
    objects: Record<string, unknown>[],
    signal: AbortSignal | undefined,
  ): Promise<string | null> {
    if (definition.subResources.length === 0) return null;
    let gone: string | null = null;
    await mapBounded(objects, this.concurrency, async (object) => {
      for (const sub of definition.subResources) {
        if (gone !== null) return;
        if (readInline(definition.id, object, sub)) continue;
        try {
          object[sub.field] = await this.readSubResource(definition, object, sub, signal);
        } catch (error) {
          if (!(error instanceof GenesysApiError && error.code === GenesysErrorCode.notFound)) throw error;
          if (!(await this.deletedSinceListed(definition, object, signal))) throw error;
          gone = `${definition.label.toLowerCase()} ${String(object.id)} was deleted after it was listed`;
        }
      }
    });
    return gone;
  }

  /** True when the object itself is gone, so a 404 on its sub-resource means a delete, not a bug. */
  private async deletedSinceListed(
    definition: ObjectTypeDefinition,
    object: Record<string, unknown>,
    signal: AbortSignal | undefined,
  ): Promise<boolean> {
    try {
      await this.call(
        'GET',
        `${definition.collectionPath}/${encodeURIComponent(String(object.id))}`,
        {},
        undefined,
        signal,
      );
      return false;
    } catch (error) {
      if (error instanceof GenesysApiError && error.code === GenesysErrorCode.notFound) return true;
      throw error;
    }
  }

  /** One sub-resource list, read again (bounded) when it moved while it was paged. */
  private async readSubResource(
    definition: ObjectTypeDefinition,
    object: Record<string, unknown>,
    sub: SubResource,
    signal: AbortSignal | undefined,
  ): Promise<Record<string, unknown>[]> {
    const id = object.id;
    if (typeof id !== 'string') throw malformedReply(definition.collectionPath, 'an object without an id');
    const path = `${definition.collectionPath}/${encodeURIComponent(id)}${sub.path}`;
    const query = sub.path === '/rows' ? { showbrief: false } : {};
    // References are told apart by id; data table rows by their key.
    const identityField = sub.holdsReferences ? 'id' : 'key';
    let previous: PagedListing | null = null;
    let change = '';
    for (let attempt = 1; attempt <= MAX_LIST_ATTEMPTS; attempt += 1) {
      if (attempt > 1) await pauseBeforeReread(attempt - 1, path, signal);
      const listed = mergePages(
        await this.readAllPages(path, this.pageSizes.subresource, query, signal),
        (entity) => {
          const identity = entity[identityField];
          return typeof identity === 'string' ? identity : undefined;
        },
      );
      const entities = settledEntities(listed, previous);
      if (entities !== null) return entities;
      previous = listed;
      change = listed.change ?? '';
    }
    const name =
      typeof object[definition.naturalKey] === 'string' ? String(object[definition.naturalKey]) : id;
    throw listingChanged(
      `The ${sub.field} of ${definition.label.toLowerCase()} "${name}"`,
      MAX_LIST_ATTEMPTS,
      { type: definition.id, path, change },
    );
  }

  /**
   * Objects of a type Ferry does not manage, for looking references up by name: those named
   * `names` (through the API's name filter when there are few and it has one), or every object of
   * the type when `names` is null or long (one list read per type instead of one per name). Two
   * objects with one key are both returned: the caller must not pick one.
   */
  async findReferenced(
    type: UnmanagedReferenceTypeId,
    names: readonly string[] | null,
    signal?: AbortSignal,
  ): Promise<ReferencedObject[]> {
    const endpoint = REFERENCE_LOOKUPS[type];
    if (names !== null && names.length === 0) return [];
    if (endpoint.path.includes('{domainName}')) return this.findEmailRoutes(names, signal);
    const filter = endpoint.nameFilter;
    const filtered = names !== null && filter !== undefined && names.length <= MAX_FILTERED_LOOKUPS;
    const queries: Record<string, unknown>[] = filtered ? names.map((name) => ({ [filter]: name })) : [{}];
    const wanted = names === null ? null : new Set(names);
    const found = new Map<string, ReferencedObject>();
    for (const query of queries) {
      for (const entity of await this.readEveryEntity(endpoint.path, query, endpoint.paging, signal)) {
        const id = entity.id;
        const key = entity[endpoint.keyField];
        if (typeof id !== 'string' || id === '' || typeof key !== 'string' || key === '') continue;
        // Name filters match prefixes and ignore case; a reference names one exact key.
        if (wanted !== null && !wanted.has(key)) continue;
        const kind = entity.type;
        found.set(id, { id, key, ...(typeof kind === 'string' ? { kind } : {}) });
      }
    }
    return [...found.values()];
  }

  /**
   * Email routes, keyed `<pattern>@<domain>`: a pattern is unique only within its domain, and
   * routes live under their domain's URL. Named routes are read from their own domain with the
   * pattern filter; all routes means every domain's list.
   */
  private async findEmailRoutes(
    names: readonly string[] | null,
    signal: AbortSignal | undefined,
  ): Promise<ReferencedObject[]> {
    const endpoint = REFERENCE_LOOKUPS['routing.emailroute'];
    const wanted: { domain: string; pattern: string | null }[] =
      names === null
        ? (await this.findReferenced('routing.emaildomain', null, signal)).map((domain) => ({
            domain: domain.id,
            pattern: null,
          }))
        : names.flatMap((name) => {
            const at = name.lastIndexOf('@');
            return at <= 0 ? [] : [{ domain: name.slice(at + 1), pattern: name.slice(0, at) }];
          });
    const found = new Map<string, ReferencedObject>();
    for (const { domain, pattern } of wanted) {
      const path = endpoint.path.replace('{domainName}', encodeURIComponent(domain));
      let entities: Record<string, unknown>[];
      try {
        entities = await this.readEveryEntity(path, pattern === null ? {} : { pattern }, 'page', signal);
      } catch (error) {
        // A domain the org does not have holds no routes: the reference is then not found.
        if (error instanceof GenesysApiError && error.code === GenesysErrorCode.notFound) continue;
        throw error;
      }
      for (const entity of entities) {
        const id = entity.id;
        const key = entity[endpoint.keyField];
        if (typeof id !== 'string' || typeof key !== 'string' || (pattern !== null && key !== pattern))
          continue;
        found.set(id, { id, key: `${key}@${domain}` });
      }
    }
    return [...found.values()];
  }

  /** Every entity of a list, whichever way it pages; bounded by MAX_PAGES. */
  private async readEveryEntity(
    path: string,
    query: Record<string, unknown>,
    paging: 'page' | 'cursor',
    signal: AbortSignal | undefined,
  ): Promise<Record<string, unknown>[]> {
    const pageSize = this.pageSizes.reference;
    if (paging === 'page') {
      const pages = await this.readAllPages(path, pageSize, query, signal);
      return mergePages(pages, (entity) => (typeof entity.id === 'string' ? entity.id : undefined)).entities;
    }
    return this.readCursorPages(path, pageSize, query, signal);
  }

  /** Every entity of a cursor-paged list: `after` from each page's `nextUri`, bounded by MAX_PAGES. */
  private async readCursorPages(
    path: string,
    pageSize: number,
    query: Record<string, unknown>,
    signal: AbortSignal | undefined,
  ): Promise<Record<string, unknown>[]> {
    const entities: Record<string, unknown>[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < MAX_PAGES; pages += 1) {
      const reply = cursorPageSchema.safeParse(
        await this.call(
          'GET',
          path,
          { ...query, pageSize, ...(after === null ? {} : { after }) },
          undefined,
          signal,
        ),
      );
      if (!reply.success) throw malformedReply(path, 'a page without an entities list');
      entities.push(...(reply.data.entities ?? []));
      const next = cursorAfter(reply.data.nextUri);
      if (next === null || next === after) return entities;
      after = next;
    }
    throw malformedReply(path, `more than the ${MAX_PAGES} pages Ferry reads of one list`);
  }

  /** First page, then every other page concurrently (bounded), in page order; each as read. */
  private async readAllPages(
    path: string,
    pageSize: number,
    query: Record<string, unknown>,
    signal: AbortSignal | undefined,
    onProgress?: (count: number, total: number | null) => void,
  ): Promise<ListedPage[]> {
    const first = this.page(
      await this.call('GET', path, { ...query, pageSize, pageNumber: 1 }, undefined, signal),
      path,
    );
    const pageCount = pagesToRead(first, pageSize);
    if (pageCount > MAX_PAGES) {
      throw malformedReply(path, `${pageCount} pages, more than the ${MAX_PAGES} Ferry reads of one list`);
    }
    let count = first.entities.length;
    onProgress?.(count, first.total);
    const pages = [first];
    if (pageCount > 1) {
      const numbers = Array.from({ length: pageCount - 1 }, (_, index) => index + 2);
      const rest = await mapBounded(numbers, this.concurrency, async (pageNumber) => {
        const page = this.page(
          await this.call('GET', path, { ...query, pageSize, pageNumber }, undefined, signal),
          path,
        );
        count += page.entities.length;
        onProgress?.(count, first.total);
        return page;
      });
      pages.push(...rest);
    }
    return pages;
  }

  private page(body: unknown, path: string): ListedPage {
    const parsed = pageSchema.safeParse(body);
    if (!parsed.success) throw malformedReply(path, 'a page without an entities list');
    return {
      entities: parsed.data.entities ?? [],
      total: parsed.data.total ?? null,
      pageCount: parsed.data.pageCount ?? null,
    };
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
    if (!reply.success) throw malformedReply(path, 'an unreadable reply');
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
  if (type === 'architect.prompt') return { includeMediaUris: true, includeResources: true };
  if (type === 'integrations.action') return { ...ACTION_READ_QUERY };
  if (type === 'integrations.integration') return { expand: 'config.current' };
  return type === 'flows.datatable' ? { expand: 'schema' } : {};
}

/**
 * Prompts list their resources inline (`includeResources`), so they are not read again through
 * `/resources`; the sub-resource is still how they are written.
 */
function readInline(type: ObjectTypeId, object: Record<string, unknown>, sub: SubResource): boolean {
  return type === 'architect.prompt' && sub.field === 'resources' && Array.isArray(object.resources);
}

function asObject(body: unknown, path: string): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw malformedReply(path, 'no object');
  return body as Record<string, unknown>;
}

/** The `after` cursor a `nextUri` carries; null on the last page. */
function cursorAfter(nextUri: string | null | undefined): string | null {
  if (typeof nextUri !== 'string' || nextUri === '') return null;
  try {
    return new URL(nextUri, 'http://next.invalid').searchParams.get('after');
  } catch {
    return null;
  }
}

function singletonRefusal(definition: ObjectTypeDefinition, verb: 'created' | 'deleted'): FerryError {
  return new FerryError(
    'genesys.not-updatable',
    `Genesys Cloud keeps exactly one ${definition.label.toLowerCase()} setting per org: it cannot be ${verb}, only updated`,
    { type: definition.id },
  );
}
