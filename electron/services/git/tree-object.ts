import { ErrorCode, FerryError } from '../../../shared/api/api-error';
import { compareUtf8, orderedKey } from './utf8-order';

/** Modes as git spells them inside tree objects (no leading zero for trees). */
export const TREE_MODE = '40000';
export const FILE_MODE = '100644';

const KNOWN_MODES = new Set([TREE_MODE, FILE_MODE, '100755', '120000', '160000']);

/** One line of a tree object; the name stays raw bytes so untouched entries round-trip exactly. */
export interface TreeEntry {
  mode: string;
  name: Buffer;
  oid: string;
}

export function isTreeMode(mode: string): boolean {
  return mode === TREE_MODE;
}

function corrupt(oid: string, why: string): FerryError {
  return new FerryError(ErrorCode.workspaceCorrupt, `git tree ${oid} is malformed: ${why}`, { oid });
}

const FILE_MODE_BYTES = Buffer.from(FILE_MODE, 'latin1');

function isFileModeAt(bytes: Buffer, start: number, end: number): boolean {
  return (
    end - start === FILE_MODE_BYTES.length &&
    bytes.compare(FILE_MODE_BYTES, 0, FILE_MODE_BYTES.length, start, end) === 0
  );
}

function hasSlash(bytes: Buffer, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (bytes[i] === 0x2f) return true;
  return false;
}

/** Walks a tree object's content (`<mode> <name>\0<20-byte id>` repeated), checking every field. */
function walkTree<T>(
  content: Uint8Array,
  oid: string,
  entry: (mode: string, bytes: Buffer, nameStart: number, nameEnd: number, entryOid: string) => T,
): T[] {
  const bytes = Buffer.from(content.buffer, content.byteOffset, content.byteLength);
  const entries: T[] = [];
  let at = 0;
  while (at < bytes.length) {
    const space = bytes.indexOf(0x20, at);
    if (space < 0) throw corrupt(oid, `entry at byte ${at} has no mode`);
    // Nearly every entry is a plain file: recognise its mode without decoding a string.
    const mode = isFileModeAt(bytes, at, space) ? FILE_MODE : bytes.toString('latin1', at, space);
    if (mode !== FILE_MODE && !KNOWN_MODES.has(mode) && !/^[0-7]{5,6}$/.test(mode)) {
      throw corrupt(oid, `entry at byte ${at} has mode "${mode}"`);
    }
    const nul = bytes.indexOf(0, space + 1);
    if (nul < 0 || nul + 21 > bytes.length) throw corrupt(oid, `entry at byte ${at} is truncated`);
    if (nul === space + 1 || hasSlash(bytes, space + 1, nul)) {
      throw corrupt(oid, `entry at byte ${at} has an invalid name`);
    }
    entries.push(entry(mode, bytes, space + 1, nul, bytes.toString('hex', nul + 1, nul + 21)));
    at = nul + 21;
  }
  return entries;
}

/** Parses a tree keeping names as raw bytes, so entries written back round-trip exactly. */
export function parseTree(content: Uint8Array, oid: string): TreeEntry[] {
  // Name views share the object's buffer rather than copying it.
  return walkTree(content, oid, (mode, bytes, start, end, entryOid) => ({
    mode,
    name: bytes.subarray(start, end),
    oid: entryOid,
  }));
}

/** Parses a tree with names decoded as UTF-8 text: cheaper when only the names are needed. */
export function parseNamedTree(content: Uint8Array, oid: string): NamedTreeEntry[] {
  return walkTree(content, oid, (mode, bytes, start, end, entryOid) => ({
    mode,
    name: bytes.toString('utf8', start, end),
    oid: entryOid,
  }));
}

/**
 * Git orders tree entries bytewise by name, except that a tree's name compares as if it ended
 * in '/'; getting this wrong produces trees `git fsck` rejects.
 */
function sortKey(entry: TreeEntry): Buffer {
  return isTreeMode(entry.mode) ? Buffer.concat([entry.name, SLASH]) : entry.name;
}
const SLASH = Buffer.from('/');

export function sortTreeEntries(entries: TreeEntry[]): TreeEntry[] {
  const keyed = entries.map((entry) => ({ entry, key: sortKey(entry) }));
  keyed.sort((a, b) => Buffer.compare(a.key, b.key));
  return keyed.map(({ entry }) => entry);
}

/** Serialises entries (in any order) into tree object content. */
export function serializeTree(entries: readonly TreeEntry[]): Buffer {
  const sorted = sortTreeEntries([...entries]);
  let size = 0;
  for (const entry of sorted) size += entry.mode.length + 1 + entry.name.length + 1 + 20;
  const out = Buffer.allocUnsafe(size);
  let at = 0;
  for (let i = 0; i < sorted.length; i++) {
    const entry = sorted[i] as TreeEntry;
    if (i > 0 && (sorted[i - 1] as TreeEntry).name.equals(entry.name)) {
      throw new FerryError(ErrorCode.pathInvalid, `"${entry.name.toString()}" appears twice in one folder`);
    }
    at += out.write(entry.mode, at, 'latin1');
    out[at++] = 0x20;
    at += entry.name.copy(out, at);
    out[at++] = 0;
    at += out.write(entry.oid, at, 'hex');
  }
  return out;
}

/** A tree entry whose name is still text: how the rebuilt subtree's entries start out. */
export interface NamedTreeEntry {
  mode: string;
  name: string;
  oid: string;
}

/**
 * Serialises entries named by strings, with the same order as `serializeTree` but without
 * turning every name into a buffer first: this runs for every file of a snapshot.
 */
export function serializeNamedTree(entries: readonly NamedTreeEntry[]): Buffer {
  const keyed = entries.map((entry) => ({
    entry,
    key: orderedKey(isTreeMode(entry.mode) ? `${entry.name}/` : entry.name),
  }));
  keyed.sort((a, b) => compareUtf8(a.key, b.key));
  let size = 0;
  for (const { entry } of keyed) size += entry.mode.length + Buffer.byteLength(entry.name, 'utf8') + 22;
  const out = Buffer.allocUnsafe(size);
  let at = 0;
  for (const { entry } of keyed) {
    at += out.write(entry.mode, at, 'latin1');
    out[at++] = 0x20;
    at += out.write(entry.name, at, 'utf8');
    out[at++] = 0;
    at += out.write(entry.oid, at, 'hex');
  }
  return out;
}
