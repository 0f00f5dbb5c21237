import type { DiffStatus } from '../../../../shared/diff/diff-types';
import { objectId, typeLabel, type ObjectDiffWire } from './diff-model';

export interface DiffFilters {
  /** Statuses hidden by the user; everything else shows. */
  hiddenStatuses: readonly DiffStatus[];
  /** One type id, or '' for all. */
  type: string;
  text: string;
}

export const noFilters: DiffFilters = { hiddenStatuses: [], type: '', text: '' };

export type DiffRow =
  | { kind: 'type'; type: string; label: string; shown: number; expanded: boolean }
  | { kind: 'object'; id: string; object: ObjectDiffWire };

// Lower-cased search text per result list, built once: filtering 50k objects per keystroke is one pass.
const searchable = new WeakMap<readonly ObjectDiffWire[], string[]>();

function searchTexts(objects: readonly ObjectDiffWire[]): string[] {
  let texts = searchable.get(objects);
  if (!texts) {
    texts = objects.map((object) => `${object.key}\n${object.previousKey ?? ''}`.toLowerCase());
    searchable.set(objects, texts);
  }
  return texts;
}

/**
 * The differences flattened into rows for a windowed list: one header per type (in the order the
 * engine sorted them, which is dependency order) followed by its objects. `collapsed` records the
 * types the user closed.
 */
export function buildDiffRows(
  objects: readonly ObjectDiffWire[],
  filters: DiffFilters,
  collapsed: Readonly<Record<string, boolean>>,
): DiffRow[] {
  const needle = filters.text.trim().toLowerCase();
  const texts = needle === '' ? null : searchTexts(objects);
  const hidden = new Set(filters.hiddenStatuses);
  const groups = new Map<string, ObjectDiffWire[]>();
  objects.forEach((object, index) => {
    if (hidden.has(object.status)) return;
    if (filters.type !== '' && object.type !== filters.type) return;
    if (texts !== null && !texts[index]?.includes(needle)) return;
    let group = groups.get(object.type);
    if (!group) {
      group = [];
      groups.set(object.type, group);
    }
    group.push(object);
  });
  const rows: DiffRow[] = [];
  for (const [type, members] of groups) {
    const expanded = collapsed[type] !== true;
    rows.push({ kind: 'type', type, label: typeLabel(type), shown: members.length, expanded });
    if (!expanded) continue;
    for (const object of members) rows.push({ kind: 'object', id: objectId(object), object });
  }
  return rows;
}

/** The next object row from `from` in direction `step` (±1), skipping type headers; -1 when none. */
export function stepObjectRow(rows: readonly DiffRow[], from: number, step: 1 | -1): number {
  for (let index = from + step; index >= 0 && index < rows.length; index += step) {
    if (rows[index]?.kind === 'object') return index;
  }
  return -1;
}

export function rowIndexOf(rows: readonly DiffRow[], id: string | null): number {
  if (id === null) return -1;
  return rows.findIndex((row) => row.kind === 'object' && row.id === id);
}
