import { create } from 'zustand';
import { leaseReasonProblem } from './lease-notice';
import { usePromotionRunStore } from './promotion-run-store';

interface LeaseBreakState {
  /** The "Break the lease…" dialog is open. */
  open: boolean;
  reason: string;
  /** Why the reason cannot be sent, shown once the person has tried to; null otherwise. */
  problem: string | null;
  ask(): void;
  type(reason: string): void;
  cancel(): void;
  /** Closes the dialog and makes the refused call again with the reason, if the reason will do. */
  confirm(): Promise<void>;
}

/** Asking for the reason an expired lease may be broken; the run store makes the call. */
export const useLeaseBreakStore = create<LeaseBreakState>((set, get) => ({
  open: false,
  reason: '',
  problem: null,
  ask: () => {
    const { lease, running } = usePromotionRunStore.getState();
    if (running !== null || lease === null || !lease.canBreak) return;
    set({ open: true, reason: '', problem: null });
  },
  type: (reason) =>
    set((state) => ({ reason, problem: state.problem === null ? null : leaseReasonProblem(reason) })),
  cancel: () => set({ open: false, reason: '', problem: null }),
  confirm: async () => {
    const { reason } = get();
    const problem = leaseReasonProblem(reason);
    if (problem !== null) {
      set({ problem });
      return;
    }
    set({ open: false, reason: '', problem: null });
    await usePromotionRunStore.getState().breakLease(reason.trim());
  },
}));
