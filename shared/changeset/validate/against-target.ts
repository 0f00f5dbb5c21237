/**
 * Validation phase 3, only when there is a target: apply the usable operations to it, report where
 * the target is not what the changeset expects, and re-check each updated object's schema where the
 * update wrote. Apart because it is the one phase that needs a target's state, and it yields the
 * state after the changeset that the reference phase resolves against.
 */
import { formatDiffPath } from '../../diff/diff-path';
import type { ChangesetOperation } from '../../model/changeset';
import { applyChangeset, operationLabel, type ApplyConflict } from '../apply-changeset';
import { checkCanonicalObject } from '../canonical-schema';
import { objectIn, type ObjectState } from '../object-state';
import { isWithinPath, parseValuePath } from '../value-path';
import { joinPath, schemaHint, type Usable, type ValidationState } from './validation-state';

/** The target after the changeset, reporting where the target is not what the changeset expects. */
export function applyToTarget(state: ValidationState): ObjectState | undefined {
  if (state.target === null) return undefined;
  let applied: { state: ObjectState; conflicts: ApplyConflict[] };
  try {
    applied = applyChangeset(
      state.target,
      state.usable.map((entry) => entry.operation),
    );
  } catch (error) {
    state.add(
      'error',
      'schema',
      null,
      'operations',
      `the changeset cannot be applied: ${error instanceof Error ? error.message : String(error)}`,
      'Fix the operations so they hold plain JSON objects.',
    );
    return undefined;
  }
  for (const conflict of applied.conflicts) {
    const entry = state.usable[conflict.operation] as Usable;
    state.add(
      'warning',
      'target-conflict',
      entry.index,
      conflictPath(entry, conflict),
      conflict.message,
      conflictHint(entry.operation, conflict),
    );
  }
  for (const entry of state.usable) {
    if (entry.operation.op === 'update') checkUpdatedSchema(state, entry, applied.state);
  }
  return applied.state;
}

/** Problems in an updated object that lie in what the update wrote; the target's own are not ours. */
function checkUpdatedSchema(state: ValidationState, entry: Usable, after: ObjectState): void {
  const operation = entry.operation as Extract<ChangesetOperation, { op: 'update' }>;
  const updated = objectIn(after, operation.type, operation.key);
  if (updated === undefined) return;
  const label = operationLabel(entry.index, operation);
  for (const issue of checkCanonicalObject(operation.type, updated, state.types)) {
    const issuePath = issue.path === '' ? [] : parseValuePath(issue.path);
    const changeIndex = entry.paths.findIndex(
      (path) => isWithinPath(issuePath, path) || isWithinPath(path, issuePath),
    );
    const changePath = entry.paths[changeIndex];
    if (changePath === undefined) continue;
    const base = `operations[${entry.index}].changes[${changeIndex}]`;
    const path = isWithinPath(issuePath, changePath)
      ? joinPath(`${base}.after`, formatDiffPath(issuePath.slice(changePath.length)))
      : base;
    state.add(
      'error',
      'schema',
      entry.index,
      path,
      `${label}: after this update, ${issue.path === '' ? 'the object' : issue.path}: ${issue.message}`,
      schemaHint(issue.path),
    );
  }
}

function conflictPath(entry: Usable, conflict: ApplyConflict): string {
  const base = `operations[${entry.index}]`;
  if (conflict.reason === 'missing') return base;
  if (entry.operation.op === 'create') return `${base}.body`;
  if (entry.operation.op === 'delete') return `${base}.before`;
  return conflict.change === undefined ? base : `${base}.changes[${conflict.change}].before`;
}

function conflictHint(operation: ChangesetOperation, conflict: ApplyConflict): string {
  if (conflict.reason === 'exists') {
    return 'The object already exists in the target with other content: turn the create into an update, or check the target is the one you meant.';
  }
  if (conflict.reason === 'missing') {
    return operation.op === 'delete'
      ? 'There is nothing to delete in the target: remove the operation, or check the target is the one you meant.'
      : 'The object is not in the target: add a create operation for it (or promote one first), or check the target is the one you meant.';
  }
  return 'The target changed since the changeset was written: take a fresh snapshot and re-pick the change, or check it is still wanted.';
}
