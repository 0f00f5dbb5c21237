import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { forEachCooperatively } from './cooperative-loop';
import { objectHeader, type GitObject } from './git-object-hash';
import { OBJECT_DEFLATE_OPTIONS } from './pack-writer';

/**
 * Writes objects as loose files (`objects/ab/cdef…`), each through a temporary file and a
 * rename so a reader never sees half an object; an object already present is left alone.
 */
export async function writeLooseObjects(
  gitdir: string,
  objects: readonly GitObject[],
  signal: AbortSignal | undefined,
  onProgress?: (done: number) => void,
): Promise<void> {
  const objectsDir = join(gitdir, 'objects');
  const madeDirs = new Set<string>();
  await forEachCooperatively(
    objects,
    (object) => {
      const fanout = join(objectsDir, object.oid.slice(0, 2));
      const target = join(fanout, object.oid.slice(2));
      if (existsSync(target)) return;
      if (!madeDirs.has(fanout)) {
        mkdirSync(fanout, { recursive: true });
        madeDirs.add(fanout);
      }
      const deflated = deflateSync(
        Buffer.concat([objectHeader(object.type, object.content.length), object.content]),
        OBJECT_DEFLATE_OPTIONS,
      );
      const temp = join(fanout, `tmp_obj_${randomBytes(6).toString('hex')}`);
      try {
        const fd = openSync(temp, 'wx', 0o444);
        try {
          writeSync(fd, deflated);
        } finally {
          closeSync(fd);
        }
        renameSync(temp, target);
      } catch (error) {
        rmSync(temp, { force: true });
        throw error;
      }
    },
    signal,
    onProgress,
  );
}
