import { ErrorCode, FerryError } from '../../../shared/api/api-error';
import { gitObject, type GitObject } from './git-object-hash';
import type { GitObjectReader } from './git-object-reader';
import {
  FILE_MODE,
  TREE_MODE,
  isTreeMode,
  serializeNamedTree,
  serializeTree,
  type NamedTreeEntry,
  type TreeEntry,
} from './tree-object';

/** A file of the new subtree: its path inside the subtree and its blob id. */
export interface SubtreeFile {
  path: string;
  /** Where the folder part of `path` ends; -1 for a file at the top of the subtree. */
  folderEnd: number;
  oid: string;
}

/** What HEAD holds for one path inside the subtree. */
export interface ExistingFile {
  oid: string;
  mode: string;
}

export interface ExistingSubtree {
  files: Map<string, ExistingFile>;
  /** Every tree id inside the subtree: a rebuilt tree with one of these ids need not be written. */
  treeOids: Set<string>;
}

/** Flattens the subtree HEAD holds, reading sibling folders concurrently. */
export async function readExistingSubtree(
  reader: GitObjectReader,
  treeOid: string | null,
): Promise<ExistingSubtree> {
  const files = new Map<string, ExistingFile>();
  const treeOids = new Set<string>();
  const visit = async (oid: string, prefix: string): Promise<void> => {
    treeOids.add(oid);
    const entries = await reader.readNamedTree(oid);
    const folders: Promise<void>[] = [];
    for (const entry of entries) {
      const path = prefix + entry.name;
      if (isTreeMode(entry.mode)) folders.push(visit(entry.oid, `${path}/`));
      else files.set(path, { oid: entry.oid, mode: entry.mode });
    }
    await Promise.all(folders);
  };
  if (treeOid !== null) await visit(treeOid, '');
  return { files, treeOids };
}

interface Folder {
  children: Map<string, Folder | string>;
}

function conflict(path: string): FerryError {
  return new FerryError(ErrorCode.pathInvalid, `"${path}" is used both as a file and as a folder`, {
    path,
  });
}

/**
 * Builds the subtree's trees bottom-up from the flat file list, returning its root id (null
 * when there are no files) and the tree objects not already present in `knownTrees`.
 */
export function buildSubtree(
  files: readonly SubtreeFile[],
  knownTrees: ReadonlySet<string>,
): { oid: string | null; newTrees: GitObject[] } {
  if (files.length === 0) return { oid: null, newTrees: [] };
  const root: Folder = { children: new Map() };
  // Files arrive grouped by few folders: resolve each folder path once, not each segment per file.
  const folders = new Map<string, Folder>([['', root]]);
  const folderAt = (path: string): Folder => {
    const known = folders.get(path);
    if (known !== undefined) return known;
    const slash = path.lastIndexOf('/');
    const parent = folderAt(slash < 0 ? '' : path.slice(0, slash));
    const name = path.slice(slash + 1);
    const existing = parent.children.get(name);
    if (typeof existing === 'string') throw conflict(path);
    const folder = existing ?? { children: new Map() };
    parent.children.set(name, folder);
    folders.set(path, folder);
    return folder;
  };
  for (const file of files) {
    const folder = folderAt(file.folderEnd < 0 ? '' : file.path.slice(0, file.folderEnd));
    const name = file.path.slice(file.folderEnd + 1);
    if (folder.children.has(name)) throw conflict(file.path);
    folder.children.set(name, file.oid);
  }
  const newTrees = new Map<string, GitObject>();
  const write = (folder: Folder): string => {
    const entries: NamedTreeEntry[] = [];
    for (const [name, child] of folder.children) {
      entries.push(
        typeof child === 'string'
          ? { mode: FILE_MODE, name, oid: child }
          : { mode: TREE_MODE, name, oid: write(child) },
      );
    }
    const tree = gitObject('tree', serializeNamedTree(entries));
    if (!knownTrees.has(tree.oid)) newTrees.set(tree.oid, tree);
    return tree.oid;
  };
  return { oid: write(root), newTrees: [...newTrees.values()] };
}

/** The trees from the root down to the subtree's parent, as HEAD holds them. */
export interface AncestorChain {
  /** levels[i] is the content of the folder named by the first i segments ([] if absent). */
  levels: TreeEntry[][];
  subtreeOid: string | null;
}

export async function readAncestors(
  reader: GitObjectReader,
  rootOid: string | null,
  segments: readonly string[],
): Promise<AncestorChain> {
  const levels: TreeEntry[][] = [];
  let current: string | null = rootOid;
  for (let depth = 0; depth < segments.length; depth++) {
    const entries: TreeEntry[] = current === null ? [] : await reader.readTree(current);
    levels.push(entries);
    const name = Buffer.from(segments[depth] as string);
    const entry = entries.find((candidate) => candidate.name.equals(name));
    if (entry !== undefined && !isTreeMode(entry.mode)) {
      const path = segments.slice(0, depth + 1).join('/');
      throw new FerryError(ErrorCode.workspaceCorrupt, `"${path}" is a file in the workspace, not a folder`, {
        path,
      });
    }
    current = entry?.oid ?? null;
  }
  return { levels, subtreeOid: current };
}

/**
 * Replaces the subtree's entry in each ancestor, from the deepest up; a folder left empty is
 * dropped from its parent, as git never records empty folders.
 */
export function spliceSubtree(
  chain: AncestorChain,
  segments: readonly string[],
  subtreeOid: string | null,
): { rootOid: string; newTrees: GitObject[] } {
  const newTrees: GitObject[] = [];
  let child = subtreeOid;
  for (let depth = segments.length - 1; depth >= 0; depth--) {
    const name = Buffer.from(segments[depth] as string);
    const entries = (chain.levels[depth] ?? []).filter((entry) => !entry.name.equals(name));
    if (child !== null) entries.push({ mode: TREE_MODE, name, oid: child });
    if (entries.length === 0 && depth > 0) {
      child = null;
      continue;
    }
    const tree = gitObject('tree', serializeTree(entries));
    newTrees.push(tree);
    child = tree.oid;
  }
  return { rootOid: child as string, newTrees };
}
