import { createHash } from 'node:crypto';

export type GitObjectType = 'blob' | 'tree' | 'commit';

/** A git object held in memory, ready to be written loose or into a pack. */
export interface GitObject {
  type: GitObjectType;
  oid: string;
  content: Uint8Array;
}

const OID_PATTERN = /^[0-9a-f]{40}$/;

export function isObjectId(value: string): boolean {
  return OID_PATTERN.test(value);
}

/** The `"<type> <length>\0"` prefix git hashes (and stores loose) in front of every object. */
export function objectHeader(type: GitObjectType, length: number): Buffer {
  return Buffer.from(`${type} ${length}\0`, 'latin1');
}

/** The size git records for content: its UTF-8 byte length when given as text. */
export function byteLengthOf(content: string | Uint8Array): number {
  return typeof content === 'string' ? Buffer.byteLength(content, 'utf8') : content.byteLength;
}

/**
 * The object id git gives `content` of `type`, computed in memory without touching disk. Text is
 * hashed as UTF-8 without first being copied into a buffer: most snapshot files are unchanged,
 * and for those the hash is all that is ever needed.
 */
export function hashObject(
  type: GitObjectType,
  content: string | Uint8Array,
  byteLength = byteLengthOf(content),
): string {
  return createHash('sha1').update(`${type} ${byteLength}\0`, 'latin1').update(content).digest('hex');
}

export function gitObject(type: GitObjectType, content: Uint8Array): GitObject {
  return { type, oid: hashObject(type, content), content };
}
