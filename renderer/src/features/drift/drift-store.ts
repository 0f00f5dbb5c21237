import { create } from 'zustand';
import { call, errorMessage } from '../../api/ferry-client';
import { objectId, type DriftReport, type ObjectDiffWire } from '../compare/diff-model';
import type { TriageOutcome } from './triage-outcome';
import { createDiffBrowserStore } from '../compare/diff-browser-store';

export type { TriageOutcome };

export type IgnoredObject = DriftReport['ignoredObjects'][number];

export type BulkAction = 'accept' | 'revert' | 'ignore';

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
  /** object id → ticked, for acting on several at once. */
  selected: Record<string, true>;
  /** A bulk action under way: how far it is. */
  bulk: { action: BulkAction; done: number; total: number } | null;
  toggleSelected(object: ObjectDiffWire): void;
  /** Ticks every object not triaged yet (or clears them all when they are all ticked). */
  selectUntriaged(): void;
  clearSelection(): void;
  /** One action for every ticked object, one after another (each is its own commit). */
  acceptSelected(): Promise<void>;
  revertSelected(): Promise<void>;
  ignoreSelected(reason: string): Promise<boolean>;
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

  const acceptOne = (object: ObjectDiffWire) =>
    act(object, async () => {
      const result = await call('drift.accept', {
        environment: current(),
        type: object.type,
        key: object.key,
      });
      return { action: 'accepted', ...result };
    });

  const revertOne = (object: ObjectDiffWire) =>
    act(object, async () => {
      const result = await call('drift.revert', {
        environment: current(),
        type: object.type,
        key: object.key,
      });
      return { action: 'reverted', ...result };
    });

  const ignoreOne = (object: ObjectDiffWire, reason: string) =>
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
    });

  /** The ticked objects not triaged yet, in the order the report lists them. */
  function selectedObjects(): ObjectDiffWire[] {
    const { report, selected, triage } = get();
    return (report?.result.objects ?? []).filter((object) => {
      const id = objectId(object);
      return selected[id] === true && triage[id] === undefined;
    });
  }

  async function runBulk(
    action: BulkAction,
    one: (object: ObjectDiffWire) => Promise<boolean>,
  ): Promise<boolean> {
    const objects = selectedObjects();
    if (objects.length === 0 || get().bulk !== null) return false;
    set({ bulk: { action, done: 0, total: objects.length } });
    let allDone = true;
    try {
      for (const [index, object] of objects.entries()) {
        // The first refusal stops the round: its banner says why, the rest stay ticked.
        if (!(await one(object))) {
          allDone = false;
          break;
        }
        set(({ selected }) => {
          const { [objectId(object)]: _done, ...rest } = selected;
          void _done;
          return { selected: rest, bulk: { action, done: index + 1, total: objects.length } };
        });
      }
    } finally {
      set({ bulk: null });
    }
    return allDone;
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
    selected: {},
    bulk: null,
    forWorkspace: (workspace) => {
      if (get().workspace === workspace) return;
      set({
        workspace,
        environment: null,
        report: null,
        triage: {},
        ignoredObjects: [],
        selected: {},
        error: null,
      });
      useDriftBrowser.getState().clear();
    },
    setEnvironment: (environment) => {
      if (get().environment === environment) return;
      set({ environment, report: null, triage: {}, ignoredObjects: [], selected: {}, error: null });
      useDriftBrowser.getState().clear();
    },
    run: async () => {
      const environment = get().environment;
      if (!environment) return;
      set({ running: true, error: null });
      try {
        const report = await call('drift.run', { environment });
        if (get().environment !== environment) return;
        // Ticks were for the objects of the last check; outcomes stay beside the objects still listed.
        set({ report, ignoredObjects: report.ignoredObjects, selected: {} });
        useDriftBrowser.getState().setObjects(report.result.objects);
      } catch (error) {
        set({ error: errorMessage(error) });
      } finally {
        set({ running: false });
      }
    },
    accept: async (object) => {
      await acceptOne(object);
    },
    revert: async (object) => {
      await revertOne(object);
    },

    unignore: async (item) => {
      const environment = get().report?.environment;
      if (!environment) return;
      try {
        await call('drift.unignore', { environment, type: item.type, key: item.key });
        const id = objectId(item);
        set(({ ignoredObjects, triage }) => {
          // No longer ignored: the object is to triage again, not shown as ignored.
          const { [id]: outcome, ...others } = triage;
          return {
            ignoredObjects: ignoredObjects.filter(
              (other) => other.type !== item.type || other.key !== item.key,
            ),
            triage: outcome?.action === 'ignored' ? others : triage,
          };
        });
        await get().run();
      } catch (error) {
        set({ error: errorMessage(error) });
      }
    },
    ignore: (object, reason) => ignoreOne(object, reason),
    toggleSelected: (object) => {
      const id = objectId(object);
      set(({ selected }) => {
        if (selected[id]) {
          const { [id]: _off, ...rest } = selected;
          void _off;
          return { selected: rest };
        }
        return { selected: { ...selected, [id]: true } };
      });
    },
    selectUntriaged: () => {
      const { report, triage, selected } = get();
      const open = (report?.result.objects ?? []).map(objectId).filter((id) => triage[id] === undefined);
      const all = open.length > 0 && open.every((id) => selected[id]);
      set({ selected: all ? {} : Object.fromEntries(open.map((id) => [id, true] as const)) });
    },
    clearSelection: () => set({ selected: {} }),
    acceptSelected: async () => {
      await runBulk('accept', acceptOne);
    },
    revertSelected: async () => {
      await runBulk('revert', revertOne);
    },
    ignoreSelected: (reason) => runBulk('ignore', (object) => ignoreOne(object, reason)),
    dismissError: () => set({ error: null }),
  };
});
