import { create } from 'zustand';
import type { ChangesetSummaryWire } from '../../../../shared/model/changeset-wire';
import type { DemoApproverWire } from '../../../../shared/model/trust-wire';
import { call, errorMessage } from '../../api/ferry-client';

interface DemoApproverState {
  status: DemoApproverWire | null;
  changesets: ChangesetSummaryWire[];
  busy: boolean;
  /** Stays until the next action succeeds. */
  error: string | null;
  notice: string | null;
  load: () => Promise<void>;
  enable: () => Promise<void>;
  approve: (changesetId: string) => Promise<void>;
}

/** Rita, the demo workspace's second person: added by the user as admin, approves with her own key. */
export const useDemoApproverStore = create<DemoApproverState>((set, get) => ({
  status: null,
  changesets: [],
  busy: false,
  error: null,
  notice: null,
  load: async () => {
    try {
      const status = await call('demo.approver', {});
      const changesets = status.available
        ? (await call('changesets.list', {})).filter((item) => item.problem === null)
        : [];
      set({ status, changesets });
    } catch (error) {
      set({ error: errorMessage(error) });
    }
  },
  enable: async () => {
    set({ busy: true, notice: null });
    try {
      const status = await call('demo.approver.enable', {});
      set({
        status,
        error: null,
        notice: `${status.owner} is now trusted as an approver in this demo workspace.`,
      });
    } catch (error) {
      set({ error: errorMessage(error) });
    } finally {
      set({ busy: false });
    }
  },
  approve: async (changesetId) => {
    set({ busy: true, notice: null });
    try {
      const approval = await call('demo.approver.approve', { changesetId });
      const title = get().changesets.find((item) => item.id === changesetId)?.title ?? changesetId;
      set({
        error: null,
        notice: approval.counts
          ? `${get().status?.owner ?? 'Rita'} approved "${title}"; the approval counts towards its gates.`
          : `${get().status?.owner ?? 'Rita'} signed an approval of "${title}", but it does not count: ${approval.status}`,
      });
    } catch (error) {
      set({ error: errorMessage(error) });
    } finally {
      set({ busy: false });
    }
  },
}));
