import { z } from 'zod';
import { fileNameToKey } from '../../../shared/model/canonical/file-name-codec';
import type { SnapshotSummary } from '../../../shared/model/environment';
import { objectKeyOf } from '../../../shared/model/object-types/object-key';
import { findObjectType } from '../../../shared/model/object-types/registry';
import type { SnapshotTree } from '../../../shared/model/snapshot';
import {
  logCommits,
  newReadCache,
  readBlobAt,
  readTreeAt,
  resolveHead,
  type GitReadCache,
} from '../git/repository';
import { parseSnapshotObjectFile } from './snapshot-object-file';

export const snapshotFolder = (environment: string) => `environments/${environment}`;
const idsSchema = z.record(z.string(), z.record(z.string(), z.string()));
export type IdsByType = z.infer<typeof idsSchema>;

/** Reads stored snapshots from git (not the working tree, which a person may have edited). */
export class SnapshotStore {
  /** Keeps isomorphic-git's parsed pack indexes between reads of one store. */
  private readonly cache: GitReadCache = newReadCache();
  private readonly summaries = new Map<string, SnapshotSummary | null>();

  constructor(private readonly dir: string) {}

  async head(): Promise<string | null> {
    try {
      return await resolveHead(this.dir);
    } catch {
      return null;
    }
  }

  /** type → file names of the environment's snapshot at `commit` (HEAD by default). */
  async listFiles(environment: string, commit?: string): Promise<Map<string, string[]>> {
    const oid = commit ?? (await this.head());
    const result = new Map<string, string[]>();
    if (oid === null) return result;
    const types = await this.readTreeOrEmpty(oid, `${snapshotFolder(environment)}/snapshot`);
    for (const typeEntry of types) {
      if (typeEntry.type !== 'tree') continue;
      const files = await this.readTreeOrEmpty(
        oid,
        `${snapshotFolder(environment)}/snapshot/${typeEntry.path}`,
      );
      result.set(
        typeEntry.path,
        files.filter((entry) => entry.type === 'blob').map((entry) => entry.path),
      );
    }
    return result;
  }

  async readFile(environment: string, relativePath: string, commit?: string): Promise<string | null> {
    const oid = commit ?? (await this.head());
    if (oid === null) return null;
    try {
      const blob = await readBlobAt(
        this.dir,
        oid,
        `${snapshotFolder(environment)}/${relativePath}`,
        this.cache,
      );
      return Buffer.from(blob).toString('utf8');
    } catch {
      return null;
    }
  }

  /** One object file of the latest snapshot, with its natural key; null when there is no such file. */
  async readObject(
    environment: string,
    type: string,
    file: string,
  ): Promise<{ key: string; text: string } | null> {
    if (file.includes('/') || type.includes('/') || !file.endsWith('.json')) return null;
    const text = await this.readFile(environment, `snapshot/${type}/${file}`);
    if (text === null) return null;
    const decoded = fileNameToKey(file);
    if (decoded !== undefined) return { key: decoded, text };
    // Shortened long names carry their key only inside the file.
    const definition = findObjectType(type) ?? { naturalKey: 'name' };
    const path = `${snapshotFolder(environment)}/snapshot/${type}/${file}`;
    const key = objectKeyOf(definition, parseSnapshotObjectFile(text, path, null));
    return key === undefined ? null : { key, text };
  }

  async ids(environment: string, commit?: string): Promise<IdsByType> {
    const text = await this.readFile(environment, 'ids.json', commit);
    if (text === null) return {};
    const parsed = idsSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : {};
  }

  async tree(environment: string): Promise<SnapshotTree> {
    const commit = await this.head();
    const files = await this.listFiles(environment);
    return {
      environment,
      commit,
      types: [...files.entries()].map(([type, names]) => ({
        type,
        label: findObjectType(type)?.pluralLabel ?? type,
        objects: names.map((file) => ({ key: fileNameToKey(file) ?? file.replace(/\.json$/, ''), file })),
      })),
    };
  }

  /** The last commit that changed the environment's snapshot, with object counts per type. */
  async lastSnapshot(environment: string): Promise<SnapshotSummary | null> {
    const head = await this.head();
    if (head === null) return null;
    const cacheKey = `${head}:${environment}`;
    if (this.summaries.has(cacheKey)) return this.summaries.get(cacheKey) ?? null;
    let summary: SnapshotSummary | null = null;
    try {
      const [entry] = await logCommits(this.dir, {
        path: `${snapshotFolder(environment)}/snapshot`,
        depth: 1,
        cache: this.cache,
      });
      if (entry) {
        const files = await this.listFiles(environment, entry.oid);
        summary = {
          commit: entry.oid,
          takenAt: new Date(entry.commit.committer.timestamp * 1000).toISOString(),
          counts: Object.fromEntries([...files.entries()].map(([type, names]) => [type, names.length])),
        };
      }
    } catch {
      summary = null;
    }
    this.summaries.set(cacheKey, summary);
    return summary;
  }

  private async readTreeOrEmpty(oid: string, filepath: string) {
    try {
      return await readTreeAt(this.dir, oid, filepath, this.cache);
    } catch {
      return [];
    }
  }
}
