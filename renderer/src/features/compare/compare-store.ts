import { create } from 'zustand';
import type { EnvironmentView } from '../../../../shared/model/environment';
import type { SnapshotHistoryEntry } from '../../../../shared/model/compare';
import type { SnapshotProgress } from '../../../../shared/model/snapshot';
import { call, errorMessage, onEvent } from '../../api/ferry-client';
import type { CompareOutcome, EnvironmentFieldWire, IgnoreRuleWire } from './diff-model';
import { asksForUnchanged, isNewRule, listObjects } from './ignore-visibility';
import { createDiffBrowserStore } from './diff-browser-store';
import { useNavigationStore } from '../../stores/navigation-store';
import { useWorkspaceStore } from '../../stores/workspace-store';

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
  /** The compare service's sides: a is the TARGET (what a changeset from the compare changes), b the SOURCE. */
  a: CompareSide | null;
  b: CompareSide | null;
  includeUnchanged: boolean;
  /** Compare after resolving each environment's parameters and mappings (issue 15). */
  resolve: boolean;
  /** Whether the shown outcome was resolved: its side a is in side b's names. */
  ranResolved: boolean;
  /** Fields that rightly differ per environment, declared and flagged. */
  environmentFields: EnvironmentFieldWire[];
  /** Objects differing only in ignored fields are listed (the "Show" of "N hidden by ignore rules"). */
  showIgnored: boolean;
  /** How many objects of the last compare differ only in fields the ignore rules hide. */
  hiddenByIgnore: number;
  /** The rule the last "Ignore this field" added, for Undo; null once undone or when none. */
  lastIgnored: IgnoreRuleWire | null;
  running: boolean;
  /** The latest `live.progress` of a `live:` side being read for this compare; null otherwise. */
  liveProgress: SnapshotProgress | null;
  error: string | null;
  outcome: CompareOutcome | null;
  /** The source texts the outcome was computed for; objects are read against these, not the pickers. */
  ran: { a: string; b: string } | null;
  /** The sides as picked for that outcome, to name them in sentences (the pickers may have moved on). */
  ranSides: { a: CompareSide; b: CompareSide } | null;
  ignoreRules: IgnoreRuleWire[];
  load(workspace: string | null): Promise<void>;
  setSide(which: 'a' | 'b', side: CompareSide): void;
  swap(): void;
  setIncludeUnchanged(include: boolean): void;
  setShowIgnored(show: boolean): void;
  setResolve(resolve: boolean): void;
  /** Flags fields of a type as differing per environment for the whole team, and compares again. */
  flagEnvironmentFields(type: string, paths: readonly string[]): Promise<void>;
  unflagEnvironmentField(type: string, path: string): Promise<void>;
  run(): Promise<void>;
  addIgnoreRule(rule: IgnoreRuleWire): Promise<boolean>;
  removeIgnoreRule(rule: IgnoreRuleWire): Promise<void>;
  /** Removes the rule the last ignore added; the objects it hid come back. */
  undoLastIgnore(): Promise<void>;
  dismissError(): void;
  /** Opens Compare on the environment's latest snapshot against the same with the changeset applied. */
  previewChangeset(changesetId: string, environment: string): Promise<void>;
}

export const useCompareBrowser = createDiffBrowserStore(async (object) => {
  const { ran, ranResolved } = useCompareStore.getState();
  if (!ran) return { before: null, after: null };
  return call('compare.object', {
    a: ran.a,
    b: ran.b,
    ...(ranResolved ? { resolve: true } : {}),
    type: object.type,
    key: object.key,
    ...(object.previousKey !== undefined ? { previousKey: object.previousKey } : {}),
  });
});

