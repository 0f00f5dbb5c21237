import { randomUUID } from 'node:crypto';
import { FerryError } from '../../../shared/api/api-error';
import { keyToFileName } from '../../../shared/model/canonical/file-name-codec';
import { stableStringify } from '../../../shared/model/canonical/stable-stringify';
import type { ObjectTypeId } from '../../../shared/model/object-types/object-type-definition';
import { getObjectType, objectTypesInDependencyOrder } from '../../../shared/model/object-types/registry';
import type { SnapshotProgress } from '../../../shared/model/snapshot';
import type { EventHub } from '../events/event-hub';
import type { Connector } from '../connectors/connector';
import { GenesysApiError, GenesysErrorCode } from '../connectors/genesys/genesys-error';
import type { EnvironmentService } from '../environments/environment-service';
import type { WorkspaceService } from '../workspace/workspace-service';
import { IdRegistry } from '../references/id-registry';
import { nameUnnamedReferences, unmanagedSlotsOf } from '../references/reference-resolution';
import { canonicalizeListing, type CanonicalListing, type SnapshotWarning } from './canonical-listing';
import { commitSubtree } from '../git/commit-subtree';
import { snapshotFolder, SnapshotStore, type IdsByType } from './snapshot-store';
import { snapshotAudioFiles } from './snapshot-audio';

/** Files in `environments/<env>/` that belong to other features and survive every snapshot. */
const ENVIRONMENT_FILES_NOT_SNAPSHOTTED = ['parameters.json'] as const;

export interface SnapshotResult {
  environment: string;
  commit: string | null;
  message: string;
  counts: Record<string, number>;
  added: number;
  changed: number;
  removed: number;
  skippedTypes: { type: string; reason: string }[];
  /** Objects kept although they do not fit their type's schema; the pull itself succeeded. */
  warnings: SnapshotWarning[];
  requests: number;
  rateLimitWaits: number;
}

export interface SnapshotRunOptions {
  types?: string[];
  signal?: AbortSignal;
  onProgress?: (progress: Omit<SnapshotProgress, 'jobId'>) => void;
}

/**
 * Pulls every type of an environment, turns each object into its canonical file, and commits the
 * environment's folder as one commit. Until that commit the previous snapshot is untouched: a
 * failed or cancelled pull changes nothing.
 */
export class SnapshotService {
  private readonly jobs = new Map<string, AbortController>();
  private cachedStore: { path: string; store: SnapshotStore } | null = null;

  constructor(
    private readonly workspace: WorkspaceService,
    private readonly environments: EnvironmentService,
    private readonly events: EventHub | null,
  ) {}

  /** One store per open workspace, so its git read cache and snapshot summaries are reused. */
  store(): SnapshotStore {
    const path = this.workspace.requirePath();
    if (this.cachedStore?.path !== path) this.cachedStore = { path, store: new SnapshotStore(path) };
    return this.cachedStore.store;
  }

  /** For the UI: runs in the background, reporting through `snapshot.progress` events. */
  start(environment: string, types?: string[]): string {
    const jobId = randomUUID();
    const controller = new AbortController();
    this.jobs.set(jobId, controller);
    const emit = (progress: Omit<SnapshotProgress, 'jobId'>) =>
      this.events?.emit('snapshot.progress', { jobId, ...progress });
    void this.run(environment, { ...(types ? { types } : {}), signal: controller.signal, onProgress: emit })
      .catch(() => undefined)
      .finally(() => this.jobs.delete(jobId));
    return jobId;
  }

  cancel(jobId: string): void {
    this.jobs.get(jobId)?.abort();
  }

