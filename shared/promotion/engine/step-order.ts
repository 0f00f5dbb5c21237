import { objectId, referencesOf } from '../../changeset/object-references';
import type { JsonObject } from '../../model/canonical/json-value';
import { findObjectType } from '../../model/object-types/registry';
import type { StepAction } from '../../model/plan';
import { uniqueValuesOf } from './unique-values';

export interface OrderInput {
  action: StepAction;
  type: string;
  key: string;
  current: JsonObject | null;
  expected: JsonObject | null;
}

export interface StepOrder {
  /** Dependency level per input step (same positions as the input). */
  levels: number[];
  /** Input positions in execution order: by level, ties in input order. */
  order: number[];
  /** Input positions that wait on each other in a cycle and so can never run. */
  cyclic: Set<number>;
}

/**
 * Levels for a plan's steps (DESIGN §5: dependencies first, deletes last and reversed). A step
 * that leaves an object in place waits for the creates of everything that object refers to; a
 * delete comes after every other write, and after the deletes of the objects that refer to it.
 * Only steps that really create something are waited for: an object that already exists needs
 * nothing to run first. Steps that will not run (noop, conflict, blocked) still get a level so the
 * plan reads in the order the work would happen.
 */
export function orderSteps(steps: readonly OrderInput[]): StepOrder {
  const creators = new Map<string, number>();
  const deleters = new Map<string, number>();
  steps.forEach((step, position) => {
    const id = objectId(step.type, step.key);
    if (step.action === 'create') creators.set(id, position);
    if (step.expected === null) deleters.set(id, position);
  });

  const writeNeeds = new Map<number, number[]>();
  const deleteNeeds = new Map<number, number[]>();
  steps.forEach((step, position) => {
    if (step.expected !== null) {
      const needs = referencesOf(step.type, step.expected)
        .map((reference) => creators.get(objectId(reference.targetType, reference.key)))
        .filter((other): other is number => other !== undefined && other !== position);
      writeNeeds.set(position, [...new Set(needs)]);
      return;
    }
    // X is deleted after each delete of an object whose current value refers to X.
    deleteNeeds.set(position, []);
  });
  steps.forEach((step, position) => {
    if (step.expected !== null || step.current === null) return;
    for (const reference of referencesOf(step.type, step.current)) {
      const target = deleters.get(objectId(reference.targetType, reference.key));
      if (target !== undefined && target !== position) deleteNeeds.get(target)?.push(position);
    }
  });
  addUniqueValueHandOvers(steps, writeNeeds, deleteNeeds);

  const cyclic = new Set<number>();
  const writeLevels = levelsOf(writeNeeds, cyclic);
  const deleteLevels = levelsOf(deleteNeeds, cyclic);
  const base = Math.max(-1, ...writeLevels.values()) + 1;
  const levels = steps.map((_, position) =>
    writeLevels.has(position)
      ? (writeLevels.get(position) as number)
      : base + (deleteLevels.get(position) ?? 0),
  );
  const order = steps
    .map((_, position) => position)
    .sort((left, right) => (levels[left] as number) - (levels[right] as number) || left - right);
  return { levels, order, cyclic };
}

/**
 * A write that takes a value no two objects may share (an IVR's DNIS number) waits for the update
 * of the object that gives that value up, or the target refuses it for the moment both hold it.
 */
function addUniqueValueHandOvers(
  steps: readonly OrderInput[],
  writeNeeds: Map<number, number[]>,
  deleteNeeds: Map<number, number[]>,
): void {
  const valuesAt = (type: string, value: JsonObject | null): Set<string> => {
    const definition = findObjectType(type);
    if (value === null || definition === undefined) return new Set();
    return new Set(uniqueValuesOf(definition, value).map((held) => `${held.path}\u0000${held.value}`));
  };
  const released = new Map<string, number>();
  steps.forEach((step, position) => {
    // A delete frees its values too (rolling back a create that took a number from another IVR).
    if (step.action !== 'update' && step.action !== 'delete') return;
    const kept = valuesAt(step.type, step.expected);
    for (const value of valuesAt(step.type, step.current)) {
      if (!kept.has(value)) released.set(`${step.type}\u0000${value}`, position);
    }
  });
  if (released.size === 0) return;
  steps.forEach((step, position) => {
    const needs = writeNeeds.get(position);
    if (needs === undefined) return;
    const had = valuesAt(step.type, step.current);
    for (const value of valuesAt(step.type, step.expected)) {
      if (had.has(value)) continue;
      const releaser = released.get(`${step.type}\u0000${value}`);
      if (releaser === undefined || releaser === position || needs.includes(releaser)) continue;
      if (steps[releaser]?.action === 'delete') {
        // Deletes normally run last; one that frees a value a write needs runs among the writes,
        // first, when no other delete must run before it (nothing deleted still refers to it).
        if ((deleteNeeds.get(releaser) ?? []).length > 0) continue;
        deleteNeeds.delete(releaser);
        writeNeeds.set(releaser, []);
      }
      needs.push(releaser);
    }
  });
}

/** Longest-path levels; nodes left over when nothing more can be placed form cycles. */
function levelsOf(needs: ReadonlyMap<number, readonly number[]>, cyclic: Set<number>): Map<number, number> {
  const levels = new Map<number, number>();
  // Each pass places at least one node or ends the loop, so it runs at most |needs| + 1 times.
  for (let pass = 0; pass <= needs.size; pass += 1) {
    let placed = false;
    for (const [node, wanted] of needs) {
      if (levels.has(node) || !wanted.every((other) => levels.has(other))) continue;
      levels.set(node, Math.max(-1, ...wanted.map((other) => levels.get(other) as number)) + 1);
      placed = true;
    }
    if (!placed) break;
  }
  for (const node of needs.keys()) {
    if (levels.has(node)) continue;
    cyclic.add(node);
    levels.set(node, 0);
  }
  return levels;
}
