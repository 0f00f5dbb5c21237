import type { JsonValue } from '../model/canonical/json-value';

export type DiffStatus = 'added' | 'removed' | 'changed' | 'unchanged' | 'renamed';

export const diffStatuses: readonly DiffStatus[] = ['added', 'removed', 'changed', 'renamed', 'unchanged'];

/**
 * One object on one side: its natural key, a content hash (the git blob id of its canonical file;
 * equal hash ⇒ equal content), and its id in that org when known.
 */
export interface SideObject {
  key: string;
  hash: string;
  id?: string;
}

/** type → key → object */
export type SideIndex = ReadonlyMap<string, ReadonlyMap<string, SideObject>>;

/** Loads an object's canonical JSON value; called only for objects whose hashes differ. */
export type LoadObject = (side: 'a' | 'b', type: string, key: string) => Promise<JsonValue>;

export interface IgnoreRule {
  /** An object type id, or `*` for every type. */
  type: string;
  /**
   * Field path; `*` matches one segment, `**` any number; `[]` for every array element. A rule
   * also hides everything below the field it names.
   */
  path: string;
  reason: string;
}

export type FieldChangeKind = 'changed' | 'added' | 'removed' | 'set-added' | 'set-removed';

/**
 * One difference inside an object. `path` is dotted with `[n]` for array elements
 * (`bullseye.rings[1].actions.skillsToRemove`); for set changes it names the array and the element
 * is the value (`after` for `set-added`, `before` for `set-removed`).
 */
export interface FieldChange {
  path: string;
  kind: FieldChangeKind;
  before?: JsonValue;
  after?: JsonValue;
  /** At a field that rightly differs per environment (a queue's calling number): shown apart. */
  environmentSpecific?: boolean;
  /**
   * A compare that resolves parameters found `before` is side a's value of this parameter and
   * `after` side b's: the same configuration, so not counted as a difference.
   */
  equalAsParameter?: string;
}

export interface ObjectDiff {
  type: string;
  key: string;
  status: DiffStatus;
  /** for renames: the key on side a */
  previousKey?: string;
  changes: FieldChange[];
  /** changes hidden by ignore rules */
  ignored: number;
}

export interface DiffSummary {
  totals: Record<DiffStatus, number>;
  byType: Record<string, Record<DiffStatus, number>>;
}

export interface DiffResult {
  summary: DiffSummary;
  /** sorted by type (dependency order of the registry) then key; unchanged objects only when includeUnchanged */
  objects: ObjectDiff[];
}

export interface DiffOptions {
  /**
   * False: statuses from hashes alone, no object read and no field changes — what a large compare
   * shows first. An object whose only differences are ignored still counts as changed then.
   */
  fieldLevel?: boolean;
  ignoreRules?: readonly IgnoreRule[];
  /** same environment over time: same id + different key = rename */
  detectRenames?: boolean;
  includeUnchanged?: boolean;
  /** How many objects are loaded at once; 8 when not given. */
  concurrency?: number;
  signal?: AbortSignal;
  /** Counts the objects that must be loaded and compared (the slow part), not every object. */
  onProgress?: (done: number, total: number) => void;
}
