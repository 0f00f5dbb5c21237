import { create } from 'zustand';
import type { SnapshotAllOutcome } from './snapshot-all-format';
import { isFinished, useSnapshotJobsStore, type SnapshotJob } from './snapshot-jobs-store';

interface SnapshotAllState {
  /** The environments of this round, in the order they are taken; empty when none ran yet. */
  queue: string[];
  /** Index in `queue` of the one being taken; equals `queue.length` once all are done. */
  position: number;
  outcomes: Record<string, SnapshotAllOutcome>;
  running: boolean;
  stopping: boolean;
  /** Takes every environment's snapshot, one after another (each one reads a whole org). */
  snapshotAll(environments: readonly string[]): Promise<void>;
  /** Cancels the snapshot under way and takes no more. */
  stop(): Promise<void>;
  dismiss(): void;
}

function outcomeOf(job: SnapshotJob | undefined): SnapshotAllOutcome {
  if (!job || job.error !== null) return 'failed';
  return job.progress?.phase === 'done'
    ? 'done'
    : job.progress?.phase === 'cancelled'
      ? 'cancelled'
      : 'failed';
}

/** Resolves when the environment's job has finished (or was dismissed from the page). */
function finished(environment: string): Promise<SnapshotJob | undefined> {
  return new Promise((resolve) => {
    const check = (): boolean => {
      const job = useSnapshotJobsStore.getState().jobs[environment];
      if (job !== undefined && !isFinished(job)) return false;
      resolve(job);
      return true;
    };
    if (check()) return;
    const unsubscribe = useSnapshotJobsStore.subscribe(() => {
      if (check()) unsubscribe();
    });
  });
}

export const useSnapshotAllStore = create<SnapshotAllState>((set, get) => ({
  queue: [],
  position: 0,
  outcomes: {},
  running: false,
  stopping: false,
  snapshotAll: async (environments) => {
    if (get().running || environments.length === 0) return;
    set({ queue: [...environments], position: 0, outcomes: {}, running: true, stopping: false });
    try {
      for (const [index, environment] of environments.entries()) {
        if (get().stopping) break;
        set({ position: index });
        const jobs = useSnapshotJobsStore.getState();
        const current = jobs.jobs[environment];
        // One already running (started from its row) is waited for, not started twice.
        if (current === undefined || isFinished(current)) await jobs.start(environment);
        const job = await finished(environment);
        set(({ outcomes }) => ({ outcomes: { ...outcomes, [environment]: outcomeOf(job) } }));
      }
    } finally {
      set(({ queue }) => ({ running: false, stopping: false, position: queue.length }));
    }
  },
  stop: async () => {
    const { running, queue, position } = get();
    if (!running) return;
    set({ stopping: true });
    const environment = queue[position];
    if (environment !== undefined) await useSnapshotJobsStore.getState().cancel(environment);
  },
  dismiss: () => {
    if (!get().running) set({ queue: [], position: 0, outcomes: {} });
  },
}));
