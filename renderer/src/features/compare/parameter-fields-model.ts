import { canBeParameterValue, type ParameterField } from '../../../../shared/changeset/parameter-fields';
import { suggestParameterName } from '../../../../shared/parameters/suggest-parameter';
import { objectId, type FieldChangeWire, type ObjectDiffWire, type ObjectRef } from './diff-model';

/**
 * Which picked fields a changeset from the compare writes as `{"$param": name}` (issue 15): those
 * made parameters from the compare, and environment-specific ones the author leaves ticked.
 */

export function parameterFieldId(field: ObjectRef & { path: string }): string {
  return `${objectId(field)}\u0000${field.path}`;
}

/** A field whose two values can each be a parameter's value: text, a number, true/false, a reference. */
export function canMakeParameter(change: FieldChangeWire): boolean {
  if (change.kind !== 'changed' && change.kind !== 'added') return false;
  if (change.path === '' || change.equalAsParameter !== undefined) return false;
  return (
    canBeParameterValue(change.after) && (change.before === undefined || canBeParameterValue(change.before))
  );
}

export interface ParameterCandidate {
  id: string;
  type: string;
  key: string;
  path: string;
  change: FieldChangeWire;
  /** The parameter it was made from the compare, whose values are set on both sides. */
  made: string | null;
}

/**
 * The picked changes that can be built as a parameter: made ones, and environment-specific ones
 * that could be. A whole-object pick brings all of its changes.
 */
export function parameterCandidates(
  picked: {
    objects: Record<string, ObjectRef>;
    fields: Record<string, ObjectRef & { changes: Record<string, FieldChangeWire> }>;
  },
  listed: readonly ObjectDiffWire[],
  made: Record<string, ParameterField>,
): ParameterCandidate[] {
  const candidates: ParameterCandidate[] = [];
  const consider = (object: ObjectRef, change: FieldChangeWire) => {
    const id = parameterFieldId({ ...object, path: change.path });
    const name = made[id]?.name ?? null;
    if (candidates.some((candidate) => candidate.id === id)) return;
    if (name === null && !(change.environmentSpecific === true && canMakeParameter(change))) return;
    candidates.push({ id, type: object.type, key: object.key, path: change.path, change, made: name });
  };
  for (const object of listed) {
    const id = objectId(object);
    if (picked.objects[id] !== undefined && object.status === 'changed') {
      for (const change of object.changes) consider(object, change);
    } else if (picked.fields[id] !== undefined && picked.objects[id] === undefined) {
      for (const change of Object.values(picked.fields[id].changes)) consider(object, change);
    }
  }
  return candidates;
}

export interface ParameterChoice {
  on: boolean;
  name: string;
}

/** An environment-specific field is made a parameter unless the author unticks it. */
export function defaultChoice(candidate: ParameterCandidate): ParameterChoice {
  return { on: true, name: candidate.made ?? suggestParameterName(candidate.key, candidate.path) };
}

/** The fields the request names, each with its parameter. */
export function parametersToBuild(
  candidates: readonly ParameterCandidate[],
  choices: Record<string, ParameterChoice>,
): ParameterField[] {
  return candidates.flatMap((candidate) => {
    const choice =
      candidate.made !== null
        ? { on: true, name: candidate.made }
        : (choices[candidate.id] ?? defaultChoice(candidate));
    return choice.on
      ? [{ type: candidate.type, key: candidate.key, path: candidate.path, name: choice.name.trim() }]
      : [];
  });
}

/** Parameters the changeset will use that the target has no value for yet, sorted, once each. */
export function parametersMissingIn(fields: readonly ParameterField[], present: readonly string[]): string[] {
  return [...new Set(fields.map((field) => field.name))].filter((name) => !present.includes(name)).sort();
}