  async run(environment: string, options: SnapshotRunOptions = {}): Promise<SnapshotResult> {
    const dir = this.workspace.requirePath();
    await this.environments.get(environment);
    const types = this.selectTypes(options.types);
    const base: Omit<SnapshotProgress, 'jobId' | 'phase'> = {
      environment,
      type: null,
      typesDone: 0,
      typesTotal: types.length,
      objects: 0,
      exports: null,
      requests: 0,
      rateLimitWaits: 0,
      message: null,
      skippedTypes: [],
      commit: null,
    };
    const report = (patch: Partial<typeof base> & { phase: SnapshotProgress['phase'] }) =>
      options.onProgress?.({ ...base, ...patch });
    let connector: Connector | null = null;
    try {
      report({ phase: 'connecting' });
      connector = await this.environments.connector(environment);
      const pulled = await this.pull(connector, types, options, (patch) => {
        Object.assign(base, patch);
        report({
          phase: 'listing',
          requests: connector?.stats.requests ?? 0,
          rateLimitWaits: connector?.stats.rateLimitWaits ?? 0,
        });
      });
      throwIfCancelled(options.signal);
      report({ phase: 'writing', type: null, requests: connector.stats.requests });
      const result = await this.write(dir, environment, types, pulled, connector, options.signal);
      report({
        phase: 'done',
        message: result.message,
        commit: result.commit,
        requests: result.requests,
        rateLimitWaits: result.rateLimitWaits,
        skippedTypes: result.skippedTypes.map((s) => s.type),
      });
      return result;
    } catch (error) {
      const cancelled =
        options.signal?.aborted === true ||
        (error instanceof FerryError && error.code === GenesysErrorCode.cancelled);
      const message = cancelled
        ? 'Snapshot cancelled; the previous snapshot is unchanged'
        : `Snapshot failed; the previous snapshot is unchanged: ${error instanceof Error ? error.message : String(error)}`;
      report({
        phase: cancelled ? 'cancelled' : 'failed',
        message,
        requests: connector?.stats.requests ?? 0,
      });
      if (cancelled) throw new FerryError('cancelled', message);
      if (error instanceof FerryError) throw new FerryError(error.code, message, error.details);
      throw error;
    }
  }

  /**
   * Reads the environment now and canonicalises it without committing anything: the `live:`
   * side of a compare and the source of drift. Forbidden types are reported, not fatal.
   */
  async pullLive(
    environment: string,
    options: SnapshotRunOptions = {},
  ): Promise<CanonicalListing & { skipped: { type: string; reason: string }[]; requests: number }> {
    const types = this.selectTypes(options.types);
    // A live read of a big org takes minutes (a flow export each): it reports like a snapshot, to
    // the caller (the CLI prints it) and as `live.progress` events (Compare shows it).
    const jobId = randomUUID();
    const base: Omit<SnapshotProgress, 'jobId' | 'phase'> = {
      environment,
      type: null,
      typesDone: 0,
      typesTotal: types.length,
      objects: 0,
      exports: null,
      requests: 0,
      rateLimitWaits: 0,
      message: null,
      skippedTypes: [],
      commit: null,
    };
    const report = (phase: SnapshotProgress['phase'], connector: Connector | null, message?: string) => {
      const progress = {
        ...base,
        phase,
        requests: connector?.stats.requests ?? 0,
        rateLimitWaits: connector?.stats.rateLimitWaits ?? 0,
        ...(message === undefined ? {} : { message }),
      };
      options.onProgress?.(progress);
      this.events?.emit('live.progress', { jobId, ...progress });
    };
    report('connecting', null);
    let connector: Connector | null = null;
    let pulled: Awaited<ReturnType<SnapshotService['pull']>>;
    try {
      connector = await this.environments.connector(environment);
      const reading = connector;
      pulled = await this.pull(reading, types, options, (patch) => {
        Object.assign(base, patch);
        report('listing', reading);
      });
    } catch (error) {
      const cancelled = options.signal?.aborted === true;
      report(
        cancelled ? 'cancelled' : 'failed',
        connector,
        cancelled
          ? 'Live read cancelled'
          : `Live read failed: ${error instanceof Error ? error.message : String(error)}`,
      );
      throw error;
    }
    Object.assign(base, { type: null, typesDone: types.length });
    report('done', connector, `Read ${environment} live`);
    throwIfCancelled(options.signal);
    const knownIds = await this.store().ids(environment);
    const listing = canonicalizeListing(environment, pulled.objects, {
      ...knownIds,
      ...pulled.referenceNames,
    });
    return { ...listing, skipped: pulled.skipped, requests: connector.stats.requests };
  }

