import { createHash } from 'node:crypto';
import type { BigIntStats } from 'node:fs';
import { ErrorCode, FerryError } from '../../../shared/api/api-error';

/**
 * One entry of git's index (`.git/index`, "DIRC"). Stat fields are what git compares with
 * lstat() to decide that a file is unchanged without reading it; all are truncated to 32 bits
 * exactly as git stores them.
 */
export interface IndexEntry {
  ctimeSeconds: number;
  ctimeNanoseconds: number;
  mtimeSeconds: number;
  mtimeNanoseconds: number;
  dev: number;
  ino: number;
  mode: number;
  uid: number;
  gid: number;
  size: number;
  oid: string;
  /** assume-valid bit and merge stage, as in the on-disk flags (name length excluded). */
  flags: number;
  /** skip-worktree / intent-to-add; non-zero forces index version 3. */
  extendedFlags: number;
  path: Buffer;
}

export interface IndexStat {
  ctimeSeconds: number;
  ctimeNanoseconds: number;
  mtimeSeconds: number;
  mtimeNanoseconds: number;
  dev: number;
  ino: number;
  mode: number;
  uid: number;
  gid: number;
  size: number;
}

export const REGULAR_FILE_MODE = 0o100644;
const STAGE_MASK = 0x3000;
const ASSUME_VALID = 0x8000;
const EXTENDED = 0x4000;
const NAME_MASK = 0x0fff;
const FIXED_SIZE = 62;

const u32 = (value: bigint): number => Number(value & 0xffffffffn);
const NS = 1_000_000_000n;

/** Stat data in the index's shape from a bigint lstat (numbers lose nanoseconds). */
export function indexStatOf(stats: BigIntStats): IndexStat {
  return {
    ctimeSeconds: u32(stats.ctimeNs / NS),
    ctimeNanoseconds: u32(stats.ctimeNs % NS),
    mtimeSeconds: u32(stats.mtimeNs / NS),
    mtimeNanoseconds: u32(stats.mtimeNs % NS),
    dev: u32(stats.dev),
    ino: u32(stats.ino),
    mode: REGULAR_FILE_MODE,
    uid: u32(stats.uid),
    gid: u32(stats.gid),
    size: u32(stats.size),
  };
}

/** Zeroed stat data: git treats such an entry as possibly changed and re-hashes the file. */
export const UNKNOWN_STAT: IndexStat = {
  ctimeSeconds: 0,
  ctimeNanoseconds: 0,
  mtimeSeconds: 0,
  mtimeNanoseconds: 0,
  dev: 0,
  ino: 0,
  mode: REGULAR_FILE_MODE,
  uid: 0,
  gid: 0,
  size: 0,
};

/**
 * Whether the file behind an index entry is, by git's stat rules, the one the entry describes.
 * Device numbers are left out on purpose, as git does by default (they change across mounts).
 */
export function statMatches(entry: IndexEntry, stat: IndexStat): boolean {
  return (
    entry.mtimeSeconds === stat.mtimeSeconds &&
    entry.mtimeNanoseconds === stat.mtimeNanoseconds &&
    entry.ctimeSeconds === stat.ctimeSeconds &&
    entry.ctimeNanoseconds === stat.ctimeNanoseconds &&
    entry.ino === stat.ino &&
    entry.uid === stat.uid &&
    entry.gid === stat.gid &&
    entry.size === stat.size &&
    entry.mode === stat.mode
  );
}

export function stageOf(entry: IndexEntry): number {
  return (entry.flags & STAGE_MASK) >> 12;
}

export function compareIndexEntries(a: IndexEntry, b: IndexEntry): number {
  return Buffer.compare(a.path, b.path) || stageOf(a) - stageOf(b);
}

export interface ParsedIndex {
  entries: IndexEntry[];
}

function corrupt(why: string): FerryError {
  return new FerryError(ErrorCode.workspaceCorrupt, `the git index is malformed: ${why}`);
}

/** Git's offset varint (index v4 and pack deltas): each continuation adds one before shifting. */
function readVarint(bytes: Buffer, at: number): { value: number; next: number } {
  let byte = bytes[at++];
  if (byte === undefined) throw corrupt('truncated path prefix');
  let value = byte & 0x7f;
  while (byte & 0x80) {
    byte = bytes[at++];
    if (byte === undefined) throw corrupt('truncated path prefix');
    value = ((value + 1) << 7) | (byte & 0x7f);
  }
  return { value, next: at };
}

