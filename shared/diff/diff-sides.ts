import type { JsonValue } from '../model/canonical/json-value';
import { compareCodeUnits } from '../model/canonical/stable-stringify';
import { findObjectType, objectTypesInDependencyOrder } from '../model/object-types/registry';
import { diffObjects } from './diff-objects';
import {
  diffStatuses,
  type DiffOptions,
  type DiffResult,
  type DiffStatus,
  type DiffSummary,
  type FieldChange,
  type LoadObject,
  type ObjectDiff,
  type SideIndex,
  type SideObject,
} from './diff-types';
import { runLimited } from '../concurrency/concurrency-limit';

const DEFAULT_CONCURRENCY = 8;
const noObjects: ReadonlyMap<string, SideObject> = new Map();

/** An object whose two sides must be read and compared: hashes differ, or it was renamed. */
interface PendingComparison {
  entry: ObjectDiff;
  keyOnA: string;
}

/**
 * Compares two sides object by object, matched by natural key within each type. Objects with equal
 * hashes are counted as unchanged without being read, so a compare of two large snapshots reads
 * only the few objects that differ.
 */
export async function diffSides(
  a: SideIndex,
  b: SideIndex,
  load: LoadObject,
  options: DiffOptions = {},
): Promise<DiffResult> {
  const { signal } = options;
  signal?.throwIfAborted();
  const includeUnchanged = options.includeUnchanged === true;
  const summary = emptySummary();
  const objects: ObjectDiff[] = [];
  const pending: PendingComparison[] = [];

  for (const type of typesInOrder(a, b)) {
    const left = a.get(type) ?? noObjects;
    const right = b.get(type) ?? noObjects;
    const typeCounts = emptyCounts();
    summary.byType[type] = typeCounts;
    // Only keys that differ are sorted; at 1% changed that is what keeps a large compare fast.
    const { differing, unchanged } = differingKeys(left, right, includeUnchanged);
    summary.totals.unchanged += unchanged;
    typeCounts.unchanged += unchanged;
    differing.sort(compareCodeUnits);
    const renamedFrom =
      options.detectRenames === true ? pairRenames(differing, left, right) : new Map<string, string>();
    const renamedAway = new Set(renamedFrom.values());

    for (const key of differing) {
      const onA = left.get(key);
      const onB = right.get(key);
      if (onA !== undefined && onB !== undefined) {
        const entry = newEntry(type, key, onA.hash === onB.hash ? 'unchanged' : 'changed');
        objects.push(entry);
        if (entry.status === 'changed') pending.push({ entry, keyOnA: key });
      } else if (onB !== undefined) {
        const previousKey = renamedFrom.get(key);
        if (previousKey === undefined) {
          objects.push(newEntry(type, key, 'added'));
          continue;
        }
        const entry: ObjectDiff = { ...newEntry(type, key, 'renamed'), previousKey };
        objects.push(entry);
        if (left.get(previousKey)?.hash !== onB.hash) pending.push({ entry, keyOnA: previousKey });
      } else if (!renamedAway.has(key)) {
        objects.push(newEntry(type, key, 'removed'));
      }
    }
  }

  if (options.fieldLevel === false) pending.length = 0;
  options.onProgress?.(0, pending.length);
  let done = 0;
  await runLimited(
    pending.length,
    options.concurrency ?? DEFAULT_CONCURRENCY,
    async (index) => {
      const { entry, keyOnA } = pending[index] as PendingComparison;
      const [before, after] = await Promise.all([
        load('a', entry.type, keyOnA),
        load('b', entry.type, entry.key),
      ]);
      compareLoaded(entry, before, after, options);
      done += 1;
      options.onProgress?.(done, pending.length);
    },
    signal,
  );

  for (const entry of objects) count(summary, entry.type, entry.status);
  return {
    summary,
    objects: includeUnchanged ? objects : objects.filter((entry) => entry.status !== 'unchanged'),
  };
}

/**
 * Keys whose objects differ or exist on one side only (every key with `includeUnchanged`), and how
 * many were left out as equal. Indexes built from git trees list keys in the same order on both
 * sides, so the walk pairs them positionally while they line up and looks keys up only after they
 * stop lining up; on a large compare the hash-table probes were most of the time.
 */
