import { create } from 'zustand';

export const pages = [
  'environments',
  'compare',
  'changesets',
  'promotions',
  'packages',
  'trust',
  'history',
] as const;
export type Page = (typeof pages)[number];

export const pageTitles: Readonly<Record<Page, string>> = {
  environments: 'Environments',
  compare: 'Compare',
  changesets: 'Changesets',
  promotions: 'Promotions',
  packages: 'Packages',
  trust: 'Trust',
  history: 'History',
};

/** The views inside the Compare section: two sources side by side, or one org against its baseline. */
export type CompareTab = 'compare' | 'drift';

interface NavigationState {
  page: Page;
  /** The environment whose snapshot is being browsed; a view inside the Environments section. */
  browsing: string | null;
  compareTab: CompareTab;
  /** The environment the Drift view was opened for from elsewhere (an environment row). */
  driftEnvironment: string | null;
  go(page: Page): void;
  browseSnapshot(environment: string): void;
  stopBrowsing(): void;
  showCompareTab(tab: CompareTab): void;
  openDrift(environment: string): void;
  /** The Drift view took the requested environment; later picks are the user's. */
  clearDriftRequest(): void;
  /** The changeset open in the editor; null shows the list. */
  changesetId: string | null;
  openChangeset(id: string | null): void;
}

export const useNavigationStore = create<NavigationState>((set) => ({
  page: 'environments',
  browsing: null,
  compareTab: 'compare',
  driftEnvironment: null,
  changesetId: null,
  go: (page) => set({ page, browsing: null }),
  openChangeset: (changesetId) => set({ page: 'changesets', browsing: null, changesetId }),
  browseSnapshot: (environment) => set({ page: 'environments', browsing: environment }),
  stopBrowsing: () => set({ browsing: null }),
  showCompareTab: (compareTab) => set({ compareTab }),
  openDrift: (environment) =>
    set({ page: 'compare', browsing: null, compareTab: 'drift', driftEnvironment: environment }),
  clearDriftRequest: () => set({ driftEnvironment: null }),
}));