  private selectTypes(requested: string[] | undefined): ObjectTypeId[] {
    const all = objectTypesInDependencyOrder();
    if (!requested || requested.length === 0) return all;
    for (const type of requested) getObjectType(type);
    return all.filter((type) => requested.includes(type));
  }

  private async pull(
    connector: Connector,
    types: ObjectTypeId[],
    options: SnapshotRunOptions,
    progress: (patch: {
      type: string | null;
      typesDone: number;
      objects: number;
      exports: SnapshotProgress['exports'];
      skippedTypes: string[];
    }) => void,
  ) {
    const objects = new Map<ObjectTypeId, Record<string, unknown>[]>();
    const skipped: { type: string; reason: string }[] = [];
    let total = 0;
    for (const [index, type] of types.entries()) {
      throwIfCancelled(options.signal);
      progress({
        type,
        typesDone: index,
        objects: total,
        exports: null,
        skippedTypes: skipped.map((s) => s.type),
      });
      try {
        const listed = await connector.list(type, {
          ...(options.signal ? { signal: options.signal } : {}),
          onProgress: (p) =>
            progress({
              type,
              typesDone: index,
              objects: total + p.objects,
              // Flows: each configuration an export job, reported one by one after the listing.
              exports: p.exported === undefined ? null : { done: p.exported, total: p.objects },
              skippedTypes: skipped.map((s) => s.type),
            }),
        });
        objects.set(type, listed);
        total += listed.length;
      } catch (error) {
        // Credentials without permission for one type should not cost the whole snapshot.
        if (error instanceof GenesysApiError && error.code === GenesysErrorCode.forbidden) {
          skipped.push({ type, reason: error.message });
          continue;
        }
        throw error;
      }
    }
    const referenceNames = await this.nameReferences(connector, objects, options.signal);
    progress({
      type: null,
      typesDone: types.length,
      objects: total,
      exports: null,
      skippedTypes: skipped.map((s) => s.type),
    });
    return { objects, skipped, referenceNames };
  }

  /**
   * Names of the objects Ferry does not manage that pulled objects refer to by bare id only (a
   * queue's canned-response `libraryIds`): looked up in the org, one list per type, so the
   * snapshot holds names, never this org's ids. A list the credentials may not read leaves those
   * references as they are (reported unresolved), not a failed pull.
   */
  private async nameReferences(
    connector: Connector,
    objects: ReadonlyMap<ObjectTypeId, Record<string, unknown>[]>,
    signal: AbortSignal | undefined,
  ): Promise<IdsByType> {
    const names = new IdRegistry();
    const slots = [...objects].flatMap(([type, list]) =>
      list.flatMap((object) => unmanagedSlotsOf(type, object)),
    );
    try {
      await nameUnnamedReferences(connector, slots, names, signal);
    } catch (error) {
      if (!(error instanceof GenesysApiError && error.code === GenesysErrorCode.forbidden)) throw error;
    }
    return names.byType();
  }

