import { configurationParameters, configurationTextsOf } from '../flows/flow-configuration-values';
import type { Changeset } from '../model/changeset';
import { parameterSlots } from './parameter-marker';

/**
 * Every parameter name a changeset uses, sorted and once each: `{"$param"}` markers in its values,
 * and `{$param}` names inside a flow's configuration text (a type's `configurationField`).
 */
export function parametersUsedBy(changeset: Pick<Changeset, 'operations'>): string[] {
  const names = new Set<string>();
  for (const operation of changeset.operations) {
    const values =
      operation.op === 'update'
        ? operation.changes.flatMap((change) => [change.before, change.after])
        : [operation.op === 'create' ? operation.body : operation.before];
    for (const value of values) for (const slot of parameterSlots(value)) names.add(slot.name);
    for (const text of configurationTextsOf(operation)) {
      for (const name of configurationParameters(text)) names.add(name);
    }
  }
  return [...names].sort();
}
