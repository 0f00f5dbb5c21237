import { createHash } from 'node:crypto';
import { mkdir, readFile, realpath, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../fs/atomic-write';
import { RUN_FILES, type FileBytes, type RecordFiles } from './record-files';
import { recordOutcomeSchema, type RecordOutcome } from './record-outcome';

/**
 * Insights' verification cache (issue 19: 10,000 runs and 50,000 changesets in under a second,
 * where verifying every Ed25519 signature every time takes many seconds).
 *
 * It lives on this machine, in the app's data folder, never in the workspace: the workspace is
 * untrusted and travels by git, so anything stored there could be forged along with the records.
 * An entry's key is a sha256 over the pinned trust root's current version and the exact bytes of
 * every file the record's verification read; its value is what that verification produced. Same
 * bytes under the same trust, same outcome: the cache only skips repeating work, it never decides.
 * A changed file, a new root version (a key revoked, a role granted) or a new record is verified
 * again. One JSON file per workspace, named by the hash of its real path, validated on load (a
 * damaged file is discarded and rebuilt), written atomically, and pruned to the records seen in
 * the last pass.
 */
export const CACHE_FORMAT_VERSION = 1;

const cacheFileSchema = z.object({
  formatVersion: z.literal(CACHE_FORMAT_VERSION),
  /** The workspace's real path: for people looking at the folder; the file name is its hash. */
  workspace: z.string(),
  /** Record id (`run:<id>`, `changeset:<id>`, `audit:<actor>`) → [key, outcome]. */
  entries: z.record(z.string(), z.tuple([z.string().regex(/^[0-9a-f]{64}$/), recordOutcomeSchema])),
});
type CacheFile = z.infer<typeof cacheFileSchema>;

/** Which record a set of files is, stable between passes. */
export function recordId(record: RecordFiles): string {
  if (record.kind === 'run') return `run:${record.runId}`;
  if (record.kind === 'changeset') return `changeset:${record.changesetId}`;
  return `audit:${record.actor}`;
}

/**
 * The cache key of a record: the trust root's digest, then each file the verification reads,
 * named, sized and in full (names and sizes keep two different sets of files from hashing alike).
 */
export function recordKey(record: RecordFiles, trustDigest: string): string {
  const hash = createHash('sha256');
  hash.update(`ferry-insights-cache/${CACHE_FORMAT_VERSION}\0${trustDigest}\0${record.kind}\0`);
  const add = (name: string, bytes: FileBytes) => {
    if (typeof bytes === 'string') {
      hash.update(`${name}\0${bytes}\0`);
    } else {
      hash.update(`${name}\0${bytes.length}\0`);
      hash.update(bytes);
    }
  };
  if (record.kind === 'run') {
    add(record.runId, 'missing');
    for (const name of RUN_FILES) add(name, record.files[name]);
  } else if (record.kind === 'changeset') {
    add(record.changesetId, record.document);
    for (const [name, bytes] of record.authors) add(`authors/${name}`, bytes);
    for (const [name, bytes] of record.approvals) add(`approvals/${name}`, bytes);
  } else {
    add(record.actor, record.file);
  }
  return hash.digest('hex');
}

/**
 * The cache as last validated or written by this process, by file, with the file's identity then
 * (inode, size, modification time). A long-running host (the app, the bridge) asks for a report
 * many times: while the file is the very one it validated, parsing and validating 50 MB again
 * would cost more than reading the workspace. Any change to the file (another process, a damaged
 * disk, a hand edit) changes its identity, and it is validated again.
 */
const validated = new Map<string, { identity: string; entries: Map<string, [string, RecordOutcome]> }>();

async function fileIdentity(file: string): Promise<string | null> {
  try {
    const info = await stat(file, { bigint: true });
    return `${info.ino}:${info.size}:${info.mtimeNs}`;
  } catch {
    return null;
  }
}

export class VerificationCache {
  private entries = new Map<string, [string, RecordOutcome]>();
  private readonly seen = new Map<string, [string, RecordOutcome]>();
  private changed = false;

  private constructor(
    private readonly file: string,
    private readonly workspace: string,
  ) {}

  /** The cache file for a workspace folder (the folder's real path, hashed). */
  static async open(dataDir: string, workspaceDir: string): Promise<VerificationCache> {
    const workspace = await realpath(workspaceDir).catch(() => resolve(workspaceDir));
    const name = createHash('sha256').update(workspace, 'utf8').digest('hex');
    const cache = new VerificationCache(join(dataDir, 'insights', `${name}.json`), workspace);
    await cache.load();
    return cache;
  }

  private async load(): Promise<void> {
    const identity = await fileIdentity(this.file);
    const known = validated.get(this.file);
    if (identity !== null && known?.identity === identity) {
      this.entries = known.entries;
      return;
    }
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch {
      return;
    }
    try {
      const parsed: CacheFile = cacheFileSchema.parse(JSON.parse(text));
      if (parsed.workspace === this.workspace) this.entries = new Map(Object.entries(parsed.entries));
      if (identity !== null) validated.set(this.file, { identity, entries: this.entries });
    } catch {
      // A damaged or foreign cache is only a cache: start empty and overwrite it on save.
      this.entries = new Map();
      this.changed = true;
    }
  }

  /** The outcome stored for this record under this exact key, or null. */
  get(id: string, key: string): RecordOutcome | null {
    const found = this.entries.get(id);
    if (found === undefined || found[0] !== key) return null;
    this.seen.set(id, found);
    return found[1];
  }

  set(id: string, key: string, outcome: RecordOutcome): void {
    this.seen.set(id, [key, outcome]);
    this.changed = true;
  }

  /** Writes the records seen in this pass (dropping those gone from the workspace), if anything changed. */
  async save(): Promise<void> {
    if (!this.changed && this.seen.size === this.entries.size) return;
    const content: CacheFile = {
      formatVersion: CACHE_FORMAT_VERSION,
      workspace: this.workspace,
      entries: Object.fromEntries(this.seen),
    };
    await mkdir(join(this.file, '..'), { recursive: true });
    await writeFileAtomic(this.file, JSON.stringify(content), 0o600);
    this.entries = new Map(this.seen);
    this.changed = false;
    const identity = await fileIdentity(this.file);
    if (identity !== null) validated.set(this.file, { identity, entries: this.entries });
  }
}
