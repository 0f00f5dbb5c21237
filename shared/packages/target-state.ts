import { operationLabel } from '../changeset/apply-changeset';
import type { JsonObject } from '../model/canonical/json-value';
import type { Changeset } from '../model/changeset';
import { isObjectTypeId } from '../model/object-types/registry';
import { operationOutcome } from '../promotion/engine/operation-outcome';

export interface OperationJudgement {
  label: string;
  action: 'create' | 'update' | 'delete' | 'noop' | 'conflict';
  reason: string | null;
}

/**
 * The changeset against a target's stored snapshot, offline: each operation's `before`s are
 * preconditions, so an object that changed since the changeset was made shows as a conflict.
 * `current[i]` is the object operation i touches, as the snapshot holds it (null when absent).
 */
export function judgeAgainstSnapshot(
  changeset: Pick<Changeset, 'operations'>,
  current: readonly (JsonObject | null)[],
): OperationJudgement[] {
  return changeset.operations.map((operation, index) => {
    const label = operationLabel(index, operation);
    if (!isObjectTypeId(operation.type)) {
      return { label, action: 'conflict', reason: `${operation.type} is not an object type Ferry knows` };
    }
    const outcome = operationOutcome(operation, operation.type, current[index] ?? null);
    return { label, action: outcome.action, reason: 'reason' in outcome ? outcome.reason : null };
  });
}

export function summarizeJudgements(judgements: readonly OperationJudgement[]): {
  conflicts: string[];
  writes: number;
  noops: number;
} {
  return {
    conflicts: judgements
      .filter((judgement) => judgement.action === 'conflict')
      .map((judgement) => `${judgement.label}: ${judgement.reason ?? 'conflict'}`),
    writes: judgements.filter((judgement) => ['create', 'update', 'delete'].includes(judgement.action))
      .length,
    noops: judgements.filter((judgement) => judgement.action === 'noop').length,
  };
}
