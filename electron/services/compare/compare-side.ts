import { ErrorCode, FerryError } from '../../../shared/api/api-error';
import { objectNameInWords } from '../../../shared/flows/object-key-words';
import { fileNameToKey } from '../../../shared/model/canonical/file-name-codec';
import { isJsonObject, type JsonObject, type JsonValue } from '../../../shared/model/canonical/json-value';
import { stableStringify } from '../../../shared/model/canonical/stable-stringify';
import type { ChangesetOperation } from '../../../shared/model/changeset';
import { applyChangeset, type ApplyConflict } from '../../../shared/changeset/apply-changeset';
import { objectIn } from '../../../shared/changeset/object-state';
import { keyDescription } from '../../../shared/model/canonical/canonicalize';
import { objectKeyOf } from '../../../shared/model/object-types/object-key';
import { findObjectType } from '../../../shared/model/object-types/registry';
import type { SideIndex, SideObject } from '../../../shared/diff/diff-types';
import { hashObject } from '../git/git-object-hash';
import { newReadCache, readBlobAt, readTreeAt, type GitReadCache } from '../git/repository';
import type { CanonicalListing } from '../snapshot/canonical-listing';
import { parseSnapshotObjectFile } from '../snapshot/snapshot-object-file';
import { snapshotFolder } from '../snapshot/snapshot-store';

/** One side of a compare, ready for the diff engine: an index of hashes and a loader for contents. */
export interface CompareSide {
  label: string;
  /** The workspace commit the side was read from; null for a live read. */
  commit: string | null;
  index: SideIndex;
  /** Types this side could not read (403 on a live pull): left out of the compare on both sides. */
  unreadableTypes: string[];
  /** A live read only: who last changed each object and when, as the org reported it. */
  provenance?: CanonicalListing['provenance'];
  load(type: string, key: string): Promise<JsonValue>;
}

/**
 * The git blob id of a text, so live texts and stored files share one notion of "same content":
 * the very function the snapshot writer names its blobs with.
 */
export function gitBlobHash(text: string): string {
  return hashObject('blob', text);
}

/** A stored snapshot at `commit`: hashes come straight from git's trees, contents load on demand. */
export async function snapshotSide(
  dir: string,
  environment: string,
  commit: string,
  label: string,
): Promise<CompareSide> {
  const base = `${snapshotFolder(environment)}/snapshot`;
  // isomorphic-git re-reads pack indexes on every call unless it is given a cache to keep them in.
  const cache = newReadCache();
  const ids = await readIds(dir, commit, environment, cache);
  const index = new Map<string, Map<string, SideObject>>();
  const hashes = new Map<string, string>();
  const paths = new Map<string, string>();
  for (const typeEntry of await readTreeOrEmpty(dir, commit, base, cache)) {
    if (typeEntry.type !== 'tree') continue;
    const type = typeEntry.path;
    const byKey = new Map<string, SideObject>();
    for (const entry of await readTreeOrEmpty(dir, commit, `${base}/${type}`, cache)) {
      if (entry.type !== 'blob') continue;
      const path = `${base}/${type}/${entry.path}`;
      const key =
        fileNameToKey(entry.path) ?? (await keyFromContent(dir, entry.oid, type, cache, path, commit));
      const id = ids[type]?.[key];
      byKey.set(key, id === undefined ? { key, hash: entry.oid } : { key, hash: entry.oid, id });
      hashes.set(`${type}\u0000${key}`, entry.oid);
      paths.set(`${type}\u0000${key}`, path);
    }
    index.set(type, byKey);
  }
  return {
    label,
    commit,
    index,
    unreadableTypes: [],
    load: async (type, key) => {
      const oid = hashes.get(`${type}\u0000${key}`);
      if (!oid)
        throw new FerryError(
          'compare.object-missing',
          `The ${objectNameInWords(type, key)} is not in ${label}`,
        );
      const blob = await readBlobAt(dir, oid, undefined, cache);
      const path = paths.get(`${type}\u0000${key}`) ?? `${base}/${type}`;
      return parseSnapshotObjectFile(Buffer.from(blob).toString('utf8'), path, commit);
    },
  };
}

