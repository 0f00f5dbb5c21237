import type { ChangesetOperation } from '../model/changeset';

type FieldChange = Extract<ChangesetOperation, { op: 'update' }>['changes'][number];

/**
 * The operations that undo `operations`: applied after them they give back the state before
 * (a rollback). Later operations are undone first, a create becomes a delete of what it created
 * and the reverse, and an update runs its changes backwards with `before` and `after` swapped.
 */
export function invertOperations(operations: readonly ChangesetOperation[]): ChangesetOperation[] {
  return [...operations].reverse().map((operation): ChangesetOperation => {
    switch (operation.op) {
      case 'create':
        return { op: 'delete', type: operation.type, key: operation.key, before: operation.body };
      case 'delete':
        return { op: 'create', type: operation.type, key: operation.key, body: operation.before };
      case 'update':
        return {
          op: 'update',
          type: operation.type,
          key: operation.key,
          changes: [...operation.changes].reverse().map(invertChange),
        };
    }
  });
}

function invertChange(change: FieldChange): FieldChange {
  // Absent stays absent (no key at all), so the inverse of a removal is an addition.
  return {
    path: change.path,
    ...(change.after === undefined ? {} : { before: change.after }),
    ...(change.before === undefined ? {} : { after: change.before }),
  };
}
