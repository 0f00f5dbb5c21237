import { configurationParameters } from '../flows/flow-configuration-values';
import type { Changeset } from '../model/changeset';
import { findObjectType } from '../model/object-types/registry';
import { parameterSlots } from './parameter-marker';

/**
 * Every parameter name a changeset uses, sorted and once each: `{"$param"}` markers in its values,
 * and `{$param}` names inside a flow's configuration text (a type's `configurationField`).
 */
export function parametersUsedBy(changeset: Pick<Changeset, 'operations'>): string[] {
  const names = new Set<string>();
  for (const operation of changeset.operations) {
    const field = findObjectType(operation.type)?.configurationField;
    const values =
      operation.op === 'update'
        ? operation.changes.flatMap((change) => [change.before, change.after])
        : [operation.op === 'create' ? operation.body : operation.before];
    const texts: unknown[] =
      field === undefined
        ? []
        : operation.op === 'update'
          ? operation.changes.filter((change) => change.path === field).map((change) => change.after)
          : values.map((value) => (value as Record<string, unknown> | undefined)?.[field]);
    for (const value of values) for (const slot of parameterSlots(value)) names.add(slot.name);
    for (const text of texts) {
      if (typeof text === 'string') for (const name of configurationParameters(text)) names.add(name);
    }
  }
  return [...names].sort();
}
