import { applyChangeset } from '../../../../shared/changeset/apply-changeset';
import { objectIn } from '../../../../shared/changeset/object-state';
import { operationsFromFieldChanges } from '../../../../shared/changeset/operations-from-selection';
import { diffObjects } from '../../../../shared/diff/diff-objects';
import { normalizeCanonical } from '../../../../shared/model/canonical/canonicalize';
import { isJsonObject, type JsonObject } from '../../../../shared/model/canonical/json-value';
import type { Changeset, ChangesetOperation } from '../../../../shared/model/changeset';
import { keyFields } from '../../../../shared/model/object-types/object-key';
import { findObjectType } from '../../../../shared/model/object-types/registry';

/**
 * The editor shows and edits an operation as the object it leaves behind; these functions go
 * between that object and the operation. `base` is the object in the chosen target, which an
 * update needs (its changes only make sense against it).
 */

/** The object as the operation leaves it; undefined for a delete, or an update without its base. */
export function operationValue(
  operation: ChangesetOperation,
  base: JsonObject | undefined,
): JsonObject | undefined {
  if (operation.op === 'create') return operation.body as JsonObject;
  if (operation.op === 'delete' || base === undefined) return undefined;
  const state = new Map([[operation.type, new Map([[operation.key, base]])]]);
  return objectIn(applyChangeset(state, [operation]).state, operation.type, operation.key);
}

/** The object before the operation: the target's for an update or delete, nothing for a create. */
export function operationBefore(
  operation: ChangesetOperation,
  base: JsonObject | undefined,
): JsonObject | undefined {
  if (operation.op === 'create') return undefined;
  if (operation.op === 'delete') return operation.before as JsonObject;
  return base;
}

/**
 * The operation that turns `base` into `value`. An update keeps one change per edited field,
 * so it stays small and says exactly what moved; it may have no change at all while the user is
 * still editing (`isEmptyUpdate`), which is not saved.
 */
export function operationFromValue(
  operation: ChangesetOperation,
  base: JsonObject | undefined,
  value: JsonObject,
): ChangesetOperation {
  const normalized = findObjectType(operation.type) ? normalizeCanonical(operation.type, value) : value;
  if (operation.op === 'create') return { ...operation, body: normalized };
  if (operation.op === 'delete' || base === undefined) return operation;
  const { changes } = diffObjects(operation.type, base, normalized);
  const [update] = operationsFromFieldChanges(operation.type, operation.key, base, normalized, changes);
  return {
    op: 'update',
    type: operation.type,
    key: operation.key,
    changes: update?.op === 'update' ? update.changes : [],
  };
}

/** An edit as the draft can hold it, or why it cannot (what and where), for the person to fix. */
export type DraftEdit = { ok: true; operation: ChangesetOperation } | { ok: false; problem: string };

/**
 * `operationFromValue` for an edit a person made: a value the type's rules refuse (a flow renamed
 * while its configuration still names the old flow, a number that is not JSON) is not thrown away
 * but answered with a sentence naming the object, the field and what to do, so the caller keeps
 * the edit and blocks Save on it.
 */
export function draftEdit(
  operation: ChangesetOperation,
  base: JsonObject | undefined,
  value: JsonObject,
): DraftEdit {
  try {
    return { ok: true, operation: operationFromValue(operation, base, value) };
  } catch (error) {
    const detail = errorText(error);
    return {
      ok: false,
      problem: `This edit of ${operation.key} cannot be kept in the changeset yet: ${detail} Fix it in the form or the JSON view; putting the field back as it was also clears this.`,
    };
  }
}

/**
 * The object an edit the draft could not take stands for (its JSON kept as the object's pending
 * text), so the form goes on showing it; undefined when that text is not a JSON object yet.
 */
export function keptEdit(text: string | undefined): JsonObject | undefined {
  if (text === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    return isJsonObject(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function errorText(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

export function isEmptyUpdate(operation: ChangesetOperation): boolean {
  return operation.op === 'update' && operation.changes.length === 0;
}

/** What is saved: updates that change nothing are left out (the schema refuses them). */
export function savableDraft(draft: Changeset): Changeset {
  return { ...draft, operations: draft.operations.filter((operation) => !isEmptyUpdate(operation)) };
}

/**
 * A new object of a type: the fields its key stands for and nothing else; the form fills in the
 * rest. A scoped key fills its scope too: `INBOUNDCALL/Main Menu` → `{type, name}`, never a flow
 * named after its own key. A key that does not parse (no scope) is kept whole as the name, so
 * the form shows what the user typed and validation says what is missing.
 */
export function newObjectBody(type: string, key: string): JsonObject {
  const definition = findObjectType(type);
  if (definition === undefined) return { name: key };
  return keyFields(definition, key) ?? { [definition.naturalKey]: key };
}

export function objectId(type: string, key: string): string {
  return `${type}\u0000${key}`;
}
