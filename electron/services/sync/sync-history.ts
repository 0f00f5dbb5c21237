import { mkdir, open, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { syncHistoryEntrySchema, type SyncHistoryEntry } from '../../../shared/sync/sync-wire';
import { parseStrictJson } from '../../../shared/signing/strict-json';
import { writeFileAtomic } from '../fs/atomic-write';
import { gitDirectoryOf } from '../git/git-refs';

/**
 * This machine's record of its transfers for one workspace, inside its .git folder: git never
 * commits or pushes anything there, so the history stays on this machine, as it should (it says
 * when and from where this person pulled, which is nobody else's business and no team record).
 */
export const SYNC_HISTORY_FILE = 'ferry/sync-history.jsonl';

/** How many transfers are kept: enough to look back over weeks of work, small enough to rewrite whole. */
export const SYNC_HISTORY_LIMIT = 200;

/** A summary longer than this is cut: the file is read whole, and a person reads a line, not a page. */
const MAX_SUMMARY_LENGTH = 1000;

/** A file much larger than LIMIT entries can be was not written by Ferry: only its end is read. */
const MAX_READ_BYTES = SYNC_HISTORY_LIMIT * 2 * 1024;

/** Appends in one process are queued per workspace, so two transfers finishing together both stay. */
const queues = new Map<string, Promise<unknown>>();

/**
 * Adds one entry, dropping the oldest beyond the limit. The file is rewritten atomically, so a
 * crash leaves the old history or the new, never a torn line.
 */
export async function appendSyncHistory(workspaceDir: string, entry: SyncHistoryEntry): Promise<void> {
  const checked = syncHistoryEntrySchema.parse({ ...entry, summary: cleanSummary(entry.summary) });
  // Queued before anything is awaited, so entries land in the order the transfers ended.
  const previous = queues.get(workspaceDir) ?? Promise.resolve();
  const next = previous
    .catch(() => undefined)
    .then(async () => {
      const file = await historyPath(workspaceDir);
      const kept = (await readEntries(file)).slice(-(SYNC_HISTORY_LIMIT - 1));
      await mkdir(join(file, '..'), { recursive: true });
      await writeFileAtomic(file, [...kept, checked].map((line) => `${JSON.stringify(line)}\n`).join(''));
    });
  queues.set(workspaceDir, next);
  try {
    await next;
  } finally {
    if (queues.get(workspaceDir) === next) queues.delete(workspaceDir);
  }
}

/** The workspace's transfers on this machine, newest first, at most `limit` of them. */
export async function readSyncHistory(
  workspaceDir: string,
  limit = SYNC_HISTORY_LIMIT,
): Promise<SyncHistoryEntry[]> {
  const bounded = Math.max(0, Math.min(Math.floor(limit), SYNC_HISTORY_LIMIT));
  if (bounded === 0) return [];
  const entries = await readEntries(await historyPath(workspaceDir));
  return entries.slice(-bounded).reverse();
}

/**
 * A line a person reads: on one line, bounded, and with any `user:password@` an address might
 * carry taken out. The messages that reach here are already free of credentials; this is the
 * second lock on a file that lives next to the repository for as long as it does.
 */
export function cleanSummary(text: string): string {
  const single = text
    .replace(/([a-z][a-z0-9+.-]*:\/\/)[^/@\s]*@/gi, '$1')
    .replace(/\s+/g, ' ')
    .trim();
  return single.length > MAX_SUMMARY_LENGTH ? `${single.slice(0, MAX_SUMMARY_LENGTH - 1)}…` : single;
}

async function historyPath(workspaceDir: string): Promise<string> {
  return join(await gitDirectoryOf(workspaceDir), SYNC_HISTORY_FILE);
}

/** The entries in file order; lines that are not entries (a hand edit, a newer Ferry's) are skipped. */
async function readEntries(file: string): Promise<SyncHistoryEntry[]> {
  let text: string;
  try {
    text = await readTail(file);
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return [];
    throw error;
  }
  const entries: SyncHistoryEntry[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      const parsed = syncHistoryEntrySchema.safeParse(parseStrictJson(line));
      if (parsed.success) entries.push(parsed.data);
    } catch {
      // Not JSON: skipped, like any other line that is not an entry.
    }
  }
  return entries;
}

async function readTail(file: string): Promise<string> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    if (size <= MAX_READ_BYTES) return await readFile(handle, 'utf8');
    const buffer = Buffer.alloc(MAX_READ_BYTES);
    await handle.read(buffer, 0, MAX_READ_BYTES, size - MAX_READ_BYTES);
    // The first line is likely cut in the middle: it is dropped.
    const text = buffer.toString('utf8');
    return text.slice(text.indexOf('\n') + 1);
  } finally {
    await handle.close();
  }
}
