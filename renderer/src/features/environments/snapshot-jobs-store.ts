import { create } from 'zustand';
import type { SnapshotProgress } from '../../../../shared/model/snapshot';
import { call, errorMessage, onEvent } from '../../api/ferry-client';
import { useEnvironmentsStore } from '../../stores/environments-store';
import { useSnapshotBrowserStore } from '../snapshots/snapshot-browser-store';

export interface SnapshotJob {
  environment: string;
  /** Null until `snapshots.start` answers; progress may arrive before that. */
  jobId: string | null;
  progress: SnapshotProgress | null;
  /** The start or cancel call failed. */
  error: string | null;
  cancelling: boolean;
}

const FINISHED: ReadonlySet<SnapshotProgress['phase']> = new Set(['done', 'failed', 'cancelled']);

export function isFinished(job: SnapshotJob): boolean {
  return job.error !== null || (job.progress !== null && FINISHED.has(job.progress.phase));
}

interface SnapshotJobsState {
  /** One job per environment: the running one, or the last one's outcome until dismissed. */
  jobs: Record<string, SnapshotJob>;
  listen(): void;
  start(environment: string): Promise<void>;
  cancel(environment: string): Promise<void>;
  dismiss(environment: string): void;
}

// The page mounts twice under StrictMode and on every visit; the subscription must exist once.
let listening = false;

export const useSnapshotJobsStore = create<SnapshotJobsState>((set, get) => {
  function patch(environment: string, change: Partial<SnapshotJob>): void {
    set(({ jobs }) => {
      const job = jobs[environment];
      return job ? { jobs: { ...jobs, [environment]: { ...job, ...change } } } : {};
    });
  }

  function receive(progress: SnapshotProgress): void {
    const job = get().jobs[progress.environment];
    const ours = job !== undefined && (job.jobId === null || job.jobId === progress.jobId);
    // A snapshot started before this page loaded (a reload, the CLI) is shown too.
    const adopted = !ours && !FINISHED.has(progress.phase) && (job === undefined || isFinished(job));
    if (!ours && !adopted) return;
    set(({ jobs }) => ({
      jobs: {
        ...jobs,
        [progress.environment]: {
          environment: progress.environment,
          jobId: progress.jobId,
          progress,
          error: null,
          cancelling: ours ? (job?.cancelling ?? false) : false,
        },
      },
    }));
    if (FINISHED.has(progress.phase)) {
      void useEnvironmentsStore.getState().load();
      if (progress.phase === 'done') useSnapshotBrowserStore.getState().refresh(progress.environment);
    }
  }

  return {
    jobs: {},
    listen: () => {
      if (listening) return;
      listening = true;
      onEvent('snapshot.progress', receive);
    },
    start: async (environment) => {
      get().listen();
      set(({ jobs }) => ({
        jobs: {
          ...jobs,
          [environment]: { environment, jobId: null, progress: null, error: null, cancelling: false },
        },
      }));
      try {
        const { jobId } = await call('snapshots.start', { environment });
        const job = get().jobs[environment];
        if (job && job.jobId === null) patch(environment, { jobId });
      } catch (error) {
        patch(environment, { error: errorMessage(error) });
      }
    },
    cancel: async (environment) => {
      const job = get().jobs[environment];
      if (!job?.jobId || isFinished(job)) return;
      patch(environment, { cancelling: true });
      try {
        await call('snapshots.cancel', { jobId: job.jobId });
      } catch (error) {
        patch(environment, { cancelling: false, error: errorMessage(error) });
      }
    },
    dismiss: (environment) =>
      set(({ jobs }) => {
        const { [environment]: _dismissed, ...rest } = jobs;
        void _dismissed;
        return { jobs: rest };
      }),
  };
});
