import { createHash } from 'node:crypto';
import { lstat, mkdir, readFile, realpath, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { writeFileAtomic } from '../fs/atomic-write';
import { stampClock, type StampClock } from './file-stamp';
import {
  CacheDamaged,
  decodeOutcome,
  decodeStrings,
  encodeOutcome,
  StringTable,
  type EncodedOutcome,
} from './outcome-codec';
import {
  RUN_FILES,
  recordId,
  type FileBytes,
  type Listing,
  type RecordFiles,
  type RecordStamps,
} from './record-files';
import type { RecordOutcome } from './record-outcome';

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
 *
 * Stat fast path (format 2): hashing every byte still means reading every file (about 209,000 for
 * 10,000 runs and 50,000 changesets: seconds). So each entry also keeps the stamps (./file-stamp.ts:
 * inode, size, mtime and ctime in ns) its files had just before they were read, as git's index
 * does; a record whose files all stamp the same again is served without reading them (the walk in
 * ./record-files.ts). Why a stamp is a safe stand-in for the bytes, and the racily-clean rule, are
 * in file-stamp.ts. The whole file is tied to the trust root's digest: another trust version and
 * nothing in it is used (the content keys include the digest as before). The cache file itself is
 * in this machine's data folder, which the workspace cannot write.
 *
 * Load speed: a fresh process (`ferry metrics`) parses and checks the whole file first. Outcomes
 * are stored compactly and checked by hand (./outcome-codec.ts says why not zod); the envelope is
 * checked by hand here too, for the same reason: it holds 60,000 entries.
 */
export const CACHE_FORMAT_VERSION = 2;

/** One record's entry: its content key, its files' stamps (null: read it again), its outcome. */
interface Entry {
  key: string;
  stamps: string | null;
  outcome: RecordOutcome;
}

/**
 * The file, as written:
 * `{ formatVersion, workspace, trust, strings, folders: [[folder, stamp, names, types]], records: [[id, key, stamps|null, outcome]] }`.
 * `workspace` is the real path (for people looking at the folder; the file name is its hash),
 * `trust` the digest of the trust root the outcomes were judged under.
 */
type StoredFolder = [string, string, string[], string];
type StoredRecord = [string, string, string | null, EncodedOutcome];

const HEX_KEY = /^[0-9a-f]{64}$/;

interface CacheState {
  entries: Map<string, Entry>;
  listings: Map<string, { stamp: string; listing: Listing }>;
}

function emptyState(): CacheState {
  return { entries: new Map(), listings: new Map() };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The file's content checked field by field; throws CacheDamaged on anything unexpected. */
function decodeCache(value: unknown, workspace: string, trust: string): CacheState | null {
  if (!isRecord(value)) throw new CacheDamaged('not an object');
  const keys = Object.keys(value).sort().join(',');
  if (keys !== 'folders,formatVersion,records,strings,trust,workspace') throw new CacheDamaged('fields');
  if (value.formatVersion !== CACHE_FORMAT_VERSION) throw new CacheDamaged('format');
  if (typeof value.workspace !== 'string' || typeof value.trust !== 'string')
    throw new CacheDamaged('header');
  // Another workspace at this path's hash, or another trust version: nothing in it applies.
  if (value.workspace !== workspace || value.trust !== trust) return null;
  const strings = decodeStrings(value.strings);
  const state = emptyState();
  if (!Array.isArray(value.folders) || !Array.isArray(value.records)) throw new CacheDamaged('lists');
  for (const folder of value.folders as unknown[]) {
    if (!Array.isArray(folder) || folder.length !== 4) throw new CacheDamaged('folder');
    const [name, stamp, names, types] = folder as unknown[];
    if (typeof name !== 'string' || typeof stamp !== 'string' || typeof types !== 'string') {
      throw new CacheDamaged('folder');
    }
    const list = decodeStrings(names);
    if (list.length !== types.length || /[^df]/.test(types)) throw new CacheDamaged('folder');
    state.listings.set(name, { stamp, listing: { names: list, types } });
  }
  for (const record of value.records as unknown[]) {
    if (!Array.isArray(record) || record.length !== 4) throw new CacheDamaged('record');
    const [id, key, stamps, outcome] = record as unknown[];
    if (typeof id !== 'string' || typeof key !== 'string' || !HEX_KEY.test(key)) {
      throw new CacheDamaged('record');
    }
    if (stamps !== null && typeof stamps !== 'string') throw new CacheDamaged('stamps');
    state.entries.set(id, {
      key,
      stamps: stamps === null ? null : unpackStamps(stamps, strings),
      outcome: decodeOutcome(outcome, strings),
    });
  }
  return state;
}

/**
 * A changeset's stamps name its signature files (`a:<name>=<stamp>`, record-files.ts), and those
 * names are key ids, 69 characters each, the same few thousands of times: written through the
 * string table (`a:<index>=`), they are a number each.
 */
function packStamps(stamps: string | null, strings: StringTable): string | null {
  if (stamps === null || !stamps.includes(':')) return stamps;
  return stamps
    .split(' ')
    .map((token) => {
      const equals = token.indexOf('=');
      if (token[1] !== ':' || equals < 0) return token;
      return `${token.slice(0, 2)}${strings.ref(token.slice(2, equals))}${token.slice(equals)}`;
    })
    .join(' ');
}

function unpackStamps(stamps: string, strings: readonly string[]): string {
  if (!stamps.includes(':')) return stamps;
  return stamps
    .split(' ')
    .map((token) => {
      const equals = token.indexOf('=');
      if (token[1] !== ':' || equals < 0) return token;
      const name = strings[Number(token.slice(2, equals))];
      if (name === undefined || !/^\d+$/.test(token.slice(2, equals))) throw new CacheDamaged('stamps');
      return `${token.slice(0, 2)}${name}${token.slice(equals)}`;
    })
    .join(' ');
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

export { recordId };

/**
 * The cache as last validated or written by this process, by file, with the file's identity then
 * (inode, size, modification time) and the trust it was for. A long-running host (the app, the
 * bridge) asks for a report many times: while the file is the very one it validated, parsing and
 * checking it again would cost more than the rest of the pass. Any change to the file (another
 * process, a damaged disk, a hand edit) changes its identity, and it is validated again.
 */
const validated = new Map<string, { identity: string; trust: string; state: CacheState }>();

/** For the bench: forget what this process validated, so the next open loads as a fresh process would. */
export function forgetLoadedCaches(): void {
  validated.clear();
}

async function fileIdentity(file: string): Promise<string | null> {
  try {
    const info = await stat(file, { bigint: true });
    return `${info.ino}:${info.size}:${info.mtimeNs}:${info.ctimeNs}`;
  } catch {
    return null;
  }
}

export class VerificationCache implements RecordStamps {
  private state: CacheState = emptyState();
  private readonly seen = new Map<string, Entry>();
  private readonly seenListings = new Map<string, { stamp: string; listing: Listing }>();
  /** Stamps of the records read this pass, taken just before their bytes were read. */
  private readonly observed = new Map<string, string | null>();
  private changed = false;

  private constructor(
    private readonly file: string,
    private readonly workspace: string,
    private readonly trust: string,
    readonly clock: StampClock,
  ) {}

  /**
   * The cache file for a workspace folder (the folder's real path, hashed), for outcomes judged
   * under the trust root whose digest is `trustDigest`. Open it at the start of a pass: the
   * racily-clean rule measures from now.
   */
  static async open(dataDir: string, workspaceDir: string, trustDigest: string): Promise<VerificationCache> {
    const passStart = Date.now();
    const workspace = await realpath(workspaceDir).catch(() => resolve(workspaceDir));
    const name = createHash('sha256').update(workspace, 'utf8').digest('hex');
    // A device no file can be on (-1) when the folder cannot be read: then nothing is stamped.
    const dev = await lstat(workspace, { bigint: true }).then(
      (info) => info.dev,
      () => -1n,
    );
    const cache = new VerificationCache(
      join(dataDir, 'insights', `${name}.json`),
      workspace,
      trustDigest,
      stampClock(dev, passStart),
    );
    await cache.load();
    return cache;
  }

  private async load(): Promise<void> {
    const identity = await fileIdentity(this.file);
    const known = validated.get(this.file);
    if (identity !== null && known?.identity === identity && known.trust === this.trust) {
      this.state = known.state;
      return;
    }
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch {
      return;
    }
    try {
      const state = decodeCache(JSON.parse(text), this.workspace, this.trust);
      if (state === null) {
        this.changed = true;
        return;
      }
      this.state = state;
      if (identity !== null) validated.set(this.file, { identity, trust: this.trust, state });
    } catch {
      // A damaged or foreign cache is only a cache: start empty and overwrite it on save.
      this.state = emptyState();
      this.changed = true;
    }
  }

  stampsOf(id: string): string | undefined {
    return this.state.entries.get(id)?.stamps ?? undefined;
  }

  reuse(id: string, stamps: string): RecordOutcome | null {
    const found = this.state.entries.get(id);
    if (found === undefined || found.stamps === null || found.stamps !== stamps) return null;
    this.seen.set(id, found);
    return found.outcome;
  }

  observe(id: string, stamps: string | null): void {
    this.observed.set(id, stamps);
  }

  listing(folder: string, stamp: string): Listing | undefined {
    const found = this.state.listings.get(folder);
    if (found === undefined || found.stamp !== stamp) return undefined;
    this.seenListings.set(folder, found);
    return found.listing;
  }

  rememberListing(folder: string, stamp: string, listing: Listing): void {
    this.seenListings.set(folder, { stamp, listing });
    this.changed = true;
  }

  /** The outcome stored for this record under this exact key (its files were read), or null. */
  get(id: string, key: string): RecordOutcome | null {
    const found = this.state.entries.get(id);
    if (found === undefined || found.key !== key) return null;
    const stamps = this.observed.get(id) ?? null;
    if (stamps !== found.stamps) this.changed = true;
    this.seen.set(id, { key, stamps, outcome: found.outcome });
    return found.outcome;
  }

  set(id: string, key: string, outcome: RecordOutcome): void {
    this.seen.set(id, { key, stamps: this.observed.get(id) ?? null, outcome });
    this.changed = true;
  }

  /** Writes the records seen in this pass (dropping those gone from the workspace), if anything changed. */
  async save(): Promise<void> {
    if (
      !this.changed &&
      this.seen.size === this.state.entries.size &&
      this.seenListings.size === this.state.listings.size
    ) {
      return;
    }
    const strings = new StringTable();
    const records: StoredRecord[] = [];
    for (const [id, entry] of this.seen) {
      records.push([id, entry.key, packStamps(entry.stamps, strings), encodeOutcome(entry.outcome, strings)]);
    }
    const folders: StoredFolder[] = [];
    for (const [folder, { stamp, listing }] of this.seenListings) {
      folders.push([folder, stamp, [...listing.names], listing.types]);
    }
    const content = {
      formatVersion: CACHE_FORMAT_VERSION,
      workspace: this.workspace,
      trust: this.trust,
      strings: strings.list,
      folders,
      records,
    };
    await mkdir(join(this.file, '..'), { recursive: true });
    await writeFileAtomic(this.file, JSON.stringify(content), 0o600);
    this.state = { entries: new Map(this.seen), listings: new Map(this.seenListings) };
    this.changed = false;
    const identity = await fileIdentity(this.file);
    if (identity !== null) validated.set(this.file, { identity, trust: this.trust, state: this.state });
  }
}
