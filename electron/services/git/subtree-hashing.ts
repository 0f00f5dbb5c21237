import { forEachCooperatively } from './cooperative-loop';
import { DeflatePool } from './deflate-pool';
import { byteLengthOf, hashObject, type GitObject } from './git-object-hash';
import { OBJECT_DEFLATE_OPTIONS } from './pack-writer';
import { RepositoryPathChecker } from './repository-path';
import type { ExistingSubtree, SubtreeFile } from './tree-builder';
import { FILE_MODE } from './tree-object';
import { StatPrefetch, type WorkingFile } from './working-tree-sync';

/**
 * From this many new blobs on, deflating on worker threads pays for starting them (tens of
 * milliseconds each); below it a pack is deflated inline.
 */
const DEFLATE_POOL_THRESHOLD = 1000;

/** One file of the new subtree content, hashed and compared with what HEAD holds. */
export interface PreparedFile extends SubtreeFile, WorkingFile {
  status: 'added' | 'modified' | 'unchanged';
}

/**
 * Where the deflate pool lives once hashing starts one. A holder rather than a return value:
 * the caller must close the pool even when hashing is aborted half way.
 */
export interface DeflationHolder {
  pool: DeflatePool | null;
}

export interface HashedFiles {
  /** Every incoming file, in the order given. */
  prepared: PreparedFile[];
  /** Blobs neither HEAD's subtree nor an earlier incoming file already has, by id. */
  newBlobs: Map<string, GitObject>;
  /** lstat of the paths HEAD already has, taken meanwhile on the thread pool. */
  statPrefetch: StatPrefetch;
}

function toBuffer(content: string | Uint8Array): Buffer {
  return typeof content === 'string'
    ? Buffer.from(content, 'utf8')
    : Buffer.from(content.buffer, content.byteOffset, content.byteLength);
}

/**
 * Hashes every file in memory and compares it with HEAD: only a new blob id costs a write.
 * Once there are enough new blobs for a pack, they are deflated on worker threads while hashing
 * goes on (the pool goes into `deflation`).
 */
export async function hashIncomingFiles(args: {
  dir: string;
  files: ReadonlyMap<string, string | Uint8Array>;
  existing: ExistingSubtree;
  subtreePrefix: string;
  deflation: DeflationHolder;
  signal: AbortSignal | undefined;
  onProgress: (done: number) => void;
}): Promise<HashedFiles> {
  const { existing, subtreePrefix, deflation } = args;
  const prepared: PreparedFile[] = [];
  const newBlobs = new Map<string, GitObject>();
  const existingBlobs = new Set<string>();
  for (const file of existing.files.values()) existingBlobs.add(file.oid);
  const incoming = [...args.files.entries()];
  const paths = new RepositoryPathChecker('snapshot file');
  // Files HEAD already has may turn out unchanged, and then their stat is needed: take it on
  // the thread pool while this thread hashes. (lstat only reads metadata, so it may run
  // before the paths are validated.)
  const statPrefetch = new StatPrefetch(
    args.dir,
    incoming.filter(([path]) => existing.files.has(path)).map(([path]) => subtreePrefix + path),
  );
  await forEachCooperatively(
    incoming,
    ([path, content]) => {
      const folderEnd = paths.check(path);
      const size = byteLengthOf(content);
      const oid = hashObject('blob', content, size);
      const before = existing.files.get(path);
      const status =
        before === undefined
          ? 'added'
          : before.oid === oid && before.mode === FILE_MODE
            ? 'unchanged'
            : 'modified';
      if (status !== 'unchanged' && !existingBlobs.has(oid) && !newBlobs.has(oid)) {
        const blob: GitObject = { type: 'blob', oid, content: toBuffer(content) };
        newBlobs.set(oid, blob);
        if (deflation.pool !== null) deflation.pool.add(blob.content);
        else if (newBlobs.size >= DEFLATE_POOL_THRESHOLD) {
          deflation.pool = new DeflatePool(OBJECT_DEFLATE_OPTIONS);
          for (const queued of newBlobs.values()) deflation.pool.add(queued.content);
        }
      }
      prepared.push({ path, folderEnd, oid, repoPath: subtreePrefix + path, content, size, status });
    },
    args.signal,
    args.onProgress,
  );
  return { prepared, newBlobs, statPrefetch };
}
