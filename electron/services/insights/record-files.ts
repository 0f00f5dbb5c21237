import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  openSync,
  readdirSync,
  readSync,
  type Dirent,
} from 'node:fs';
import { join, sep } from 'node:path';
import { isRunId } from '../promotion/run-store';
import { MISSING, stampAt, stampOf, type StampClock } from './file-stamp';
import type { RecordOutcome } from './record-outcome';

/**
 * The workspace files Insights reads, found and read once (issue 19). Everything here is
 * untrusted: the workspace travels by git, so a folder may be a committed link, a file a FIFO or a
 * gigabyte. Folders are entered only when lstat says they are real folders, files are opened with
 * O_NOFOLLOW and read only when they are regular and under a cap. One file is open at a time. The same walk serves the reader
 * and the bench's baseline (`readInsightsFiles`), so the two read exactly the same bytes.
 *
 * Given the verification cache (`RecordStamps`), the walk first compares each record's file stamps
 * (./file-stamp.ts) with those stored when its outcome was cached: all equal, the record is
 * `known` and none of its files is read; otherwise it is read as without a cache, and the stamps
 * taken just before reading are handed to the cache with it. The top folders' listings (runs/,
 * changesets/, audit/) are kept by the folder's own stamp; a changeset's signature folders are
 * stamped as part of its record, so an unchanged folder is not listed again and a new approval
 * file (which changes the folder) makes the record read again.
 */

/** A file's bytes; `missing` when absent; `refused` when a link, not a regular file, or too big. */
export type FileBytes = Buffer | 'missing' | 'refused';

/** How long the walk reads before it lets other work run. */
const YIELD_EVERY_MS = 8;

export const RUN_FILES = [
  'plan.json',
  'plan.dsse.json',
  'journal.jsonl',
  'result.json',
  'result.dsse.json',
] as const;
export type RunFileName = (typeof RUN_FILES)[number];

const MiB = 1024 * 1024;
/** Caps per file: far above anything Ferry writes, low enough that a planted file cannot exhaust memory. */
const RUN_FILE_CAP: Record<RunFileName, number> = {
  'plan.json': 64 * MiB,
  'plan.dsse.json': 1 * MiB,
  'journal.jsonl': 128 * MiB,
  'result.json': 16 * MiB,
  'result.dsse.json': 1 * MiB,
};
const CHANGESET_CAP = 32 * MiB;
const SIGNATURE_CAP = 64 * 1024;
const AUDIT_CAP = 128 * MiB;

export interface RunRecordFiles {
  kind: 'run';
  runId: string;
  files: Record<RunFileName, FileBytes>;
}

export interface ChangesetRecordFiles {
  kind: 'changeset';
  changesetId: string;
  document: FileBytes;
  /** `changesets/<id>.authors/<name>` and `changesets/<id>.approvals/<name>`, sorted by name. */
  authors: [string, FileBytes][];
  approvals: [string, FileBytes][];
}

export interface AuditRecordFiles {
  kind: 'audit';
  /** The actor's key id, from the file name `audit/<key id>.jsonl`. */
  actor: string;
  file: FileBytes;
}

export type RecordFiles = RunRecordFiles | ChangesetRecordFiles | AuditRecordFiles;

/** A record whose files all stamp as when its outcome was cached: the outcome, nothing read. */
export interface KnownRecord {
  kind: 'known';
  /** Which record: its kind and its run id, changeset id or actor key id. */
  of: RecordFiles['kind'];
  name: string;
  outcome: RecordOutcome;
}

/** A folder's entries as listed: names, and for each `d` (a real folder) or `f` (anything else). */
export interface Listing {
  names: readonly string[];
  types: string;
}

/** What the walk asks of the verification cache (implemented by VerificationCache). */
export interface RecordStamps {
  readonly clock: StampClock;
  /** The stamps stored with a record's cached outcome, if any. */
  stampsOf(id: string): string | undefined;
  /** The cached outcome when `stamps` equal the stored ones (the record is then kept), else null. */
  reuse(id: string, stamps: string): RecordOutcome | null;
  /** The stamps of a record's files as they were read this pass (null: some cannot be stamped). */
  observe(id: string, stamps: string | null): void;
  /** A top folder's listing stored under this exact stamp. */
  listing(folder: string, stamp: string): Listing | undefined;
  rememberListing(folder: string, stamp: string, listing: Listing): void;
}

