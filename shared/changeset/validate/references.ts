/**
 * Validation phase 4, references between objects: each reference a create or update writes must
 * resolve (in the target after the changeset, or, without a target, to something the changeset
 * creates or requires), a reference must carry a name and not only another org's id, and a deleted
 * object must not stay referred to. Apart because it reasons across operations, and the order phase
 * reuses `referencesOfOperation` to know which operation needs which.
 */
import { referenceTypeLabel } from '../../model/object-types/unmanaged-reference-types';
import type { JsonValue } from '../../model/canonical/json-value';
import { operationLabel } from '../apply-changeset';
import {
  distinctReferrers,
  indexReferrers,
  objectId,
  referencesInChange,
  referencesOf,
  unnamedReferencesInChange,
  unnamedReferencesOf,
  type Referrer,
} from '../object-references';
import { objectIn, type ObjectState } from '../object-state';
import type { ValuePath } from '../value-path';
import { afterPath, joinPath, type Usable, type ValidationState } from './validation-state';

export interface FoundReference {
  targetType: string;
  key: string;
  /** Path in the changeset document. */
  documentPath: string;
}

export function referencesOfOperation(state: ValidationState, entry: Usable): FoundReference[] {
  const { operation, index } = entry;
  if (operation.op === 'delete') return [];
  if (operation.op === 'create') {
    return referencesOf(operation.type, operation.body as JsonValue, state.types).map((reference) => ({
      targetType: reference.targetType,
      key: reference.key,
      documentPath: joinPath(`operations[${index}].body`, reference.path),
    }));
  }
  return operation.changes.flatMap((change, changeIndex) => {
    const path = entry.paths[changeIndex] as ValuePath;
    return referencesInChange(operation.type, path, change.after as JsonValue | undefined, state.types).map(
      (reference) => ({
        targetType: reference.targetType,
        key: reference.key,
        documentPath: afterPath(index, changeIndex, path, reference.path),
      }),
    );
  });
}

/** `result` is the target after the changeset, or undefined when validating without a target. */
export function checkReferences(state: ValidationState, result: ObjectState | undefined): void {
  for (const entry of state.usable) {
    const { operation, index } = entry;
    const label = operationLabel(index, operation);
    for (const reference of referencesOfOperation(state, entry)) {
      if (state.types(reference.targetType) === undefined) continue;
      const id = objectId(reference.targetType, reference.key);
      if (reference.targetType === operation.type && reference.key === operation.key) continue;
      const name = state.name(reference.targetType, reference.key);
      const deletedBy = state.deleted.get(id);
      if (result !== undefined) {
        if (objectIn(result, reference.targetType, reference.key) !== undefined) continue;
        if (deletedBy !== undefined || state.required.has(id)) continue;
        state.add(
          'error',
          'unresolved-reference',
          index,
          reference.documentPath,
          `${label}: refers to ${name}, which is not in the target and not created by this changeset`,
          `Add a create operation for ${name}, list it under requires if it will be promoted first, or remove the reference.`,
        );
        continue;
      }
      if (state.created.has(id) || state.required.has(id)) continue;
      if (deletedBy !== undefined) {
        state.add(
          'error',
          'unresolved-reference',
          index,
          reference.documentPath,
          `${label}: refers to ${name}, which operation ${deletedBy + 1} deletes`,
          `Keep ${name} (drop its delete), or remove the reference.`,
        );
        continue;
      }
      state.add(
        'warning',
        'unresolved-reference',
        index,
        reference.documentPath,
        `${label}: refers to ${name}, which this changeset does not create; it must exist in the target`,
        `Add a create operation for ${name}, or list it under requires so promotion checks the target has it.`,
      );
    }
    for (const unnamed of unnamedReferencesOfOperation(state, entry)) {
      state.add(
        'error',
        'unresolved-reference',
        index,
        unnamed.documentPath,
        `${label}: a reference to a ${state.types(unnamed.targetType)?.label.toLowerCase() ?? referenceTypeLabel(unnamed.targetType)} has no name, only an id from another org`,
        `Write it as {"$ref": "${unnamed.targetType}", "name": "<its name>"}, or remove it.`,
      );
    }
  }
}

function unnamedReferencesOfOperation(
  state: ValidationState,
  entry: Usable,
): { targetType: string; documentPath: string }[] {
  const { operation, index } = entry;
  if (operation.op === 'delete') return [];
  if (operation.op === 'create') {
    return unnamedReferencesOf(operation.type, operation.body as JsonValue, state.types).map((reference) => ({
      targetType: reference.targetType,
      documentPath: joinPath(`operations[${index}].body`, reference.path),
    }));
  }
  return operation.changes.flatMap((change, changeIndex) => {
    const path = entry.paths[changeIndex] as ValuePath;
    return unnamedReferencesInChange(
      operation.type,
      path,
      change.after as JsonValue | undefined,
      state.types,
    ).map((reference) => ({
      targetType: reference.targetType,
      documentPath: afterPath(index, changeIndex, path, reference.path),
    }));
  });
}

/** A delete is refused while objects in the target after the changeset still refer to what it deletes. */
export function checkStillReferenced(state: ValidationState, result: ObjectState): void {
  let index: ReadonlyMap<string, Referrer[]> | undefined;
  for (const entry of state.usable) {
    const { operation } = entry;
    if (operation.op !== 'delete') continue;
    index ??= indexReferrers(result, state.types);
    const referrers = distinctReferrers(index.get(objectId(operation.type, operation.key)) ?? []).filter(
      (referrer) => referrer.type !== operation.type || referrer.key !== operation.key,
    );
    if (referrers.length === 0) continue;
    const shown = referrers.slice(0, 5).map((referrer) => state.name(referrer.type, referrer.key));
    const more = referrers.length - shown.length;
    state.add(
      'error',
      'still-referenced',
      entry.index,
      `operations[${entry.index}]`,
      `${operationLabel(entry.index, operation)}: ${referrers.length} object${referrers.length === 1 ? '' : 's'} would still refer to it: ${shown.join(', ')}${more > 0 ? ` and ${more} more` : ''}`,
      'Remove those references in this changeset (update the objects that refer to it), or keep the object.',
    );
  }
}
