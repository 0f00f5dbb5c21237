import { referenceTypeLabel } from '../model/object-types/unmanaged-reference-types';
import { formatDiffPath } from '../diff/diff-path';
import { cloneJson, isJsonObject, type JsonValue } from '../model/canonical/json-value';
import type { Changeset, ChangesetOperation } from '../model/changeset';
import { objectTypeIds } from '../model/object-types/object-type-definition';
import { findObjectType } from '../model/object-types/registry';
import { applyChangeset, operationLabel, type ApplyConflict } from './apply-changeset';
import { checkCanonicalObject } from './canonical-schema';
import {
  distinctReferrers,
  indexReferrers,
  objectId,
  referencesInChange,
  referencesOf,
  unnamedReferencesInChange,
  unnamedReferencesOf,
  type Referrer,
  type TypeLookup,
} from './object-references';
import { objectIn, type ObjectState } from './object-state';
import { isWithinPath, parseValuePath, type ValuePath } from './value-path';

export type FindingSeverity = 'error' | 'warning';

export type FindingCode =
  | 'unknown-type'
  | 'schema'
  | 'key-mismatch'
  | 'duplicate-object'
  | 'unresolved-reference'
  | 'required-missing'
  | 'still-referenced'
  | 'dependency-cycle'
  | 'target-conflict';

export interface ValidationFinding {
  severity: FindingSeverity;
  code: FindingCode;
  /** Index of the operation (from 0), or null for findings about `requires` or the whole changeset. */
  operation: number | null;
  /** Where in the changeset document, e.g. `operations[1].changes[0].after` or `requires[0]`. */
  path: string;
  message: string;
  /** What to do about it. */
  hint: string;
}

export interface ValidationResult {
  findings: ValidationFinding[];
  /** No errors (warnings allowed). */
  valid: boolean;
  /**
   * Operation indices in the order to run them: creates and updates by dependency level (an
   * operation after those creating what it refers to), then deletes, referrers before what they
   * refer to. Ties keep the changeset's order. Empty when there is a cycle.
   */
  order: number[];
}

export interface ValidateOptions {
  /** Where type definitions come from; the registry unless a test injects its own. */
  types?: TypeLookup;
}

/**
 * Everything wrong with a changeset, alone (`target` null) or against a target's state. Never
 * throws: malformed input becomes findings.
 *
 * References to managed types in create bodies and update `after` values must resolve:
 * - with a target, to an object in the target after the changeset is applied; a reference to an
 *   object the changeset deletes is reported once, as `still-referenced` on the delete, and one to
 *   an object listed in `requires` once, as `required-missing`;
 * - without one, only what the changeset creates or `requires` lists is known, so anything else is
 *   a warning (it may well exist in the target), except a reference to an object the changeset
 *   deletes, which cannot resolve anywhere.
 * References to unmanaged types (flows, prompts) are not checked: Ferry cannot know them.
 * A reference that kept only another org's id is an error wherever it points.
 */
export function validateChangeset(
  changeset: Pick<Changeset, 'operations' | 'requires'>,
  target: ObjectState | null,
  options: ValidateOptions = {},
): ValidationResult {
  return new Validation(changeset, target, options.types ?? findObjectType).run();
}

/** An operation good enough to reason about: right shape, known type, paths that parse. */
interface Usable {
  index: number;
  operation: ChangesetOperation;
  /** Parsed change paths of an update. */
  paths: ValuePath[];
}

interface FoundReference {
  targetType: string;
  key: string;
  /** Path in the changeset document. */
  documentPath: string;
}

class Validation {
  private readonly findings: ValidationFinding[] = [];
  private readonly operations: readonly unknown[];
  private readonly requires: readonly unknown[];
  private readonly usable: Usable[] = [];
  private readonly created = new Map<string, number>();
  private readonly deleted = new Map<string, number>();
  private readonly required = new Set<string>();

  constructor(
    changeset: Pick<Changeset, 'operations' | 'requires'>,
    private readonly target: ObjectState | null,
    private readonly types: TypeLookup,
  ) {
    const raw = changeset as { operations?: unknown; requires?: unknown };
    this.operations = Array.isArray(raw.operations) ? raw.operations : [];
    this.requires = Array.isArray(raw.requires) ? raw.requires : [];
    if (!Array.isArray(raw.operations)) {
      this.add(
        'error',
        'schema',
        null,
        'operations',
        'the changeset has no list of operations',
        'Add "operations": [].',
      );
    }
  }

