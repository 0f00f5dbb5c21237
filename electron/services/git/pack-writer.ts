import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { crc32, deflateSync, type ZlibOptions } from 'node:zlib';
import { forEachCooperatively } from './cooperative-loop';
import type { GitObject, GitObjectType } from './git-object-hash';

/**
 * Level 1 is what git itself uses for loose objects (core.looseCompression): on small JSON files
 * it is about a third cheaper than the default level for a few percent more bytes, and
 * `git gc` recompresses anyway.
 */
export const OBJECT_DEFLATE_OPTIONS: ZlibOptions = { level: 1 };

const TYPE_CODE: Record<GitObjectType, number> = { commit: 1, tree: 2, blob: 3 };
const LARGE_OFFSET = 0x80000000;

/** A pack entry header: type and inflated size in git's little-endian 7-bit groups. */
function entryHeader(type: GitObjectType, size: number): Buffer {
  const bytes: number[] = [];
  let byte = (TYPE_CODE[type] << 4) | (size & 0x0f);
  let rest = Math.floor(size / 16);
  while (rest > 0) {
    bytes.push(byte | 0x80);
    byte = rest & 0x7f;
    rest = Math.floor(rest / 128);
  }
  bytes.push(byte);
  return Buffer.from(bytes);
}

interface PackedEntry {
  oid: string;
  offset: number;
  crc: number;
}

/** The version 2 `.idx` that lets git (and isomorphic-git) find each object in the pack. */
function buildIndex(entries: PackedEntry[], packChecksum: Buffer): Buffer {
  const sorted = [...entries].sort((a, b) => (a.oid < b.oid ? -1 : a.oid > b.oid ? 1 : 0));
  const large = sorted.filter((entry) => entry.offset >= LARGE_OFFSET);
  const n = sorted.length;
  const size = 8 + 256 * 4 + n * (20 + 4 + 4) + large.length * 8 + 40;
  const out = Buffer.alloc(size);
  out.writeUInt32BE(0xff744f63, 0);
  out.writeUInt32BE(2, 4);
  // fanout[b] = how many ids start with a byte <= b; ids are sorted, so one pass fills it.
  let cursor = 0;
  for (let byte = 0; byte < 256; byte++) {
    while (cursor < n && parseInt((sorted[cursor] as PackedEntry).oid.slice(0, 2), 16) <= byte) cursor++;
    out.writeUInt32BE(cursor, 8 + byte * 4);
  }
  const oidsAt = 8 + 1024;
  const crcsAt = oidsAt + n * 20;
  const offsetsAt = crcsAt + n * 4;
  const largeAt = offsetsAt + n * 4;
  let largeIndex = 0;
  sorted.forEach((entry, i) => {
    out.write(entry.oid, oidsAt + i * 20, 'hex');
    out.writeUInt32BE(entry.crc, crcsAt + i * 4);
    if (entry.offset < LARGE_OFFSET) {
      out.writeUInt32BE(entry.offset, offsetsAt + i * 4);
    } else {
      out.writeUInt32BE((LARGE_OFFSET | largeIndex) >>> 0, offsetsAt + i * 4);
      out.writeBigUInt64BE(BigInt(entry.offset), largeAt + largeIndex * 8);
      largeIndex += 1;
    }
  });
  const trailerAt = largeAt + large.length * 8;
  packChecksum.copy(out, trailerAt);
  createHash('sha1')
    .update(out.subarray(0, trailerAt + 20))
    .digest()
    .copy(out, trailerAt + 20);
  return out;
}

async function writeDurably(path: string, content: Buffer): Promise<void> {
  const handle = await open(path, 'wx', 0o444);
  try {
    await handle.writeFile(content);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Writes all objects as one pack (`objects/pack/pack-<checksum>.{pack,idx}`): one file instead
 * of one per object is what makes a snapshot of tens of thousands of objects cheap. Objects are
 * stored whole (no deltas), which every git reader accepts. The pack is synced before its index
 * appears, and git only sees a pack once its index exists.
 */
export async function writePack(
  gitdir: string,
  objects: readonly GitObject[],
  signal: AbortSignal | undefined,
  onProgress?: (done: number) => void,
  /** Each object's content already deflated (same order), e.g. by a DeflatePool. */
  deflated?: readonly Buffer[],
): Promise<void> {
  if (deflated !== undefined && deflated.length !== objects.length) {
    throw new Error('deflated contents do not match the objects');
  }
  const header = Buffer.alloc(12);
  header.write('PACK', 0, 'latin1');
  header.writeUInt32BE(2, 4);
  const chunks: Buffer[] = [header];
  const hash = createHash('sha1');
  const entries: PackedEntry[] = [];
  const seen = new Set<string>();
  let offset = header.length;
  await forEachCooperatively(
    objects,
    (object, i) => {
      // The same object twice would make the index ambiguous.
      if (seen.has(object.oid)) return;
      seen.add(object.oid);
      const head = entryHeader(object.type, object.content.length);
      const body = deflated?.[i] ?? deflateSync(object.content, OBJECT_DEFLATE_OPTIONS);
      entries.push({ oid: object.oid, offset, crc: crc32(body, crc32(head)) });
      chunks.push(head, body);
      offset += head.length + body.length;
    },
    signal,
    onProgress,
  );
  header.writeUInt32BE(entries.length, 8);
  const packed = Buffer.concat(chunks);
  hash.update(packed);
  const checksum = hash.digest();
  const index = buildIndex(entries, checksum);
  signal?.throwIfAborted();

  const packDir = join(gitdir, 'objects', 'pack');
  await mkdir(packDir, { recursive: true });
  const base = join(packDir, `pack-${checksum.toString('hex')}`);
  const suffix = randomBytes(6).toString('hex');
  const tempPack = join(packDir, `tmp_pack_${suffix}`);
  const tempIndex = join(packDir, `tmp_idx_${suffix}`);
  try {
    await writeDurably(tempPack, Buffer.concat([packed, checksum]));
    await writeDurably(tempIndex, index);
    await rename(tempPack, `${base}.pack`);
    await rename(tempIndex, `${base}.idx`);
  } finally {
    await rm(tempPack, { force: true });
    await rm(tempIndex, { force: true });
  }
}
