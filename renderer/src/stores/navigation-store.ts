import { create } from 'zustand';

export const pages = [
  'environments',
  'compare',
  'changesets',
  'promotions',
  'insights',
  'packages',
  'trust',
  'history',
  'sync',
] as const;
export type Page = (typeof pages)[number];

export const pageTitles: Readonly<Record<Page, string>> = {
  environments: 'Environments',
  compare: 'Compare',
  changesets: 'Changesets',
  promotions: 'Promotions',
  insights: 'Insights',
  packages: 'Packages',
  trust: 'Trust',
  history: 'History',
  sync: 'Sync',
};

/** The views inside the Compare section: two sources side by side, or one org against its baseline. */
export type CompareTab = 'compare' | 'drift';

interface NavigationState {
  page: Page;
  /** The environment whose snapshot is being browsed; a view inside the Environments section. */
  browsing: string | null;
  /** The environment whose parameters and mappings are shown; a view inside the Environments section. */
  parametersOf: string | null;
  compareTab: CompareTab;
  /** The environment the Drift view was opened for from elsewhere (an environment row). */
  driftEnvironment: string | null;
  go(page: Page): void;
  browseSnapshot(environment: string): void;
  stopBrowsing(): void;
  openParameters(environment: string): void;
  closeParameters(): void;
  showCompareTab(tab: CompareTab): void;
  openDrift(environment: string): void;
  /** The Drift view took the requested environment; later picks are the user's. */
  clearDriftRequest(): void;
  /** The changeset open in the editor; null shows the list. */
  changesetId: string | null;
  openChangeset(id: string | null): void;
  /**
   * Set by the open editor while it holds work that is not saved: leaving it then waits for the
   * user's choice instead of dropping the work. Answers whether there is such work.
   */
  leaveGuard: (() => boolean) | null;
  setLeaveGuard(guard: (() => boolean) | null): void;
  /** A way out of the editor that waits for "Save / Discard / Keep editing"; null when none waits. */
  pendingLeave: (() => void) | null;
  /** Runs `leave` now, or holds it until the user chooses, when it would leave unsaved work. */
  requestLeave(leave: () => void): void;
  /** The user chose: `proceed` leaves (after saving or discarding), `stay` keeps editing. */
  resolveLeave(choice: 'proceed' | 'stay'): void;
}

/** Where a navigation goes: the parts of the state it sets. */
type Destination = Partial<
  Pick<
    NavigationState,
    'page' | 'browsing' | 'parametersOf' | 'compareTab' | 'driftEnvironment' | 'changesetId'
  >
>;

/** Whether going to `to` closes the changeset open in the editor. */
export function leavesEditor(
  from: Pick<NavigationState, 'page' | 'browsing' | 'changesetId'>,
  to: Destination,
): boolean {
  if (from.page !== 'changesets' || from.changesetId === null || from.browsing !== null) return false;
  const page = to.page ?? from.page;
  const changesetId = to.changesetId === undefined ? from.changesetId : to.changesetId;
  const browsing = to.browsing === undefined ? from.browsing : to.browsing;
  return page !== 'changesets' || changesetId !== from.changesetId || browsing !== null;
}

export const useNavigationStore = create<NavigationState>((set, get) => {
  /** Every navigation passes here, so none can close the editor over unsaved work. */
  function navigate(to: Destination): void {
    if (leavesEditor(get(), to)) get().requestLeave(() => set(to));
    else set(to);
  }

  return {
    page: 'environments',
    browsing: null,
    parametersOf: null,
    compareTab: 'compare',
    driftEnvironment: null,
    changesetId: null,
    leaveGuard: null,
    pendingLeave: null,
    go: (page) => navigate({ page, browsing: null, parametersOf: null }),
    openChangeset: (changesetId) =>
      navigate({ page: 'changesets', browsing: null, parametersOf: null, changesetId }),
    browseSnapshot: (environment) =>
      navigate({ page: 'environments', browsing: environment, parametersOf: null }),
    stopBrowsing: () => set({ browsing: null }),
    openParameters: (environment) =>
      navigate({ page: 'environments', browsing: null, parametersOf: environment }),
    closeParameters: () => set({ parametersOf: null }),
    showCompareTab: (compareTab) => set({ compareTab }),
    openDrift: (environment) =>
      navigate({
        page: 'compare',
        browsing: null,
        parametersOf: null,
        compareTab: 'drift',
        driftEnvironment: environment,
      }),
    clearDriftRequest: () => set({ driftEnvironment: null }),
    setLeaveGuard: (leaveGuard) =>
      set({ leaveGuard, ...(leaveGuard === null ? { pendingLeave: null } : {}) }),
    requestLeave: (leave) => {
      const guard = get().leaveGuard;
      if (guard !== null && guard()) set({ pendingLeave: leave });
      else leave();
    },
    resolveLeave: (choice) => {
      const leave = get().pendingLeave;
      set({ pendingLeave: null });
      if (choice === 'proceed' && leave !== null) leave();
    },
  };
});
