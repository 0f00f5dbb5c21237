/**
 * Validation phase 1, one operation at a time: the operation's shape, a known type, one operation
 * per object, a body that fits the type's schema and keeps the operation's key, update paths that
 * parse and do not rename. Apart because it is the only phase that looks at raw input; what it lets
 * through (`state.usable`) is what every later phase may trust.
 */
import { formatDiffPath } from '../../diff/diff-path';
import { cloneJson, isJsonObject } from '../../model/canonical/json-value';
import type { ChangesetOperation } from '../../model/changeset';
import { keyFields, objectKeyOf } from '../../model/object-types/object-key';
import { objectTypeIds, type ObjectTypeDefinition } from '../../model/object-types/object-type-definition';
import { operationLabel } from '../apply-changeset';
import { checkCanonicalObject } from '../canonical-schema';
import { objectId } from '../object-references';
import { parseValuePath, type ValuePath } from '../value-path';
import { parameterNameProblem } from '../../parameters/parameter-name';
import { parameterSlots } from '../../parameters/parameter-marker';
import { joinPath, schemaHint, type ValidationState } from './validation-state';

export function checkOperations(state: ValidationState): void {
  const seen = new Map<string, number>();
  state.operations.forEach((raw, index) => {
    const operation = wellFormed(state, raw, index);
    if (operation === undefined) return;
    const label = operationLabel(index, operation);
    checkParameterNames(state, operation, index, label);
    const id = objectId(operation.type, operation.key);
    const first = seen.get(id);
    if (first === undefined) seen.set(id, index);
    else {
      state.add(
        'error',
        'duplicate-object',
        index,
        `operations[${index}]`,
        `${label}: operation ${first + 1} already changes ${state.name(operation.type, operation.key)}`,
        `Keep one operation per object: fold this one into operation ${first + 1}, or remove it.`,
      );
    }
    const definition = state.types(operation.type);
    if (definition === undefined) {
      state.add(
        'error',
        'unknown-type',
        index,
        `operations[${index}].type`,
        `${label}: unknown object type "${operation.type}"`,
        `Use one of the managed types: ${objectTypeIds.join(', ')}.`,
      );
      return;
    }
    if (operation.op === 'update') {
      const paths = updatePaths(state, operation, index, label, definition);
      if (paths !== undefined) state.usable.push({ index, operation, paths });
      return;
    }
    const field = operation.op === 'create' ? 'body' : 'before';
    const value = operation.op === 'create' ? operation.body : operation.before;
    checkSchema(state, operation.type, value, index, `operations[${index}].${field}`, label);
    const key = objectKeyOf(definition, value) ?? value[definition.naturalKey];
    if (typeof key === 'string' && key !== '' && key !== operation.key) {
      state.add(
        'error',
        'key-mismatch',
        index,
        joinPath(`operations[${index}].${field}`, formatDiffPath([definition.naturalKey])),
        `${label}: the ${field}'s ${definition.naturalKey} is ${JSON.stringify(key)} but the operation's key is ${JSON.stringify(operation.key)}`,
        `Make them the same: the key is how the object is found in every environment. To rename, delete the old object and create the new one.`,
      );
    }
    if (operation.op === 'create') state.created.set(id, index);
    else state.deleted.set(id, index);
    state.usable.push({ index, operation, paths: [] });
  });
}

/** Checks the operation's shape; what is wrong is reported and the operation left out. */
function wellFormed(state: ValidationState, raw: unknown, index: number): ChangesetOperation | undefined {
  const at = `operations[${index}]`;
  const bad = (path: string, message: string, hint: string): undefined => {
    state.add('error', 'schema', index, path, `operation ${index + 1}: ${message}`, hint);
    return undefined;
  };
  if (!isJsonObject(raw)) return bad(at, 'is not an object', 'Each operation is {"op", "type", "key", …}.');
  if (raw.op !== 'create' && raw.op !== 'update' && raw.op !== 'delete') {
    return bad(
      `${at}.op`,
      'op must be create, update or delete',
      'Set "op" to "create", "update" or "delete".',
    );
  }
  if (typeof raw.type !== 'string')
    return bad(`${at}.type`, 'type must be a string', 'Name the object type, e.g. "routing.queue".');
  if (typeof raw.key !== 'string' || raw.key === '') {
    return bad(
      `${at}.key`,
      'key must be a non-empty string',
      "Give the object's natural key (usually its name).",
    );
  }
  const field = raw.op === 'create' ? 'body' : raw.op === 'delete' ? 'before' : 'changes';
  const value = raw[field];
  if (raw.op === 'update') {
    if (!Array.isArray(value) || value.length === 0) {
      return bad(
        `${at}.changes`,
        'an update needs a non-empty list of changes',
        'List the changes as {"path", "before", "after"}.',
      );
    }
    for (const [changeIndex, change] of value.entries()) {
      if (!isJsonObject(change) || typeof change.path !== 'string') {
        return bad(
          `${at}.changes[${changeIndex}]`,
          'a change needs a path',
          'Each change is {"path", "before", "after"}.',
        );
      }
    }
  } else if (!isJsonObject(value)) {
    return bad(`${at}.${field}`, `${field} must be an object`, `Give the whole object as "${field}".`);
  }
  try {
    cloneJson(raw);
  } catch (error) {
    return bad(
      at,
      error instanceof Error ? error.message : String(error),
      'Keep the changeset to plain JSON values.',
    );
  }
  return raw as unknown as ChangesetOperation;
}