/** Parses index versions 2, 3 and 4, verifying the trailing checksum and entry order. */
export function parseIndex(content: Buffer): ParsedIndex {
  if (content.length < 32) throw corrupt('file too short');
  if (content.toString('latin1', 0, 4) !== 'DIRC') throw corrupt('missing DIRC signature');
  const version = content.readUInt32BE(4);
  if (version < 2 || version > 4) throw corrupt(`unsupported version ${version}`);
  const count = content.readUInt32BE(8);
  const body = content.length - 20;
  const checksum = createHash('sha1').update(content.subarray(0, body)).digest();
  if (!checksum.equals(content.subarray(body))) throw corrupt('checksum mismatch');

  const entries: IndexEntry[] = [];
  let at = 12;
  let previousPath: Buffer = Buffer.alloc(0);
  for (let i = 0; i < count; i++) {
    const start = at;
    if (at + FIXED_SIZE > body) throw corrupt(`entry ${i} is truncated`);
    const rawFlags = content.readUInt16BE(at + 60);
    at += FIXED_SIZE;
    let extendedFlags = 0;
    if (rawFlags & EXTENDED) {
      if (version < 3) throw corrupt(`entry ${i} has extended flags in a version 2 index`);
      if (at + 2 > body) throw corrupt(`entry ${i} is truncated`);
      extendedFlags = content.readUInt16BE(at);
      at += 2;
    }
    let path: Buffer;
    if (version === 4) {
      const { value: strip, next } = readVarint(content, at);
      if (strip > previousPath.length) throw corrupt(`entry ${i} strips more than the previous path`);
      const nul = content.indexOf(0, next);
      if (nul < 0 || nul >= body) throw corrupt(`entry ${i} has an unterminated path`);
      path = Buffer.concat([
        previousPath.subarray(0, previousPath.length - strip),
        content.subarray(next, nul),
      ]);
      at = nul + 1;
    } else {
      const nameLength = rawFlags & NAME_MASK;
      const nul = nameLength < NAME_MASK ? at + nameLength : content.indexOf(0, at);
      if (nul < 0 || nul >= body || content[nul] !== 0) throw corrupt(`entry ${i} has an unterminated path`);
      // A view into the file's buffer: copying 20k paths costs more than keeping the buffer.
      path = content.subarray(at, nul);
      // Entries are NUL-padded to a multiple of eight bytes, with at least one NUL.
      at = start + ((nul - start + 8) & ~7);
      if (at > body) throw corrupt(`entry ${i} is truncated`);
    }
    if (path.length === 0) throw corrupt(`entry ${i} has an empty path`);
    const entry: IndexEntry = {
      ctimeSeconds: content.readUInt32BE(start),
      ctimeNanoseconds: content.readUInt32BE(start + 4),
      mtimeSeconds: content.readUInt32BE(start + 8),
      mtimeNanoseconds: content.readUInt32BE(start + 12),
      dev: content.readUInt32BE(start + 16),
      ino: content.readUInt32BE(start + 20),
      mode: content.readUInt32BE(start + 24),
      uid: content.readUInt32BE(start + 28),
      gid: content.readUInt32BE(start + 32),
      size: content.readUInt32BE(start + 36),
      oid: content.toString('hex', start + 40, start + 60),
      flags: rawFlags & (ASSUME_VALID | STAGE_MASK),
      extendedFlags,
      path,
    };
    const before = entries[entries.length - 1];
    if (before !== undefined && compareIndexEntries(before, entry) >= 0) {
      throw corrupt(`entries are out of order at "${path.toString()}"`);
    }
    entries.push(entry);
    previousPath = path;
  }
  // Extensions: an upper-case signature marks one a reader may ignore (cached trees, untracked
  // cache, ...); dropping those only costs git some speed. Anything else changes the meaning of
  // the entries (split or sparse index), and rewriting without it would lose data.
  while (at < body) {
    if (at + 8 > body) throw corrupt('truncated extension header');
    const signature = content.toString('latin1', at, at + 4);
    const size = content.readUInt32BE(at + 4);
    const first = signature.charCodeAt(0);
    if (first < 0x41 || first > 0x5a) {
      throw new FerryError(
        ErrorCode.unsupported,
        `the git index uses the "${signature}" extension (split or sparse index), which snapshots do not support`,
      );
    }
    at += 8 + size;
  }
  if (at !== body) throw corrupt('extension overruns the checksum');
  return { entries };
}

/** Serialises sorted entries as index version 2 (3 when an entry carries extended flags). */
export function serializeIndex(entries: readonly IndexEntry[]): Buffer {
  const version = entries.some((entry) => entry.extendedFlags !== 0) ? 3 : 2;
  let size = 12;
  for (const entry of entries) {
    const fixed = FIXED_SIZE + (entry.extendedFlags !== 0 ? 2 : 0);
    size += (fixed + entry.path.length + 8) & ~7;
  }
  const out = Buffer.alloc(size + 20);
  out.write('DIRC', 0, 'latin1');
  out.writeUInt32BE(version, 4);
  out.writeUInt32BE(entries.length, 8);
  let at = 12;
  for (const entry of entries) {
    const start = at;
    out.writeUInt32BE(entry.ctimeSeconds, at);
    out.writeUInt32BE(entry.ctimeNanoseconds, at + 4);
    out.writeUInt32BE(entry.mtimeSeconds, at + 8);
    out.writeUInt32BE(entry.mtimeNanoseconds, at + 12);
    out.writeUInt32BE(entry.dev, at + 16);
    out.writeUInt32BE(entry.ino, at + 20);
    out.writeUInt32BE(entry.mode, at + 24);
    out.writeUInt32BE(entry.uid, at + 28);
    out.writeUInt32BE(entry.gid, at + 32);
    out.writeUInt32BE(entry.size, at + 36);
    out.write(entry.oid, at + 40, 'hex');
    const extended = entry.extendedFlags !== 0 ? EXTENDED : 0;
    out.writeUInt16BE(entry.flags | extended | Math.min(entry.path.length, NAME_MASK), at + 60);
    at += FIXED_SIZE;
    if (extended) {
      out.writeUInt16BE(entry.extendedFlags, at);
      at += 2;
    }
    entry.path.copy(out, at);
    // Buffer.alloc zero-filled the padding already.
    at = start + ((at - start + entry.path.length + 8) & ~7);
  }
  createHash('sha1').update(out.subarray(0, size)).digest().copy(out, size);
  return out;
}