  run(): ValidationResult {
    this.checkOperations();
    this.checkRequires();
    const result = this.applyToTarget();
    this.checkReferences(result);
    if (result !== undefined) this.checkStillReferenced(result);
    const order = this.dependencyOrder();
    const findings = this.findings
      .map((finding, position) => ({ finding, position }))
      .sort(
        (left, right) =>
          (left.finding.operation ?? Infinity) - (right.finding.operation ?? Infinity) ||
          left.position - right.position,
      )
      .map(({ finding }) => finding);
    return { findings, valid: !findings.some((finding) => finding.severity === 'error'), order };
  }

  private add(
    severity: FindingSeverity,
    code: FindingCode,
    operation: number | null,
    path: string,
    message: string,
    hint: string,
  ): void {
    this.findings.push({ severity, code, operation, path, message, hint });
  }

  private name(type: string, key: string): string {
    return `${this.types(type)?.label.toLowerCase() ?? type} ${JSON.stringify(key)}`;
  }

  // ---- one operation at a time ------------------------------------------------------------

  private checkOperations(): void {
    const seen = new Map<string, number>();
    this.operations.forEach((raw, index) => {
      const operation = this.wellFormed(raw, index);
      if (operation === undefined) return;
      const label = operationLabel(index, operation);
      const id = objectId(operation.type, operation.key);
      const first = seen.get(id);
      if (first === undefined) seen.set(id, index);
      else {
        this.add(
          'error',
          'duplicate-object',
          index,
          `operations[${index}]`,
          `${label}: operation ${first + 1} already changes ${this.name(operation.type, operation.key)}`,
          `Keep one operation per object: fold this one into operation ${first + 1}, or remove it.`,
        );
      }
      const definition = this.types(operation.type);
      if (definition === undefined) {
        this.add(
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
        const paths = this.updatePaths(operation, index, label, definition.naturalKey);
        if (paths !== undefined) this.usable.push({ index, operation, paths });
        return;
      }
      const field = operation.op === 'create' ? 'body' : 'before';
      const value = operation.op === 'create' ? operation.body : operation.before;
      this.checkSchema(operation.type, value, index, `operations[${index}].${field}`, label);
      const key = value[definition.naturalKey];
      if (typeof key === 'string' && key !== '' && key !== operation.key) {
        this.add(
          'error',
          'key-mismatch',
          index,
          joinPath(`operations[${index}].${field}`, formatDiffPath([definition.naturalKey])),
          `${label}: the ${field}'s ${definition.naturalKey} is ${JSON.stringify(key)} but the operation's key is ${JSON.stringify(operation.key)}`,
          `Make them the same: the key is how the object is found in every environment. To rename, delete the old object and create the new one.`,
        );
      }
      if (operation.op === 'create') this.created.set(id, index);
      else this.deleted.set(id, index);
      this.usable.push({ index, operation, paths: [] });
    });
  }

  /** Checks the operation's shape; what is wrong is reported and the operation left out. */
  private wellFormed(raw: unknown, index: number): ChangesetOperation | undefined {
    const at = `operations[${index}]`;
    const bad = (path: string, message: string, hint: string): undefined => {
      this.add('error', 'schema', index, path, `operation ${index + 1}: ${message}`, hint);
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

  private updatePaths(
    operation: Extract<ChangesetOperation, { op: 'update' }>,
    index: number,
    label: string,
    naturalKey: string,
  ): ValuePath[] | undefined {
    const paths: ValuePath[] = [];
    let usable = true;
    operation.changes.forEach((change, changeIndex) => {
      let segments: ValuePath;
      try {
        segments = parseValuePath(change.path);
      } catch (error) {
        usable = false;
        this.add(
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
      if (segments.length === 1 && segments[0] === naturalKey && change.after !== operation.key) {
        this.add(
          'error',
          'key-mismatch',
          index,
          `operations[${index}].changes[${changeIndex}].after`,
          `${label}: the change sets ${naturalKey} to ${change.after === undefined ? 'nothing' : JSON.stringify(change.after)}, but the ${naturalKey} is the object's key`,
          'An update cannot rename an object: delete it and create it under the new key instead.',
        );
      }
    });
    return usable ? paths : undefined;
  }

  private checkSchema(type: string, value: unknown, index: number, base: string, label: string): void {
    for (const issue of checkCanonicalObject(type, value, this.types)) {
      this.add(
        'error',
        'schema',
        index,
        joinPath(base, issue.path),
        `${label}: ${issue.path === '' ? '' : `${issue.path}: `}${issue.message}`,
        schemaHint(issue.path),
      );
    }
  }

  private checkRequires(): void {
    this.requires.forEach((raw, index) => {
      if (!isJsonObject(raw) || typeof raw.type !== 'string' || typeof raw.key !== 'string') {
        this.add(
          'error',
          'schema',
          null,
          `requires[${index}]`,
          `requires[${index}] must be {"type", "key"}`,
          'Name the object as {"type", "key"}.',
        );
        return;
      }
      if (this.types(raw.type) === undefined) {
        this.add(
          'error',
          'unknown-type',
          null,
          `requires[${index}].type`,
          `requires[${index}]: unknown object type "${raw.type}"`,
          `Use one of the managed types: ${objectTypeIds.join(', ')}.`,
        );
        return;
      }
      const id = objectId(raw.type, raw.key);
      this.required.add(id);
      if (
        this.target === null ||
        objectIn(this.target, raw.type, raw.key) !== undefined ||
        this.created.has(id)
      )
        return;
      this.add(
        'error',
        'required-missing',
        null,
        `requires[${index}]`,
        `${this.name(raw.type, raw.key)} must already exist in the target, and it does not`,
        `Promote the ${this.name(raw.type, raw.key)} to the target first, or add a create operation for it to this changeset.`,
      );
    });
  }

  // ---- against the target -----------------------------------------------------------------

  /** The target after the changeset, reporting where the target is not what the changeset expects. */
  private applyToTarget(): ObjectState | undefined {
    if (this.target === null) return undefined;
    let applied: { state: ObjectState; conflicts: ApplyConflict[] };
    try {
      applied = applyChangeset(
        this.target,
        this.usable.map((entry) => entry.operation),
      );
    } catch (error) {
      this.add(
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
      const entry = this.usable[conflict.operation] as Usable;
      this.add(
        'warning',
        'target-conflict',
        entry.index,
        conflictPath(entry, conflict),
        conflict.message,
        conflictHint(entry.operation, conflict),
      );
    }
    for (const entry of this.usable) {
      if (entry.operation.op === 'update') this.checkUpdatedSchema(entry, applied.state);
    }
    return applied.state;
  }

  /** Problems in an updated object that lie in what the update wrote; the target's own are not ours. */
  private checkUpdatedSchema(entry: Usable, state: ObjectState): void {
    const operation = entry.operation as Extract<ChangesetOperation, { op: 'update' }>;
    const updated = objectIn(state, operation.type, operation.key);
    if (updated === undefined) return;
    const label = operationLabel(entry.index, operation);
    for (const issue of checkCanonicalObject(operation.type, updated, this.types)) {
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
      this.add(
        'error',
        'schema',
        entry.index,
        path,
        `${label}: after this update, ${issue.path === '' ? 'the object' : issue.path}: ${issue.message}`,
        schemaHint(issue.path),
      );
    }
  }

  private referencesOfOperation(entry: Usable): FoundReference[] {
    const { operation, index } = entry;
    if (operation.op === 'delete') return [];
    if (operation.op === 'create') {
      return referencesOf(operation.type, operation.body as JsonValue, this.types).map((reference) => ({
        targetType: reference.targetType,
        key: reference.key,
        documentPath: joinPath(`operations[${index}].body`, reference.path),
      }));
    }
    return operation.changes.flatMap((change, changeIndex) => {
      const path = entry.paths[changeIndex] as ValuePath;
      return referencesInChange(operation.type, path, change.after as JsonValue | undefined, this.types).map(
        (reference) => ({
          targetType: reference.targetType,
          key: reference.key,
          documentPath: afterPath(index, changeIndex, path, reference.path),
        }),
      );
    });
  }

  private checkReferences(result: ObjectState | undefined): void {
    for (const entry of this.usable) {
      const { operation, index } = entry;
      const label = operationLabel(index, operation);
      for (const reference of this.referencesOfOperation(entry)) {
        if (this.types(reference.targetType) === undefined) continue;
        const id = objectId(reference.targetType, reference.key);
        if (reference.targetType === operation.type && reference.key === operation.key) continue;
        const name = this.name(reference.targetType, reference.key);
        const deletedBy = this.deleted.get(id);
        if (result !== undefined) {
          if (objectIn(result, reference.targetType, reference.key) !== undefined) continue;
          if (deletedBy !== undefined || this.required.has(id)) continue;
          this.add(
            'error',
            'unresolved-reference',
            index,
            reference.documentPath,
            `${label}: refers to ${name}, which is not in the target and not created by this changeset`,
            `Add a create operation for ${name}, list it under requires if it will be promoted first, or remove the reference.`,
          );
          continue;
        }
        if (this.created.has(id) || this.required.has(id)) continue;
        if (deletedBy !== undefined) {
          this.add(
            'error',
            'unresolved-reference',
            index,
            reference.documentPath,
            `${label}: refers to ${name}, which operation ${deletedBy + 1} deletes`,
            `Keep ${name} (drop its delete), or remove the reference.`,
          );
          continue;
        }
        this.add(
          'warning',
          'unresolved-reference',
          index,
          reference.documentPath,
          `${label}: refers to ${name}, which this changeset does not create; it must exist in the target`,
          `Add a create operation for ${name}, or list it under requires so promotion checks the target has it.`,
        );
      }
      for (const unnamed of this.unnamedReferencesOfOperation(entry)) {
        this.add(
          'error',
          'unresolved-reference',
          index,
          unnamed.documentPath,
          `${label}: a reference to a ${this.types(unnamed.targetType)?.label.toLowerCase() ?? referenceTypeLabel(unnamed.targetType)} has no name, only an id from another org`,
          `Write it as {"$ref": "${unnamed.targetType}", "name": "<its name>"}, or remove it.`,
        );
      }
    }
  }

  private unnamedReferencesOfOperation(entry: Usable): { targetType: string; documentPath: string }[] {
    const { operation, index } = entry;
    if (operation.op === 'delete') return [];
    if (operation.op === 'create') {
      return unnamedReferencesOf(operation.type, operation.body as JsonValue, this.types).map(
        (reference) => ({
          targetType: reference.targetType,
          documentPath: joinPath(`operations[${index}].body`, reference.path),
        }),
      );
    }
    return operation.changes.flatMap((change, changeIndex) => {
      const path = entry.paths[changeIndex] as ValuePath;
      return unnamedReferencesInChange(
        operation.type,
        path,
        change.after as JsonValue | undefined,
        this.types,
      ).map((reference) => ({
        targetType: reference.targetType,
        documentPath: afterPath(index, changeIndex, path, reference.path),
      }));
    });
  }

  private checkStillReferenced(result: ObjectState): void {
    let index: ReadonlyMap<string, Referrer[]> | undefined;
    for (const entry of this.usable) {
      const { operation } = entry;
      if (operation.op !== 'delete') continue;
      index ??= indexReferrers(result, this.types);
      const referrers = distinctReferrers(index.get(objectId(operation.type, operation.key)) ?? []).filter(
        (referrer) => referrer.type !== operation.type || referrer.key !== operation.key,
      );
      if (referrers.length === 0) continue;
      const shown = referrers.slice(0, 5).map((referrer) => this.name(referrer.type, referrer.key));
      const more = referrers.length - shown.length;
      this.add(
        'error',
        'still-referenced',
        entry.index,
        `operations[${entry.index}]`,
        `${operationLabel(entry.index, operation)}: ${referrers.length} object${referrers.length === 1 ? '' : 's'} would still refer to it: ${shown.join(', ')}${more > 0 ? ` and ${more} more` : ''}`,
        'Remove those references in this changeset (update the objects that refer to it), or keep the object.',
      );
    }
  }

  // ---- order ------------------------------------------------------------------------------

  private dependencyOrder(): number[] {
    const writes = this.usable.filter((entry) => entry.operation.op !== 'delete');
    const deletes = this.usable.filter((entry) => entry.operation.op === 'delete');
    const writeDependencies = new Map<number, number[]>();
    for (const entry of writes) {
      const needs = this.referencesOfOperation(entry)
        .map((reference) => this.created.get(objectId(reference.targetType, reference.key)))
        .filter((other): other is number => other !== undefined && other !== entry.index);
      writeDependencies.set(entry.index, [...new Set(needs)]);
    }
    const deleteDependencies = new Map<number, number[]>();
    for (const entry of deletes) {
      const operation = entry.operation as Extract<ChangesetOperation, { op: 'delete' }>;
      const needs = referencesOf(operation.type, operation.before as JsonValue, this.types)
        .map((reference) => this.deleted.get(objectId(reference.targetType, reference.key)))
        .filter((other): other is number => other !== undefined && other !== entry.index);
      deleteDependencies.set(entry.index, [...new Set(needs)]);
    }
    const writeLevels = this.levels(writeDependencies);
    const deleteLevels = this.levels(deleteDependencies);
    if (writeLevels === undefined || deleteLevels === undefined) return [];

    const usableIndices = new Set(this.usable.map((entry) => entry.index));
    const rest = this.operations.map((_, index) => index).filter((index) => !usableIndices.has(index));
    const byLevel =
      (levels: ReadonlyMap<number, number>, direction: 1 | -1) => (left: number, right: number) =>
        direction * ((levels.get(left) ?? 0) - (levels.get(right) ?? 0)) || left - right;
    return [
      ...[...writeLevels.keys()].sort(byLevel(writeLevels, 1)),
      // Operations that could not be read keep their place among the writes' tail; the findings
      // already say they must be fixed first.
      ...rest,
      ...[...deleteLevels.keys()].sort(byLevel(deleteLevels, -1)),
    ];
  }

  /** Level of each node (0 = needs nothing here); undefined, with a finding, when there is a cycle. */
  private levels(dependencies: ReadonlyMap<number, readonly number[]>): Map<number, number> | undefined {
    const levels = new Map<number, number>();
    let progressed = true;
    while (progressed) {
      progressed = false;
      for (const [node, needs] of dependencies) {
        if (levels.has(node) || !needs.every((other) => levels.has(other))) continue;
        levels.set(node, Math.max(-1, ...needs.map((other) => levels.get(other) ?? 0)) + 1);
        progressed = true;
      }
    }
    if (levels.size === dependencies.size) return levels;
    const cycle = findCycle(
      [...dependencies.keys()].filter((node) => !levels.has(node)),
      dependencies,
      levels,
    );
    const first = cycle[0] as number;
    const names = cycle.map((node) => {
      const operation = (this.usable.find((entry) => entry.index === node) as Usable).operation;
      return this.name(operation.type, operation.key);
    });
    const deleting = (this.usable.find((entry) => entry.index === first) as Usable).operation.op === 'delete';
    this.add(
      'error',
      'dependency-cycle',
      first,
      `operations[${first}]`,
      `operations ${cycle
        .slice(0, -1)
        .map((node) => node + 1)
        .join(', ')} depend on each other in a cycle: ${names.join(' → ')}`,
      deleting
        ? 'Objects that refer to each other cannot be deleted in one go: first remove one reference with an update, then delete them in a later changeset.'
        : 'Break the cycle: leave one reference out here and add it with an update in a later changeset, once both objects exist.',
    );
    return undefined;
  }
}

/** Walks "needs" edges among the unplaced nodes, which must come back on itself. */
function findCycle(
  unplaced: readonly number[],
  dependencies: ReadonlyMap<number, readonly number[]>,
  placed: ReadonlyMap<number, number>,
): number[] {
  const path: number[] = [];
  const seenAt = new Map<number, number>();
  let current: number | undefined = unplaced[0];
  while (current !== undefined && !seenAt.has(current)) {
    seenAt.set(current, path.length);
    path.push(current);
    current = (dependencies.get(current) ?? []).find((other) => !placed.has(other));
  }
  if (current === undefined) return path;
  return [...path.slice(seenAt.get(current)), current];
}

/** `operations[2].body` + `bullseye.rings[0]` → `operations[2].body.bullseye.rings[0]`. */
function joinPath(base: string, inner: string): string {
  if (inner === '') return base;
  return inner.startsWith('[') ? `${base}${inner}` : `${base}.${inner}`;
}

/** Path in the document of a reference written by an update's change. */
function afterPath(index: number, changeIndex: number, changePath: ValuePath, referencePath: string): string {
  const segments = parseValuePath(referencePath);
  const inner = isWithinPath(segments, changePath) ? formatDiffPath(segments.slice(changePath.length)) : '';
  return joinPath(`operations[${index}].changes[${changeIndex}].after`, inner);
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

function schemaHint(path: string): string {
  return path === ''
    ? 'Fix the object so it matches its type.'
    : `Fix ${path} so it matches the type's schema (the editor's completion shows what fits there).`;
}
