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
  go(page: Page): void;
}

export const useNavigationStore = create<NavigationState>((set) => ({
  page: 'environments',
  go: (page) => set({ page }),
}));
