import type { SnapshotTree } from '../../../../shared/model/snapshot';

export type TreeRow =
  | { kind: 'type'; type: string; label: string; matches: number; total: number; expanded: boolean }
  | { kind: 'object'; type: string; key: string; file: string };

// Lower-cased keys per tree, built once: filtering 20k keys on each keystroke then costs one pass.
const searchableKeys = new WeakMap<SnapshotTree, string[][]>();

function lowerKeys(tree: SnapshotTree): string[][] {
  let keys = searchableKeys.get(tree);
  if (!keys) {
    keys = tree.types.map((group) => group.objects.map((object) => object.key.toLowerCase()));
    searchableKeys.set(tree, keys);
  }
  return keys;
}

/**
 * The tree flattened into rows for a windowed list. Without a filter types start closed; with one,
 * types with matches start open and types without are hidden. `toggled` records the user's clicks.
 */
export function buildTreeRows(
  tree: SnapshotTree,
  filter: string,
  toggled: Readonly<Record<string, boolean>>,
): TreeRow[] {
  const needle = filter.trim().toLowerCase();
  const keys = lowerKeys(tree);
  const rows: TreeRow[] = [];
  tree.types.forEach((group, typeIndex) => {
    const groupKeys = keys[typeIndex] ?? [];
    const matching =
      needle === '' ? null : group.objects.filter((_, index) => groupKeys[index]?.includes(needle));
    if (matching !== null && matching.length === 0) return;
    const expanded = toggled[group.type] ?? matching !== null;
    const shown = matching ?? group.objects;
    rows.push({
      kind: 'type',
      type: group.type,
      label: group.label,
      matches: shown.length,
      total: group.objects.length,
      expanded,
    });
    if (!expanded) return;
    for (const object of shown)
      rows.push({ kind: 'object', type: group.type, key: object.key, file: object.file });
  });
  return rows;
}

const byName = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** Objects by name as people read them ("Billing" before "Billing Disputes"), not by file name. */
export function sortTreeObjects(tree: SnapshotTree): SnapshotTree {
  return {
    ...tree,
    types: tree.types.map((group) => ({
      ...group,
      objects: [...group.objects].sort((a, b) => byName.compare(a.key, b.key)),
    })),
  };
}

export function countObjects(tree: SnapshotTree): number {
  return tree.types.reduce((sum, group) => sum + group.objects.length, 0);
}
