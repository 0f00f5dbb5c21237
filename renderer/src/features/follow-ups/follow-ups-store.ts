import { create } from 'zustand';
import type { FollowUp } from '../../../../shared/promotion/follow-ups/follow-up';
import { call, errorMessage } from '../../api/ferry-client';

interface FollowUpsState {
  followUps: FollowUp[];
  /** When the list was judged, for "in 3 hours" (the host judged states at its own clock). */
  loadedAt: Date | null;
  error: string | null;
  load(): Promise<void>;
  dismissError(): void;
}

/** Emergency overrides' follow-ups, as `followUps.list` judges them. */
export const useFollowUpsStore = create<FollowUpsState>((set) => ({
  followUps: [],
  loadedAt: null,
  error: null,
  load: async () => {
    try {
      set({ followUps: await call('followUps.list', {}), loadedAt: new Date(), error: null });
    } catch (error) {
      set({ error: errorMessage(error) });
    }
  },
  dismissError: () => set({ error: null }),
}));
