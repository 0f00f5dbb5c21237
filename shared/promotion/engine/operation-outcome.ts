import { applyChangeset, canonicalOf } from '../../changeset/apply-changeset';
import { stateFromEntries } from '../../changeset/object-state';
import { describeValue } from '../../diff/describe-change';
import { diffObjects } from '../../diff/diff-objects';
import type { FieldChange } from '../../diff/diff-types';
import type { JsonObject } from '../../model/canonical/json-value';
import type { ChangesetOperation } from '../../model/changeset';
import type { ObjectTypeId } from '../../model/object-types/object-type-definition';
import { comparableCanonical, sameCanonical } from './object-calls';
import { writesCredentials } from './action-integration-calls';
import { awaitsPublish } from './flow-calls';

export type OperationOutcome =
  | { action: 'create' | 'update' | 'delete'; expected: JsonObject | null }
  | { action: 'noop' | 'conflict'; expected: JsonObject | null; reason: string };

/**
 * What one changeset operation means against the object as the target holds it now (null when
 * absent): the write to make, nothing (the target already is what the operation leaves), or a
 * conflict because a precondition does not hold, with the field and both values named.
 */
export function operationOutcome(
  operation: ChangesetOperation,
  type: ObjectTypeId,
  current: JsonObject | null,
): OperationOutcome {
  switch (operation.op) {
    case 'create': {
      const expected = canonicalOf(type, operation.body);
      if (current === null) return { action: 'create', expected };
      // A flow imported but never published is there, not yet promoted: its publish is owed.
      if (sameCanonical(type, current, expected) && awaitsPublish(type, current)) {
        return { action: 'update', expected };
      }
      if (sameCanonical(type, current, expected)) {
        return { action: 'noop', expected, reason: 'the target already has it with the same content' };
      }
      return {
        action: 'conflict',
        expected,
        reason: `it already exists in the target with other content: ${differences(type, current, expected, 'the changeset has')}`,
      };
    }
    case 'update': {
      if (current === null) {
        return { action: 'conflict', expected: null, reason: 'it does not exist in the target' };
      }
      const applied = applyChangeset(stateFromEntries([{ type, key: operation.key, value: current }]), [
        operation,
      ]);
      const expected = applied.state.get(type)?.get(operation.key) ?? null;
      // Credential fields given from parameters cannot be compared (the target never shows its
      // values), so an update that gives them always writes them (issue 18).
      if (
        expected !== null &&
        sameCanonical(type, current, expected) &&
        !writesCredentials(type, expected) &&
        !awaitsPublish(type, current)
      ) {
        return { action: 'noop', expected, reason: 'the target already is as the update leaves it' };
      }
      if (applied.conflicts.length > 0) {
        const problems = applied.conflicts.map((conflict) =>
          conflict.message.replace(/^operation \d+ \([^)]*\): /, ''),
        );
        return { action: 'conflict', expected, reason: problems.join('; ') };
      }
      return { action: 'update', expected };
    }
    case 'delete': {
      if (current === null)
        return { action: 'noop', expected: null, reason: 'it is already absent from the target' };
      const before = canonicalOf(type, operation.before);
      if (!sameCanonical(type, current, before)) {
        return {
          action: 'conflict',
          expected: null,
          reason: `the target differs from the changeset's before: ${differences(type, current, before, 'the changeset expects')}`,
        };
      }
      return { action: 'delete', expected: null };
    }
  }
}

const SHOWN = 3;

/** `acwSettings.timeoutMs is 30000 in the target, the changeset has 45000; …` */
export function differences(
  type: ObjectTypeId,
  target: JsonObject,
  other: JsonObject,
  otherSays: string,
): string {
  const changes = diffObjects(
    type,
    comparableCanonical(type, target),
    comparableCanonical(type, other),
  ).changes;
  const sentences = changes.slice(0, SHOWN).map((change) => sentence(change, otherSays));
  const more = changes.length - sentences.length;
  return `${sentences.join('; ')}${more > 0 ? ` (and ${more} more)` : ''}`;
}

function sentence(change: FieldChange, otherSays: string): string {
  const path = change.path === '' ? '(the object)' : change.path;
  switch (change.kind) {
    case 'changed':
      return `${path} is ${describeValue(change.before)} in the target, ${otherSays} ${describeValue(change.after)}`;
    case 'added':
      return `${path} is absent in the target, ${otherSays} ${describeValue(change.after)}`;
    case 'removed':
      return `${path} is ${describeValue(change.before)} in the target, ${otherSays} it absent`;
    case 'set-added':
      return `${path} lacks ${describeValue(change.after)} in the target, ${otherSays} it`;
    case 'set-removed':
      return `${path} holds ${describeValue(change.before)} in the target, ${otherSays} it left out`;
  }
}
