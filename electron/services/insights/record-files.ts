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
import { join } from 'node:path';
import { isRunId } from '../promotion/run-store';

/**
 * The workspace files Insights reads, found and read once (issue 19). Everything here is
 * untrusted: the workspace travels by git, so a folder may be a committed link, a file a FIFO or a
 * gigabyte. Folders are entered only when lstat says they are real folders, files are opened with
 * O_NOFOLLOW and read only when they are regular and under a cap. One file is open at a time. The same walk serves the reader
 * and the bench's baseline (`readInsightsFiles`), so the two read exactly the same bytes.
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
  let fd: number;
  try {
    fd = openSync(path, OPEN_FLAGS);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    return code === 'ENOENT' || code === 'ENOTDIR' ? 'missing' : 'refused';
  }
  try {
    const info = fstatSync(fd);
    if (!info.isFile() || info.size > maxBytes) return 'refused';
    const buffer = Buffer.allocUnsafe(info.size);
    let offset = 0;
    // Bounded: each read makes progress or ends the loop, and the size was capped above.
    while (offset < info.size) {
      const read = readSync(fd, buffer, offset, info.size - offset, offset);
      if (read === 0) break;
      offset += read;
    }
    return offset === info.size ? buffer : buffer.subarray(0, offset);
  } catch {
    return 'refused';
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

/** Lets other work run every few milliseconds of reading (a report must not freeze the app). */
function yielder(): () => Promise<void> {
  let last = performance.now();
  return async () => {
    if (performance.now() - last < YIELD_EVERY_MS) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    last = performance.now();
  };
}

/**
 * Finds and reads every record: each run folder's five files (a run without result.json is
 * dropped by the reader, it has no outcome yet), each changeset with its author and approval
 * signatures, each actor's audit file.
 */
export async function readRecordFiles(workspaceDir: string): Promise<RecordFiles[]> {
  const pause = yielder();
  const records: RecordFiles[] = [];

  const runsDir = join(workspaceDir, 'runs');
  for (const entry of realFolder(runsDir)) {
    if (!entry.isDirectory() || !isRunId(entry.name)) continue;
    const folder = join(runsDir, entry.name);
    const files = {} as Record<RunFileName, FileBytes>;
    for (const name of RUN_FILES) files[name] = readCapped(join(folder, name), RUN_FILE_CAP[name]);
    records.push({ kind: 'run', runId: entry.name, files });
    await pause();
  }

  const changesetsDir = join(workspaceDir, 'changesets');
  const entries = realFolder(changesetsDir);
  const folders = new Set(entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name));
  const signatures = (folder: string): [string, FileBytes][] => {
    if (!folders.has(folder)) return [];
    return realFolder(join(changesetsDir, folder))
      .filter((entry) => !entry.isDirectory() && SIGNATURE_FILE.test(entry.name))
      .map((entry) => entry.name)
      .sort()
      .map((name) => [name, readCapped(join(changesetsDir, folder, name), SIGNATURE_CAP)]);
  };
  for (const entry of entries) {
    if (entry.isDirectory() || !entry.name.endsWith('.json')) continue;
    const changesetId = entry.name.slice(0, -'.json'.length);
    if (!CHANGESET_ID.test(changesetId)) continue;
    records.push({
      kind: 'changeset',
      changesetId,
      document: readCapped(join(changesetsDir, entry.name), CHANGESET_CAP),
      authors: signatures(`${changesetId}.authors`),
      approvals: signatures(`${changesetId}.approvals`),
    });
    await pause();
  }

  const auditDir = join(workspaceDir, 'audit');
  for (const entry of realFolder(auditDir)) {
    if (entry.isDirectory() || !entry.name.endsWith('.jsonl')) continue;
    const actor = entry.name.slice(0, -'.jsonl'.length);
    if (!KEY_ID.test(actor)) continue;
    records.push({ kind: 'audit', actor, file: readCapped(join(auditDir, entry.name), AUDIT_CAP) });
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
