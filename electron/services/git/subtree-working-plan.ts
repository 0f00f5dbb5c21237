import { forEachCooperatively } from './cooperative-loop';
import type { IndexStat } from './git-index';
import type { IndexSnapshot } from './git-index-file';
import type { HashedFiles, PreparedFile } from './subtree-hashing';
import type { IndexPartition } from './subtree-index';
import { checkWorkingFile } from './working-tree-sync';

/** What the working tree needs so that its subtree matches the new commit. */
export interface WorkingTreePlan {
  /** Stat of files the commit keeps and that are already on disk as they should be. */
  keptStats: Map<string, IndexStat>;
  /** Files to (re)write: unchanged ones that differ on disk, then every added or modified one. */
  toWrite: { file: PreparedFile; existed: boolean }[];
  /** Repository paths under the subtree that the new content no longer has. */
  toDelete: Set<string>;
}

/**
 * Files the commit keeps as they are must also be on disk as they are; stat tells cheaply (with
 * the stats prefetched during hashing). Removed files, and index entries for paths the new
 * content lacks, are to be deleted.
 */
export async function planWorkingTree(args: {
  dir: string;
  hashed: HashedFiles;
  /** Paths inside the subtree that HEAD has and the new content does not. */
  removed: readonly string[];
  index: IndexSnapshot | null;
  partition: IndexPartition;
  subtreePrefix: string;
  signal: AbortSignal | undefined;
  onProgress: (done: number, total: number) => void;
}): Promise<WorkingTreePlan> {
  const { dir, hashed, index, partition } = args;
  const prefetched = await hashed.statPrefetch.result();
  const keptStats = new Map<string, IndexStat>();
  const toWrite: WorkingTreePlan['toWrite'] = [];
  const unchanged = hashed.prepared.filter((file) => file.status === 'unchanged');
  await forEachCooperatively(
    unchanged,
    (file) => {
      const check = checkWorkingFile(
        dir,
        file,
        file.oid,
        partition.byPath.get(file.repoPath),
        index?.mtime ?? null,
        prefetched.get(file.repoPath),
      );
      if (check.clean) keptStats.set(file.repoPath, check.stat);
      else toWrite.push({ file, existed: true });
    },
    args.signal,
    (done) => args.onProgress(done, unchanged.length),
  );
  for (const file of hashed.prepared) {
    if (file.status !== 'unchanged') toWrite.push({ file, existed: file.status === 'modified' });
  }
  const newPaths = new Set(hashed.prepared.map((file) => file.repoPath));
  const toDelete = new Set(args.removed.map((path) => args.subtreePrefix + path));
  for (const entry of partition.inSubtree) {
    const path = entry.path.toString('utf8');
    if (!newPaths.has(path)) toDelete.add(path);
  }
  return { keptStats, toWrite, toDelete };
}
