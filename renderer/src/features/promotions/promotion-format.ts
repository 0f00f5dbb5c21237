import type { PromotionPreviewWire } from '../../../../shared/model/promotion-wire';
import type { ApiCall, StepAction } from '../../../../shared/model/plan';
import type { RunResult, RunSummary } from '../../../../shared/promotion/engine/run-records';
import { formatDateTime } from '../../../../shared/format/date-time';

export const ACTIONS: readonly StepAction[] = ['create', 'update', 'delete', 'noop', 'conflict', 'blocked'];

export const ACTION_LABELS: Readonly<Record<StepAction, string>> = {
  create: 'create',
  update: 'update',
  delete: 'delete',
  noop: 'no change',
  conflict: 'conflict',
  blocked: 'blocked',
};

export const RUN_STATUS_LABELS: Readonly<Record<RunSummary['status'], string>> = {
  succeeded: 'Succeeded',
  'verify-failed': 'Verify failed',
  'checks-failed': 'Checks failed',
  stopped: 'Stopped',
  'rolled-back': 'Rolled back',
  'rollback-failed': 'Rollback failed',
  interrupted: 'Interrupted',
  running: 'Running',
  incomplete: 'Incomplete, from another machine (history)',
  corrupt: 'Damaged: its result.json cannot be read',
};

/** Steps that stop a promotion whatever the gates say. */
export function refusingSteps(preview: PromotionPreviewWire): number {
  return preview.plan.steps.filter((step) => step.action === 'conflict' || step.action === 'blocked').length;
}

export function writingSteps(preview: PromotionPreviewWire): number {
  return preview.plan.steps.filter((step) => step.action !== 'noop').length;
}

/** Gates passed, nothing in the way, and something to write: a run of only no-ops proves nothing. */
export function canPromote(preview: PromotionPreviewWire): boolean {
  return preview.passed && refusingSteps(preview) === 0 && writingSteps(preview) > 0;
}

/** Why Promote is off, in one sentence; null when it is on. */
export function promoteBlocker(preview: PromotionPreviewWire): string | null {
  const refusing = refusingSteps(preview);
  if (refusing > 0) {
    return `${refusing} step${refusing === 1 ? ' is' : 's are'} a conflict or blocked: fix the changeset or the target, then plan again.`;
  }
  if (!preview.passed) {
    const failed = preview.gates.filter((gate) => !gate.passed).map((gate) => gate.gate);
    return `Gate${failed.length === 1 ? '' : 's'} not passed: ${failed.join(', ')}.`;
  }
  if (writingSteps(preview) === 0) {
    return `Nothing to write: ${preview.plan.environment} already matches the changeset.`;
  }
  return null;
}

export function callText(call: ApiCall): string {
  return `${call.method} ${call.path}`;
}

export function shortKeyId(keyId: string): string {
  return keyId.slice(0, 16);
}

export function verifyText(verify: NonNullable<RunResult['verify']>): string {
  const mismatches = verify.mismatches.length;
  return `${verify.checked} object${verify.checked === 1 ? '' : 's'} read back, ${mismatches} mismatch${mismatches === 1 ? '' : 'es'}`;
}

/** A run whose writes are still in the target, so there is something to roll back. */
export function canRollBack(result: RunResult): boolean {
  return (
    result.kind === 'promote' &&
    (result.status === 'succeeded' ||
      result.status === 'verify-failed' ||
      result.status === 'stopped' ||
      // Issue 20: checks failed and the policy said stop: the writes are there to undo.
      result.status === 'checks-failed')
  );
}

/** `2026-12-06 14:03 UTC`: the one unambiguous way the app writes a moment. */
export function formatWhen(iso: string | null): string {
  return iso === null ? '—' : formatDateTime(iso);
}
