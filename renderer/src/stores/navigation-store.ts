import { create } from 'zustand';

export const pages = ['environments', 'compare', 'changesets', 'promotions', 'packages', 'history'] as const;
export type Page = (typeof pages)[number];

export const pageTitles: Readonly<Record<Page, string>> = {
  environments: 'Environments',
  compare: 'Compare',
  changesets: 'Changesets',
  promotions: 'Promotions',
  packages: 'Packages',
  history: 'History',
};

interface NavigationState {
  page: Page;
  /** The environment whose snapshot is being browsed; a view inside the Environments section. */
  browsing: string | null;
  go(page: Page): void;
  browseSnapshot(environment: string): void;
  stopBrowsing(): void;
}

export const useNavigationStore = create<NavigationState>((set) => ({
  page: 'environments',
  browsing: null,
  go: (page) => set({ page, browsing: null }),
  browseSnapshot: (environment) => set({ page: 'environments', browsing: environment }),
  stopBrowsing: () => set({ browsing: null }),
}));
