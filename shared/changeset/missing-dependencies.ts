import type { JsonValue } from '../model/canonical/json-value';
import { compareCodeUnits } from '../model/canonical/stable-stringify';
import type { ChangesetOperation } from '../model/changeset';
import { findObjectType, objectTypesInDependencyOrder } from '../model/object-types/registry';
import { objectId, referencesInChange, referencesOf, type ObjectReference } from './object-references';
import { parseValuePath } from './value-path';

export interface MissingDependency {
  type: string;
  key: string;
  /** Every place that refers to it, in operation order. */
  referencedBy: { operation: number; type: string; key: string; path: string }[];
}

/**
 * Objects of managed types that the changeset's create bodies and update `after` values refer to
 * but that will not be there: not in the target, not created by the changeset and not listed in
 * `requires`. What to offer when picking changes from a compare ("add it too" or "require it").
 * Sorted by the types' dependency order, then by key. Changes whose path does not parse are
 * skipped; validation reports them.
 */
export function missingDependencies(
  operations: readonly ChangesetOperation[],
  targetHas: (type: string, key: string) => boolean,
  requires: readonly { type: string; key: string }[] = [],
): MissingDependency[] {
  const available = new Set<string>(requires.map((required) => objectId(required.type, required.key)));
  for (const operation of operations) {
    if (operation.op === 'create') available.add(objectId(operation.type, operation.key));
  }
  const missing = new Map<string, MissingDependency>();
  operations.forEach((operation, index) => {
    for (const reference of referencesWritten(operation)) {
      if (findObjectType(reference.targetType) === undefined) continue;
      const id = objectId(reference.targetType, reference.key);
      if (available.has(id) || targetHas(reference.targetType, reference.key)) continue;
      let entry = missing.get(id);
      if (entry === undefined) {
        entry = { type: reference.targetType, key: reference.key, referencedBy: [] };
        missing.set(id, entry);
      }
      entry.referencedBy.push({
        operation: index,
        type: operation.type,
        key: operation.key,
        path: reference.path,
      });
    }
  });
  const typeOrder = new Map<string, number>(
    objectTypesInDependencyOrder().map((type, position) => [type, position]),
  );
  return [...missing.values()].sort(
    (left, right) =>
      (typeOrder.get(left.type) ?? Infinity) - (typeOrder.get(right.type) ?? Infinity) ||
      compareCodeUnits(left.key, right.key),
  );
}

function referencesWritten(operation: ChangesetOperation): ObjectReference[] {
  if (operation.op === 'create') return referencesOf(operation.type, operation.body as JsonValue);
  if (operation.op === 'delete') return [];
  return operation.changes.flatMap((change) => {
    try {
      return referencesInChange(
        operation.type,
        parseValuePath(change.path),
        change.after as JsonValue | undefined,
      );
    } catch {
      return [];
    }
  });
}