function updatePaths(
  state: ValidationState,
  operation: Extract<ChangesetOperation, { op: 'update' }>,
  index: number,
  label: string,
  definition: Pick<ObjectTypeDefinition, 'naturalKey' | 'keyScope'>,
): ValuePath[] | undefined {
  const paths: ValuePath[] = [];
  let usable = true;
  operation.changes.forEach((change, changeIndex) => {
    let segments: ValuePath;
    try {
      segments = parseValuePath(change.path);
    } catch (error) {
      usable = false;
      state.add(
        'error',
        'schema',
        index,
        `operations[${index}].changes[${changeIndex}].path`,
        `${label}: ${error instanceof Error ? error.message : String(error)}`,
        'Write a path to one field or element, e.g. acwSettings.timeoutMs, rows[2] or ["Phone Number"].',
      );
      return;
    }
    paths.push(segments);
    // A flow's key is `<type>/<name>`: neither its name nor its type may change in an update.
    const keyPart = keyFields(definition, operation.key);
    const keyField = segments.length === 1 ? segments[0] : undefined;
    const expected =
      typeof keyField === 'string' && keyPart !== undefined && Object.hasOwn(keyPart, keyField)
        ? keyPart[keyField]
        : undefined;
    if (typeof keyField === 'string' && expected !== undefined && change.after !== expected) {
      state.add(
        'error',
        'key-mismatch',
        index,
        `operations[${index}].changes[${changeIndex}].after`,
        `${label}: the change sets ${keyField} to ${change.after === undefined ? 'nothing' : JSON.stringify(change.after)}, but the ${keyField} is part of the object's key`,
        'An update cannot rename an object: delete it and create it under the new key instead.',
      );
    }
  });
  return usable ? paths : undefined;
}

function checkSchema(
  state: ValidationState,
  type: string,
  value: unknown,
  index: number,
  base: string,
  label: string,
): void {
  for (const issue of checkCanonicalObject(type, value, state.types)) {
    state.add(
      'error',
      'schema',
      index,
      joinPath(base, issue.path),
      `${label}: ${issue.path === '' ? '' : `${issue.path}: `}${issue.message}`,
      schemaHint(issue.path),
    );
  }
}

/** A `{"$param": …}` whose name could never be set (a dot, a slash) is a mistake to report now, not at plan time. */
function checkParameterNames(
  state: ValidationState,
  operation: ChangesetOperation,
  index: number,
  label: string,
): void {
  const values: [string, unknown][] =
    operation.op === 'update'
      ? operation.changes.flatMap((change, changeIndex): [string, unknown][] => [
          [`operations[${index}].changes[${changeIndex}].before`, change.before],
          [`operations[${index}].changes[${changeIndex}].after`, change.after],
        ])
      : [
          [
            `operations[${index}].${operation.op === 'create' ? 'body' : 'before'}`,
            operation.op === 'create' ? operation.body : operation.before,
          ],
        ];
  for (const [base, value] of values) {
    for (const slot of parameterSlots(value)) {
      const problem = parameterNameProblem(slot.name);
      if (problem === null) continue;
      state.add(
        'error',
        'schema',
        index,
        joinPath(base, slot.path),
        `${label}: the parameter ${JSON.stringify(slot.name.slice(0, 80))} cannot exist: ${problem}`,
        'Rename it, e.g. billingCallingNumber.',
      );
    }
  }
}