/** Which record a set of files is, stable between passes. */
export function recordId(record: RecordFiles): string {
  if (record.kind === 'run') return `run:${record.runId}`;
  if (record.kind === 'changeset') return `changeset:${record.changesetId}`;
  return `audit:${record.actor}`;
}

const CHANGESET_ID = /^[a-z0-9][a-z0-9-]{2,80}$/;
const KEY_ID = /^[0-9a-f]{64}$/;
const SIGNATURE_FILE = /^[0-9a-zA-Z._-]{1,200}\.json$/;

/** O_NONBLOCK: opening a planted FIFO must not hang the report; O_NOFOLLOW: a link is never followed. */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

/**
 * Reads one file under `maxBytes`, never through a link. Synchronous on purpose: tens of thousands
 * of small files read through the thread pool (four async calls each) took 6.1 s where these calls
 * took 0.7 s (21,000 files, this project's CI box); the walk yields to the event loop every few
 * milliseconds instead, so the app stays responsive while it reads.
 */
export function readCapped(path: string, maxBytes: number): FileBytes {
  return readWith(path, maxBytes, null)[0];
}

/** As readCapped, with the file's stamp taken from the open file before its bytes are read. */
function readStamped(path: string, maxBytes: number, clock: StampClock): [FileBytes, string | null] {
  return readWith(path, maxBytes, clock);
}

function readWith(path: string, maxBytes: number, clock: StampClock | null): [FileBytes, string | null] {
  let fd: number;
  try {
    fd = openSync(path, OPEN_FLAGS);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    return code === 'ENOENT'
      ? ['missing', MISSING]
      : code === 'ENOTDIR'
        ? ['missing', null]
        : ['refused', null];
  }
  try {
    let size: number;
    let stamp: string | null = null;
    if (clock === null) {
      const info = fstatSync(fd);
      if (!info.isFile() || info.size > maxBytes) return ['refused', null];
      size = info.size;
    } else {
      const info = fstatSync(fd, { bigint: true });
      if (!info.isFile() || info.size > BigInt(maxBytes)) return ['refused', null];
      size = Number(info.size);
      stamp = stampOf(info, clock);
    }
    const buffer = Buffer.allocUnsafe(size);
    let offset = 0;
    // Bounded: each read makes progress or ends the loop, and the size was capped above.
    while (offset < size) {
      const read = readSync(fd, buffer, offset, size - offset, offset);
      if (read === 0) break;
      offset += read;
    }
    return offset === size ? [buffer, stamp] : [buffer.subarray(0, offset), null];
  } catch {
    return ['refused', null];
  } finally {
    closeSync(fd);
  }
}

/** The entries of a real folder (never a link to one); empty when it is missing or not a folder. */
function realFolder(path: string): Dirent[] {
  try {
    if (!lstatSync(path).isDirectory()) return [];
    return readdirSync(path, { withFileTypes: true });
  } catch {
    return [];
  }
}

function listingOf(path: string): Listing {
  const entries = realFolder(path);
  return {
    names: entries.map((entry) => entry.name),
    types: entries.map((entry) => (entry.isDirectory() ? 'd' : 'f')).join(''),
  };
}

/**
 * A top folder's listing: the cached one while the folder's stamp is unchanged (adding, removing
 * or renaming an entry changes the folder's mtime and ctime), else listed now. Stamped before listing.
 */
function listTop(workspaceDir: string, folder: string, stamps: RecordStamps | null): Listing {
  const path = join(workspaceDir, folder);
  if (stamps === null) return listingOf(path);
  const stamp = stampAt(path, stamps.clock);
  const usable = stamp !== null && stamp.startsWith('d');
  const known = usable ? stamps.listing(folder, stamp) : undefined;
  if (known !== undefined) return known;
  const listing = listingOf(path);
  if (usable) stamps.rememberListing(folder, stamp, listing);
  return listing;
}

/** Lets other work run every few milliseconds of reading (a report must not freeze the app). */
function yielder(): () => Promise<void> {
  let last = performance.now();
  return async () => {
    if (performance.now() - last < YIELD_EVERY_MS) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    last = performance.now();
  };
}

/** Joins stamps, or null when any is missing (then the record is never served from its stamps). */
function joined(parts: readonly (string | null)[]): string | null {
  return parts.includes(null) ? null : parts.join(' ');
}

/** A run's stamps: its five files' in RUN_FILES order. */
function runStampsNow(folder: string, clock: StampClock): string | null {
  return joined(RUN_FILES.map((name) => stampAt(`${folder}${sep}${name}`, clock)));
}

