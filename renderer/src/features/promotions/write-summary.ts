import type { JournalEntry, RunStepResult } from '../../../../shared/promotion/engine/run-records';
import type { Plan, StepAction } from '../../../../shared/model/plan';

/**
 * What a write to an environment will do, counted for the one line a person reads before saying
 * yes: "3 creates, 1 update, 0 deletes on uat".
 */

export interface WriteCounts {
  create: number;
  update: number;
  delete: number;
}

const NONE: WriteCounts = { create: 0, update: 0, delete: 0 };

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** Every count is said, zeros too: "0 deletes" is what a careful reader looks for. */
export function writeSummary(counts: WriteCounts, environment: string): string {
  return `${plural(counts.create, 'create')}, ${plural(counts.update, 'update')}, ${plural(counts.delete, 'delete')} on ${environment}`;
}

function isWrite(action: StepAction): action is keyof WriteCounts {
  return action === 'create' || action === 'update' || action === 'delete';
}

function add(counts: WriteCounts, action: keyof WriteCounts): WriteCounts {
  return { ...counts, [action]: counts[action] + 1 };
}

/** The undo of a write: a create is deleted, a delete re-created, an update put back. */
const UNDO: Readonly<Record<keyof WriteCounts, keyof WriteCounts>> = {
  create: 'delete',
  update: 'update',
  delete: 'create',
};

/** The writes a promotion of this plan makes. */
export function promotionCounts(plan: Plan): WriteCounts {
  return plan.steps.reduce(
    (counts, step) => (isWrite(step.action) ? add(counts, step.action) : counts),
    NONE,
  );
}

/** The writes rolling back a finished run makes: the undo of each step it did. */
export function rollbackCounts(steps: readonly RunStepResult[]): WriteCounts {
  return steps.reduce(
    (counts, step) =>
      step.status === 'done' && isWrite(step.action) ? add(counts, UNDO[step.action]) : counts,
    NONE,
  );
}

/**
 * The writes recovering an interrupted run makes, from its journal: a rollback undoes every step
 * that started (it may have been applied) and is not undone yet; a resume does the plan's writes
 * that did not finish.
 */
export function recoveryCounts(
  plan: Plan,
  journal: readonly JournalEntry[],
  action: 'resume' | 'rollback',
): WriteCounts {
  const started = new Set<number>();
  const finished = new Set<number>();
  const undone = new Set<number>();
  for (const entry of journal) {
    if (entry.kind === 'step-started' && entry.phase === 'forward') started.add(entry.step);
    if (entry.kind === 'step-done' && entry.phase === 'forward') finished.add(entry.step);
    if (entry.kind === 'step-done' && entry.phase === 'undo') undone.add(entry.step);
  }
  let counts = NONE;
  for (const step of plan.steps) {
    if (!isWrite(step.action)) continue;
    if (action === 'rollback' && started.has(step.index) && !undone.has(step.index)) {
      counts = add(counts, UNDO[step.action]);
    }
    if (action === 'resume' && !finished.has(step.index)) counts = add(counts, step.action);
  }
  return counts;
}
