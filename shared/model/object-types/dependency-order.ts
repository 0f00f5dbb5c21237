import { FerryError } from '../../api/api-error';
import { ModelErrorCode } from './model-error-codes';

export interface DependencyNode<Id extends string = string> {
  readonly id: Id;
  readonly dependencies: readonly string[];
}

/**
 * Orders nodes so that every node comes after the nodes it depends on (Kahn's algorithm). Among
 * nodes that are ready at the same time the input order wins, so the result is stable.
 * Dependencies on ids outside `nodes` are taken as already satisfied: ordering a subset of the
 * types (`ferry snapshot --types routing.queue`) must not fail for want of the others.
 * A cycle (including a node depending on itself) is refused with the cycle spelled out.
 */
export function orderByDependencies<Id extends string>(nodes: readonly DependencyNode<Id>[]): Id[] {
  const known = new Map<string, DependencyNode<Id>>();
  for (const node of nodes) {
    if (known.has(node.id)) throw new Error(`duplicate node ${node.id}`);
    known.set(node.id, node);
  }
  const pending = new Map<string, Set<string>>();
  for (const node of nodes) {
    pending.set(node.id, new Set(node.dependencies.filter((dependency) => known.has(dependency))));
  }

  const ordered: Id[] = [];
  const placed = new Set<string>();
  let progressed = true;
  while (progressed) {
    progressed = false;
    for (const node of nodes) {
      if (placed.has(node.id)) continue;
      const waitingFor = [...(pending.get(node.id) ?? [])].filter((dependency) => !placed.has(dependency));
      if (waitingFor.length > 0) continue;
      ordered.push(node.id);
      placed.add(node.id);
      progressed = true;
      // Restart from the top so an earlier node freed by this one keeps its place in input order.
      break;
    }
  }

  if (ordered.length < nodes.length) {
    const cycle = findCycle(
      nodes.filter((node) => !placed.has(node.id)),
      pending,
    );
    throw new FerryError(
      ModelErrorCode.dependencyCycle,
      `object types depend on each other in a cycle: ${cycle.join(' → ')}`,
      { cycle },
    );
  }
  return ordered;
}

/** Every unplaced node waits on another unplaced node, so walking "waits on" edges must loop. */
function findCycle<Id extends string>(
  unplaced: readonly DependencyNode<Id>[],
  pending: ReadonlyMap<string, ReadonlySet<string>>,
): string[] {
  const stuck = new Set<string>(unplaced.map((node) => node.id));
  const start = unplaced[0]?.id;
  if (start === undefined) return [];
  const path: string[] = [];
  const seenAt = new Map<string, number>();
  let current: string | undefined = start;
  while (current !== undefined && !seenAt.has(current)) {
    seenAt.set(current, path.length);
    path.push(current);
    current = [...(pending.get(current) ?? [])].find((dependency) => stuck.has(dependency));
  }
  if (current === undefined) return path;
  return [...path.slice(seenAt.get(current)), current];
}