  private async write(
    dir: string,
    environment: string,
    types: ObjectTypeId[],
    pulled: {
      objects: Map<ObjectTypeId, Record<string, unknown>[]>;
      skipped: { type: string; reason: string }[];
      referenceNames: IdsByType;
    },
    connector: Connector,
    signal: AbortSignal | undefined,
  ): Promise<SnapshotResult> {
    return this.workspace.writeLock.run(async () => {
      const store = new SnapshotStore(dir);
      const previousIds = await store.ids(environment);
      const previousFiles = await store.listFiles(environment);
      // Types not pulled this time (not selected, or forbidden) keep their previous files and ids.
      const kept = new Set<string>(
        [...previousFiles.keys()].filter((type) => !pulled.objects.has(type as ObjectTypeId)),
      );
      const listing = canonicalizeListing(environment, pulled.objects, {
        ...previousIds,
        ...pulled.referenceNames,
      });
      const ids: IdsByType = { ...listing.ids };
      for (const type of kept) if (previousIds[type]) ids[type] = previousIds[type];
      const files = new Map<string, string | Uint8Array>();
      const counts: Record<string, number> = {};
      for (const [type, texts] of listing.texts) {
        for (const [key, text] of texts) files.set(`snapshot/${type}/${keyToFileName(key)}`, text);
        counts[type] = texts.size;
      }
      for (const type of kept) {
        const names = previousFiles.get(type) ?? [];
        for (const name of names) {
          const text = await store.readFile(environment, `snapshot/${type}/${name}`);
          if (text !== null) files.set(`snapshot/${type}/${name}`, text);
        }
        counts[type] = names.length;
      }
      files.set('ids.json', stableStringify(ids));
      // The environment's folder also holds what a snapshot does not own: its parameters
      // (issue 15). The subtree is rewritten whole, so they are carried over as committed.
      for (const owned of ENVIRONMENT_FILES_NOT_SNAPSHOTTED) {
        const text = await store.readFile(environment, owned);
        if (text !== null) files.set(owned, text);
      }
      // Prompt audio lives beside the JSON, by hash, in the same commit (issue 17).
      const audio = await snapshotAudioFiles(
        dir,
        environment,
        pulled.objects.get('architect.prompt'),
        connector,
      );
      for (const [path, bytes] of audio) files.set(path, bytes);
      const skippedTypes = pulled.skipped;
      const result = await commitSubtree({
        dir,
        subtreePath: snapshotFolder(environment),
        files,
        message: (change) => snapshotMessage(environment, change, counts, skippedTypes, types),
        author: this.workspace.author(),
        now: this.workspace.now(),
        ...(signal ? { signal } : {}),
      });
      const objectsOnly = (paths: string[]) => paths.filter((path) => path.startsWith('snapshot/')).length;
      const change = {
        added: objectsOnly(result.added),
        changed: objectsOnly(result.modified),
        removed: objectsOnly(result.removed),
      };
      return {
        environment,
        commit: result.commit,
        message: result.commit
          ? (snapshotMessage(environment, result, counts, skippedTypes, types).split('\n')[0] ?? '')
          : `snapshot ${environment}: no changes since the last snapshot`,
        counts,
        ...change,
        skippedTypes,
        warnings: listing.warnings,
        requests: connector.stats.requests,
        rateLimitWaits: connector.stats.rateLimitWaits,
      };
    });
  }
}

/** `snapshot uat: 3 added, 12 changed, 1 removed`, then counts per type and anything skipped. */
export function snapshotMessage(
  environment: string,
  change: { added: string[]; modified: string[]; removed: string[] },
  counts: Record<string, number>,
  skipped: { type: string; reason: string }[],
  types: ObjectTypeId[],
): string {
  const count = (paths: string[]) => paths.filter((path) => path.startsWith('snapshot/')).length;
  const parts = [
    `${count(change.added)} added`,
    `${count(change.modified)} changed`,
    `${count(change.removed)} removed`,
  ];
  const lines = [`snapshot ${environment}: ${parts.join(', ')}`, ''];
  for (const type of types) {
    if (counts[type] !== undefined) lines.push(`${type}: ${counts[type]}`);
  }
  for (const item of skipped) lines.push(`skipped ${item.type}: ${item.reason}`);
  return lines.join('\n');
}

function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new FerryError('cancelled', 'Snapshot cancelled');
}
