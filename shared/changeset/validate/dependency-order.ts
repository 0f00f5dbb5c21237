/**
 * Validation phase 5, the order to run the operations in: creates and updates after the creates
 * they refer to, then deletes with referrers before what they refer to; a cycle is a finding and
 * no order. Apart because it is a graph problem over the usable operations, not a check of any one.
 */
import type { JsonValue } from '../../model/canonical/json-value';
import type { ChangesetOperation } from '../../model/changeset';
import { objectId, referencesOf } from '../object-references';
import { referencesOfOperation } from './references';
import type { Usable, ValidationState } from './validation-state';

export function dependencyOrder(state: ValidationState): number[] {
  const writes = state.usable.filter((entry) => entry.operation.op !== 'delete');
  const deletes = state.usable.filter((entry) => entry.operation.op === 'delete');
  const writeDependencies = new Map<number, number[]>();
  for (const entry of writes) {
    const needs = referencesOfOperation(state, entry)
      .map((reference) => state.created.get(objectId(reference.targetType, reference.key)))
      .filter((other): other is number => other !== undefined && other !== entry.index);
    writeDependencies.set(entry.index, [...new Set(needs)]);
  }
  const deleteDependencies = new Map<number, number[]>();
  for (const entry of deletes) {
    const operation = entry.operation as Extract<ChangesetOperation, { op: 'delete' }>;
    const needs = referencesOf(operation.type, operation.before as JsonValue, state.types)
      .map((reference) => state.deleted.get(objectId(reference.targetType, reference.key)))
      .filter((other): other is number => other !== undefined && other !== entry.index);
    deleteDependencies.set(entry.index, [...new Set(needs)]);
  }
  const writeLevels = dependencyLevels(state, writeDependencies);
  const deleteLevels = dependencyLevels(state, deleteDependencies);
  if (writeLevels === undefined || deleteLevels === undefined) return [];

  const usableIndices = new Set(state.usable.map((entry) => entry.index));
  const rest = state.operations.map((_, index) => index).filter((index) => !usableIndices.has(index));
  const byLevel = (levels: ReadonlyMap<number, number>, direction: 1 | -1) => (left: number, right: number) =>
    direction * ((levels.get(left) ?? 0) - (levels.get(right) ?? 0)) || left - right;
  return [
    ...[...writeLevels.keys()].sort(byLevel(writeLevels, 1)),
    // Operations that could not be read keep their place among the writes' tail; the findings
    // already say they must be fixed first.
    ...rest,
    ...[...deleteLevels.keys()].sort(byLevel(deleteLevels, -1)),
  ];
}

/** Level of each node (0 = needs nothing here); undefined, with a finding, when there is a cycle. */
function dependencyLevels(
  state: ValidationState,
  dependencies: ReadonlyMap<number, readonly number[]>,
): Map<number, number> | undefined {
  const levels = new Map<number, number>();
  let progressed = true;
  while (progressed) {
    progressed = false;
    for (const [node, needs] of dependencies) {
      if (levels.has(node) || !needs.every((other) => levels.has(other))) continue;
      levels.set(node, Math.max(-1, ...needs.map((other) => levels.get(other) ?? 0)) + 1);
      progressed = true;
    }
  }
  if (levels.size === dependencies.size) return levels;
  const cycle = findCycle(
    [...dependencies.keys()].filter((node) => !levels.has(node)),
    dependencies,
    levels,
  );
  const first = cycle[0] as number;
  const names = cycle.map((node) => {
    const operation = (state.usable.find((entry) => entry.index === node) as Usable).operation;
    return state.name(operation.type, operation.key);
  });
  const deleting = (state.usable.find((entry) => entry.index === first) as Usable).operation.op === 'delete';
  state.add(
    'error',
    'dependency-cycle',
    first,
    `operations[${first}]`,
    `operations ${cycle
      .slice(0, -1)
      .map((node) => node + 1)
      .join(', ')} depend on each other in a cycle: ${names.join(' → ')}`,
    deleting
      ? 'Objects that refer to each other cannot be deleted in one go: first remove one reference with an update, then delete them in a later changeset.'
      : 'Break the cycle: leave one reference out here and add it with an update in a later changeset, once both objects exist.',
  );
  return undefined;
}

/** Walks "needs" edges among the unplaced nodes, which must come back on itself. */
function findCycle(
  unplaced: readonly number[],
  dependencies: ReadonlyMap<number, readonly number[]>,
  placed: ReadonlyMap<number, number>,
): number[] {
  const path: number[] = [];
  const seenAt = new Map<number, number>();
  let current: number | undefined = unplaced[0];
  while (current !== undefined && !seenAt.has(current)) {
    seenAt.set(current, path.length);
    path.push(current);
    current = (dependencies.get(current) ?? []).find((other) => !placed.has(other));
  }
  if (current === undefined) return path;
  return [...path.slice(seenAt.get(current)), current];
}
