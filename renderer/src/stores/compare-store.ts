import { create } from 'zustand';
import type { EnvironmentView } from '../../../shared/model/environment';
import type { SnapshotHistoryEntry } from '../../../shared/model/compare';
import { call, errorMessage } from '../api/ferry-client';
import type { CompareOutcome, IgnoreRuleWire } from '../features/compare/diff-model';
import { createDiffBrowserStore } from './diff-browser-store';
import { useNavigationStore } from './navigation-store';
import { useWorkspaceStore } from './workspace-store';

/** `latest` is the newest snapshot, `live` reads the org now, anything else is a snapshot commit. */
export type PointInTime = 'latest' | 'live' | (string & {});

export interface CompareSide {
  environment: string;
  point: PointInTime;
  /** A changeset applied to this side in memory: what the side would become, nothing deployed. */
  changeset?: string;
}

export function sourceText(side: CompareSide): string {
  const base =
    side.point === 'live'
      ? `live:${side.environment}`
      : side.point === 'latest'
        ? side.environment
        : `${side.environment}@${side.point}`;
  return side.changeset === undefined ? base : `preview:${side.changeset}:${base}`;
}

interface CompareState {
  /** The workspace the picks and the result belong to; names mean nothing in another one. */
  workspace: string | null;
  environments: EnvironmentView[];
  loaded: boolean;
  loadError: string | null;
  histories: Record<string, SnapshotHistoryEntry[]>;
  a: CompareSide | null;
  b: CompareSide | null;
  includeUnchanged: boolean;
  running: boolean;
  error: string | null;
  outcome: CompareOutcome | null;
  /** The source texts the outcome was computed for; objects are read against these, not the pickers. */
  ran: { a: string; b: string } | null;
  ignoreRules: IgnoreRuleWire[];
  load(workspace: string | null): Promise<void>;
  setSide(which: 'a' | 'b', side: CompareSide): void;
  swap(): void;
  setIncludeUnchanged(include: boolean): void;
  run(): Promise<void>;
  addIgnoreRule(rule: IgnoreRuleWire): Promise<boolean>;
  removeIgnoreRule(rule: IgnoreRuleWire): Promise<void>;
  dismissError(): void;
  /** Opens Compare on the environment's latest snapshot against the same with the changeset applied. */
  previewChangeset(changesetId: string, environment: string): Promise<void>;
}

export const useCompareBrowser = createDiffBrowserStore(async (object) => {
  const ran = useCompareStore.getState().ran;
  if (!ran) return { before: null, after: null };
  return call('compare.object', {
    a: ran.a,
    b: ran.b,
    type: object.type,
    key: object.key,
    ...(object.previousKey !== undefined ? { previousKey: object.previousKey } : {}),
  });
});

let latestRun = 0;

export const useCompareStore = create<CompareState>((set, get) => {
  async function loadHistory(environment: string): Promise<void> {
    if (get().histories[environment]) return;
    try {
      const entries = await call('compare.history', { environment, limit: 100 });
      set(({ histories }) => ({ histories: { ...histories, [environment]: entries } }));
    } catch (error) {
      set({ error: errorMessage(error) });
    }
  }

  // Rules change what the last compare shows, so it is repeated with the same sources.
  async function rerun(): Promise<void> {
    const { ran, includeUnchanged } = get();
    if (!ran) return;
    await runBoth(ran, includeUnchanged);
  }

  /**
   * Two passes: statuses from hashes first, so rows show at once whatever the size; then the
   * field-level result replaces them. A newer run makes an older one's answers stale.
   */
  async function runBoth(texts: { a: string; b: string }, includeUnchanged: boolean): Promise<void> {
    const run = ++latestRun;
    set({ running: true, error: null });
    try {
      for (const quick of [true, false]) {
        const outcome = await call('compare.run', { ...texts, includeUnchanged, quick });
        if (run !== latestRun) return;
        set({ outcome, ran: texts, ignoreRules: outcome.ignoreRules });
        useCompareBrowser.getState().setObjects(outcome.result.objects);
      }
    } catch (error) {
      if (run === latestRun) set({ error: errorMessage(error) });
    } finally {
      if (run === latestRun) set({ running: false });
    }
  }

  return {
    workspace: null,
    environments: [],
    loaded: false,
    loadError: null,
    histories: {},
    a: null,
    b: null,
    includeUnchanged: false,
    running: false,
    error: null,
    outcome: null,
    ran: null,
    ignoreRules: [],
    load: async (workspace) => {
      if (get().workspace !== workspace) {
        set({ workspace, a: null, b: null, outcome: null, ran: null, error: null });
        useCompareBrowser.getState().clear();
      }
      try {
        const [environments, ignoreRules] = await Promise.all([
          call('environments.list', {}),
          call('compare.ignoreRules', {}),
        ]);
        const names = environments.map((view) => view.config.name);
        const snapshotted = environments
          .filter((view) => view.lastSnapshot !== null)
          .map((view) => view.config.name);
        // Keep the user's picks when they still exist (the page remounts on every visit).
        const keep = (side: CompareSide | null) => (side && names.includes(side.environment) ? side : null);
        const a = keep(get().a) ?? (snapshotted[0] ? { environment: snapshotted[0], point: 'latest' } : null);
        const b =
          keep(get().b) ??
          ((snapshotted[1] ?? snapshotted[0])
            ? { environment: (snapshotted[1] ?? snapshotted[0]) as string, point: 'latest' }
            : null);
        set({ environments, ignoreRules, a, b, loaded: true, loadError: null, histories: {} });
        for (const side of [a, b]) if (side) void loadHistory(side.environment);
      } catch (error) {
        set({ loadError: errorMessage(error), loaded: true });
      }
    },
    setSide: (which, side) => {
      set(which === 'a' ? { a: side } : { b: side });
      void loadHistory(side.environment);
    },
    swap: () => set(({ a, b }) => ({ a: b, b: a })),
    setIncludeUnchanged: (includeUnchanged) => {
      set({ includeUnchanged });
      void rerun();
    },
    run: async () => {
      const { a, b, includeUnchanged } = get();
      if (!a || !b) return;
      await runBoth({ a: sourceText(a), b: sourceText(b) }, includeUnchanged);
    },
    addIgnoreRule: async (rule) => {
      try {
        set({ ignoreRules: await call('compare.addIgnoreRule', rule), error: null });
      } catch (error) {
        set({ error: errorMessage(error) });
        return false;
      }
      await rerun();
      return true;
    },
    removeIgnoreRule: async (rule) => {
      try {
        set({
          ignoreRules: await call('compare.removeIgnoreRule', { type: rule.type, path: rule.path }),
          error: null,
        });
      } catch (error) {
        set({ error: errorMessage(error) });
        return;
      }
      await rerun();
    },
    dismissError: () => set({ error: null }),
    previewChangeset: async (changesetId, environment) => {
      // Called from the changeset editor, possibly before Compare was ever opened: claiming the
      // workspace now keeps the page's first load from resetting the sides set here.
      const workspace = useWorkspaceStore.getState().current?.path ?? null;
      if (get().workspace !== workspace) {
        set({ workspace, outcome: null, ran: null, error: null });
        useCompareBrowser.getState().clear();
      }
      const a: CompareSide = { environment, point: 'latest' };
      const b: CompareSide = { environment, point: 'latest', changeset: changesetId };
      set({ a, b });
      void loadHistory(environment);
      const navigation = useNavigationStore.getState();
      navigation.go('compare');
      navigation.showCompareTab('compare');
      await runBoth({ a: sourceText(a), b: sourceText(b) }, get().includeUnchanged);
    },
  };
});
