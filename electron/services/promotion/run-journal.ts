import { readFile, truncate, type FileHandle } from 'node:fs/promises';
import { FerryError } from '../../../shared/api/api-error';
import {
  journalEntrySchema,
  type JournalEntry,
  type JournalEntryInput,
} from '../../../shared/promotion/engine/run-records';
import { AsyncMutex } from '../concurrency/async-mutex';
import { openForAppendNoFollow } from '../fs/append-file';
import { journalLineHash, type RunSigner } from './run-signer';

export const JOURNAL_FILE = 'journal.jsonl';

/** How a journal's lines are signed: by whom, and what its first line chains to (the plan statement). */
export interface JournalSigning {
  signer: RunSigner;
  anchor: string;
}

/**
 * The write-ahead journal of one run (`runs/<run-id>/journal.jsonl`): one JSON entry per line,
 * each on disk (fdatasync) before the call it announces is sent, so after a crash the journal
 * names every object that may have been written and what it held before. With a signer, every
 * line is signed and names the hash of the line before it (run-statement.ts).
 */
export class RunJournal {
  private readonly lock = new AsyncMutex();
  private closed = false;

  private constructor(
    private readonly handle: FileHandle,
    private seq: number,
    private readonly clock: () => Date,
    private readonly signer: RunSigner | null,
    private prev: string,
  ) {}

  /**
   * Opens for appending; `entries` already in the file set where numbering continues. A line a
   * crash cut short is cut off first, so the next entry starts on a line of its own.
   */
  static async open(
    file: string,
    clock: () => Date,
    entries = 0,
    signing: JournalSigning | null = null,
  ): Promise<RunJournal> {
    let existing = await readFile(file).catch(() => null);
    if (existing !== null && existing.length > 0 && existing[existing.length - 1] !== 0x0a) {
      const kept = existing.lastIndexOf(0x0a) + 1;
      await truncate(file, kept);
      existing = existing.subarray(0, kept);
    }
    const lines = existing === null ? [] : existing.toString('utf8').split('\n').slice(0, -1);
    const last = lines[lines.length - 1];
    const prev = last === undefined ? (signing?.anchor ?? '') : journalLineHash(last);
    return new RunJournal(await openForAppendNoFollow(file), entries, clock, signing?.signer ?? null, prev);
  }

  /** Appends one entry and returns once it is durable. Parallel steps append one at a time. */
  append(entry: JournalEntryInput): Promise<JournalEntry> {
    return this.lock.run(async () => {
      if (this.closed) throw new Error('the run journal is closed');
      const full = journalEntrySchema.parse({ ...entry, seq: this.seq, at: this.clock().toISOString() });
      const line = this.signer === null ? JSON.stringify(full) : await this.signer.signLine(full, this.prev);
      await this.handle.write(`${line}\n`);
      await this.handle.datasync();
      this.seq += 1;
      this.prev = journalLineHash(line);
      return full;
    });
  }

  close(): Promise<void> {
    return this.lock.run(async () => {
      if (this.closed) return;
      this.closed = true;
      await this.handle.close();
    });
  }
}

/**
 * Reads a journal back. A last line without its newline was cut short by a crash and is dropped
 * (the file is cut back to match when it is opened again); a bad line anywhere else means the file
 * was damaged and is refused.
 */
export async function readJournal(file: string): Promise<JournalEntry[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return [];
    throw error;
  }
  return parseJournal(text, file);
}

/** The entries of a journal's text (`file` names it in errors); see `readJournal`. */
export function parseJournal(text: string, file: string): JournalEntry[] {
  // Whatever follows the last newline is either empty or a torn line.
  const complete = text.split('\n').slice(0, -1);
  return complete.map((line, index) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      throw new FerryError('run.journal-corrupt', `${file} line ${index + 1} is not JSON`, {
        line: index + 1,
      });
    }
    const checked = journalEntrySchema.safeParse(parsed);
    if (!checked.success) {
      throw new FerryError('run.journal-corrupt', `${file} line ${index + 1} is not a journal entry`, {
        line: index + 1,
      });
    }
    return checked.data;
  });
}
