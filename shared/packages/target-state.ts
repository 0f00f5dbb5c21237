import { operationLabel } from '../changeset/apply-changeset';
import type { JsonObject } from '../model/canonical/json-value';
import type { Changeset } from '../model/changeset';
import { isObjectTypeId } from '../model/object-types/registry';
import { operationOutcome } from '../promotion/engine/operation-outcome';

export interface OperationJudgement {
  label: string;
  /** `unresolved`: it needs values the target does not have here, so it cannot be judged yet. */
  action: 'create' | 'update' | 'delete' | 'noop' | 'conflict' | 'unresolved';
  reason: string | null;
}

/**
 * The changeset against a target's stored snapshot, offline: each operation's `before`s are
 * preconditions, so an object that changed since the changeset was made shows as a conflict.
 * `current[i]` is the object operation i touches, as the snapshot holds it (null when absent).
 * The changeset is the one resolved for the target (issue 15); `unresolved` names the operations
 * that still hold a parameter the target lacks here, with why: comparing a marker with the
 * target's value would call a sound operation a conflict.
 */
export function judgeAgainstSnapshot(
  changeset: Pick<Changeset, 'operations'>,
  current: readonly (JsonObject | null)[],
  unresolved: ReadonlyMap<number, string> = new Map(),
): OperationJudgement[] {
  return changeset.operations.map((operation, index) => {
    const label = operationLabel(index, operation);
    const missing = unresolved.get(index);
    if (missing !== undefined) return { label, action: 'unresolved', reason: missing };
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
  /** Operations that need parameters the target lacks here: not judged. */
  unresolved: number;
} {
  return {
    unresolved: judgements.filter((judgement) => judgement.action === 'unresolved').length,
    conflicts: judgements
      .filter((judgement) => judgement.action === 'conflict')
      .map((judgement) => `${judgement.label}: ${judgement.reason ?? 'conflict'}`),
    writes: judgements.filter((judgement) => ['create', 'update', 'delete'].includes(judgement.action))
      .length,
    noops: judgements.filter((judgement) => judgement.action === 'noop').length,
  };
}
