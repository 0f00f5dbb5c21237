import { describeValue } from '../../../../shared/diff/describe-change';
import { diffObjects } from '../../../../shared/diff/diff-objects';
import type { JsonObject } from '../../../../shared/model/canonical/json-value';
import type { PlanStep } from '../../../../shared/model/plan';

/** One field a plan step changes, as a person reads it: where, what it holds now, what it will hold. */
export interface FieldChangeRow {
  path: string;
  before: string;
  after: string;
}

/** Shown where a field has no value on that side (a create's before, a delete's after). */
export const ABSENT = '—';

/**
 * The field changes of a step, from the plan's own `current` (the target as read) and `expected`
 * (the object as the step leaves it): a create lists every field it sets, a delete every field it
 * removes, an update only what differs. References read by name, unordered arrays as sets.
 */
export function stepFieldChanges(step: PlanStep): FieldChangeRow[] {
  if (step.current === null && step.expected === null) return [];
  // Both came over the channel as JSON and were checked by the plan's schema: they are JSON values.
  const before = (step.current ?? {}) as JsonObject;
  const after = (step.expected ?? {}) as JsonObject;
  return diffObjects(step.type, before, after).changes.map((change) => {
    const path = change.path === '' ? '(object)' : change.path;
    switch (change.kind) {
      case 'set-added':
        return { path: `${path} (item added)`, before: ABSENT, after: describeValue(change.after) };
      case 'set-removed':
        return { path: `${path} (item removed)`, before: describeValue(change.before), after: ABSENT };
      case 'added':
        return { path, before: ABSENT, after: describeValue(change.after) };
      case 'removed':
        return { path, before: describeValue(change.before), after: ABSENT };
      case 'changed':
        return { path, before: describeValue(change.before), after: describeValue(change.after) };
    }
  });
}
