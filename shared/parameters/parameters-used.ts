import type { Changeset } from '../model/changeset';
import { parameterSlots } from './parameter-marker';

/** Every parameter name a changeset uses, sorted and once each. */
export function parametersUsedBy(changeset: Pick<Changeset, 'operations'>): string[] {
  const names = new Set<string>();
  for (const operation of changeset.operations) {
    const values =
      operation.op === 'update'
        ? operation.changes.flatMap((change) => [change.before, change.after])
        : [operation.op === 'create' ? operation.body : operation.before];
    for (const value of values) for (const slot of parameterSlots(value)) names.add(slot.name);
  }
  return [...names].sort();
}