/** A live read, held in memory only. */
export function listingSide(
  listing: CanonicalListing,
  unreadableTypes: string[],
  label: string,
): CompareSide {
  const index = new Map<string, Map<string, SideObject>>();
  for (const [type, texts] of listing.texts) {
    const byKey = new Map<string, SideObject>();
    for (const [key, text] of texts) {
      const id = listing.ids[type]?.[key];
      byKey.set(
        key,
        id === undefined ? { key, hash: gitBlobHash(text) } : { key, hash: gitBlobHash(text), id },
      );
    }
    index.set(type, byKey);
  }
  return {
    label,
    commit: null,
    index,
    unreadableTypes,
    ...(listing.provenance ? { provenance: listing.provenance } : {}),
    load: async (type, key) => {
      const text = listing.texts.get(type as never)?.get(key);
      if (text === undefined)
        throw new FerryError(
          'compare.object-missing',
          `The ${objectNameInWords(type, key)} is not in ${label}`,
        );
      return JSON.parse(text) as JsonValue;
    },
  };
}

async function readIds(
  dir: string,
  commit: string,
  environment: string,
  cache: GitReadCache,
): Promise<Record<string, Record<string, string>>> {
  try {
    const blob = await readBlobAt(dir, commit, `${snapshotFolder(environment)}/ids.json`, cache);
    const parsed: unknown = JSON.parse(Buffer.from(blob).toString('utf8'));
    return typeof parsed === 'object' && parsed !== null
      ? (parsed as Record<string, Record<string, string>>)
      : {};
  } catch {
    return {};
  }
}

/** Long names are shortened with a hash; their key is the natural-key field inside the file. */
async function keyFromContent(
  dir: string,
  oid: string,
  type: string,
  cache: GitReadCache,
  path: string,
  commit: string,
): Promise<string> {
  const blob = await readBlobAt(dir, oid, undefined, cache);
  const value = parseSnapshotObjectFile(Buffer.from(blob).toString('utf8'), path, commit);
  const definition = findObjectType(type) ?? { naturalKey: 'name' };
  const key = objectKeyOf(definition, value);
  if (key === undefined)
    throw new FerryError(
      ErrorCode.workspaceCorrupt,
      `The snapshot file ${path} at commit ${commit.slice(0, 12)} has no ${keyDescription(definition)}, so which object it is cannot be told`,
      { path, commit },
    );
  return key;
}

async function readTreeOrEmpty(dir: string, commit: string, filepath: string, cache: GitReadCache) {
  try {
    return await readTreeAt(dir, commit, filepath, cache);
  } catch {
    return [];
  }
}

/**
 * A changeset applied in memory to a base side: only the objects it touches are read and
 * changed; every other object keeps the base's hash, so the diff skips it at once.
 */
export async function previewSide(
  base: CompareSide,
  changesetId: string,
  operations: readonly ChangesetOperation[],
): Promise<CompareSide & { conflicts: ApplyConflict[] }> {
  const touched = new Map<string, Map<string, JsonObject>>();
  for (const operation of operations) {
    if (!base.index.get(operation.type)?.has(operation.key)) continue;
    const value = await base.load(operation.type, operation.key);
    if (!isJsonObject(value)) continue;
    const byKey = touched.get(operation.type) ?? new Map<string, JsonObject>();
    byKey.set(operation.key, value);
    touched.set(operation.type, byKey);
  }
  const { state, conflicts } = applyChangeset(touched, operations);
  const index = new Map<string, Map<string, SideObject>>();
  for (const [type, byKey] of base.index) index.set(type, new Map(byKey));
  const texts = new Map<string, string>();
  for (const operation of operations) {
    const byKey = index.get(operation.type) ?? new Map<string, SideObject>();
    index.set(operation.type, byKey);
    const value = objectIn(state, operation.type, operation.key);
    if (value === undefined) {
      byKey.delete(operation.key);
      continue;
    }
    const text = stableStringify(value);
    texts.set(`${operation.type}\u0000${operation.key}`, text);
    const id = byKey.get(operation.key)?.id;
    const hash = gitBlobHash(text);
    byKey.set(
      operation.key,
      id === undefined ? { key: operation.key, hash } : { key: operation.key, hash, id },
    );
  }
  return {
    label: `${base.label} + changeset ${changesetId}`,
    commit: base.commit,
    index,
    unreadableTypes: base.unreadableTypes,
    conflicts,
    load: async (type, key) => {
      const text = texts.get(`${type}\u0000${key}`);
      if (text !== undefined) return JSON.parse(text) as JsonValue;
      if (!index.get(type)?.has(key))
        throw new FerryError(
          'compare.object-missing',
          `The ${objectNameInWords(type, key)} is not in the preview`,
        );
      return base.load(type, key);
    },
  };
}
