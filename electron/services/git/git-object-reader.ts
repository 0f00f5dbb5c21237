import fs from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import git from 'isomorphic-git';
import { ErrorCode, FerryError } from '../../../shared/api/api-error';
import { isObjectId } from './git-object-hash';
import { parseNamedTree, parseTree, type NamedTreeEntry, type TreeEntry } from './tree-object';

type ReadableType = 'tree' | 'commit';

function corrupt(oid: string, why: string): FerryError {
  return new FerryError(ErrorCode.workspaceCorrupt, `git object ${oid} ${why}`, { oid });
}

/**
 * Reads existing trees and commits. Loose objects (where snapshots put their trees) are read
 * directly, which is several times cheaper than going through isomorphic-git; packed ones (after
 * a `git gc` or a fetch) go through isomorphic-git with one shared cache, so each pack index is
 * loaded once per snapshot rather than once per object.
 */
export class GitObjectReader {
  private readonly cache: object = {};

  constructor(private readonly gitdir: string) {}

  private async readLoose(oid: string, expected: ReadableType): Promise<Uint8Array | null> {
    let deflated: Buffer;
    try {
      deflated = await readFile(join(this.gitdir, 'objects', oid.slice(0, 2), oid.slice(2)));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    let raw: Buffer;
    try {
      raw = inflateSync(deflated);
    } catch {
      throw corrupt(oid, 'is not valid zlib data');
    }
    const nul = raw.indexOf(0);
    const header = nul < 0 ? '' : raw.toString('latin1', 0, nul);
    const match = /^([a-z]+) (\d+)$/.exec(header);
    if (match === null) throw corrupt(oid, 'has no valid header');
    if (match[1] !== expected) throw corrupt(oid, `is a ${match[1]}, not a ${expected}`);
    if (Number(match[2]) !== raw.length - nul - 1) throw corrupt(oid, 'has the wrong length');
    return raw.subarray(nul + 1);
  }

  private async readPacked(oid: string, expected: ReadableType): Promise<Uint8Array> {
    let result;
    try {
      result = await git.readObject({ fs, gitdir: this.gitdir, oid, format: 'content', cache: this.cache });
    } catch (error) {
      throw corrupt(oid, `cannot be read: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (result.format !== 'content' || !(result.object instanceof Uint8Array)) {
      throw corrupt(oid, 'cannot be read');
    }
    if (result.type !== expected) throw corrupt(oid, `is a ${result.type}, not a ${expected}`);
    return result.object;
  }

  private async read(oid: string, expected: ReadableType): Promise<Uint8Array> {
    return (await this.readLoose(oid, expected)) ?? (await this.readPacked(oid, expected));
  }

  async readTree(oid: string): Promise<TreeEntry[]> {
    return parseTree(await this.read(oid, 'tree'), oid);
  }

  async readNamedTree(oid: string): Promise<NamedTreeEntry[]> {
    return parseNamedTree(await this.read(oid, 'tree'), oid);
  }

  /** The root tree of a commit: the first header line of every commit object. */
  async readCommitTree(oid: string): Promise<string> {
    const content = Buffer.from(await this.read(oid, 'commit'));
    const firstLine = content.toString('latin1', 0, Math.min(content.length, 46));
    const tree = firstLine.startsWith('tree ') ? firstLine.slice(5, 45) : '';
    if (!isObjectId(tree) || content[45] !== 0x0a) throw corrupt(oid, 'has no valid tree line');
    return tree;
  }
}
