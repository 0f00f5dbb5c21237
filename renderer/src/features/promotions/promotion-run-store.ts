import { create } from 'zustand';
import type { PromotionProgress, RunResult } from '../../../../shared/promotion/engine/run-records';
import { call, errorMessage, onEvent } from '../../api/ferry-client';
import { leaseNoticeFrom, type LeaseNotice } from './lease-notice';
import { usePromotionHistoryStore } from './promotion-history-store';
import { usePromotionsStore } from './promotions-store';

export type RunAction = 'promote' | 'rollback' | 'resume';

/** One plan step as the run reports it; an undo is a row of its own beside the write it undoes. */
export interface ProgressRow {
  id: string;
  step: number;
  phase: PromotionProgress['phase'];
  type: string | null;
  key: string | null;
  status: PromotionProgress['status'];
  message: string;
}

interface PromotionRunState {
  /** What is under way now; null when idle. */
  running: { action: RunAction; label: string } | null;
  /** Counts the runs started, so the page can move focus to a new one. */
  started: number;
  /** The last run started here, kept after it ends so its progress and result stay readable. */
  action: RunAction | null;
  label: string | null;
  runId: string | null;
  latest: PromotionProgress | null;
  /** Writes done of the current phase's writes (forward or undo). */
  counts: { done: number; total: number; phase: PromotionProgress['phase'] } | null;
  rows: ProgressRow[];
  /** Rate-limit waits as the run reported them, newest last. */
  waits: string[];
  result: RunResult | null;
  /** The run's change-control document as completed with its execution (Markdown); null without one. */
  document: string | null;
  error: string | null;
  /** The failure read as another machine's lease on the environment; null for any other failure. */
  lease: LeaseNotice | null;
  listen(): void;
  promote(input: {
    changesetId: string;
    environment: string;
    overrideReason?: string | null;
    confirm?: string;
  }): Promise<void>;
  rollback(runId: string): Promise<void>;
  recover(runId: string, action: 'resume' | 'rollback'): Promise<void>;
  /** Makes the refused call again, breaking the expired lease that refused it, for this reason (audited). */
  breakLease(reason: string): Promise<void>;
  clear(): void;
}

// One subscription for the app's life, however often the page mounts.
let listening = false;
/** Runs whose answer came back: their late events must not be taken for the next run's. */
const answered = new Set<string>();

/** The last call made, so a lease refusal can be answered by making the very same one with a break. */
interface LastCall {
  action: RunAction;
  label: string;
  start: (breakLease?: string) => Promise<RunResult>;
}
let last: LastCall | null = null;

const WRITE_PHASES: ReadonlySet<PromotionProgress['phase']> = new Set(['writing', 'rolling-back']);

/** Nothing shown: before the first run, at the start of each, and after "Close". */
const NO_RUN = {
  action: null,
  label: null,
  runId: null,
  latest: null,
  counts: null,
  rows: [],
  waits: [],
  result: null,
  document: null,
  error: null,
  lease: null,
} as const satisfies Partial<PromotionRunState>;

export const usePromotionRunStore = create<PromotionRunState>((set, get) => {
  function receive(progress: PromotionProgress): void {
    const { runId, running } = get();
    const ours =
      progress.runId === runId || (runId === null && running !== null && !answered.has(progress.runId));
    if (!ours) return;
    set((state) => ({
      runId: progress.runId,
      latest: progress,
      counts: WRITE_PHASES.has(progress.phase)
        ? { done: progress.done, total: progress.total, phase: progress.phase }
        : state.counts,
      rows: progress.step === null ? state.rows : upsertRow(state.rows, progress),
      waits: progress.status === 'waiting' ? [...state.waits, progress.message] : state.waits,
    }));
  }

  async function run(
    action: RunAction,
    label: string,
    start: (breakLease?: string) => Promise<RunResult>,
    breakLease?: string,
  ): Promise<void> {
    get().listen();
    last = { action, label, start };
    set({ ...NO_RUN, running: { action, label }, action, label, started: get().started + 1 });
    try {
      const result = await start(breakLease);
      answered.add(result.runId);
      set({ result, runId: result.runId });
      // The result replaces the plan on the page; the plan is read again underneath, for after.
      void usePromotionsStore.getState().replan(result.environment);
      set({ document: await completedDocument(result.runId) });
    } catch (error) {
      const current = get().runId;
      if (current !== null) answered.add(current);
      set({ error: errorMessage(error), lease: leaseNoticeFrom(error, action) });
    } finally {
      set({ running: null });
      void usePromotionHistoryStore.getState().load();
    }
  }

  return {
    ...NO_RUN,
    running: null,
    started: 0,
    listen: () => {
      if (listening) return;
      listening = true;
      onEvent('promotion.progress', receive);
    },
    promote: ({ changesetId, environment, overrideReason, confirm }) =>
      run('promote', `Promotion of ${changesetId} to ${environment}`, (breakLease) =>
        call('promotions.promote', {
          changesetId,
          environment,
          ...(overrideReason ? { overrideReason } : {}),
          ...(confirm !== undefined ? { confirm } : {}),
          ...withBreak(breakLease),
        }),
      ),
    rollback: (runId) =>
      run('rollback', `Roll back of run ${runId}`, (breakLease) =>
        call('promotions.rollback', { runId, ...withBreak(breakLease) }),
      ),
    recover: (runId, action) =>
      run(
        action === 'resume' ? 'resume' : 'rollback',
        action === 'resume' ? `Resume of interrupted run ${runId}` : `Roll back of interrupted run ${runId}`,
        (breakLease) => call('promotions.recover', { runId, action, ...withBreak(breakLease) }),
      ),
    breakLease: async (reason) => {
      // Only the refusal on screen can be answered, and only while nothing else runs.
      const { lease, running } = get();
      if (last === null || running !== null || lease === null || !lease.canBreak) return;
      await run(last.action, last.label, last.start, reason);
    },
    clear: () => {
      if (get().running) return;
      set(NO_RUN);
    },
  };
});

function withBreak(reason: string | undefined): { breakLease?: string } {
  return reason === undefined ? {} : { breakLease: reason };
}

/** The document as the run completed it; a rollback has none of its own, and a failed read shows none. */
async function completedDocument(runId: string): Promise<string | null> {
  try {
    return (await call('promotions.run', { runId })).changeControlMarkdown;
  } catch {
    return null;
  }
}

function upsertRow(rows: readonly ProgressRow[], progress: PromotionProgress): ProgressRow[] {
  const step = progress.step as number;
  const id = `${progress.phase === 'rolling-back' ? 'undo' : 'forward'}:${step}`;
  const existing = rows.find((row) => row.id === id);
  // A rate-limit wait names the step but not the object, and may be noticed after the step ended.
  const settled = progress.status === 'waiting' && existing !== undefined && existing.status !== 'running';
  const row: ProgressRow = {
    id,
    step,
    phase: progress.phase,
    type: progress.type ?? existing?.type ?? null,
    key: progress.key ?? existing?.key ?? null,
    status: settled ? existing.status : progress.status,
    message: settled ? existing.message : progress.message,
  };
  return existing ? rows.map((item) => (item.id === id ? row : item)) : [...rows, row];
}
