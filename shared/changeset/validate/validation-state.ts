/**
 * What every phase of changeset validation shares: the finding types callers see, the operations
 * good enough to reason about, what the changeset creates, deletes and requires, and the list the
 * findings are added to. Apart so each phase (shape, requires, target, references, order) can be
 * read alone against one small, named state instead of the fields of one long class.
 */
import { formatDiffPath } from '../../diff/diff-path';
import { flowTypeWords } from '../../flows/object-key-words';
import { describeObjectKey } from '../../model/object-types/object-key';
import type { Changeset, ChangesetOperation } from '../../model/changeset';
import type { TypeLookup } from '../object-references';
import type { ObjectState } from '../object-state';
import { isWithinPath, parseValuePath, type ValuePath } from '../value-path';

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
  | 'target-conflict'
  /** Two objects given a value only one may hold (an IVR's DNIS number; the type's `uniqueValues`). */
  | 'unique-value-clash'
  /** A `{"$param"}` the target environment cannot resolve (issue 15). */
  | 'parameter-unresolved';

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

/** An operation good enough to reason about: right shape, known type, paths that parse. */
export interface Usable {
  index: number;
  operation: ChangesetOperation;
  /** Parsed change paths of an update. */
  paths: ValuePath[];
}

export class ValidationState {
  readonly findings: ValidationFinding[] = [];
  readonly operations: readonly unknown[];
  readonly requires: readonly unknown[];
  /** Filled by the shape phase; later phases reason about these only. */
  readonly usable: Usable[] = [];
  /** Object id → index of the operation that creates it. */
  readonly created = new Map<string, number>();
  /** Object id → index of the operation that deletes it. */
  readonly deleted = new Map<string, number>();
  /** Object ids listed in `requires`. */
  readonly required = new Set<string>();

  constructor(
    changeset: Pick<Changeset, 'operations' | 'requires'>,
    readonly target: ObjectState | null,
    readonly types: TypeLookup,
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

  add(
    severity: FindingSeverity,
    code: FindingCode,
    operation: number | null,
    path: string,
    message: string,
    hint: string,
  ): void {
    this.findings.push({ severity, code, operation, path, message, hint });
  }

  name(type: string, key: string): string {
    const definition = this.types(type);
    // A scoped key is read in words: flow "Main Menu (inbound call)", never "INBOUNDCALL/Main Menu".
    const words = definition === undefined ? key : describeObjectKey(definition, key, flowTypeWords);
    return `${definition?.label.toLowerCase() ?? type} ${JSON.stringify(words)}`;
  }
}

/** `operations[2].body` + `bullseye.rings[0]` → `operations[2].body.bullseye.rings[0]`. */
export function joinPath(base: string, inner: string): string {
  if (inner === '') return base;
  return inner.startsWith('[') ? `${base}${inner}` : `${base}.${inner}`;
}

/** Path in the document of a reference written by an update's change. */
export function afterPath(
  index: number,
  changeIndex: number,
  changePath: ValuePath,
  referencePath: string,
): string {
  const segments = parseValuePath(referencePath);
  const inner = isWithinPath(segments, changePath) ? formatDiffPath(segments.slice(changePath.length)) : '';
  return joinPath(`operations[${index}].changes[${changeIndex}].after`, inner);
}

export function schemaHint(path: string): string {
  return path === ''
    ? 'Fix the object so it matches its type.'
    : `Fix ${path} so it matches the type's schema (the editor's completion shows what fits there).`;
}
