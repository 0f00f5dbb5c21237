import { createHash, randomUUID } from 'node:crypto';
import { constants } from 'node:fs';
import { link, mkdir, open, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { z } from 'zod';
import { FerryError } from '../../../shared/api/api-error';
import { parseStrictJson } from '../../../shared/signing/strict-json';

/**
 * One promoter per environment on this machine (DESIGN §7b): a lock file per target in the app's
 * data folder, `<dataDir>/locks/<key>.lock`, that a run holds from before it re-reads the target
 * until its result is recorded. A second Ferry process (or a second workspace pointing at the same
 * org) is refused while the holder lives; a holder that died is detected and its lock taken over,
 * with a note saying so. Across machines this needs a lease on the shared remote (team sync).
 */

export const lockHolderSchema = z
  .object({
    pid: z.number().int().min(1).max(0x7fffffff),
    host: z.string().min(1).max(255),
    /** What the holder is doing: `promote video-support`, `roll back run …`. */
    purpose: z.string().max(500),
    environment: z.string().max(100),
    startedAt: z.iso.datetime(),
  })
  .strict();
export type LockHolder = z.infer<typeof lockHolderSchema>;

export interface EnvironmentLockRequest {
  /** The app's data folder (never the workspace, which is shared input). */
  dataDir: string;
  /** From `environmentLockKey`: where the writes go. */
  key: string;
  /** The environment's name, for messages. */
  environment: string;
  purpose: string;
  clock?: () => Date;
}

export interface HeldEnvironmentLock {
  file: string;
  holder: LockHolder;
  /** What a person should know about how the lock was got, e.g. a dead holder's lock taken over. */
  notes: string[];
  /** Removes the lock file if it still is this one; safe to call twice. */
  release(): Promise<void>;
}

/**
 * A lock file Ferry cannot read was not written by a Ferry that is still writing it (files are
 * complete before they get the lock's name), but a few seconds' grace costs nothing.
 */
export const UNREADABLE_LOCK_GRACE_MS = 5_000;
const MAX_ATTEMPTS = 6;
const RETRY_PAUSE_MS = 150;
const MAX_LOCK_BYTES = 4_096;

/** Lock files this process holds: its own pid in a lock file is stale unless listed here. */
const heldHere = new Set<string>();

interface SeenLock {
  dev: number;
  ino: number;
  size: number;
  mtimeMs: number;
  text: string;
}

type Verdict =
  | { kind: 'live'; holder: LockHolder | null; why: string }
  | { kind: 'stale'; description: string }
  | { kind: 'young-unreadable' };

export function lockFileOf(dataDir: string, key: string): string {
  if (!/^[0-9a-f]{16,64}$/.test(key)) throw new FerryError('internal', 'An environment lock key must be hex');
  return join(dataDir, 'locks', `${key}.lock`);
}

/**
 * Takes the environment's lock or refuses with `environment.locked` naming the holder. Never
 * waits for a live holder: a promotion queued behind another would run on a plan the first made
 * stale, so the caller is told to try again instead.
 */
export async function acquireEnvironmentLock(request: EnvironmentLockRequest): Promise<HeldEnvironmentLock> {
  const clock = request.clock ?? (() => new Date());
  const file = lockFileOf(request.dataDir, request.key);
  await mkdir(join(request.dataDir, 'locks'), { recursive: true, mode: 0o700 });
  const holder: LockHolder = {
    pid: process.pid,
    host: hostname(),
    purpose: request.purpose,
    environment: request.environment,
    startedAt: clock().toISOString(),
  };
  const text = `${JSON.stringify(holder)}\n`;
  const notes: string[] = [];
  let last: Verdict | null = null;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    const mine = await createExclusively(file, text);
    if (mine !== null) {
      heldHere.add(file);
      return { file, holder, notes, release: releaser(file, mine, text) };
    }
    const seen = await readLock(file);
    // Released between our try and our look: try again.
    if (seen === null) continue;
    last = judge(file, seen, clock());
    if (last.kind === 'live') throw lockedError(request.environment, file, last);
    if (last.kind === 'young-unreadable') {
      await delay(RETRY_PAUSE_MS);
      continue;
    }
    const note = await takeOver(file, seen, last.description);
    if (note !== null) notes.push(note);
    else await delay(RETRY_PAUSE_MS);
  }
  throw new FerryError(
    'environment.locked',
    `${request.environment} is locked by ${file}, which ${
      last?.kind === 'young-unreadable'
        ? 'another process is still creating or is damaged'
        : 'other processes keep taking over'
    }. Try again in a few seconds; if it stays, make sure no Ferry is promoting to ${request.environment}, then delete ${file} and any ${file}.takeover-* beside it.`,
    { environment: request.environment, file },
  );
}

/**
 * Writes the whole holder record to a file of its own, fsyncs it, then links it to the lock's name,
 * which fails if the name exists: the lock is never seen empty or half written. Returns the
 * identity of what it created, or null when the lock exists.
 */
async function createExclusively(file: string, text: string): Promise<{ dev: number; ino: number } | null> {
  const temp = `${file}.${randomUUID()}.tmp`;
  const handle = await open(temp, 'wx', 0o600);
  try {
    await handle.writeFile(text);
    await handle.sync();
    const stat = await handle.stat();
    try {
      await link(temp, file);
    } catch (error) {
      if (codeOf(error) === 'EEXIST') return null;
      throw error;
    }
    return { dev: stat.dev, ino: stat.ino };
  } finally {
    await handle.close();
    await unlink(temp).catch(() => undefined);
  }
}

