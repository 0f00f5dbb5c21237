import { create } from 'zustand';
import { call, errorMessage } from '../api/ferry-client';
import { objectId, type DriftReport, type ObjectDiffWire } from '../features/compare/diff-model';
import { createDiffBrowserStore } from './diff-browser-store';

/** What the user did about one drifted object, kept to show next to it. */
export type TriageOutcome =
  | { action: 'accepted'; commit: string | null; message: string }
  | { action: 'reverted'; changesetId: string; file: string; commit: string }
  | { action: 'ignored'; reason: string };

export type IgnoredObject = DriftReport['ignoredObjects'][number];

interface DriftState {
  workspace: string | null;
  environment: string | null;
  running: boolean;
  error: string | null;
  report: DriftReport | null;
  /** object id → outcome, for the environment on screen. */
  triage: Record<string, TriageOutcome>;
  /** The object an action is running for; one at a time, since each writes a commit. */
  acting: string | null;
  ignoredObjects: IgnoredObject[];
  /** Forgets everything when the workspace changes: the same name may be another org there. */
  forWorkspace(workspace: string | null): void;
  setEnvironment(environment: string): void;
  run(): Promise<void>;
  accept(object: ObjectDiffWire): Promise<void>;
  revert(object: ObjectDiffWire): Promise<void>;
  ignore(object: ObjectDiffWire, reason: string): Promise<boolean>;
  /** Takes an ignore back; the object's drift shows at the next check. */
  unignore(item: IgnoredObject): Promise<void>;
  dismissError(): void;
}

export const useDriftBrowser = createDiffBrowserStore(async (object) => {
  const environment = useDriftStore.getState().report?.environment;
  if (!environment) return { before: null, after: null };
  return call('compare.object', {
    a: environment,
    b: `live:${environment}`,
    type: object.type,
    key: object.key,
    ...(object.previousKey !== undefined ? { previousKey: object.previousKey } : {}),
  });
});

export const useDriftStore = create<DriftState>((set, get) => {
  async function act(object: ObjectDiffWire, action: () => Promise<TriageOutcome>): Promise<boolean> {
    const environment = get().environment;
    if (!environment || get().acting !== null) return false;
    const id = objectId(object);
    set({ acting: id, error: null });
    try {
      const outcome = await action();
      if (get().environment === environment) set(({ triage }) => ({ triage: { ...triage, [id]: outcome } }));
      return true;
    } catch (error) {
      set({ error: errorMessage(error) });
      return false;
    } finally {
      set({ acting: null });
    }
  }

  function current(): string {
    const environment = get().environment;
    if (!environment) throw new Error('no environment picked');
    return environment;
  }

  return {
    workspace: null,
    environment: null,
    running: false,
    error: null,
    report: null,
    triage: {},
    acting: null,
    ignoredObjects: [],
    forWorkspace: (workspace) => {
      if (get().workspace === workspace) return;
      set({ workspace, environment: null, report: null, triage: {}, ignoredObjects: [], error: null });
      useDriftBrowser.getState().clear();
    },
    setEnvironment: (environment) => {
      if (get().environment === environment) return;
      set({ environment, report: null, triage: {}, ignoredObjects: [], error: null });
      useDriftBrowser.getState().clear();
    },
    run: async () => {
      const environment = get().environment;
      if (!environment) return;
      set({ running: true, error: null });
      try {
        const report = await call('drift.run', { environment });
        if (get().environment !== environment) return;
        set({ report, ignoredObjects: report.ignoredObjects });
        useDriftBrowser.getState().setObjects(report.result.objects);
      } catch (error) {
        set({ error: errorMessage(error) });
      } finally {
        set({ running: false });
      }
    },
    accept: async (object) => {
      await act(object, async () => {
        const result = await call('drift.accept', {
          environment: current(),
          type: object.type,
          key: object.key,
        });
        return { action: 'accepted', ...result };
      });
    },
    revert: async (object) => {
      await act(object, async () => {
        const result = await call('drift.revert', {
          environment: current(),
          type: object.type,
          key: object.key,
        });
        return { action: 'reverted', ...result };
      });
    },
    unignore: async (item) => {
      const environment = get().report?.environment;
      if (!environment) return;
      try {
        await call('drift.unignore', { environment, type: item.type, key: item.key });
        set(({ ignoredObjects }) => ({
          ignoredObjects: ignoredObjects.filter(
            (other) => other.type !== item.type || other.key !== item.key,
          ),
        }));
        await get().run();
      } catch (error) {
        set({ error: errorMessage(error) });
      }
    },
    ignore: (object, reason) =>
      act(object, async () => {
        await call('drift.ignore', { environment: current(), type: object.type, key: object.key, reason });
        set(({ ignoredObjects }) => ({
          ignoredObjects: [
            ...ignoredObjects.filter((item) => item.type !== object.type || item.key !== object.key),
            {
              type: object.type,
              key: object.key,
              reason: reason.trim(),
              at: new Date().toISOString(),
              by: 'you',
            },
          ],
        }));
        return { action: 'ignored', reason: reason.trim() };
      }),
    dismissError: () => set({ error: null }),
  };
});
