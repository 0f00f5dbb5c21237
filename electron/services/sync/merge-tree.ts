import { readTreeEntries, writeTreeEntries, type MergeTreeEntry } from '../git/remote-transfer';

/** A file a merge sets (`file`) or removes (null) in the tree it builds. */
export interface TreeEdit {
  path: string;
  file: { oid: string; mode: string } | null;
}

/**
 * Writes the tree that is `root` with `edits` applied, and returns its id. Only the folders on
 * the edited paths are read and written again; every other folder keeps its tree object, so a
 * merge touching three files of a workspace with tens of thousands costs a handful of objects.
 * Nothing outside .git/objects changes: the working tree and index follow only at checkout.
 */
export async function editTree(dir: string, root: string, edits: readonly TreeEdit[]): Promise<string> {
  const split = edits.map((edit) => ({ segments: edit.path.split('/'), file: edit.file }));
  return (await rewrite(dir, root, split)) ?? writeTreeEntries(dir, []);
}

interface SplitEdit {
  segments: string[];
  file: TreeEdit['file'];
}

async function rewrite(
  dir: string,
  tree: string | null,
  edits: readonly SplitEdit[],
): Promise<string | null> {
  const entries = new Map<string, MergeTreeEntry>(
    (await readTreeEntries(dir, tree)).map((entry) => [entry.name, entry]),
  );
  const deeper = new Map<string, SplitEdit[]>();
  for (const { segments, file } of edits) {
    const [name, ...rest] = segments;
    if (name === undefined || name === '') continue;
    if (rest.length === 0) {
      if (file === null) entries.delete(name);
      else entries.set(name, { name, mode: file.mode, oid: file.oid, type: 'blob' });
    } else {
      const group = deeper.get(name);
      if (group === undefined) deeper.set(name, [{ segments: rest, file }]);
      else group.push({ segments: rest, file });
    }
  }
  for (const [name, group] of deeper) {
    const existing = entries.get(name);
    const subtree = await rewrite(dir, existing?.type === 'tree' ? existing.oid : null, group);
    // git keeps no empty folders: one whose last file went goes with it. Only a folder, though:
    // when their folder became a file, the file was set above, and the folder's deletions (read
    // from no tree) must not take it away with them.
    if (subtree === null) {
      if (existing === undefined || existing.type === 'tree') entries.delete(name);
    } else entries.set(name, { name, mode: '040000', oid: subtree, type: 'tree' });
  }
  if (entries.size === 0) return null;
  return writeTreeEntries(dir, [...entries.values()]);
}