/**
 * A changeset's stamps: `<document> A<authors folder> P<approvals folder>` then `a:<name>=<stamp>`
 * and `p:<name>=<stamp>` per signature file (names match SIGNATURE_FILE: no space, no `=`).
 * Stamped now after the names the cached stamps give: the folders' stamps prove the names unchanged.
 */
function changesetStampsNow(
  changesetsDir: string,
  changesetId: string,
  folders: ReadonlySet<string>,
  cached: string,
  clock: StampClock,
): string | null {
  const base = `${changesetsDir}${sep}${changesetId}`;
  const tokens = cached.split(' ');
  const parts: (string | null)[] = [
    stampAt(`${base}.json`, clock),
    prefixed('A', folderStamp(folders, `${changesetId}.authors`, `${base}.authors`, clock)),
    prefixed('P', folderStamp(folders, `${changesetId}.approvals`, `${base}.approvals`, clock)),
  ];
  for (let index = 3; index < tokens.length; index += 1) {
    const token = tokens[index] ?? '';
    const equals = token.indexOf('=');
    const kind = token.slice(0, 2);
    const name = token.slice(2, equals);
    if (equals < 0 || (kind !== 'a:' && kind !== 'p:') || !SIGNATURE_FILE.test(name)) return null;
    const folder = kind === 'a:' ? '.authors' : '.approvals';
    parts.push(prefixed(`${kind}${name}=`, stampAt(`${base}${folder}${sep}${name}`, clock)));
  }
  return joined(parts);
}

/**
 * A signature folder's stamp; MISSING without a stat when the changesets listing (itself checked
 * by the folder's stamp) has no folder of that name: the walk reads nothing from one it lacks.
 */
function folderStamp(
  folders: ReadonlySet<string>,
  name: string,
  path: string,
  clock: StampClock,
): string | null {
  return folders.has(name) ? stampAt(path, clock) : MISSING;
}

function prefixed(prefix: string, stamp: string | null): string | null {
  return stamp === null ? null : `${prefix}${stamp}`;
}

/**
 * Finds and reads every record: each run folder's five files (a run without result.json is
 * dropped by the reader, it has no outcome yet), each changeset with its author and approval
 * signatures, each actor's audit file. With `stamps`, a record whose files are unchanged since its
 * outcome was cached comes back `known`, unread.
 */
