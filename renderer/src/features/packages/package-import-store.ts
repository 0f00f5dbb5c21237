import { create } from 'zustand';
import type { PackageImport, PackageReport } from '../../../../shared/model/package-wire';
import { call, errorMessage } from '../../api/ferry-client';
import { PACKAGE_MAX_BYTES } from './package-format';
import { useNavigationStore } from '../../stores/navigation-store';

interface PackageImportState {
  /** The name of the chosen file, for the page; the text is what is verified and imported. */
  fileName: string | null;
  text: string | null;
  reading: boolean;
  /** The environment whose policy the approvals are counted against; null lets the package say. */
  target: string | null;
  verifying: boolean;
  report: PackageReport | null;
  /** The target the shown report was made for, so a stale one is never taken for the current. */
  reportTarget: string | null;
  importing: boolean;
  result: PackageImport | null;
  error: string | null;
  chooseFile(file: File | null): Promise<void>;
  setTarget(target: string | null): Promise<void>;
  verify(): Promise<void>;
  importPackage(): Promise<boolean>;
  openImported(): void;
  reset(): void;
  dismissError(): void;
}

const empty = {
  fileName: null,
  text: null,
  reading: false,
  target: null,
  verifying: false,
  report: null,
  reportTarget: null,
  importing: false,
  result: null,
  error: null,
};

// Each new file, target or reset outdates the answers still on their way for the previous one.
let generation = 0;

/** A package brought in by hand: read, verified offline, then imported when every check passed. */
export const usePackageImportStore = create<PackageImportState>((set, get) => ({
  ...empty,
  chooseFile: async (file) => {
    const current = ++generation;
    set({
      fileName: file?.name ?? null,
      text: null,
      report: null,
      result: null,
      error: null,
      reading: false,
    });
    if (file === null) return;
    if (file.size > PACKAGE_MAX_BYTES) {
      set({ error: `${file.name} is larger than 8 MiB, too large to be a change package` });
      return;
    }
    set({ reading: true });
    try {
      const text = await file.text();
      if (current !== generation) return;
      set({ text, reading: false });
      await get().verify();
    } catch (error) {
      if (current === generation)
        set({ error: `Could not read ${file.name}: ${errorMessage(error)}`, reading: false });
    }
  },
  setTarget: async (target) => {
    generation++;
    set({ target, report: null, result: null, verifying: false, importing: false });
    await get().verify();
  },
  verify: async () => {
    const { text, target } = get();
    if (text === null) return;
    const current = generation;
    set({ verifying: true, error: null });
    try {
      const report = await call('packages.verify', { text, ...(target !== null ? { target } : {}) });
      if (current === generation) set({ report, reportTarget: target });
    } catch (error) {
      if (current === generation) set({ error: errorMessage(error), report: null });
    } finally {
      if (current === generation) set({ verifying: false });
    }
  },
  importPackage: async () => {
    const { text, target, report } = get();
    if (text === null || report === null || !report.ok) return false;
    const current = generation;
    set({ importing: true, result: null, error: null });
    try {
      const result = await call('packages.import', { text, ...(target !== null ? { target } : {}) });
      if (current !== generation) return false;
      set({ result, report: result.report, reportTarget: target, importing: false });
      // The report the import made was taken before it wrote; asking again shows it as imported.
      await get().verify();
      return true;
    } catch (error) {
      if (current === generation) set({ error: errorMessage(error) });
      return false;
    } finally {
      if (current === generation) set({ importing: false });
    }
  },
  openImported: () => {
    const { result } = get();
    if (result) useNavigationStore.getState().openChangeset(result.changesetId);
  },
  reset: () => {
    generation++;
    set(empty);
  },
  dismissError: () => set({ error: null }),
}));