let latestRun = 0;
// The store is made once, but the subscription must be too (StrictMode mounts twice).
let listeningToLive = false;

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
    const { ran, ranSides } = get();
    if (!ran || !ranSides) return;
    await runBoth(ran, ranSides);
  }

  /**
   * Two passes: statuses from hashes first, so rows show at once whatever the size; then the
   * field-level result replaces them. A newer run makes an older one's answers stale. The field-level
   * pass lists unchanged objects too while rules exist, to count those the rules hide.
   */
  async function runBoth(
    texts: { a: string; b: string },
    sides: { a: CompareSide; b: CompareSide },
  ): Promise<void> {
    const run = ++latestRun;
    if (!listeningToLive) {
      listeningToLive = true;
      // A live side takes minutes on a big org (a flow export each): shown while it is read.
      onEvent('live.progress', (progress) => {
        if (get().running) set({ liveProgress: progress });
      });
    }
    set({ running: true, error: null, liveProgress: null });
    const resolve = get().resolve;
    try {
      for (const quick of [true, false]) {
        const listing = { includeUnchanged: get().includeUnchanged, showIgnored: get().showIgnored };
        const includeUnchanged = quick
          ? listing.includeUnchanged
          : asksForUnchanged(listing, get().ignoreRules);
        const outcome = await call('compare.run', {
          ...texts,
          includeUnchanged,
          quick,
          ...(resolve ? { resolve } : {}),
          // The field-level pass compares what the quick pass read: a live org is read once.
          ...(quick ? {} : { reuseLive: true }),
        });
        if (run !== latestRun) return;
        const { listed, hiddenByIgnore } = listObjects(outcome.result.objects, listing);
        set({
          outcome,
          ran: texts,
          ranSides: sides,
          ranResolved: resolve,
          ignoreRules: outcome.ignoreRules,
          // The quick pass cannot tell ignored differences apart; the last count stands until the full one.
          ...(quick ? {} : { hiddenByIgnore }),
        });
        useCompareBrowser.getState().setObjects(listed);
      }
    } catch (error) {
      if (run === latestRun) set({ error: errorMessage(error) });
    } finally {
      if (run === latestRun) set({ running: false, liveProgress: null });
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
    resolve: false,
    ranResolved: false,
    environmentFields: [],
    showIgnored: false,
    hiddenByIgnore: 0,
    lastIgnored: null,
    running: false,
    liveProgress: null,
    error: null,
    outcome: null,
    ran: null,
    ranSides: null,
    ignoreRules: [],
    load: async (workspace) => {
      if (get().workspace !== workspace) {
        set({
          workspace,
          a: null,
          b: null,
          outcome: null,
          ran: null,
          ranSides: null,
          error: null,
          hiddenByIgnore: 0,
          lastIgnored: null,
        });
        useCompareBrowser.getState().clear();
      }
      try {
        const [environments, ignoreRules, environmentFields] = await Promise.all([
          call('environments.list', {}),
          call('compare.ignoreRules', {}),
          call('compare.environmentFields', {}),
        ]);
        const names = environments.map((view) => view.config.name);
        const snapshotted = environments
          .filter((view) => view.lastSnapshot !== null)
          .map((view) => view.config.name);
        // Keep the user's picks when they still exist (the page remounts on every visit).
        const keep = (side: CompareSide | null) => (side && names.includes(side.environment) ? side : null);
        // The first two in the workspace's order, the way changes usually travel: the first is the
        // source (b), the next the target (a).
        const source = snapshotted[0];
        const target = snapshotted[1] ?? snapshotted[0];
        const b = keep(get().b) ?? (source !== undefined ? { environment: source, point: 'latest' } : null);
        const a = keep(get().a) ?? (target !== undefined ? { environment: target, point: 'latest' } : null);
        set({
          environments,
          ignoreRules,
          environmentFields,
          a,
          b,
          loaded: true,
          loadError: null,
          histories: {},
        });
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
    setShowIgnored: (showIgnored) => {
      set({ showIgnored });
      void rerun();
    },
    setResolve: (resolve) => {
      set({ resolve });
      void rerun();
    },
    flagEnvironmentFields: async (type, paths) => {
      try {
        for (const path of paths)
          set({ environmentFields: await call('compare.addEnvironmentField', { type, path }), error: null });
      } catch (error) {
        set({ error: errorMessage(error) });
        return;
      }
      await rerun();
    },
    unflagEnvironmentField: async (type, path) => {
      try {
        set({ environmentFields: await call('compare.removeEnvironmentField', { type, path }), error: null });
      } catch (error) {
        set({ error: errorMessage(error) });
        return;
      }
      await rerun();
    },
    run: async () => {
      const { a, b } = get();
      if (!a || !b) return;
      await runBoth({ a: sourceText(a), b: sourceText(b) }, { a, b });
    },
    addIgnoreRule: async (rule) => {
      const fresh = isNewRule(rule, get().ignoreRules);
      try {
        set({ ignoreRules: await call('compare.addIgnoreRule', rule), error: null });
      } catch (error) {
        set({ error: errorMessage(error) });
        return false;
      }
      set({ lastIgnored: fresh ? rule : null });
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
      const last = get().lastIgnored;
      if (last && last.type === rule.type && last.path === rule.path) set({ lastIgnored: null });
      await rerun();
    },
    undoLastIgnore: async () => {
      const last = get().lastIgnored;
      if (last) await get().removeIgnoreRule(last);
    },
    dismissError: () => set({ error: null }),
    previewChangeset: async (changesetId, environment) => {
      // Called from the changeset editor, possibly before Compare was ever opened: claiming the
      // workspace now keeps the page's first load from resetting the sides set here.
      const workspace = useWorkspaceStore.getState().current?.path ?? null;
      if (get().workspace !== workspace) {
        set({ workspace, outcome: null, ran: null, ranSides: null, error: null, lastIgnored: null });
        useCompareBrowser.getState().clear();
      }
      const a: CompareSide = { environment, point: 'latest' };
      const b: CompareSide = { environment, point: 'latest', changeset: changesetId };
      set({ a, b });
      void loadHistory(environment);
      const navigation = useNavigationStore.getState();
      navigation.go('compare');
      navigation.showCompareTab('compare');
      await runBoth({ a: sourceText(a), b: sourceText(b) }, { a, b });
    },
  };
});