export async function readRecordFiles(workspaceDir: string): Promise<RecordFiles[]>;
export async function readRecordFiles(
  workspaceDir: string,
  stamps: RecordStamps | null,
): Promise<(RecordFiles | KnownRecord)[]>;
export async function readRecordFiles(
  workspaceDir: string,
  stamps: RecordStamps | null = null,
): Promise<(RecordFiles | KnownRecord)[]> {
  const pause = yielder();
  const records: (RecordFiles | KnownRecord)[] = [];
  const clock = stamps?.clock ?? null;
  /** The cached outcome when the stamps now equal the stored ones. */
  const known = (
    of: RecordFiles['kind'],
    name: string,
    now: (cached: string) => string | null,
  ): KnownRecord | null => {
    const id = `${of}:${name}`;
    const cached = stamps?.stampsOf(id);
    if (stamps === null || cached === undefined) return null;
    const current = now(cached);
    const outcome = current === null ? null : stamps.reuse(id, current);
    return outcome === null ? null : { kind: 'known', of, name, outcome };
  };
  const read = (path: string, cap: number, parts: (string | null)[], prefix = ''): FileBytes => {
    if (clock === null) return readCapped(path, cap);
    const [bytes, stamp] = readStamped(path, cap, clock);
    parts.push(prefixed(prefix, stamp));
    return bytes;
  };

  const runsDir = join(workspaceDir, 'runs');
  const runs = listTop(workspaceDir, 'runs', stamps);
  for (let index = 0; index < runs.names.length; index += 1) {
    const runId = runs.names[index] ?? '';
    if (runs.types[index] !== 'd' || !isRunId(runId)) continue;
    const folder = join(runsDir, runId);
    const id = `run:${runId}`;
    const cached = clock === null ? null : known('run', runId, () => runStampsNow(folder, clock));
    if (cached !== null) {
      records.push(cached);
      await pause();
      continue;
    }
    const parts: (string | null)[] = [];
    const files = {} as Record<RunFileName, FileBytes>;
    for (const name of RUN_FILES) files[name] = read(join(folder, name), RUN_FILE_CAP[name], parts);
    stamps?.observe(id, joined(parts));
    records.push({ kind: 'run', runId, files });
    await pause();
  }

  const changesetsDir = join(workspaceDir, 'changesets');
  const changesets = listTop(workspaceDir, 'changesets', stamps);
  const folders = new Set(changesets.names.filter((_, index) => changesets.types[index] === 'd'));
  const signatures = (folder: string, kind: 'a' | 'p', parts: (string | null)[]): [string, FileBytes][] => {
    if (clock !== null) {
      parts.push(
        prefixed(kind.toUpperCase(), folderStamp(folders, folder, join(changesetsDir, folder), clock)),
      );
    }
    if (!folders.has(folder)) return [];
    return realFolder(join(changesetsDir, folder))
      .filter((entry) => !entry.isDirectory() && SIGNATURE_FILE.test(entry.name))
      .map((entry) => entry.name)
      .sort()
      .map((name) => [
        name,
        read(join(changesetsDir, folder, name), SIGNATURE_CAP, parts, `${kind}:${name}=`),
      ]);
  };
  for (let index = 0; index < changesets.names.length; index += 1) {
    const name = changesets.names[index] ?? '';
    if (changesets.types[index] === 'd' || !name.endsWith('.json')) continue;
    const changesetId = name.slice(0, -'.json'.length);
    if (!CHANGESET_ID.test(changesetId)) continue;
    const id = `changeset:${changesetId}`;
    const cached =
      clock === null
        ? null
        : known('changeset', changesetId, (stored) =>
            changesetStampsNow(changesetsDir, changesetId, folders, stored, clock),
          );
    if (cached !== null) {
      records.push(cached);
      await pause();
      continue;
    }
    const parts: (string | null)[] = [];
    const document = read(join(changesetsDir, name), CHANGESET_CAP, parts);
    // Stamps in the order changesetStampsNow rebuilds them: document, both folders, then files.
    const fileParts: (string | null)[] = [];
    const authorsFolder: (string | null)[] = [];
    const approvalsFolder: (string | null)[] = [];
    const authors = signatures(`${changesetId}.authors`, 'a', authorsFolder);
    const approvals = signatures(`${changesetId}.approvals`, 'p', approvalsFolder);
    if (clock !== null) {
      parts.push(authorsFolder[0] ?? null, approvalsFolder[0] ?? null);
      fileParts.push(...authorsFolder.slice(1), ...approvalsFolder.slice(1));
      stamps?.observe(id, joined([...parts, ...fileParts]));
    }
    records.push({ kind: 'changeset', changesetId, document, authors, approvals });
    await pause();
  }

  const auditDir = join(workspaceDir, 'audit');
  const audit = listTop(workspaceDir, 'audit', stamps);
  for (let index = 0; index < audit.names.length; index += 1) {
    const name = audit.names[index] ?? '';
    if (audit.types[index] === 'd' || !name.endsWith('.jsonl')) continue;
    const actor = name.slice(0, -'.jsonl'.length);
    if (!KEY_ID.test(actor)) continue;
    const id = `audit:${actor}`;
    const path = join(auditDir, name);
    const cached = clock === null ? null : known('audit', actor, () => stampAt(path, clock));
    if (cached !== null) {
      records.push(cached);
      await pause();
      continue;
    }
    const parts: (string | null)[] = [];
    const file = read(path, AUDIT_CAP, parts);
    stamps?.observe(id, joined(parts));
    records.push({ kind: 'audit', actor, file });
    await pause();
  }
  return records;
}

/**
 * The bench's baseline (issue 19: Insights within 2× of merely reading its files): the same walk
 * and the same reads, no hashing, no parsing, no verification.
 */
export async function readInsightsFiles(workspaceDir: string): Promise<{ files: number; bytes: number }> {
  let files = 0;
  let bytes = 0;
  const count = (file: FileBytes): void => {
    if (typeof file === 'string') return;
    files += 1;
    bytes += file.length;
  };
  for (const record of await readRecordFiles(workspaceDir)) {
    if (record.kind === 'run') Object.values(record.files).forEach(count);
    else if (record.kind === 'audit') count(record.file);
    else {
      count(record.document);
      for (const [, file] of [...record.authors, ...record.approvals]) count(file);
    }
  }
  return { files, bytes };
}
