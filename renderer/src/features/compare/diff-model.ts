import type { ResponseOf } from '../../../../shared/api/channels';
import type { DiffStatus, FieldChange } from '../../../../shared/diff/diff-types';
import { findObjectType } from '../../../../shared/model/object-types/registry';

export type CompareOutcome = ResponseOf<'compare.run'>;
export type DriftReport = ResponseOf<'drift.run'>;
export type ObjectDiffWire = CompareOutcome['result']['objects'][number];
export type FieldChangeWire = ObjectDiffWire['changes'][number];
export type StatusCounts = CompareOutcome['result']['summary']['totals'];
export type IgnoreRuleWire = CompareOutcome['ignoreRules'][number];

/** Which object a row, a selection or a reference names; the key alone repeats across types. */
export interface ObjectRef {
  type: string;
  key: string;
}

export function objectId(object: ObjectRef): string {
  return `${object.type}\u0000${object.key}`;
}

export function sameObject(a: ObjectRef | null, b: ObjectRef | null): boolean {
  return a !== null && b !== null && a.type === b.type && a.key === b.key;
}

/** The wire keeps values as `unknown`; they were parsed from JSON, so they are JSON values. */
export function asFieldChange(change: FieldChangeWire): FieldChange {
  return change as FieldChange;
}

export function typeLabel(type: string): string {
  return findObjectType(type)?.pluralLabel ?? type;
}

export function singularTypeLabel(type: string): string {
  return findObjectType(type)?.label ?? type;
}

export const statusLabels: Readonly<Record<DiffStatus, string>> = {
  added: 'Added',
  removed: 'Removed',
  changed: 'Changed',
  renamed: 'Renamed',
  unchanged: 'Unchanged',
};

/** What a status means for the two sides, for tooltips: "removed" alone is ambiguous in a compare. */
export function statusMeaning(status: DiffStatus, a: string, b: string): string {
  switch (status) {
    case 'added':
      return `Only in ${b}`;
    case 'removed':
      return `Only in ${a}`;
    case 'changed':
      return `In both, with different fields`;
    case 'renamed':
      return `Same object under another name in ${b}`;
    case 'unchanged':
      return 'Identical on both sides';
  }
}