function differingKeys(
  left: ReadonlyMap<string, SideObject>,
  right: ReadonlyMap<string, SideObject>,
  includeUnchanged: boolean,
): { differing: string[]; unchanged: number } {
  const differing: string[] = [];
  let unchanged = 0;
  let matched = 0;
  let inStep = true;
  const rightInOrder = right.entries();
  for (const [key, object] of left) {
    let other: SideObject | undefined;
    if (inStep) {
      const next = rightInOrder.next();
      if (next.done !== true && next.value[0] === key) other = next.value[1];
      else inStep = false;
    }
    if (!inStep) other = right.get(key);
    if (other !== undefined) matched += 1;
    if (other === undefined || other.hash !== object.hash || includeUnchanged) differing.push(key);
    else unchanged += 1;
  }
  // Every key of `right` was matched: none is new, so there is nothing more to look for.
  if (matched < right.size) {
    for (const key of right.keys()) if (!left.has(key)) differing.push(key);
  }
  return { differing, unchanged };
}

function compareLoaded(entry: ObjectDiff, before: JsonValue, after: JsonValue, options: DiffOptions): void {
  const { changes, ignored } = diffObjects(entry.type, before, after, options.ignoreRules);
  entry.ignored = ignored;
  if (entry.status === 'renamed') {
    // The new key is the entry's own `key`; listing it again as a field change would say it twice.
    const naturalKey = findObjectType(entry.type)?.naturalKey ?? 'name';
    entry.changes = changes.filter((change) => !isKeyChange(change, naturalKey));
    return;
  }
  entry.changes = changes;
  // Different bytes, same configuration (or only ignored differences): nothing to act on.
  if (changes.length === 0) entry.status = 'unchanged';
}

function isKeyChange(change: FieldChange, naturalKey: string): boolean {
  return change.kind === 'changed' && change.path === naturalKey;
}

/**
 * Within one environment an object keeps its id when renamed, so a key that disappeared and a key
 * that appeared with the same id are one object. New key → old key; the first match in key order
 * wins if ids repeat. `sortedKeys` holds every key that is on one side only.
 */
function pairRenames(
  sortedKeys: readonly string[],
  left: ReadonlyMap<string, SideObject>,
  right: ReadonlyMap<string, SideObject>,
): Map<string, string> {
  const removedById = new Map<string, string>();
  for (const key of sortedKeys) {
    const id = right.has(key) ? undefined : left.get(key)?.id;
    if (id !== undefined && !removedById.has(id)) removedById.set(id, key);
  }
  const pairs = new Map<string, string>();
  if (removedById.size === 0) return pairs;
  for (const key of sortedKeys) {
    const id = left.has(key) ? undefined : right.get(key)?.id;
    const previousKey = id === undefined ? undefined : removedById.get(id);
    if (id === undefined || previousKey === undefined) continue;
    pairs.set(key, previousKey);
    removedById.delete(id);
  }
  return pairs;
}

/** Registry types in dependency order, then any type the registry does not know, by name. */
function typesInOrder(a: SideIndex, b: SideIndex): string[] {
  const present = new Set([...a.keys(), ...b.keys()]);
  const known: string[] = objectTypesInDependencyOrder().filter((type) => present.has(type));
  const unknown = [...present].filter((type) => findObjectType(type) === undefined).sort(compareCodeUnits);
  return [...known, ...unknown];
}

function newEntry(type: string, key: string, status: DiffStatus): ObjectDiff {
  return { type, key, status, changes: [], ignored: 0 };
}

function emptyCounts(): Record<DiffStatus, number> {
  return Object.fromEntries(diffStatuses.map((status) => [status, 0])) as Record<DiffStatus, number>;
}

function emptySummary(): DiffSummary {
  return { totals: emptyCounts(), byType: {} };
}

function count(summary: DiffSummary, type: string, status: DiffStatus): void {
  summary.totals[status] += 1;
  const byType = (summary.byType[type] ??= emptyCounts());
  byType[status] += 1;
}
