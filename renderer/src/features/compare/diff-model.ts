import type { ResponseOf } from '../../../../shared/api/channels';
import type { DiffStatus, FieldChange } from '../../../../shared/diff/diff-types';
import { findObjectType } from '../../../../shared/model/object-types/registry';

export type CompareOutcome = ResponseOf<'compare.run'>;
export type DriftReport = ResponseOf<'drift.run'>;
export type ObjectDiffWire = CompareOutcome['result']['objects'][number];
export type FieldChangeWire = ObjectDiffWire['changes'][number];
export type StatusCounts = CompareOutcome['result']['summary']['totals'];
export type IgnoreRuleWire = CompareOutcome['ignoreRules'][number];
export type EnvironmentFieldWire = ResponseOf<'compare.environmentFields'>[number];
export type CompareResolutionWire = NonNullable<CompareOutcome['resolution']>;

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

/**
 * How a page words statuses: `label` on the status chips and the opened object, `badge` (a word)
 * in the list rows, `meaning` in tooltips.
 */
export interface StatusWords {
  label(status: DiffStatus): string;
  badge(status: DiffStatus): string;
  meaning(status: DiffStatus): string;
}

/** Plain differences between a and b (Drift: a snapshot against the org now). */
export function differenceWords(a: string, b: string): StatusWords {
  return {
    label: (status) => statusLabels[status],
    badge: (status) => statusLabels[status],
    meaning: (status) => statusMeaning(status, a, b),
  };
}

const deploymentBadges: Readonly<Record<DiffStatus, string>> = {
  added: 'Create',
  changed: 'Update',
  renamed: 'Rename',
  removed: 'Delete',
  unchanged: 'Same',
};

/**
 * Compare words statuses as what a changeset made from it does to the target, as deployment tools
 * do: the service's side a is the target (what the changeset changes) and b the source, so an object
 * only in b is one the target will get.
 */
export function deploymentWords(source: string, target: string): StatusWords {
  return {
    label: (status) => {
      switch (status) {
        case 'added':
          return `Will be created in ${target}`;
        case 'removed':
          return `Will be deleted from ${target}`;
        case 'changed':
          return 'Will be updated';
        case 'renamed':
          return 'Will be renamed';
        case 'unchanged':
          return 'Same';
      }
    },
    badge: (status) => deploymentBadges[status],
    meaning: (status) => {
      switch (status) {
        case 'added':
          return `Only in ${source}: a changeset from this compare creates it in ${target}`;
        case 'removed':
          return `Only in ${target}: a changeset from this compare deletes it from ${target}`;
        case 'changed':
          return `In both with different fields: a changeset from this compare gives ${target} the values of ${source}`;
        case 'renamed':
          return `Named differently in ${source}: a changeset from this compare renames it in ${target}`;
        case 'unchanged':
          return 'Identical on both sides';
      }
    },
  };
}

/** Deployment order: what arrives, what changes, what goes, then what stays. */
export const statusOrder: readonly DiffStatus[] = ['added', 'changed', 'renamed', 'removed', 'unchanged'];
