import { create } from 'zustand';
import type { ChangesetSummaryWire } from '../../../../shared/model/changeset-wire';
import type { EnvironmentView } from '../../../../shared/model/environment';
import type { PackageExport } from '../../../../shared/model/package-wire';
import { call, errorMessage } from '../../api/ferry-client';
import { expiryProblem } from './package-format';
import { saveTextFile } from './save-text-file';
import { usePackageImportStore } from './package-import-store';

interface PackagesState {
  /** The workspace the lists and choices belong to; another one starts the page afresh. */
  workspace: string | null;
  changesets: ChangesetSummaryWire[];
  environments: EnvironmentView[];
  loaded: boolean;
  changesetId: string | null;
  targets: string[];
  source: string | null;
  /** As typed: empty leaves the expiry to the service. */
  expiresInDays: string;
  exporting: boolean;
  /** The last package built, kept so it can be saved again if the first download was lost. */
  exported: PackageExport | null;
  /** Built, but it fails its own checks: not saved until the person confirms. */
  held: PackageExport | null;
  /** A held package the person chose not to export; its report says what to fix. */
  declined: PackageExport | null;
  error: string | null;
  load(workspace: string): Promise<void>;
  choose(selection: { changesetId?: string | null; source?: string | null }): void;
  toggleTarget(environment: string): void;
  setExpiresInDays(text: string): void;
  exportPackage(): Promise<boolean>;
  /** Saves the held package although it fails its checks. */
  exportAnyway(): void;
  /** Drops the held package: nothing is saved. */
  keepHeld(): void;
  saveAgain(): void;
  dismissError(): void;
}

const fresh = {
  changesets: [],
  environments: [],
  loaded: false,
  changesetId: null,
  targets: [],
  source: null,
  expiresInDays: '',
  exporting: false,
  exported: null,
  held: null,
  declined: null,
  error: null,
};

/** Whatever was built for an earlier choice no longer stands. */
const stale = { exported: null, held: null, declined: null, exporting: false };

// A package built for an earlier choice must not be shown as the package of the current one.
let exportRun = 0;

/** A changeset and its approvals exported as a signed package for the teams that run the targets. */
export const usePackagesStore = create<PackagesState>((set, get) => ({
  workspace: null,
  ...fresh,
  load: async (workspace) => {
    if (get().workspace !== workspace) {
      exportRun++;
      // Trust, policies and changesets are the workspace's: nothing shown for another one holds here.
      set({ workspace, ...fresh });
      usePackageImportStore.getState().reset();
    }
    try {
      const [changesets, environments] = await Promise.all([
        call('changesets.list', {}),
        call('environments.list', {}),
      ]);
      if (get().workspace !== workspace) return;
      const usable = changesets.filter((item) => item.problem === null);
      const names = new Set(environments.map((view) => view.config.name));
      const { changesetId, targets, source } = get();
      set({
        changesets: usable,
        environments,
        loaded: true,
        // A choice that vanished (deleted changeset, removed environment) is dropped quietly.
        changesetId:
          changesetId !== null && usable.some((item) => item.id === changesetId) ? changesetId : null,
        targets: targets.filter((name) => names.has(name)),
        source: source !== null && names.has(source) ? source : null,
      });
    } catch (error) {
      set({ error: errorMessage(error) });
    }
  },
  choose: (selection) => {
    exportRun++;
    set({ ...selection, ...stale });
  },
  toggleTarget: (environment) => {
    exportRun++;
    set(({ targets }) => ({
      targets: targets.includes(environment)
        ? targets.filter((name) => name !== environment)
        : [...targets, environment],
      ...stale,
    }));
  },
  setExpiresInDays: (expiresInDays) => {
    exportRun++;
    set({ expiresInDays, ...stale });
  },
  exportPackage: async () => {
    const { changesetId, targets, source, expiresInDays } = get();
    if (changesetId === null || targets.length === 0 || expiryProblem(expiresInDays) !== null) return false;
    const run = ++exportRun;
    set({ exporting: true, exported: null, held: null, declined: null, error: null });
    try {
      const days = expiresInDays.trim();
      const exported = await call('packages.export', {
        changesetId,
        // In the order the environments are listed, not the order they were ticked.
        targets: get()
          .environments.map((view) => view.config.name)
          .filter((name) => targets.includes(name)),
        ...(source !== null ? { source } : {}),
        ...(days !== '' ? { expiresInDays: Number(days) } : {}),
      });
      if (run !== exportRun) return false;
      // A package that fails its own checks would be refused where it is sent: ask first.
      if (!exported.report.ok) {
        set({ held: exported });
        return false;
      }
      set({ exported });
      saveTextFile(exported.fileName, exported.text);
      return true;
    } catch (error) {
      if (run === exportRun) set({ error: errorMessage(error) });
      return false;
    } finally {
      if (run === exportRun) set({ exporting: false });
    }
  },
  exportAnyway: () => {
    const { held } = get();
    if (!held) return;
    set({ held: null, exported: held });
    saveTextFile(held.fileName, held.text);
  },
  keepHeld: () => {
    const { held } = get();
    if (held) set({ held: null, declined: held });
  },
  saveAgain: () => {
    const { exported } = get();
    if (exported) saveTextFile(exported.fileName, exported.text);
  },
  dismissError: () => set({ error: null }),
}));
