import type { DiffStatus } from '../../../../shared/diff/diff-types';
import { objectId, statusOrder, typeLabel, type ObjectDiffWire } from './diff-model';

/** Objects inside each type: by name (the engine's order), or by status then name. */
export type DiffOrder = 'name' | 'status';

export interface DiffFilters {
  /** The one status shown (a status chip pressed), or null for every status. */
  status: DiffStatus | null;
  /** One type id, or '' for all. */
  type: string;
  text: string;
  order: DiffOrder;
}

export const noFilters: DiffFilters = { status: null, type: '', text: '', order: 'name' };

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
 * engine sorted them, which is dependency order) followed by its objects, by name or by status.
 * `collapsed` records the types the user closed.
 */
export function buildDiffRows(
  objects: readonly ObjectDiffWire[],
  filters: DiffFilters,
  collapsed: Readonly<Record<string, boolean>>,
): DiffRow[] {
  const needle = filters.text.trim().toLowerCase();
  const texts = needle === '' ? null : searchTexts(objects);
  const groups = new Map<string, ObjectDiffWire[]>();
  objects.forEach((object, index) => {
    if (filters.status !== null && object.status !== filters.status) return;
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
    // Stable: within one status the engine's order by name stays.
    if (filters.order === 'status') members.sort(byStatus);
    for (const object of members) rows.push({ kind: 'object', id: objectId(object), object });
  }
  return rows;
}

function byStatus(x: ObjectDiffWire, y: ObjectDiffWire): number {
  return statusOrder.indexOf(x.status) - statusOrder.indexOf(y.status);
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

/**
 * The next row of an object that differs (not "unchanged") from `from` in direction `step`, for
 * j/k and F7/Shift+F7; from -1 forward finds the first. -1 when there is none that way.
 */
export function stepChangedRow(rows: readonly DiffRow[], from: number, step: 1 | -1): number {
  const start = from < 0 && step === -1 ? rows.length : from;
  for (let index = start + step; index >= 0 && index < rows.length; index += step) {
    const row = rows[index];
    if (row?.kind === 'object' && row.object.status !== 'unchanged') return index;
  }
  return -1;
}