/** The lock file's identity and bytes, read through one descriptor; null when there is none. */
async function readLock(file: string): Promise<SeenLock | null> {
  let handle;
  try {
    handle = await open(file, constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch (error) {
    if (codeOf(error) === 'ENOENT') return null;
    if (codeOf(error) === 'ELOOP') {
      throw new FerryError(
        'environment.locked',
        `${file} is a link, not a lock file Ferry wrote; check nobody is promoting, then delete it`,
        { file },
      );
    }
    throw error;
  }
  try {
    const stat = await handle.stat();
    const buffer = Buffer.alloc(MAX_LOCK_BYTES);
    const { bytesRead } = stat.isFile() ? await handle.read(buffer, 0, MAX_LOCK_BYTES, 0) : { bytesRead: 0 };
    return {
      dev: stat.dev,
      ino: stat.ino,
      size: stat.size,
      mtimeMs: stat.mtimeMs,
      text: buffer.subarray(0, bytesRead).toString('utf8'),
    };
  } finally {
    await handle.close();
  }
}

function parseHolder(text: string): LockHolder | null {
  try {
    const parsed = lockHolderSchema.safeParse(parseStrictJson(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function judge(file: string, seen: SeenLock, now: Date): Verdict {
  const holder = parseHolder(seen.text);
  if (holder === null) {
    const ageMs = now.getTime() - seen.mtimeMs;
    return ageMs > UNREADABLE_LOCK_GRACE_MS
      ? {
          kind: 'stale',
          description: `an unreadable lock file ${Math.round(ageMs / 1000)} s old (${seen.size} bytes)`,
        }
      : { kind: 'young-unreadable' };
  }
  const who = `process ${holder.pid} on host ${holder.host} (${holder.purpose}, since ${holder.startedAt})`;
  if (holder.host !== hostname()) {
    return {
      kind: 'live',
      holder,
      why: 'Ferry cannot tell from here whether a process on another host runs',
    };
  }
  if (holder.pid === process.pid) {
    return heldHere.has(file)
      ? { kind: 'live', holder, why: 'this very process holds it for another run' }
      : { kind: 'stale', description: `${who}, this process, which no longer holds it` };
  }
  return isRunning(holder.pid)
    ? { kind: 'live', holder, why: 'that process is running' }
    : { kind: 'stale', description: `${who}, which is no longer running` };
}

/** `kill(pid, 0)` sends nothing: ESRCH means no such process, EPERM one we may not signal. */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return codeOf(error) !== 'ESRCH';
  }
}

/**
 * Removes a lock judged stale, so that two processes judging it at once cannot both win: each must
 * first create a claim file named after exactly that lock (its inode, time, size and bytes), which
 * only one can; the winner checks the lock file still is what it judged and only then deletes it.
 * Only a claimant can delete a stale lock (its holder is gone), so between that check and the
 * delete nothing can replace it; a lock someone made meanwhile has another identity and is left.
 * Then both go back to creating the lock, which one of them (or a newcomer) gets. Returns the note
 * to show, or null when someone else is taking it over or it changed.
 */
async function takeOver(file: string, seen: SeenLock, description: string): Promise<string | null> {
  const identity = createHash('sha256')
    .update(`${seen.dev}:${seen.ino}:${seen.size}:${seen.mtimeMs}\n${seen.text}`)
    .digest('hex')
    .slice(0, 32);
  const claim = `${file}.takeover-${identity}`;
  let handle;
  try {
    handle = await open(claim, 'wx', 0o600);
  } catch (error) {
    if (codeOf(error) === 'EEXIST') return null;
    throw error;
  }
  try {
    await handle.writeFile(`${JSON.stringify({ pid: process.pid, host: hostname() })}\n`);
    const again = await readLock(file);
    if (
      again === null ||
      again.dev !== seen.dev ||
      again.ino !== seen.ino ||
      again.size !== seen.size ||
      again.mtimeMs !== seen.mtimeMs ||
      again.text !== seen.text
    ) {
      return null;
    }
    await unlink(file);
    return `took over the lock of ${description}`;
  } finally {
    await handle.close();
    await unlink(claim).catch(() => undefined);
  }
}

function releaser(file: string, mine: { dev: number; ino: number }, text: string): () => Promise<void> {
  let released = false;
  return async () => {
    if (released) return;
    released = true;
    heldHere.delete(file);
    // Only ever our own file: if another process wrongly judged us dead and took over, its lock stays.
    const now = await readLock(file).catch(() => null);
    if (now !== null && now.dev === mine.dev && now.ino === mine.ino && now.text === text) {
      await unlink(file).catch((error: unknown) => {
        if (codeOf(error) !== 'ENOENT') throw error;
      });
    }
  };
}

function lockedError(environment: string, file: string, verdict: Extract<Verdict, { kind: 'live' }>) {
  const holder = verdict.holder;
  const who =
    holder === null
      ? 'another process'
      : `process ${holder.pid} on host ${holder.host} (${holder.purpose || 'a run'}, since ${holder.startedAt})`;
  return new FerryError(
    'environment.locked',
    `${environment} is being changed by ${who}; ${verdict.why}. Wait for it to finish and try again (plan again if it changed ${environment}). If you are sure that process is no longer running, delete ${file} and try again.`,
    { environment, file, ...(holder === null ? {} : { holder }) },
  );
}

function codeOf(error: unknown): unknown {
  return (error as { code?: unknown } | null)?.code;
}
